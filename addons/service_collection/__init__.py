from . import models


def _service_collection_post_init(env):
    """Companies that already have a chart of accounts get the cheque accounts
    and the cash journal the collection needs."""
    env["res.company"].search(
        [("chart_template", "!=", False)]
    )._service_collection_setup()
