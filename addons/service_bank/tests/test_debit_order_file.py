# covers: BNK-01
"""The pain.008 file: valid against the ISO 20022 schemas (.02 and .08), its
counts and control sums exact when parsed back, sequence types, the SEPA
character set, and refusals that name the customer or the element."""

from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools import sepa
from .common import BankCase


def _parse(data):
    root = etree.fromstring(data)
    namespace = {"p": etree.QName(root).namespace}
    return root, namespace


@tagged("post_install", "-at_install")
class TestDebitOrderFile(BankCase):
    def _export(self, version, grouping="invoice"):
        self.bank_journal.service_pain_version = version
        self._invoice(self.customer, 100.10)
        self._invoice(self.customer, 49.95)
        self._invoice(self.customer_2, 1234.56)
        order = self._order(grouping=grouping)
        order.action_gather()
        order.action_export()
        return order

    def _check_file(self, order, version, transactions, total):
        data = self._file(order)
        self.assertIsNone(sepa.validate(data, version))
        root, ns = _parse(data)
        self.assertEqual(
            etree.QName(root).namespace,
            f"urn:iso:std:iso:20022:tech:xsd:pain.008.001.{version}",
        )
        self.assertEqual(
            root.findtext("p:CstmrDrctDbtInitn/p:GrpHdr/p:NbOfTxs", namespaces=ns),
            str(transactions),
        )
        self.assertEqual(
            root.findtext("p:CstmrDrctDbtInitn/p:GrpHdr/p:CtrlSum", namespaces=ns),
            total,
        )
        amounts = [
            float(node.text)
            for node in root.iterfind(".//p:DrctDbtTxInf/p:InstdAmt", namespaces=ns)
        ]
        self.assertEqual(len(amounts), transactions)
        self.assertEqual(f"{sum(amounts):.2f}", total)
        for batch in root.iterfind(".//p:PmtInf", namespaces=ns):
            batch_amounts = [
                float(node.text)
                for node in batch.iterfind(".//p:InstdAmt", namespaces=ns)
            ]
            self.assertEqual(
                batch.findtext("p:NbOfTxs", namespaces=ns), str(len(batch_amounts))
            )
            self.assertEqual(
                batch.findtext("p:CtrlSum", namespaces=ns), f"{sum(batch_amounts):.2f}"
            )
        return root, ns

    def test_pain_008_001_02_valid_with_exact_counts_and_sums(self):
        order = self._export("02")
        self.assertEqual(order.state, "exported")
        self.assertTrue(order.filename.endswith("pain.008.001.02.xml"))
        root, ns = self._check_file(order, "02", 3, "1384.61")
        # .02 names the bank by BIC, never BICFI
        self.assertFalse(root.findall(".//p:BICFI", namespaces=ns))

    def test_pain_008_001_08_valid_with_exact_counts_and_sums(self):
        order = self._export("08")
        self._check_file(order, "08", 3, "1384.61")

    def test_one_transaction_per_customer_sums_his_invoices(self):
        order = self._export("08", grouping="customer")
        self.assertEqual(len(order.line_ids), 2)
        harbour = order.line_ids.filtered(lambda line: line.partner_id == self.customer)
        self.assertAlmostEqual(harbour.amount, 150.05)
        self.assertEqual(len(harbour.invoice_ids), 2)
        root, ns = self._check_file(order, "08", 2, "1384.61")
        end_to_end = [
            node.text for node in root.iterfind(".//p:EndToEndId", namespaces=ns)
        ]
        self.assertEqual(
            sorted(end_to_end), sorted(order.line_ids.mapped("end_to_end_id"))
        )

    def test_sequence_types_first_then_recurrent_one_off_and_final(self):
        oneoff_customer = self.env["res.partner"].create(
            {"name": "Fair Stand", "service_payment_mode": "direct_debit"}
        )
        self._mandate(
            oneoff_customer,
            "FR1420041010050500013M02606",
            "FAIR-1",
            recurrence="oneoff",
        )
        self._invoice(self.customer, 10)
        self._invoice(oneoff_customer, 20)
        first = self._order()
        first.action_gather()
        types = {line.partner_id: line.sequence_type for line in first.line_ids}
        self.assertEqual(types[self.customer], "FRST")
        self.assertEqual(types[oneoff_customer], "OOFF")
        first.action_export()
        root, ns = _parse(self._file(first))
        self.assertEqual(
            sorted(node.text for node in root.iterfind(".//p:SeqTp", namespaces=ns)),
            ["FRST", "OOFF"],
        )
        # a one-off mandate ends with its collection; a used one goes on RCUR
        self.assertEqual(
            first.line_ids.mandate_id.filtered(
                lambda m: m.recurrence == "oneoff"
            ).state,
            "expired",
        )
        self.assertEqual(self.mandate.first_debit_date, self.today)
        self._invoice(self.customer, 11)
        second = self._order()
        second.action_gather()
        self.assertEqual(second.line_ids.sequence_type, "RCUR")
        second.action_cancel()
        self.mandate.final = True
        self._invoice(self.customer, 12)
        third = self._order()
        third.action_gather()
        self.assertEqual(set(third.line_ids.mapped("sequence_type")), {"FNAL"})

    def test_new_bank_account_is_an_smnda_amendment_sent_as_first(self):
        self._invoice(self.customer, 10)
        first = self._order()
        first.action_gather()
        first.action_export()
        new_account = self.env["res.partner.bank"].create(
            {"acc_number": "DE02120300000000202051", "partner_id": self.customer.id}
        )
        self.mandate.partner_bank_id = new_account
        self.assertEqual(
            sepa.compact(self.mandate.amendment_ids.old_iban), "DE89370400440532013000"
        )
        self._invoice(self.customer, 20)
        second = self._order()
        second.action_gather()
        self.assertEqual(second.line_ids.sequence_type, "FRST")
        second.action_export()
        root, ns = _parse(self._file(second))
        self.assertEqual(root.findtext(".//p:AmdmntInd", namespaces=ns), "true")
        self.assertEqual(
            root.findtext(".//p:OrgnlDbtrAcct/p:Id/p:Othr/p:Id", namespaces=ns), "SMNDA"
        )
        self.assertTrue(self.mandate.amendment_ids.reported)

    def test_names_are_transliterated_to_the_sepa_character_set(self):
        self._invoice(self.customer_2, 30)
        order = self._order()
        order.action_gather()
        order.action_export()
        data = self._file(order).decode()
        self.assertIn("<Nm>Societa Nautica Area Nord</Nm>", data)
        self.assertEqual(sepa.transliterate("Straße & Söhne_€"), "Strasse + Sohne-")

    def test_missing_mandate_refused_naming_the_customer(self):
        self.mandate_2.action_revoke()
        self._invoice(self.customer_2, 30)
        self._invoice(self.customer, 40)
        order = self._order()
        order.action_gather()
        with self.assertRaisesRegex(
            UserError, r"No valid mandate for .*Società Nautica Àrea Nord"
        ):
            order.action_export()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.file)

    def test_bad_iban_refused_naming_the_customer(self):
        self._invoice(self.customer, 40)
        order = self._order()
        order.action_gather()
        # the account number was changed after the mandate was signed
        self.mandate.partner_bank_id.acc_number = "DE893704"
        with self.assertRaisesRegex(
            UserError, r"Invalid IBAN on the mandate of .*Harbour Authority"
        ):
            order.action_export()
        self.assertFalse(order.file)

    def test_file_failing_the_schema_is_refused_naming_the_element(self):
        self._invoice(self.customer, 40)
        self.mandate.partner_bank_id.bank_id = self.env["res.bank"].create(
            {"name": "Bad BIC Bank", "bic": "NOT A BIC"}
        )
        order = self._order()
        order.action_gather()
        with self.assertRaisesRegex(UserError, "Element BICFI"):
            order.action_export()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.file)

    def test_creditor_identifier_is_validated(self):
        with self.assertRaisesRegex(ValidationError, "SEPA Creditor Identifier"):
            self.company_a.service_sepa_creditor_identifier = "IT00ZZZ123"
