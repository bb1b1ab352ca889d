import { registry } from "@web/core/registry";

// covers: BAS-03, BAS-07
registry.category("web_tour.tours").add("service_base_configure_approvals", {
    steps: () => [
        {
            content: "The Services block of the settings shows the suite options",
            trigger: ".o_setting_container:contains(Approval rules):contains(SMS gateways)",
        },
        {
            content: "Open the approval rules from the settings",
            trigger: "button[name='%(service_base.service_approval_rule_action)d'], button:contains(Approval Rules)",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Discounts above limit",
        },
        {
            content: "Only document types supporting approvals are offered",
            trigger: ".o_field_widget[name=model_id] input",
            run: "edit Test service",
        },
        {
            trigger: ".dropdown-item:contains(Test service document)",
            run: "click",
        },
        {
            content: "Add a level",
            trigger: ".o_field_widget[name=level_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Supervisor",
        },
        {
            trigger: ".modal .o_field_widget[name=group_id] input",
            run: "edit Supervisor",
        },
        {
            trigger: ".dropdown-item:contains(Supervisor)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=amount_limit] input",
            run: "edit 5000",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=level_ids] .o_data_row:contains(Supervisor)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
