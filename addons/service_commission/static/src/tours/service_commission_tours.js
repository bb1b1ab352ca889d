import { registry } from "@web/core/registry";

// covers: AGT-03
registry.category("web_tour.tours").add("service_commission_review_and_bill", {
    steps: () => [
        {
            content: "Open the draft settlement of Anna Agent",
            trigger: ".o_list_view .o_data_row:contains(Anna Agent) .o_data_cell[name=agent_id]",
            run: "click",
        },
        {
            content: "Its lines show the commission per invoice line",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(10.00)",
        },
        {
            content: "Mark it reviewed",
            trigger: ".o_form_view button[name=action_review]",
            run: "click",
        },
        {
            content: "Create the vendor bill of the agent",
            trigger: ".o_form_view button[name=action_create_bill]",
            run: "click",
        },
        {
            content: "The bill opens with one line per category",
            trigger: ".o_field_widget[name=invoice_line_ids] .o_data_row:contains(Guarding)",
        },
        {
            trigger: ".o_field_widget[name=invoice_line_ids] .o_data_row:contains(Alarms)",
        },
    ],
});

// covers: AGT-03, AGT-04
registry.category("web_tour.tours").add("service_commission_agent_own_view", {
    steps: () => [
        {
            content: "The agent sees his own draft settlement, not Otto's",
            trigger: ".o_list_view .o_data_row:contains(Anna Agent)",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Otto Agent)))",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Anna Agent) .o_data_cell[name=agent_id]",
            run: "click",
        },
        {
            content: "He reads its lines but cannot review it",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(10.00)",
        },
        {
            trigger: ".o_form_view:not(:has(button[name=action_review]))",
        },
        {
            content: "His portfolio",
            trigger: ".o_menu_sections .dropdown-toggle:contains(Commissions)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains(Agent Portfolio)",
            run: "click",
        },
        {
            trigger: ".o_pivot th:contains(Anna Agent)",
        },
        {
            trigger: ".o_pivot:not(:has(th:contains(Otto Agent)))",
        },
        {
            content: "His contracts",
            trigger: ".o_menu_sections .dropdown-toggle:contains(Commissions)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains(My Contracts)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Harbour Authority)",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Port Warehouse)))",
        },
    ],
});
