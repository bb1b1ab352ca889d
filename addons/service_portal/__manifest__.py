{
    "name": "Services: Portal and Shop",
    "summary": "Services sold in the shop or on a confirmed quotation start a "
    "contract, billed from its start date, the online payment settled on its "
    "first invoice",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_contract", "sale", "website_sale"],
    "assets": {"web.assets_tests": ["service_portal/static/src/tours/*.js"]},
    "data": [
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/service_contract_views.xml",
    ],
    "demo": ["demo/product_template_demo.xml"],
}
