# covers: PRT-03
from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    service_contract_ids = fields.One2many(
        "service.contract", "sale_order_id", string="Contracts", readonly=True
    )
    service_contract_count = fields.Integer(
        "Contract Count", compute="_compute_service_contract_count"
    )

    def _compute_service_contract_count(self):
        if not self.env["service.contract"].has_access("read"):
            # salesmen without Services rights see the order, not its contracts
            self.service_contract_count = 0
            return
        counts = dict(
            self.env["service.contract"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.service_contract_count = counts.get(order, 0)

    def _action_confirm(self):
        """A confirmed order (a quotation confirmed by staff, or a shop order
        once paid) starts a contract for its services that are sold with one
        (``service_sale_contract``): one contract per order, from the order
        date."""
        result = super()._action_confirm()
        self._service_start_contracts()
        return result

    def action_view_service_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_contract.service_contract_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        if self.service_contract_count == 1:
            action.update(views=[(False, "form")], res_id=self.service_contract_ids.id)
        return action

    def _service_contract_lines(self):
        """The order lines that start a contract and have none yet."""
        return self.order_line.filtered(
            lambda line: (
                not line.display_type
                and not line.service_contract_line_id
                and line.product_uom_qty > 0
                and line.product_id.service_sale_contract != "none"
            )
        )

    def _service_start_contracts(self):
        """Create (and confirm, per the services' setting) the contracts of
        these confirmed orders. Runs as superuser after Odoo has checked that
        the caller may confirm the order (a salesman, or the payment of the
        customer's own order): starting the contract is part of the sale,
        while the contract's rules (approval, frozen customer, numbering)
        still apply."""
        contracts_to_confirm = self.env["service.contract"].sudo()
        for order in self:
            lines = order._service_contract_lines()
            if not lines:
                continue
            contract = order._service_create_contract(lines)
            if all(
                line.product_id.service_sale_contract == "confirm" for line in lines
            ):
                contracts_to_confirm |= contract
            else:
                contract.message_post(
                    body=self.env._(
                        "Started as a draft by %(order)s: complete it and confirm it.",
                        order=order.name,
                    )
                )
        if contracts_to_confirm:
            contracts_to_confirm.action_confirm()
            active = contracts_to_confirm.filtered(lambda c: c.state == "active")
            for contract in active:
                # the first period, billed from the start date, so that the
                # order's payment settles it
                contract.action_bill(date_until=contract.date_start)

    def _service_create_contract(self, lines):
        self.ensure_one()
        periods = Counter(
            line.product_id.service_billing_period or "monthly" for line in lines
        )
        billing_period = periods.most_common(1)[0][0]
        date_start = fields.Date.context_today(self, self.date_order)
        durations = [
            line.product_id.service_duration_months
            for line in lines
            if line.product_id.service_duration_months
        ]
        values = {
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "partner_invoice_id": self.partner_invoice_id.id,
            "currency_id": self.currency_id.id,
            "user_id": self.user_id.id,
            "payment_term_id": self.payment_term_id.id,
            "fiscal_position_id": self.fiscal_position_id.id,
            "date_start": date_start,
            "date_end": date_start + relativedelta(months=max(durations), days=-1)
            if durations
            else False,
            "billing_period": billing_period,
            "billing_mode": "advance",
            "sale_order_id": self.id,
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "quantity": line.product_uom_qty,
                        "price_unit": line.price_unit,
                        "discount": line.discount,
                        "tax_ids": [(6, 0, line.tax_ids.ids)],
                        "billing_period": (
                            line.product_id.service_billing_period
                            if line.product_id.service_billing_period != billing_period
                            else False
                        ),
                        "sale_line_id": line.id,
                    },
                )
                for line in lines
            ],
        }
        contract = (
            self.env["service.contract"]
            .sudo()
            .with_company(self.company_id)
            .create(values)
        )
        for contract_line in contract.line_ids:
            contract_line.sale_line_id.service_contract_line_id = contract_line
        self.message_post(
            body=self.env._(
                "Contract %(contract)s started for this order.",
                contract=contract._get_html_link(),
            )
        )
        return contract
