import { registry } from "@web/core/registry";

// covers: VIS-02
registry.category("web_tour.tours").add("service_visit_done", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Services app",
            trigger: ".o_app[data-menu-xmlid='service_base.menu_service_root']",
            run: "click",
        },
        {
            content: "Operations > Visits",
            trigger:
                ".o_menu_sections button[data-menu-xmlid='service_base.menu_service_operations']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='service_visit.menu_service_visit']",
            run: "click",
        },
        {
            content: "Open the visit of Coral Bay Hotel",
            trigger: ".o_list_view .o_data_row td:contains(Coral Bay Hotel)",
            run: "click",
        },
        {
            content: "Tick the first check",
            trigger:
                ".o_field_widget[name=checklist_line_ids] .o_data_row:contains(Test the smoke detectors) .o_field_boolean_toggle input",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=checklist_line_ids] .o_data_row:contains(Test the smoke detectors) .o_field_boolean_toggle input:checked",
        },
        {
            content: "No signature today: give the reason",
            trigger: ".o_notebook a[name=signature]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=no_signature_reason] input",
            run: "edit Manager away, desk closed",
        },
        {
            content: "Mark the visit done",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_done]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "Back to the visits: the calendar shows them by due date",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            trigger: ".o_calendar_view .o_calendar_renderer",
        },
        {
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "The kanban shows the planned visits (the done one is filtered out)",
            trigger: ".o_kanban_view .o_kanban_record:contains(Sand Dune Mall)",
        },
        {
            content: "Operations > Installed Items: the item card lists its visits",
            trigger:
                ".o_menu_sections button[data-menu-xmlid='service_base.menu_service_operations']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='service_visit.menu_service_item']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains(CB-77-0042)",
            run: "click",
        },
        {
            trigger:
                "button[name=action_view_visits_done] .o_stat_value:contains(1)",
        },
        {
            trigger: ".o_field_widget[name=visit_ids] .o_data_row:contains(Done)",
        },
    ],
});
