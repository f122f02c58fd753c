"""Reading QR codes back the way a phone does: the page's inline SVG is drawn to pixels
(cairosvg) and decoded with a real decoder (zxing-cpp), so a code that draws but does not
scan fails the test."""

import io
import re

import cairosvg
import zxingcpp
from PIL import Image

SVG = re.compile(r"<svg\b[^>]*class=\"bm-qr\"[^>]*>.*?</svg>", re.S)


def decode_png(data: bytes) -> list[str]:
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    flat = Image.new("RGBA", image.size, "white")
    flat.alpha_composite(image)
    return [found.text for found in zxingcpp.read_barcodes(flat.convert("L"))]


def decode_svg(svg: str) -> list[str]:
    # Inline SVG in HTML needs no namespace; an SVG file does.
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return decode_png(cairosvg.svg2png(bytestring=svg.encode(), output_width=600, background_color="white"))


def codes_on_page(html: str) -> list[str]:
    """What every QR code on the page leads to."""
    return [text for svg in SVG.findall(html) for text in decode_svg(svg)]
