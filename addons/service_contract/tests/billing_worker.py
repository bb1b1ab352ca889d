"""A billing worker in a process of its own, for the tests of a run shared
by several workers (test_billing_workers.py) and the benchmark.

``work``: wait for a line on stdin (so several workers start together), then
do what a billing-worker cron job does (``_cron_work``).
``hold``: take one slice and lock its contracts as billing it does, say
so, and hang until killed: a worker killed mid-slice, before it reached the
posting of its invoices (a worker posting holds the journal's invoice
numbering until it commits, as any Odoo transaction posting invoices does).
"""

import argparse
import sys
import time

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config


def say(line):
    """One line of the protocol with the test, on stdout."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--config")
    parser.add_argument("--mode", choices=("work", "hold"), default="work")
    parser.add_argument("--run", type=int)
    args = parser.parse_args()
    options = ["--addons-path", args.addons_path, "-d", args.database]
    if args.config:
        options = ["-c", args.config, *options]
    config.parse_config(options)
    odoo.netsvc.init_logger()
    registry = Registry(args.database)
    say("READY")
    if args.mode == "work":
        sys.stdin.readline()
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["service.billing.run"]._cron_work()
        say("DONE")
        return
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        runs = env["service.billing.run"].browse(args.run)
        slice_ = env["service.billing.run"]._take_slice(runs)
        cr.execute(
            """
            SELECT id FROM service_contract
             WHERE id BETWEEN %s AND %s AND state = 'active'
               FOR UPDATE SKIP LOCKED
            """,
            [slice_.contract_id_from, slice_.contract_id_to],
        )
        say(f"HOLDING {slice_.id}")
        time.sleep(600)


if __name__ == "__main__":
    main()
