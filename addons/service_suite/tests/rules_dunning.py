"""The service_dunning documents of the rules matrix (common.RulesCase)."""

from datetime import timedelta

from odoo import Command, fields


def add_dunning_documents(cls, add):
    """Add one document of every service_dunning model with protected fields:
    ``add(model, make_vals, prepare=None)``, as in RulesCase._build_documents."""
    env = cls.env
    company = cls.company_a
    # not the company default: the matrix must not change how the company's
    # customers are reminded
    scenario = env["service.dunning.scenario"].create(
        {
            "name": "Rules matrix reminders",
            "company_id": company.id,
            "level_ids": [
                Command.create(
                    {
                        "name": "Rules matrix reminder",
                        "days_after_due": 10,
                        "channel_email": True,
                    }
                )
            ],
        }
    )
    level = scenario.level_ids

    def day(n):
        return fields.Date.to_string(cls.today - timedelta(days=n))

    add(
        "service.dunning.run",
        lambda n: {"company_id": company.id, "date": day(n)},
    )
    # a communication is made by a run (protected fields and all); one per
    # customer, level and oldest due date
    add(
        "service.dunning.communication",
        lambda n: {
            "company_id": company.id,
            "partner_id": cls.customer.id,
            "scenario_id": scenario.id,
            "level_id": level.id,
            "reference_date": day(40 + n),
            "date": day(0),
            "amount_overdue": 120,
        },
    )
    add(
        "service.instalment.plan",
        lambda n: {
            "partner_id": cls.customer.id,
            "company_id": company.id,
            "date_first": fields.Date.to_string(cls.today + timedelta(days=n)),
            "instalment_count": 3,
        },
    )
