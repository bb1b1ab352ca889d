from . import service_bank_statement_import
