import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// covers: PRT-03, PRT-04: a customer buys a monthly service in the shop and
// pays online; the payment starts his contract, active, and settles its first
// invoice; he finds the contract in /my/contracts.
registry.category("web_tour.tours").add("service_portal_shop_buys_a_service", {
    url: "/shop",
    steps: () => [
        ...tourUtils.searchProduct("Night patrol subscription", { select: true }),
        {
            trigger: "#product_detail",
        },
        {
            content: "Add to cart",
            trigger: "#product_detail form #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart({ quantity: 1 }),
        ...tourUtils.assertCartContains({ productName: "Night patrol subscription" }),
        tourUtils.goToCheckout(),
        {
            content: "Card number (demo provider)",
            trigger: 'input[name="customer_input"]',
            run: "edit 4242424242424242",
        },
        ...tourUtils.pay({ expectUnloadPage: true }),
        {
            content: "Paid: the payment confirmed the order, started the contract and billed its first period",
            trigger: '[name="order_confirmation"]:contains("Your payment has been processed.")',
            timeout: 60000,
        },
        {
            content: "The customer opens his contracts",
            trigger: "[name='order_confirmation']",
            run: "goToUrl /my/contracts",
            expectUnloadPage: true,
        },
        {
            content: "The new contract is listed, active",
            trigger: "tr:has(.badge:contains(Active)) a:contains(CTR/)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Its page names the service bought",
            trigger: "body:contains(Night patrol subscription)",
        },
    ],
});
