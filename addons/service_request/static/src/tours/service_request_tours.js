import { registry } from "@web/core/registry";

// covers: REQ-12
registry.category("web_tour.tours").add("service_request_portal_customer", {
    url: "/my/requests",
    steps: () => [
        {
            content: "The customer opens a new request",
            trigger: "a.o_service_request_new",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "select[name=type_id]",
            run: "selectByLabel Alarm fault",
        },
        {
            trigger: "input[name=subject]",
            run: "edit The siren does not stop",
        },
        {
            trigger: "textarea[name=description]",
            run: "edit Since this morning at the north gate.",
        },
        {
            trigger: "button.o_service_request_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request page shows its number in the portal sidebar",
            trigger: ".o_portal_service_request_sidebar h2:contains(ALF/)",
        },
        {
            content: "and its title, the subject the customer typed",
            trigger: "#service_request_content h2:contains(The siren does not stop)",
        },
        {
            trigger: ".o_service_request_stage:contains(New)",
        },
        {
            content: "The customer writes a comment",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Please call before coming",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Message-body:contains(Please call before coming)",
        },
    ],
});

// covers: REQ-04, REQ-09
registry.category("web_tour.tours").add("service_request_technician", {
    steps: () => [
        {
            content: "He shows only his own requests",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: ".o_filter_menu .dropdown-item:contains(My Requests)",
            run: "click",
        },
        {
            content: "The technician opens his request from the list",
            trigger: ".o_data_row .o_data_cell:contains(Harbour Authority)",
            run: "click",
        },
        {
            content: "He acknowledges it",
            trigger: ".o_form_view button[name=action_acknowledge]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=date_acknowledged]",
        },
        {
            content: "He validates it: its key fields lock",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            trigger: ".o_form_view .badge:contains(Validated)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id].o_readonly_modifier",
        },
        {
            content: "He moves it to In Progress",
            trigger: ".o_form_view .o_statusbar_status button:contains(In Progress)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(In Progress)",
        },
        {
            content: "He logs an internal note",
            trigger: ".o-mail-Chatter-logNote",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit Panel replaced",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o-mail-Message-body:contains(Panel replaced)",
        },
    ],
});
