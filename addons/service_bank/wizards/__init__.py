from . import service_bank_statement_import
from . import service_debit_return_wizard
