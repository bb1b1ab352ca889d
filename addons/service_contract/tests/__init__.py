from . import test_billing_run
from . import test_billing_concurrency
from . import test_contract
from . import test_formula
from . import test_renewal
from . import test_advances
from . import test_report_portal
