import { registry } from "@web/core/registry";

// a 1 x 1 PNG: the photo of the meter
const METER_PHOTO =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

// covers: UTL-02, UTL-03
registry.category("web_tour.tours").add("service_utility_portal_self_reading", {
    url: "/my/supply-points",
    steps: () => [
        {
            content: "The customer opens his supply point",
            trigger: ".o_service_supply_point_row a:contains(IT001E12345678)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "His consumption history is drawn",
            trigger: "svg.o_service_consumption_chart rect",
        },
        {
            trigger: "input[name=value]",
            run: "edit 4370",
        },
        {
            content: "He attaches a photo of the meter",
            trigger: "input[name=photo]",
            run() {
                const bytes = Uint8Array.from(atob(METER_PHOTO), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "meter.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            trigger: "button.o_service_reading_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reading is recorded and listed",
            trigger: ".o_service_reading_thanks",
        },
        {
            trigger: ".o_service_reading_row:contains(4370)",
        },
    ],
});

// covers: UTL-02
registry.category("web_tour.tours").add("service_utility_review_readings", {
    steps: () => [
        {
            content: "The reviewer opens the flagged reading",
            trigger: ".o_data_row:contains(IT001E12345678) .o_data_cell[name=flag_reason]",
            run: "click",
        },
        {
            content: "The form shows why it was flagged",
            trigger: ".alert-warning:contains(lower than the previous reading)",
        },
        {
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            content: "The reading is valid now",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Valid)",
        },
    ],
});
