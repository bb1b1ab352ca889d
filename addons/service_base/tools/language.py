"""The language a generated text is written in: its reader's, not its
author's (issue 17). A text for a customer (an e-mail, a portal message) is
written in the customer's language; an internal chatter message, read by
the company's staff, in the company's language, as Odoo writes its own
(the author's language is the last resort)."""


def reader_env(records, partner=None):
    """``records.env`` in the language of the reader: ``partner``'s when the
    text is for him, else the language of the records' company."""
    lang = partner.lang if partner else False
    if not lang:
        company = records.env.company
        if "company_id" in records._fields and len(records.company_id) == 1:
            company = records.company_id
        lang = company.sudo().partner_id.lang
    return records.with_context(lang=lang or records.env.lang).env
