from . import service_commission_compute
