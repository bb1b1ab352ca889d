import { registry } from "@web/core/registry";

// covers: COL-03
registry.category("web_tour.tours").add("service_collection_round_mobile", {
    steps: () => [
        {
            content: "The collector opens his customer on the round",
            trigger: ".o_field_widget[name=line_ids] .o_kanban_record:contains(Harbour Authority)",
            run: "click",
        },
        {
            content: "He sees what is expected",
            trigger: ".modal .o_field_widget[name=invoice_refs]:contains(INV/)",
        },
        {
            content: "He records the cash collected",
            trigger: ".modal .o_field_widget[name=amount_cash] input",
            run: "edit 120",
        },
        {
            trigger: ".modal .o_field_widget[name=note] input",
            run: "edit Paid at the gate",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The round shows the amount collected",
            trigger: ".o_field_widget[name=line_ids] .o_kanban_record:contains(Harbour Authority):contains(120)",
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

// covers: COL-03
registry.category("web_tour.tours").add("service_collection_collector_lands_on_rounds", {
    steps: () => [
        {
            content: "The collector lands on his rounds, not in Discuss",
            trigger: ".o_breadcrumb:contains(Collection Rounds)",
        },
        {
            trigger: "body:not(:has(.o-mail-ChatWindow))",
        },
        {
            content: "He opens today's round: a card on the phone",
            trigger: ".o_kanban_record:contains(COL/):contains(Draft)",
            run: "click",
        },
        {
            content: "Start Round is a header button on the phone",
            trigger: ".o_statusbar_buttons > button[name=action_start]",
            run: "click",
        },
        {
            content: "The round is in progress",
            trigger: ".o_form_view:not(:has(button[name=action_start])) .o_statusbar_status:contains(In Progress)",
        },
    ],
});
