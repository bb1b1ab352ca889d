import { registry } from "@web/core/registry";

// covers: DUN-02
registry.category("web_tour.tours").add("service_dunning_review_and_send", {
    steps: () => [
        {
            content: "The accountant runs dunning",
            trigger: "button.o_service_dunning_run",
            run: "click",
        },
        {
            content: "The run waits for review with the customer's reminder",
            trigger: ".o_field_widget[name=communication_ids] .o_data_row:contains(Harbour Authority):contains(Second reminder)",
        },
        {
            content: "He drops the reminder of the customer who just called",
            trigger: ".o_field_widget[name=communication_ids] .o_data_row:contains(Marina Club) button[name=action_cancel]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=communication_ids] .o_data_row:contains(Marina Club):contains(Cancelled)",
        },
        {
            content: "He sends the rest",
            trigger: "button.o_service_dunning_send",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});

// covers: DUN-03
registry.category("web_tour.tours").add("service_dunning_portal_accept_plan", {
    steps: () => [
        {
            content: "The customer opens his statement",
            trigger: ".o_service_statement_table",
        },
        {
            content: "He opens the plan proposed to him",
            trigger: "a.o_service_plan_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_portal_service_plan td:contains(100.00)",
        },
        {
            content: "He accepts it",
            trigger: "button.o_service_plan_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".alert-success",
        },
        {
            trigger: ".o_service_plan_state:contains(Kept)",
        },
    ],
});
