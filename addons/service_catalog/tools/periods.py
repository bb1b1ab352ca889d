"""The billing-period vocabulary of the suite, in one place (issue 11).

Every addon that turns a billing period into dates, days or a monthly
figure imports these helpers instead of keeping its own table: contracts
(period bounds, pro-rata), cancellations (lost monthly revenue, notice
terms), commissions (monthly recurring revenue) and visits (frequency
steps). Plain functions, no model: ``from odoo.addons.service_catalog.tools
import periods``.
"""

import calendar
from datetime import timedelta

from dateutil.relativedelta import relativedelta

BILLING_PERIODS = [
    ("daily", "Daily"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Half-yearly"),
    ("yearly", "Yearly"),
    ("one_off", "One-off"),
]
VISIT_FREQUENCIES = [
    ("none", "No scheduled visits"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Half-yearly"),
    ("yearly", "Yearly"),
]
# units of a notice period or a renewal term, read after a number
# ("30 days", "3 months")
TERM_UNITS = [("days", "days"), ("weeks", "weeks"), ("months", "months")]

# calendar months in one period of the month-based billing periods
CALENDAR_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
# months of revenue in one period: a period amount divided by this is the
# amount per month (a one-off fee has no monthly equivalent)
MONTHS_PER_PERIOD = {
    "daily": 12 / 365.0,
    "weekly": 12 / 52.0,
    "monthly": 1.0,
    "quarterly": 3.0,
    "half_yearly": 6.0,
    "yearly": 12.0,
    "one_off": 0.0,
}


def period_end(start, billing_period, align_to_calendar=False):
    """Last day of the billing period beginning on ``start``.

    Aligned periods end with the calendar (week, month, quarter, half-year,
    year), so a contract starting mid-month has a short first period. A
    one-off period is the start day itself."""
    if billing_period in ("daily", "one_off"):
        return start
    if billing_period == "weekly":
        if align_to_calendar:
            return start + timedelta(days=6 - start.weekday())
        return start + timedelta(days=6)
    months = CALENDAR_MONTHS[billing_period]
    if align_to_calendar:
        end_month = ((start.month - 1) // months) * months + months
        last_day = calendar.monthrange(start.year, end_month)[1]
        return start.replace(month=end_month, day=last_day)
    return start + relativedelta(months=months) - timedelta(days=1)


def days_in_period(start, billing_period, align_to_calendar=False):
    """Days of the whole period ``start`` falls in: the denominator of a
    pro-rated (short) period."""
    if billing_period in ("daily", "one_off"):
        return 1
    if billing_period == "weekly":
        return 7
    months = CALENDAR_MONTHS[billing_period]
    begin = start
    if align_to_calendar:
        begin = start.replace(month=((start.month - 1) // months) * months + 1, day=1)
    return ((begin + relativedelta(months=months)) - begin).days


def months_per_period(billing_period):
    """Months of revenue in one period (0 for a one-off fee or no period)."""
    return MONTHS_PER_PERIOD.get(billing_period, 0.0)


def monthly_amount(amount, billing_period):
    """The monthly equivalent of ``amount`` billed every ``billing_period``
    (0 for a one-off fee)."""
    months = months_per_period(billing_period)
    return amount / months if months else 0.0


def period_step(period):
    """(unit, count) between two occurrences of a billing period or a visit
    frequency: ("days", 1), ("weeks", 1) or ("months", n); None for one-off
    or none."""
    if period == "daily":
        return ("days", 1)
    if period == "weekly":
        return ("weeks", 1)
    months = CALENDAR_MONTHS.get(period)
    return ("months", months) if months else None


def add_term(date, number, unit="days"):
    """``date`` moved by a term of ``number`` days, weeks or calendar months.

    Months are calendar months (dateutil): a 3-month notice received on
    20 May ends on 20 August, and one received on 30 November ends on
    28 (29) February."""
    if not date:
        return date
    if unit == "months":
        return date + relativedelta(months=number)
    if unit == "weeks":
        return date + timedelta(weeks=number)
    return date + timedelta(days=number)
