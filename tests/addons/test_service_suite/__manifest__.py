{
    "name": "Services: test models",
    "summary": "Stand-in documents that exercise the suite's mixins in tests "
    "(approval, audit, frozen customers). Installed by scripts/test only.",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_customer", "service_contract", "website_sale", "payment_demo"],
    "assets": {"web.assets_tests": ["test_service_suite/static/tests/tours/*.js"]},
    "data": ["security/ir.model.access.csv", "security/test_service_security.xml"],
}
