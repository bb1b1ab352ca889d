# covers: AGT-03
"""Settlement lines read as people write them (issue 17): rates without
trailing zeros ("8", not "8.0000"), and fixed-fee lines without a base and
a rate they do not have."""

from lxml import etree

from .common import CommissionCase


class TestSettlementDisplay(CommissionCase):
    def test_rates_without_trailing_zeros_fixed_lines_without_base(self):
        arch = etree.fromstring(
            self.env["service.commission.settlement"].get_view(
                self.env.ref(
                    "service_commission.service_commission_settlement_view_form"
                ).id
            )["arch"]
        )
        lines = arch.xpath("//field[@name='line_ids']/list")[0]
        rate = lines.xpath("field[@name='rate']")[0]
        self.assertIn("hide_trailing_zeros", rate.get("options"))
        for name in ("rate", "base_amount"):
            field = lines.xpath(f"field[@name='{name}']")[0]
            self.assertEqual(field.get("invisible"), "kind == 'fixed'", name)
