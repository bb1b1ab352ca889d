"""Context values and internal switch names shared by the suite's batch jobs
(issue 11).

The context dicts only quiet Odoo's own chatter; the suite's own switches
(quiet audit, billing-run posting) are internal switches
(``service_protected_fields_mixin.internal_switch``), never context keys a
caller could send (issue 16).
"""

# keeps per-record chatter, tracking and audit lines out of batch jobs
# (billing runs, final invoices of cancellations, visit planning): the job
# records one summary of its own instead
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
}
# batch jobs creating many records that nobody should follow one by one
QUIET_NO_FOLLOWERS = dict(QUIET, mail_create_nosubscribe=True)
# internal switch on while billing runs create and post invoices (invoice-number
# formats and analytic models read once per run)
BILLING_CONTEXT = "service_billing_run_posting"
