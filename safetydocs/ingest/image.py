"""Image files of notices: PNG, JPEG, TIFF (a fax's pages, one per frame), BMP and WebP, read by OCR.

Each frame is one page; its resolution comes from the file (a fax's 204 x 196 dpi, a scan's 300) or, where the file
gives none, is taken as 200 dpi, which only scales the positions the layout compares. The text is then laid out as
a PDF's pages are (:func:`~safetydocs.ingest.pdf.read_images`): paragraphs joined, tables set out by white space kept
as tables. Needs the OCR extra (SD117 otherwise).
"""
from __future__ import annotations

import io

from ..errors import CorruptDocument
from .base import RawText

DEFAULT_DPI = 200
MAX_PIXELS = 100_000_000  # a page at 600 dpi is 35 million; more is a decompression bomb, not a scan


def read(data: bytes, *, source: str, ocr: str = "auto") -> RawText:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .pdf import read_images

    if ocr == "never":
        from ..errors import UnknownFormat

        raise UnknownFormat(source, "an image, which only OCR can read, and --ocr never was given")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        picture = Image.open(io.BytesIO(data))
        pages, resolutions = [], []
        for frame in ImageSequence.Iterator(picture):
            dpi = frame.info.get("dpi") or picture.info.get("dpi")
            resolutions.append(int(round(float(dpi[1] if isinstance(dpi, tuple) else dpi))) if dpi else DEFAULT_DPI)
            pages.append(frame.convert("L"))
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise CorruptDocument(source, f"image could not be read: {exc}") from None
    resolutions = [dpi if 50 <= dpi <= 1200 else DEFAULT_DPI for dpi in resolutions]
    return read_images(pages, source=source, dpi=resolutions)
