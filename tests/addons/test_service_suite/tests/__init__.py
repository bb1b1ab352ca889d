from . import test_approval
from . import test_audit
from . import test_frozen_customer
