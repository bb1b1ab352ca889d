"""Context switches shared by the suite's batch jobs (issue 11).

Set by the suite's own code only, around its own batches; never read from a
caller's request to grant anything.
"""

# keeps per-record chatter, tracking and audit lines out of batch jobs
# (billing runs, final invoices of cancellations, visit planning): the job
# records one summary of its own instead
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "service_audit_skip": True,
}
# batch jobs creating many records that nobody should follow one by one
QUIET_NO_FOLLOWERS = dict(QUIET, mail_create_nosubscribe=True)
# set by billing runs while they create and post invoices (invoice-number
# formats and analytic models read once per run)
BILLING_CONTEXT = "service_billing_run_posting"
