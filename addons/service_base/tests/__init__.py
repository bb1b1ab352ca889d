from . import test_access, test_notification, test_sms_gateway_security
