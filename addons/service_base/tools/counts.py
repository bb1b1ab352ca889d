"""Counts of related records for smart buttons, in one grouped query."""


def assign_counts(records, count_field, model_name, field_name, domain=()):
    """Set ``count_field`` of each of ``records`` to the number of
    ``model_name`` rows whose many2one ``field_name`` points to it (and that
    match ``domain``): one ``_read_group`` for the whole batch, record rules
    of the current user applied, 0 where there is none."""
    counts = dict(
        records.env[model_name]._read_group(
            [(field_name, "in", records.ids), *domain], [field_name], ["__count"]
        )
    )
    for record in records:
        record[count_field] = counts.get(record, 0)
