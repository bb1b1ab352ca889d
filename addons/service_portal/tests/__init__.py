from . import test_shop_contract
from . import test_shop_tour
from . import test_portal_language
