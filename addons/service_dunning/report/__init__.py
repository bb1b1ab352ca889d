from . import service_statement
