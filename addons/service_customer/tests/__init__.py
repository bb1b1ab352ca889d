from . import test_access
from . import test_contract_account
from . import test_customer_code
from . import test_documents
from . import test_duplicates
from . import test_identifiers
from . import test_ui
from . import test_xmlrpc
