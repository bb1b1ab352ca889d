from . import test_service_document
