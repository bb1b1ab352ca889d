from . import formula_engine
from . import service_formula
from . import service_contract
from . import service_contract_line
from . import service_contract_input
from . import service_billing_run
from . import account_move_line
from . import res_company
