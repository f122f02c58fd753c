"""How a public page looks when its link is shared: the Open Graph and Twitter card tags
(base.html writes them when a view passes `preview`) and the plain links of its "Delen"
block. Only public pages build a preview; every other page carries none of it. Links are
absolute on PUBLIC_BASE_URL: a preview is read by someone else's server, not this request."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from app.core.urls import external_url

# Shipped in static/: shown when a page has no photo whose people agreed to publication.
DEFAULT_IMAGE = "images/delen.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DESCRIPTION_MAX = 200


@dataclass(frozen=True)
class Preview:
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    image_size: tuple[int, int] | None = None  # known for the default image only

    @property
    def whatsapp(self) -> str:
        return "https://wa.me/?text=" + quote(f"{self.title} {self.url}")

    @property
    def mail(self) -> str:
        fields = {"subject": self.title, "body": f"{self.description}\n\n{self.url}"}
        return "mailto:?" + urlencode(fields, quote_via=quote)


def plain(text: str | None, limit: int = DESCRIPTION_MAX) -> str:
    """One line of at most `limit` characters, cut after a whole word."""
    line = " ".join((text or "").split())
    if len(line) <= limit:
        return line
    return line[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:-") + "…"


def preview(title: str, text: str | None, endpoint: str, photo=None, **values) -> Preview:
    """The preview of the page at `endpoint`, with `photo` (a consented photo) as its image,
    else the default image."""
    page = (title, plain(text), external_url(endpoint, **values))
    if photo is not None:
        image = external_url("evaluations.photo", photo_id=photo.id)
        return Preview(*page, image, photo.description or title)
    return Preview(*page, external_url("static", filename=DEFAULT_IMAGE), "Buurtmakers", DEFAULT_IMAGE_SIZE)
