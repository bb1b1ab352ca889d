from . import res_company
from . import res_config_settings
from . import product_template
from . import service_item
from . import service_visit
from . import service_visit_checklist_line
from . import service_contract_line
from . import service_contract
