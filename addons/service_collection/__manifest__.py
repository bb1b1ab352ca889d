{
    "name": "Services: Collection",
    "summary": "Receipts and settlements on Odoo payments, online payments settled "
    "automatically, collectors and their rounds, post-dated cheques, outstanding "
    "and cleared payments per customer and principal",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": [
        "service_contract",
        "service_visit",
        "account_payment",
        "payment",
        "portal",
    ],
    "assets": {"web.assets_tests": ["service_collection/static/src/tours/*.js"]},
    "data": [
        "security/service_collection_security.xml",
        "security/ir.model.access.csv",
        "data/service_collection_data.xml",
        "report/service_collection_reports.xml",
        "views/account_payment_views.xml",
        "views/service_cheque_views.xml",
        "views/service_collection_round_views.xml",
        "views/service_receipt_cancellation_views.xml",
        "views/service_payment_report_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "post_init_hook": "_service_collection_post_init",
}
