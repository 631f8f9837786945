"""Text from pictures of pages: scanned PDFs, faxes, photographed notices.

One engine behind one function, :func:`recognise`: RapidOCR, whose PP-OCR detection and recognition models ship
inside the ``rapidocr`` wheel and run on onnxruntime, with no download at run time. It was chosen by measurement
(``benchmarks/bench_ocr.py``: 20 real notices rendered as A4 pages at 200 dpi, clean and as a skewed, blurred,
binarised, JPEG-compressed scan): 99.8 % character accuracy on both, against 85 % and 81 % for Debian's tesseract with
its Simplified Chinese model, at about the same pages/s. Its text detector finds lines skewed by a few degrees and
reads grey, blurred and binarised pages alike, so pages go in as they are, without deskewing or binarising first.

OCR is optional: ``pip install 'safetydocs[ocr]'``. Without it, a page that needs it fails with
:class:`~safetydocs.errors.OcrUnavailable` (SD117), which says what to install. The engine is built once per
process, on the first page that needs it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

DPI = 200  # pages of PDFs are rendered at this resolution: the one the engine was measured on


@dataclass(frozen=True)
class OcrLine:
    """One line of text the engine found: its text, its box in pixels (left, top, right, bottom) and how sure the
    engine is of it (0 to 1)."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@lru_cache(maxsize=1)
def engine() -> Optional[Any]:
    """The OCR engine, built once; None when the ``ocr`` extra is not installed."""
    try:
        import logging

        from rapidocr import RapidOCR
    except ImportError:
        return None
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)  # it logs every model file it opens, on import
    return RapidOCR(params={"Global.log_level": "warning"})  # and again as it builds the engine, by its settings


def available() -> bool:
    return engine() is not None


def recognise(image: Any) -> list[OcrLine]:
    """The lines of text on a page image (a PIL image), each cut where a table's ruling line crosses it."""
    import numpy as np

    ocr = engine()
    if ocr is None:  # callers check available() first, to name the file in the error
        raise RuntimeError("OCR is not installed")
    grey = deskewed(image.convert("L"))
    result = ocr(np.asarray(grey.convert("RGB")))
    lines = []
    for box, text, score in zip(result.boxes if result.boxes is not None else (), result.txts or (),
                                result.scores or ()):
        text = " ".join(str(text).split())
        if not text:
            continue
        xs, ys = [float(point[0]) for point in box], [float(point[1]) for point in box]
        lines.append(OcrLine(text, (min(xs), min(ys), max(xs), max(ys)), float(score)))
    if not lines:
        return lines
    heights = sorted(line.height for line in lines)
    rules = vertical_rules(np.asarray(grey) < 128, min_length=3 * heights[len(heights) // 2])
    return [stand_off_rules(part, rules) for line in lines for part in split_at_rules(line, rules)]


def stand_off_rules(line: OcrLine, rules: list[tuple[float, float, float]]) -> OcrLine:
    """``line`` with its box kept half a line's height off a ruling line just beside it: two cells' texts close to
    the line between them are then a column gap apart, as the line says they are."""
    left, top, right, bottom = line.box
    middle, pad = (top + bottom) / 2, 0.5 * line.height
    for x, rule_top, rule_bottom in rules:
        if not rule_top <= middle <= rule_bottom:
            continue
        if right - pad < x <= right + pad:
            right = max(left + 1.0, min(right, x - pad))
        if left - pad <= x < left + pad:
            left = min(right - 1.0, max(left, x + pad))
    return line if (left, right) == (line.box[0], line.box[2]) else OcrLine(line.text, (left, top, right, bottom),
                                                                            line.confidence)


def skew(grey: Any, *, most: float = 3.0, step: float = 0.25) -> float:
    """The angle (degrees, counter-clockwise) that sets a page's lines level: the one whose rows of dark pixels are
    sharpest (the largest variance of dark pixels per row), on a copy a third of the size."""
    import numpy as np
    from PIL import Image

    small = grey.resize((max(1, grey.width // 3), max(1, grey.height // 3)))
    best, best_score = 0.0, -1.0
    for angle in np.arange(-most, most + step / 2, step):
        rows = (np.asarray(small.rotate(float(angle), resample=Image.NEAREST, fillcolor=255)) < 128).sum(axis=1)
        score = float(np.var(rows))
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and abs(angle) < abs(best)):
            best, best_score = float(angle), score
    return best


def deskewed(grey: Any) -> Any:
    """The page turned level when it is skewed by a quarter of a degree or more (a fax, a scan fed askew): a
    table's ruling lines are then straight down its columns, and its rows level."""
    from PIL import Image

    angle = skew(grey)
    if abs(angle) < 0.25:
        return grey
    return grey.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)


def vertical_rules(dark: Any, *, min_length: float) -> list[tuple[float, float, float]]:
    """A scanned table's vertical ruling lines: (x, top, bottom) of each run of dark pixels down one column at least
    ``min_length`` long (three lines of text: no stroke of a character is), neighbouring columns made one line.

    The text detector reads the cells of a ruled table's row as one line where the gap between them is narrow; the
    ruling line between them tells where one cell ends."""
    import numpy as np

    height, width = dark.shape
    run = np.zeros(width, dtype=np.int32)
    best = np.zeros(width, dtype=np.int32)
    best_end = np.zeros(width, dtype=np.int32)
    for y in range(height):
        run = (run + 1) * dark[y]
        longer = run > best
        best = np.where(longer, run, best)
        best_end = np.where(longer, y, best_end)
    columns = [x for x in range(width) if best[x] >= min_length]
    rules: list[tuple[float, float, float]] = []
    group: list[int] = []
    for x in columns + [-10]:
        if group and x != group[-1] + 1:
            middle = group[len(group) // 2]
            rules.append((float(middle), float(best_end[middle] - best[middle] + 1), float(best_end[middle])))
            group = []
        group.append(x)
    return rules


def split_at_rules(line: OcrLine, rules: list[tuple[float, float, float]]) -> list[OcrLine]:
    """``line`` cut where a ruling line crosses it, its characters shared out by their share of the box's width
    (the characters of a Chinese table are of one width)."""
    left, top, right, bottom = line.box
    middle = (top + bottom) / 2
    width = right - left
    cuts = sorted(x for x, rule_top, rule_bottom in rules
                  if rule_top <= middle <= rule_bottom and left + 0.5 * line.height < x < right - 0.5 * line.height)
    if not cuts or len(line.text) < 2:
        return [line]
    # Each part ends half a line's height short of the ruling line, as text in a cell stands off its border: the
    # parts are then a column gap apart, which is what a ruling line is.
    pad = 0.5 * line.height
    parts, start, start_x = [], 0, left
    for x in cuts + [right]:
        end = len(line.text) if x == right else round((x - left) / width * len(line.text))
        text = line.text[start:end].strip()
        if text:
            parts.append(OcrLine(text, (start_x, top, x if x == right else x - pad, bottom), line.confidence))
        start, start_x = end, x + pad
    return parts


def reading_order(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines grouped into rows of the page, top to bottom, each row left to right.

    The engine finds a line of prose as one box, and the cells of a table row as a box each; a box belongs to a
    row when its middle lies within the row's first box, vertically.
    """
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda line: (line.box[1], line.box[0])):
        middle = (line.box[1] + line.box[3]) / 2
        if rows and rows[-1][0].box[1] <= middle <= rows[-1][0].box[3]:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda line: line.box[0]) for row in rows]
