from . import service_category
from . import service_price_tier
from . import product_template
from . import sale_order_line
