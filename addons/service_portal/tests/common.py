"""Set-up shared by the shop tests (PRT-03): a service that starts a
contract when sold, the demo payment provider switched on, and paying an
order through it as the shop's payment page does."""


def enable_demo_provider(env):
    """The demo payment provider (payment_demo), in test mode."""
    provider = env.ref("payment.payment_provider_demo")
    if provider.state == "disabled":
        provider.state = "test"
    return provider


def create_contract_service(env, model="product.product", **values):
    """A service that starts a confirmed monthly contract when sold."""
    return env[model].create(
        {
            "type": "service",
            "service_fee_method": "fixed",
            "service_billing_period": "monthly",
            "service_sale_contract": "confirm",
            **values,
        }
    )


def pay_order_online(env, order):
    """Pay the order through the demo provider, as the shop's payment page
    does: the transaction is done and post-processed."""
    provider = enable_demo_provider(env)
    transaction = env["payment.transaction"].create(
        {
            "provider_id": provider.id,
            "payment_method_id": env.ref("payment_demo.payment_method_demo").id,
            "reference": f"{order.name}-test",
            "amount": order.amount_total,
            "currency_id": order.currency_id.id,
            "partner_id": order.partner_id.id,
            "sale_order_ids": [(6, 0, order.ids)],
            "operation": "online_direct",
        }
    )
    transaction._set_done()
    transaction._post_process()
    return transaction
