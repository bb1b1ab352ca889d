import { registry } from "@web/core/registry";

// covers: RPT-01
registry.category("web_tour.tours").add("service_dashboard_figures_click_through", {
    steps: () => [
        {
            content: "The dashboard shows the company's figures",
            trigger: ".o_service_dashboard .o_kanban_record:contains(Recurring Revenue / Month)",
        },
        {
            content: "and its charts",
            trigger: ".o-dashboard-action:contains(Recurring Revenue by Service) canvas",
        },
        {
            content: "The overdue figure opens the overdue invoices",
            trigger: ".o_service_dashboard a[name=action_open_overdue]",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains(Overdue Invoices)",
        },
        {
            content: "exactly the one overdue invoice",
            trigger: ".o_list_view:not(:has(.o_data_row ~ .o_data_row)) .o_data_row:contains(INV/)",
        },
    ],
});
