{
    "name": "Services: Utilities",
    "summary": "Supply points with validated identifiers, meters and readings "
    "checked for plausibility, CSV/XML import, and consumption billed through "
    "contract formulas, with held points in the billing run",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_contract", "portal"],
    "external_dependencies": {"python": ["python-stdnum"]},
    "assets": {"web.assets_tests": ["service_utility/static/src/tours/*.js"]},
    "data": [
        "security/service_utility_security.xml",
        "security/ir.model.access.csv",
        "views/service_supply_point_views.xml",
        "views/service_meter_views.xml",
        "views/service_meter_reading_views.xml",
        "views/service_consumption_views.xml",
        "views/service_reading_import_views.xml",
        "views/service_contract_views.xml",
        "views/service_utility_portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/service_utility_demo.xml"],
}
