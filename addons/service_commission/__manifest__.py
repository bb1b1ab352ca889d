{
    "name": "Services: Sales Agents and Commissions",
    "summary": "Sales agents on customers and contracts, commission plans "
    "(percentage by category, fixed per new contract, tiers, on invoiced or paid "
    "amounts), settlements per period turned into vendor bills, clawback of "
    "early cancellations, agent portfolio analysis",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_contract", "service_cancellation", "account"],
    "assets": {"web.assets_tests": ["service_commission/static/src/tours/*.js"]},
    "data": [
        "security/service_commission_security.xml",
        "security/ir.model.access.csv",
        "data/service_commission_data.xml",
        "data/ir_cron_data.xml",
        "views/service_commission_plan_views.xml",
        "views/service_commission_settlement_views.xml",
        "views/service_commission_portfolio_views.xml",
        "views/res_partner_views.xml",
        "views/service_contract_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/service_cancellation_report_views.xml",
        "wizards/service_commission_compute_views.xml",
        "views/menus.xml",
    ],
}
