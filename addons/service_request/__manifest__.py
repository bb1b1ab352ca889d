{
    "name": "Services: Requests and Complaints",
    "summary": "Service requests, complaints, inquiries and operations-room events "
    "with numbering, assignment by rules and caps, SLA, escalation, postponement "
    "by approval, customer portal",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["service_contract", "portal", "rating", "resource"],
    "assets": {"web.assets_tests": ["service_request/static/src/tours/*.js"]},
    "data": [
        "security/service_request_security.xml",
        "security/ir.model.access.csv",
        "data/service_request_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/service_request_type_views.xml",
        "views/service_request_stage_views.xml",
        "views/service_request_team_views.xml",
        "views/service_request_views.xml",
        "views/service_request_postponement_views.xml",
        "views/service_request_report_views.xml",
        "views/res_users_views.xml",
        "views/service_request_portal_templates.xml",
        "views/menus.xml",
    ],
}
