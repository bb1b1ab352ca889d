from . import product_template
from . import sale_order
from . import sale_order_line
from . import service_contract
from . import payment_transaction
