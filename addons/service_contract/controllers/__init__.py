from . import portal
from . import portal_invoices
from . import invoice_portal
