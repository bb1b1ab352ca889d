{
    "name": "Services: Customers",
    "summary": "Customer master for service companies: codes, validated "
    "identifiers, address kinds, duplicate guard, freeze, sources, documents "
    "with expiry, contract accounts",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_base", "contacts", "base_vat"],
    "external_dependencies": {"python": ["python-stdnum"]},
    "data": [
        "security/service_customer_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/service_document_type_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizards/service_customer_freeze_wizard_views.xml",
        "views/service_document_views.xml",
        "views/service_document_type_views.xml",
        "views/service_customer_source_views.xml",
        "views/service_contract_account_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "service_customer/static/src/tours/*.js",
        ],
    },
}
