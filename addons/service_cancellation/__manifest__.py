{
    "name": "Services: Cancellations",
    "summary": "Cancellation requests (disdetta) of contracts or lines: notice and "
    "effective date, approval, retention offers, final billing and credit notes, "
    "letters and churn statistics",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_contract", "service_request", "service_visit", "portal"],
    "assets": {"web.assets_tests": ["service_cancellation/static/src/tours/*.js"]},
    "data": [
        "security/service_cancellation_security.xml",
        "security/ir.model.access.csv",
        "data/service_cancellation_data.xml",
        "data/ir_cron_data.xml",
        "report/service_cancellation_report.xml",
        "report/service_cancellation_templates.xml",
        "data/mail_template_data.xml",
        "views/service_cancellation_reason_views.xml",
        "views/service_cancellation_views.xml",
        "views/service_cancellation_report_views.xml",
        "views/service_contract_views.xml",
        "views/service_cancellation_portal_templates.xml",
        "views/menus.xml",
    ],
}
