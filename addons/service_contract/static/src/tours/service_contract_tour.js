import { registry } from "@web/core/registry";

// the row being edited; by position, as the previous row stays selected for a
// moment after "Add a line"
const lineRow = (position) =>
    `.o_field_widget[name=line_ids] .o_data_row:nth-child(${position}).o_selected_row`;

// covers: CON-01, CON-02, CON-04
registry.category("web_tour.tours").add("service_contract_create_and_bill", {
    steps: () => [
        {
            content: "Create a contract from Services > Contracts",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the existing customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Harbour Authority",
        },
        {
            trigger: ".dropdown-item:contains(Harbour Authority)",
            run: "click",
        },
        {
            content: "First line: a service billed per unit",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: `${lineRow(1)} .o_field_widget[name=product_id] input`,
            run: "edit Patrol visit",
        },
        {
            trigger: ".dropdown-item:contains(Patrol visit)",
            run: "click",
        },
        {
            content: "The unit price comes from the catalogue",
            trigger: `${lineRow(1)} .o_field_widget[name=price_unit] input:value(20.00)`,
        },
        {
            trigger: `${lineRow(1)} .o_field_widget[name=quantity] input`,
            run: "edit 3",
        },
        {
            content: "Second line: a fixed service",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: `${lineRow(2)} .o_field_widget[name=product_id] input`,
            run: "edit Static guard",
        },
        {
            trigger: ".dropdown-item:contains(Static guard)",
            run: "click",
        },
        {
            content: "Both lines count in the amount per period",
            trigger: ".o_field_widget[name=amount_period]:contains(160.00)",
        },
        {
            content: "Confirm: no approval rule applies, so it becomes active",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Active)",
        },
        {
            content: "Open Contracts > Billing Runs",
            trigger:
                ".o_menu_sections button[data-menu-xmlid='service_contract.menu_service_contracts']",
            run: "click",
        },
        {
            trigger:
                ".dropdown-item[data-menu-xmlid='service_contract.menu_service_billing_run']",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Run billing up to today",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_run]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "The run made one invoice",
            trigger:
                "button[name=action_view_invoices] .o_stat_value:contains(1)",
        },
    ],
});
