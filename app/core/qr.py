"""QR codes drawn on the server: SVG for a page (inline, no script, nothing fetched, so the
CSP holds) and PNG for a mail, where an inline SVG is not shown."""

import io

import segno
from markupsafe import Markup


def svg(data: str, title: str, scale: int = 5) -> Markup:
    """The code as inline SVG with a <title> for screen readers and a white quiet zone (a
    phone's camera needs the light border, also on a dark or printed background)."""
    code = segno.make(data, error="m")
    drawn = code.svg_inline(scale=scale, border=2, light="#fff", title=title, svgclass="bm-qr")
    return Markup(drawn)  # noqa: S704 - segno's own SVG; the title is escaped by segno


def png(data: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
