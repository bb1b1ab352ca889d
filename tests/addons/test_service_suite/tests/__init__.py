from . import test_approval, test_audit, test_frozen_customer
from . import test_protected_fields
from . import test_api_examples
from . import test_ui_approval
from . import test_shop
