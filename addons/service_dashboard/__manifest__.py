{
    "name": "Services: Dashboard and Statistics",
    "summary": "The Services dashboard (recurring revenue, billed, collected, "
    "overdue, held billings, requests and SLA, visits, churn; each figure opens "
    "its records), sales statistics by customer, service, agent and period, "
    "the 360° customer",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["board", "sale", "service_commission", "service_cancellation"],
    "assets": {
        "web.assets_backend": ["service_dashboard/static/src/scss/*.scss"],
        "web.assets_tests": ["service_dashboard/static/src/tours/*.js"],
    },
    "data": [
        "security/service_dashboard_security.xml",
        "security/ir.model.access.csv",
        "views/service_sales_report_views.xml",
        "views/service_dashboard_views.xml",
        "views/res_partner_views.xml",
        "views/menus.xml",
    ],
}
