from . import test_receipts
from . import test_gateway
from . import test_rounds
from . import test_cheques
from . import test_access
from . import test_statistics
from . import test_tour
from . import test_xmlrpc
