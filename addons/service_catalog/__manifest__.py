{
    "name": "Services: Catalogue",
    "summary": "Service categories and services with their fee method (fixed, "
    "per unit, per period, tiered, formula), terms and conditions, default "
    "frequency, duration and SLA",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_base", "sale"],
    "data": [
        "security/service_catalog_security.xml",
        "security/ir.model.access.csv",
        "views/service_category_views.xml",
        "views/product_template_views.xml",
        "views/menus.xml",
    ],
}
