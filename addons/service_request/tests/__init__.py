from . import test_access
from . import test_numbering
from . import test_distribution
from . import test_escalation
from . import test_postponement
from . import test_lifecycle
from . import test_portal
from . import test_xmlrpc
