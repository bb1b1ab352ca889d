from . import service_dashboard
from . import service_sales_report
from . import res_partner
