{
    "name": "Services: Installed Items and Visits",
    "summary": "Installed item cards with their principal and installation details, "
    "service visits planned from contract frequencies, technicians, checklists, "
    "signed visit reports and due/overdue alerts",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_contract", "mail"],
    "assets": {"web.assets_tests": ["service_visit/static/src/tours/*.js"]},
    "data": [
        "security/service_visit_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/service_item_views.xml",
        "views/service_visit_views.xml",
        "views/service_contract_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "report/service_visit_report.xml",
        "report/service_visit_templates.xml",
        "views/menus.xml",
    ],
}
