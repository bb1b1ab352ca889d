import { registry } from "@web/core/registry";

// covers: CUS-01, CUS-02
registry.category("web_tour.tours").add("service_customer_create_customer", {
    steps: () => [
        {
            content: "Create a customer from Services > Customers",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Type a name close to an existing customer",
            trigger: ".o_field_widget[name=name]:not(.o_invisible_modifier) :is(textarea, input)",
            run: "edit Desert Shield Guards LLC",
        },
        {
            content: "Give a country for the mobile number",
            trigger: ".o_field_widget[name=country_id] input",
            run: "edit Saudi",
        },
        {
            trigger: ".dropdown-item:contains(Saudi Arabia)",
            run: "click",
        },
        {
            content: "Enter the mobile number in local form",
            trigger: ".o_field_widget[name=service_mobile] input",
            run: "edit 050 123 4567",
        },
        {
            content: "The similar customer is shown before saving",
            trigger: ".alert-warning:contains(Similar customers already exist):contains(Desert Shield Guarding)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The saved customer shows its code",
            trigger: ".o_breadcrumb .active:contains([C0)",
        },
    ],
});
