"""A small inline SVG bar chart of consumption per period, shown on the
supply point form and in the portal (no JavaScript, prints as is)."""

from markupsafe import Markup, escape

WIDTH, HEIGHT, MARGIN = 600, 180, 24


def consumption_chart(bars, title):
    """``bars``: [(label, value, estimated)] oldest first."""
    if not bars:
        return Markup("")
    top = max(value for _l, value, _e in bars) or 1.0
    step = (WIDTH - 2 * MARGIN) / len(bars)
    parts = [
        f'<svg class="o_service_consumption_chart" role="img" viewBox="0 0 {WIDTH} '
        f'{HEIGHT + 30}" width="100%" style="max-width:{WIDTH}px" '
        f'aria-label="{escape(title)}">'
    ]
    for index, (label, value, estimated) in enumerate(bars):
        height = max(0.0, value) / top * (HEIGHT - MARGIN)
        x = MARGIN + index * step
        y = HEIGHT - height
        color = "#b0b7c3" if estimated else "#2f80ed"
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{max(step - 4, 1):.1f}" '
            f'height="{height:.1f}" fill="{color}"><title>{escape(label)}: '
            f"{value:g}</title></rect>"
        )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{HEIGHT + 14}" font-size="10" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{y - 3:.1f}" font-size="9" '
            f'text-anchor="middle">{value:.0f}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
