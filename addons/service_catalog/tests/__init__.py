from . import test_access
from . import test_category
from . import test_fee_methods
