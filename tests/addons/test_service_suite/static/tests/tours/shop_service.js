import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// SRV-04: a customer buys 50 hours of a tiered service in the shop; the cart
// prices them by band (10 at 10.00 + 40 at 8.00 = 420.00) and he pays online.
registry.category("web_tour.tours").add("service_shop_tiered_service", {
    url: "/shop",
    steps: () => [
        ...tourUtils.searchProduct("Guard hours", { select: true }),
        {
            trigger: "#product_detail",
        },
        {
            content: "50 hours",
            trigger: "#product_detail form input[name=add_qty]",
            run: "edit 50",
        },
        {
            content: "Add to cart",
            trigger: "#product_detail form #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart({ quantity: 50 }),
        ...tourUtils.assertCartContains({ productName: "Guard hours" }),
        ...tourUtils.assertCartAmounts({ untaxed: "420.00" }),
        tourUtils.goToCheckout(),
        {
            content: "the payment step shows the same total",
            trigger: "tr[name='o_order_total'] .oe_currency_value:text(420.00)",
        },
        ...tourUtils.payWithDemo(),
    ],
});
