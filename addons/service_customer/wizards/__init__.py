from . import service_customer_freeze_wizard
