"""Photo files: the content decides what a file is (never its name), and every photo is
re-encoded so that EXIF data (GPS position, camera, owner) does not travel along."""

import io
from typing import BinaryIO

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError

from app.core import uploads
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l

FORMATS = {"JPEG": ".jpg", "PNG": ".png"}

NOT_A_PHOTO = _l("Dit bestand is geen foto. Kies een foto in JPEG- of PNG-formaat.")


def _check(stream: BinaryIO) -> str:
    """The format of a JPEG or PNG that is whole and not too large; else RuleViolated."""
    try:
        # Opening reads only the header: a picture with more pixels than a phone's photo is
        # refused before it is decoded (a small file can unpack to gigabytes).
        with Image.open(stream) as image:
            if image.format not in FORMATS:
                raise RuleViolated(NOT_A_PHOTO)
            width, height = image.size
            if width * height > current_app.config["PHOTO_MAX_PIXELS"]:
                raise RuleViolated(_l("Deze foto heeft te veel pixels. Maak hem kleiner en probeer het opnieuw."))
            image.verify()
            return image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise RuleViolated(NOT_A_PHOTO) from error


def clean_photo(stream: BinaryIO) -> tuple[bytes, str]:
    """The photo re-encoded without metadata, turned upright first (the EXIF orientation
    goes away with the rest), and the file extension of its format."""
    image_format = _check(stream)
    stream.seek(0)
    try:
        with Image.open(stream) as image:
            upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as error:
        raise RuleViolated(NOT_A_PHOTO) from error
    # A fresh image holds only pixels: no EXIF, XMP, ICC or text chunks from the original.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    if image_format == "PNG" and upright.mode == "P":
        clean.putpalette(upright.getpalette())
    out = io.BytesIO()
    if image_format == "JPEG":
        clean.save(out, "JPEG", quality=85, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    return out.getvalue(), FORMATS[image_format]


PHOTOS = "photos"


def store(data: bytes, extension: str) -> str:
    return uploads.store(PHOTOS, data, extension)


def read(file_name: str) -> bytes | None:
    return uploads.read(PHOTOS, file_name)


def remove(file_name: str) -> None:
    uploads.remove(PHOTOS, file_name)
