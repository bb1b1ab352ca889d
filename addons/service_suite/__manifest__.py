{
    "name": "Services: Suite",
    "summary": "Installs the whole service-company suite; demo companies, users "
    "and customers for the main job",
    "version": "19.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-suite/service-suite",
    "author": "Service Suite",
    "license": "LGPL-3",
    "depends": [
        "service_base",
        "service_customer",
        "service_catalog",
        "service_contract",
        "service_visit",
        "service_request",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/service_document_demo.xml",
        "demo/service_catalog_demo.xml",
        "demo/service_contract_demo.xml",
        "demo/service_request_demo.xml",
        "demo/service_notification_demo.xml",
    ],
    "application": True,
}
