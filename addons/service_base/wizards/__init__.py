from . import service_approval_reject_wizard
