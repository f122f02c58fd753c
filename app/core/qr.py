"""QR codes drawn on the server: SVG for a page (inline, no script, nothing fetched, so the
CSP holds) and PNG for a mail, where an inline SVG is not shown."""

import io

import segno
from markupsafe import Markup

BORDER = 2  # modules of white around the code


def svg(data: str, title: str, scale: int = 5) -> Markup:
    """The code as inline SVG with a <title> for screen readers and a white quiet zone (a
    phone's camera needs the light border, also on a dark or printed background)."""
    code = segno.make(data, error="m")
    drawn = code.svg_inline(scale=scale, border=BORDER, light="#fff", title=title, svgclass="bm-qr")
    # A viewBox beside the size, so that CSS can draw it larger (a poster prints it at 6 cm).
    width, height = code.symbol_size(scale=scale, border=BORDER)
    drawn = drawn.replace('class="bm-qr"', f'class="bm-qr" viewBox="0 0 {width} {height}"', 1)
    return Markup(drawn)  # noqa: S704 - segno's own SVG; the title is escaped by segno


def png(data: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="png", scale=scale, border=BORDER)
    return out.getvalue()
