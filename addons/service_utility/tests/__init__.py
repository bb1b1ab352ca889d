from . import (
    test_access,
    test_consumption_billing,
    test_identifiers,
    test_import,
    test_import_sii,
    test_plausibility,
    test_point_contracts,
    test_portal,
    test_ui,
)
