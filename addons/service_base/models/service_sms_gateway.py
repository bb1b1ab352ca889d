# covers: BAS-08
import json
import logging
import re

import requests

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

_logger = logging.getLogger(__name__)

# where a gateway sends its authorization token, and how (API-01, issue 16)
TOKEN_ROUTE_FIELDS = ("provider", "url", "http_method", "auth_header")


class ServiceSmsGateway(models.Model):
    """An SMS provider reached over HTTP, chosen by country and carrier.

    Each company configures its own gateways (one per country or per carrier:
    operators in the Gulf often require a local sender ID per carrier). A
    gateway of provider "test" builds exactly the request an HTTP gateway would
    send and records it without sending anything: tests and demo databases use
    it, and no paid service is ever called.
    """

    _name = "service.sms.gateway"
    _description = "SMS Gateway"
    _inherit = ["service.audit.mixin", "mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(
        [("http", "HTTP API"), ("test", "Test double (records, sends nothing)")],
        required=True,
        default="test",
        tracking=True,
    )
    country_ids = fields.Many2many(
        "res.country",
        string="Countries",
        help="Numbers of these countries use this gateway (empty: any country).",
    )
    carrier = fields.Char(help="Mobile network operator this gateway serves.")
    number_prefixes = fields.Char(
        help="Comma-separated international prefixes of the carrier's numbers, "
        "e.g. +96650,+96653. The gateway with the longest matching prefix wins.",
    )
    url = fields.Char("Endpoint URL", tracking=True)
    http_method = fields.Selection(
        [("post_json", "POST (JSON)"), ("post_form", "POST (form)"), ("get", "GET")],
        default="post_json",
        required=True,
    )
    auth_header = fields.Char(
        "Authorization Header", default="Authorization", groups="base.group_system"
    )
    auth_token = fields.Char(
        "Authorization Value", groups="base.group_system", copy=False
    )
    sender_id = fields.Char("Sender ID")
    param_to = fields.Char("Recipient Parameter", default="to", required=True)
    param_message = fields.Char("Message Parameter", default="message", required=True)
    param_sender = fields.Char("Sender Parameter", default="from")
    extra_params = fields.Text(
        "Extra Parameters",
        help='JSON object merged into every request, e.g. {"unicode": 1}.',
    )
    timeout = fields.Integer("Timeout (s)", default=10)
    message_count = fields.Integer(compute="_compute_message_count")

    def _compute_message_count(self):
        counts = dict(
            self.env["service.sms.message"]._read_group(
                [("gateway_id", "in", self.ids)], ["gateway_id"], ["__count"]
            )
        )
        for gateway in self:
            gateway.message_count = counts.get(gateway, 0)

    @api.constrains("provider", "url")
    def _check_url(self):
        for gateway in self:
            if gateway.provider == "http" and not (gateway.url or "").startswith(
                ("https://", "http://")
            ):
                raise ValidationError(
                    self.env._(
                        "Endpoint URL: gateway '%(name)s' needs an http(s):// URL "
                        "to send SMS.",
                        name=gateway.name,
                    )
                )

    @api.constrains("extra_params")
    def _check_extra_params(self):
        for gateway in self.filtered("extra_params"):
            try:
                value = json.loads(gateway.extra_params)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Extra Parameters: not valid JSON (%(error)s). Write an "
                        'object such as {"unicode": 1}.',
                        error=error,
                    )
                ) from error
            if not isinstance(value, dict):
                raise ValidationError(
                    self.env._(
                        'Extra Parameters: write a JSON object such as {"unicode": 1}.'
                    )
                )

    @api.constrains("number_prefixes")
    def _check_number_prefixes(self):
        for gateway in self.filtered("number_prefixes"):
            for prefix in gateway._prefixes():
                if not re.fullmatch(r"\+\d{1,12}", prefix):
                    raise ValidationError(
                        self.env._(
                            "Number Prefixes: '%(prefix)s' is not an international "
                            "prefix; write it as + and digits, e.g. +96650.",
                            prefix=prefix,
                        )
                    )

    def write(self, vals):
        self._check_token_route(vals)
        return super().write(vals)

    def _check_token_route(self, vals):
        """Only administrators decide where a token an administrator entered
        is sent: a manager redirecting the gateway would receive it."""
        changed = [name for name in TOKEN_ROUTE_FIELDS if name in vals]
        if not changed or self.env.is_system():
            return
        carrying = self.sudo().filtered("auth_token")
        if carrying:
            raise AccessError(
                self.env._(
                    "%(fields)s: gateway '%(name)s' sends an authorization token, "
                    "so only an administrator (Settings rights) may change where "
                    "and how it is sent. Ask an administrator.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in changed
                    ),
                    name=carrying[0].name,
                )
            )

    def _prefixes(self):
        self.ensure_one()
        return [p.strip() for p in (self.number_prefixes or "").split(",") if p.strip()]

    @api.model
    def _normalize_number(self, number, country=None):
        """International form (+ and digits), using the country for local numbers."""
        if not number:
            return False
        digits = re.sub(r"[^\d+]", "", number)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        if not digits.startswith("+"):
            if not country or not country.phone_code:
                return False
            digits = f"+{country.phone_code}{digits.lstrip('0')}"
        return digits if re.fullmatch(r"\+\d{6,15}", digits) else False

    @api.model
    def _select_for(self, number, company, country=None):
        """Best gateway of the company for an already normalised number."""
        gateways = self.sudo().search([("company_id", "=", company.id)])
        best, best_score = self.browse(), -1
        for gateway in gateways:
            if country and gateway.country_ids and country not in gateway.country_ids:
                continue
            prefixes = gateway._prefixes()
            if prefixes:
                matching = [p for p in prefixes if number.startswith(p)]
                if not matching:
                    continue
                score = max(len(p) for p in matching)
            else:
                score = 0
            if score > best_score:
                best, best_score = gateway, score
        return best

    def _build_request(self, number, body):
        """Method, URL and parameters of the HTTP call for one message."""
        self.ensure_one()
        params = json.loads(self.extra_params) if self.extra_params else {}
        params[self.param_to] = number
        params[self.param_message] = body
        sender = self.sender_id or self.company_id.service_sms_sender
        if self.param_sender and sender:
            params[self.param_sender] = sender
        return self.http_method, self.url or "test://", params

    def _send(self, messages):
        """Send (or, for the test double, record) outgoing messages."""
        self.ensure_one()
        gateway = self.sudo()
        for message in messages:
            method, url, params = gateway._build_request(message.number, message.body)
            values = {
                "request_url": url,
                "request_payload": json.dumps(params, ensure_ascii=False),
            }
            if gateway.provider == "test":
                values.update(state="sent", sent_date=fields.Datetime.now())
                message.write(values)
                continue
            headers = {}
            if gateway.auth_token:
                headers[gateway.auth_header or "Authorization"] = gateway.auth_token
            try:
                if method == "get":
                    response = requests.get(
                        url, params=params, headers=headers, timeout=gateway.timeout
                    )
                elif method == "post_form":
                    response = requests.post(
                        url, data=params, headers=headers, timeout=gateway.timeout
                    )
                else:
                    response = requests.post(
                        url, json=params, headers=headers, timeout=gateway.timeout
                    )
                response.raise_for_status()
                values.update(
                    state="sent",
                    sent_date=fields.Datetime.now(),
                    response=response.text[:2000],
                )
            except requests.RequestException as error:
                _logger.warning("SMS gateway %s failed: %s", gateway.name, error)
                values.update(state="error", error_message=str(error)[:2000])
            message.write(values)

    def action_view_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_base.service_sms_message_action"
        )
        action["domain"] = [("gateway_id", "=", self.id)]
        return action
