{
    "name": "Services: Contracts and Billing",
    "summary": "Service contracts billed by period and by formula, billing runs "
    "that post invoices exactly once per period",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_catalog", "service_customer", "account"],
    "data": [
        "security/service_contract_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/service_formula_views.xml",
        "views/service_contract_views.xml",
        "views/service_contract_input_views.xml",
        "views/service_billing_run_views.xml",
        "views/menus.xml",
    ],
}
