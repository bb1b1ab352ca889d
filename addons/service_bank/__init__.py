from . import controllers, models, wizards


def _service_bank_post_init(env):
    """Companies that already have a chart of accounts get the accounts in
    transit the direct debits and RiBa need."""
    env["res.company"].search([("chart_template", "!=", False)])._service_bank_setup()
