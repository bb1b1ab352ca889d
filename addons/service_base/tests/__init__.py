from . import (
    test_access,
    test_amount_words,
    test_notification,
    test_sms_gateway_security,
)
