from . import test_commission_plan
from . import test_settlement
from . import test_concurrency
from . import test_vendor_bill
from . import test_access
from . import test_portfolio
from . import test_xmlrpc
from . import test_ui
