from . import (
    test_access,
    test_billing,
    test_concurrency,
    test_effective_date,
    test_letter,
    test_one_open_cancellation,
    test_portal,
    test_retention,
    test_statistics,
    test_ui,
    test_xmlrpc,
)
