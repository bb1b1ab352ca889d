{
    "name": "Services: Base",
    "summary": "Services app, roles, multi-company rules, approval engine, "
    "audit trail and notification channels (e-mail, SMS gateways, push)",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": ["base_setup", "mail"],
    "data": [
        "security/service_base_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "wizards/service_approval_reject_wizard_views.xml",
        "views/service_approval_rule_views.xml",
        "views/service_approval_entry_views.xml",
        "views/service_audit_log_views.xml",
        "views/service_sms_gateway_views.xml",
        "views/service_sms_message_views.xml",
        "views/service_notification_template_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
        "report/report_layout_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "service_base/static/src/tours/*.js",
        ],
    },
    "application": True,
}
