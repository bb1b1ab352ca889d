import { registry } from "@web/core/registry";

// covers: BNK-01: a customer signs a direct-debit mandate in the portal
registry.category("web_tour.tours").add("service_bank_portal_sign_mandate", {
    url: "/my/mandates",
    steps: () => [
        {
            content: "Type a wrong IBAN first",
            trigger: "form.o_service_mandate_form input[name=iban]",
            run: "edit IT60X0542811101000000999999",
        },
        {
            trigger: "form.o_service_mandate_form input[name=signer_name]",
            run: "edit Marta Rossi",
        },
        {
            trigger: "form.o_service_mandate_form input[name=accept]",
            run: "check",
        },
        {
            trigger: "form.o_service_mandate_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The IBAN is refused, the name kept",
            trigger: ".o_service_mandate_error:contains(IBAN)",
        },
        {
            trigger: "form.o_service_mandate_form input[name=signer_name]:value(Marta Rossi)",
        },
        {
            trigger: "form.o_service_mandate_form input[name=iban]",
            run: "edit IT60 X054 2811 1010 0000 0123 456",
        },
        {
            trigger: "form.o_service_mandate_form input[name=accept]",
            run: "check",
        },
        {
            trigger: "form.o_service_mandate_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The signed mandate is listed as valid",
            trigger: "table.o_service_mandates td:contains(IT60 X054 2811 1010 0000 0123 456)",
        },
        {
            trigger: "table.o_service_mandates td:contains(Valid)",
        },
    ],
});

// covers: BNK-01, BNK-02: an accountant collects by direct debit and books the statement
registry.category("web_tour.tours").add("service_bank_order_to_statement", {
    url: "/odoo/action-service_bank.service_debit_order_action",
    steps: () => [
        {
            content: "New collection order",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=journal_id] input",
            run: "edit Bank",
        },
        {
            trigger: ".dropdown-item:contains(Bank)",
            run: "click",
        },
        {
            content: "Gather the open direct-debit invoices",
            trigger: "button[name=action_gather]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row td:contains(Harbour Authority)",
        },
        {
            content: "Export the SEPA file (validated against the schema)",
            trigger: "button[name=action_export]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Exported)",
        },
        {
            content: "Post the order",
            trigger: "button[name=action_post]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
        {
            content: "Open the bank transactions to review",
            trigger: ".o_main_navbar",
            run: "goToUrl /odoo/action-service_bank.service_statement_line_action",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_data_row td:contains(Marina payment)",
        },
        {
            content: "Match the one suggested invoice",
            trigger: ".o_data_row:contains(Marina payment) button[name=action_service_apply_suggestion]",
            run: "click",
        },
        {
            content: "Remove the To Review filter to see the matched line",
            trigger: ".o_searchview .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(Marina payment) td:contains(Matched by Hand)",
        },
    ],
});
