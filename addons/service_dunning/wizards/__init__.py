from . import service_statement_wizard
