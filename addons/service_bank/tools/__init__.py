from . import camt, posting, riba, sepa
