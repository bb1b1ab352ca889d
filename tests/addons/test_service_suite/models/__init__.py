from . import service_stand_in_document
