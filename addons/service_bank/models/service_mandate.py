# covers: BNK-01
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.sepa import iban_is_valid, sepa_identifier

# a mandate not used for 36 months lapses (SEPA rulebook)
EXPIRY_MONTHS = 36


class ServiceMandate(models.Model):
    """A customer's SEPA direct-debit mandate for one of his bank accounts."""

    _name = "service.mandate"
    _description = "Direct Debit Mandate"
    _inherit = [
        "service.audit.mixin",
        "mail.thread",
        "service.numbering.mixin",
    ]
    _numbering_code = "service.mandate"
    _numbering_prefix = "MND"
    _order = "signature_date desc, id desc"
    _check_company_auto = True
    # covers: BNK-01, API-01 (validity, use and returns change only through
    # the mandate's actions and the collection orders)
    _service_protected_fields = (
        "state",
        "first_debit_date",
        "last_debit_date",
        "return_count",
    )
    _service_transitions = {
        "action_validate": "service_base.group_service_user",
        "action_revoke": "service_base.group_service_user",
    }

    _reference_company_uniq = models.UniqueIndex(
        "(name, company_id)",
        "Mandate Reference: already used in this company; each mandate needs "
        "its own reference.",
    )

    name = fields.Char(
        "Mandate Reference",
        required=True,
        copy=False,
        default="/",
        tracking=True,
        help="Unique Mandate Reference (UMR), at most 35 characters.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    partner_bank_id = fields.Many2one(
        "res.partner.bank",
        "Bank Account",
        required=True,
        tracking=True,
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
    )
    iban = fields.Char(related="partner_bank_id.acc_number", string="IBAN")
    bic = fields.Char(related="partner_bank_id.bank_bic", string="BIC")
    signature_date = fields.Date(tracking=True)
    scheme = fields.Selection(
        [("CORE", "Core (consumers)"), ("B2B", "Business to Business")],
        required=True,
        default="CORE",
        tracking=True,
    )
    recurrence = fields.Selection(
        [("recurrent", "Recurrent"), ("oneoff", "One-off")],
        required=True,
        default="recurrent",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("valid", "Valid"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    first_debit_date = fields.Date(readonly=True, copy=False)
    last_debit_date = fields.Date(readonly=True, copy=False)
    final = fields.Boolean(
        "Last Collection",
        tracking=True,
        help="The next collection is the last one (sequence type FNAL); the "
        "mandate ends after it.",
    )
    return_count = fields.Integer(
        "Returns", readonly=True, copy=False, help="Direct debits returned unpaid."
    )
    amendment_ids = fields.One2many(
        "service.mandate.amendment", "mandate_id", "Amendments", readonly=True
    )
    amendment_pending = fields.Boolean(
        compute="_compute_amendment_pending",
        help="An amendment not yet announced to the bank in a collection.",
    )
    expiry_date = fields.Date(
        compute="_compute_expiry_date",
        help="Lapses on this date unless a collection uses it before.",
    )

    @api.depends("amendment_ids.reported")
    def _compute_amendment_pending(self):
        for mandate in self:
            mandate.amendment_pending = any(
                not amendment.reported for amendment in mandate.amendment_ids
            )

    @api.depends("signature_date", "last_debit_date")
    def _compute_expiry_date(self):
        for mandate in self:
            start = mandate.last_debit_date or mandate.signature_date
            mandate.expiry_date = (
                start + relativedelta(months=EXPIRY_MONTHS) if start else False
            )

    @api.constrains("name")
    def _check_name(self):
        for mandate in self:
            if mandate.name != "/" and sepa_identifier(mandate.name) != mandate.name:
                raise ValidationError(
                    self.env._(
                        "Mandate Reference: '%(reference)s' must be at most 35 "
                        "letters, digits or / - ? : ( ) . , ' + without spaces, "
                        "not starting or ending with /.",
                        reference=mandate.name,
                    )
                )

    @api.constrains("partner_bank_id", "partner_id")
    def _check_partner_bank_id(self):
        for mandate in self:
            account = mandate.partner_bank_id
            if account.partner_id.commercial_partner_id != (
                mandate.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Bank Account: %(account)s belongs to %(owner)s, not to "
                        "%(customer)s.",
                        account=account.display_name,
                        owner=account.partner_id.display_name,
                        customer=mandate.partner_id.display_name,
                    )
                )
            if not iban_is_valid(account.acc_number):
                raise ValidationError(
                    self.env._(
                        "Bank Account of %(customer)s: '%(number)s' is not a "
                        "valid IBAN; correct the account number.",
                        customer=mandate.partner_id.display_name,
                        number=account.acc_number,
                    )
                )

    def write(self, vals):
        if "partner_bank_id" in vals:
            # a new account on a used mandate is an amendment (SMNDA): kept
            # and announced in the next collection
            amendments = []
            for mandate in self:
                if (
                    mandate.last_debit_date
                    and mandate.partner_bank_id.id != vals["partner_bank_id"]
                ):
                    amendments.append(
                        {
                            "mandate_id": mandate.id,
                            "company_id": mandate.company_id.id,
                            "old_iban": mandate.partner_bank_id.acc_number,
                            "old_reference": mandate.name,
                        }
                    )
            result = super().write(vals)
            if amendments:
                self.env["service.mandate.amendment"].sudo().create(amendments)
            return result
        return super().write(vals)

    def action_validate(self):
        self._service_check_transition("action_validate", ("draft", "expired"))
        for mandate in self:
            if not mandate.signature_date:
                raise UserError(
                    self.env._(
                        "Mandate %(reference)s of %(customer)s: set the date of "
                        "signature before validating it.",
                        reference=mandate.name,
                        customer=mandate.partner_id.display_name,
                    )
                )
        self._service_write_protected(
            {"state": "valid", "first_debit_date": False, "last_debit_date": False}
        )
        return True

    def action_revoke(self):
        self._service_check_transition("action_revoke", ("draft", "valid"))
        self._service_write_protected({"state": "revoked"})
        return True

    @api.model
    def _portal_sign(self, partner, iban, signer_name, accepted):
        """A customer signs a CORE mandate for his own account in the portal:
        the account is his (created if new), signed today, valid at once."""
        if not accepted:
            raise UserError(
                self.env._(
                    "Authorisation: tick the box to authorise the direct debits."
                )
            )
        signer_name = (signer_name or "").strip()
        if len(signer_name) < 3:
            raise UserError(self.env._("Your full name: type it to sign the mandate."))
        number = (iban or "").replace(" ", "").upper()
        if not iban_is_valid(number):
            raise UserError(
                self.env._(
                    "IBAN: '%(iban)s' is not a valid IBAN; copy it from your bank "
                    "statement (country code, two check digits, account number).",
                    iban=iban,
                )
            )
        Bank = self.env["res.partner.bank"]
        account = Bank.search(
            [
                ("sanitized_acc_number", "=", number),
                ("partner_id", "=", partner.id),
            ],
            limit=1,
        ) or Bank.create({"acc_number": number, "partner_id": partner.id})
        company = partner.company_id or self.env.company
        mandate = self.with_company(company).create(
            {
                "partner_id": partner.id,
                "partner_bank_id": account.id,
                "company_id": company.id,
                "signature_date": fields.Date.context_today(self),
                "scheme": "CORE",
                "recurrence": "recurrent",
            }
        )
        mandate._service_write_protected({"state": "valid"})
        mandate.message_post(
            body=self.env._("Signed in the portal by %(signer)s.", signer=signer_name)
        )
        if partner.service_payment_mode != "direct_debit":
            partner.service_payment_mode = "direct_debit"
        return mandate

    def _sequence_type(self):
        """FRST, RCUR, FNAL or OOFF for the next collection of this mandate."""
        self.ensure_one()
        if self.recurrence == "oneoff":
            return "OOFF"
        if self.final:
            return "FNAL"
        if self.last_debit_date and not self.amendment_pending:
            return "RCUR"
        return "FRST"

    def _register_debits(self, collection_date):
        """Collections sent: first/last use, one-off and final mandates end."""
        with self._service_transition():
            for mandate in self:
                values = {"last_debit_date": collection_date}
                if not mandate.first_debit_date:
                    values["first_debit_date"] = collection_date
                if mandate.recurrence == "oneoff" or mandate.final:
                    values["state"] = "expired"
                mandate.write(values)
            self.amendment_ids.filtered(lambda a: not a.reported).sudo().write(
                {"reported": True}
            )

    @api.model
    def _cron_expire(self):
        """Mandates unused for 36 months lapse (SEPA rulebook)."""
        limit = fields.Date.context_today(self) - relativedelta(months=EXPIRY_MONTHS)
        mandates = self.sudo().search(
            [
                ("state", "=", "valid"),
                "|",
                ("last_debit_date", "<", limit),
                "&",
                ("last_debit_date", "=", False),
                ("signature_date", "<", limit),
            ]
        )
        mandates._service_write_protected({"state": "expired"})
        return mandates
