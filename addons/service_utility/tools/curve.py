"""Cumulative consumption of a supply point register over time (UTL-02,
UTL-03): plain functions over reading rows, no queries.

A row is a dict with ``date``, ``value``, ``meter`` (id), ``digits``,
``multiplier`` and ``installed`` (the meter's installation date). The curve
is [(date, cumulative consumption)], starting at 0 on the first reading;
between readings consumption is spread evenly over the days (the daily
average), which is how periods are pro-rated to their bounds."""

from datetime import timedelta
from itertools import pairwise

YEAR = 365


def reading_delta(previous, row):
    """Consumption between two readings of the same meter (None when the
    counter went down without rolling over), and whether it rolled over."""
    difference = row["value"] - previous["value"]
    if difference >= 0:
        return difference * row["multiplier"], False
    full = 10 ** row["digits"]
    if previous["value"] >= 0.9 * full and row["value"] < 0.1 * full:
        return (difference + full) * row["multiplier"], True
    return None, False


def build_curve(rows):
    """Curve of ``rows`` (valid actual readings of one register code of a
    point, any order). A new meter starts where the previous one ended: its
    first reading adds nothing."""
    rows = sorted(rows, key=lambda r: (r["date"], r["installed"], r["id"]))
    curve, total, previous = [], 0.0, None
    for row in rows:
        if previous is not None and previous["meter"] == row["meter"]:
            delta, _rolled = reading_delta(previous, row)
            total += delta or 0.0
        if curve and curve[-1][0] == row["date"]:
            curve[-1] = (row["date"], total)
        else:
            curve.append((row["date"], total))
        previous = row
    return curve


def value_at(curve, day):
    """Cumulative consumption at the end of ``day`` by interpolation, or None
    outside the curve."""
    if not curve or day < curve[0][0] or day > curve[-1][0]:
        return None
    for (date_a, total_a), (date_b, total_b) in pairwise(curve):
        if date_a <= day <= date_b:
            span = (date_b - date_a).days
            return total_a + (total_b - total_a) * (day - date_a).days / span
    return curve[-1][1]


def daily_average(curve, until=None, days=YEAR):
    """Average consumption per day over the ``days`` before ``until`` (default
    the last reading), None without two readings a day apart."""
    if len(curve) < 2:
        return None
    until = min(until or curve[-1][0], curve[-1][0])
    since = max(until - timedelta(days=days), curve[0][0])
    if (until - since).days < 1:
        return None
    return (value_at(curve, until) - value_at(curve, since)) / (until - since).days


def same_period_last_year(curve, start, end):
    """Daily consumption over [start, end] one year earlier, None when the
    readings do not cover it."""
    last_start = start - timedelta(days=YEAR)
    last_end = end - timedelta(days=YEAR)
    first, last = value_at(curve, last_start), value_at(curve, last_end)
    if first is None or last is None or last_end <= last_start:
        return None
    return (last - first) / (last_end - last_start).days
