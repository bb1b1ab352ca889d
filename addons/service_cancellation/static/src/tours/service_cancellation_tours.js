import { registry } from "@web/core/registry";

// covers: CAN-01
registry.category("web_tour.tours").add("service_cancellation_portal_customer", {
    url: "/my/contracts",
    steps: () => [
        {
            content: "The customer opens his contract",
            trigger: "a:contains(CTR/)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "He asks to cancel it",
            trigger: "a.o_service_cancellation_request",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "select[name=reason_id]",
            run: "selectByLabel Price too high",
        },
        {
            trigger: "textarea[name=note]",
            run: "edit We found a cheaper offer.",
        },
        {
            trigger: "button.o_service_cancellation_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A confirmation says the request was received (issue 17)",
            trigger: ".o_service_cancellation_sent:contains(We have received your cancellation request)",
        },
        {
            content: "The contract page lists the request, waiting for approval",
            trigger: ".o_service_cancellation_row .o_service_cancellation_state:contains(Waiting Approval)",
        },
        {
            content: "No second request can be made",
            trigger: "body:not(:has(a.o_service_cancellation_request))",
        },
    ],
});

// covers: CAN-01, CAN-02
registry.category("web_tour.tours").add("service_cancellation_staff", {
    steps: () => [
        {
            content: "The supervisor records the customer's notice from the contract",
            trigger: ".o_form_view button[name=action_new_service_cancellation]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=reason_id] input",
            run: "edit Unhappy",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Unhappy with the service)",
            run: "click",
        },
        {
            content: "The effective date follows the notice period",
            trigger: ".o_form_view .o_field_widget[name=date_effective]:not(:empty)",
        },
        {
            content: "He submits it for approval",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Waiting Approval)",
        },
    ],
});

// covers: CAN-02
registry.category("web_tour.tours").add("service_cancellation_retention", {
    steps: () => [
        {
            content: "The service user opens the cancellation waiting for approval",
            trigger: ".o_data_row .o_data_cell:contains(Harbour Authority)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook a:contains(Retention)",
            run: "click",
        },
        {
            content: "He offers a discount to keep the customer",
            trigger: ".o_form_view .o_field_widget[name=offer_type] label:contains(Discount)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=offer_discount] input",
            run: "edit 15",
        },
        {
            content: "The customer accepts",
            trigger: ".o_form_view button[name=action_retention_accepted]",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Retained)",
        },
    ],
});
