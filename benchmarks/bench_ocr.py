"""OCR engines compared on the same pages: character accuracy and pages/s, clean and noisy (not a test).

    python benchmarks/bench_ocr.py [--pages 20] [--chars 700] [--save FOLDER]

Renders the first characters of real Chinese notices of corpus/gold/train as A4 pages at 200 dpi (a CJK font of the
system, 12 pt, the notice's own line breaks), once clean and once as a scan or a fax would make them (skewed by up to
2 degrees, blurred, binarised at a fixed threshold with speckles, saved as a JPEG of quality 40), then reads every page
with each engine installed:

* tesseract: Debian's ``tesseract-ocr`` and ``tesseract-ocr-chi-sim`` (``-l chi_sim+eng``, automatic page layout, one
  thread);
* RapidOCR: the ``rapidocr`` wheel, whose PP-OCR detection and recognition models ship inside it, on onnxruntime.

Character accuracy is 1 - (edit distance / characters of the reference), white space left out of both (OCR of
Chinese puts spaces between characters; the page's line breaks are not text). Each engine is loaded once, before its
first page is timed. Targets of the scanned-notices issue: >= 97 % clean, >= 93 % noisy.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DPI = 200
A4 = (int(8.27 * DPI), int(11.69 * DPI))
FONT_POINTS = 12


def _cjk_font(size: int):
    from PIL import ImageFont

    found = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn:style=Regular"], capture_output=True, text=True)
    path = found.stdout.strip()
    if found.returncode != 0 or not path:
        sys.exit("no CJK font found by fc-match (Debian: apt install fonts-noto-cjk)")
    return ImageFont.truetype(path, size)


def notices(count: int, chars: int) -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus" / "gold" / "train").glob("zh-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("origin", "real") == "real" and len(gold["text"]) >= chars:
            texts.append(gold["text"][:chars])
        if len(texts) == count:
            break
    return texts


def render(text: str, font) -> "Image.Image":
    """One A4 page at 200 dpi: 2.5 cm margins, lines wrapped at the page's width, 1.5 lines apart."""
    from PIL import Image, ImageDraw

    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    margin = int(DPI / 2.54 * 2.5)
    size = font.size
    per_line = (A4[0] - 2 * margin) // size
    y = margin
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        while paragraph and y < A4[1] - margin:
            draw.text((margin, y), paragraph[:per_line], font=font, fill=0)
            paragraph = paragraph[per_line:]
            y += int(size * 1.5)
    return image


def noisy(image: "Image.Image", rng: random.Random) -> "Image.Image":
    """What a scanner or fax does to the page: skew, blur, a hard threshold with speckles, JPEG artefacts."""
    from PIL import Image, ImageFilter

    page = image.rotate(rng.uniform(-2.0, 2.0), resample=Image.BICUBIC, expand=True, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(radius=0.8))
    page = page.point(lambda value: 0 if value < 150 else 255)
    pixels = page.load()
    width, height = page.size
    for _ in range(width * height // 2000):  # speckles, black and white
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
    buffer = io.BytesIO()
    page.convert("L").save(buffer, format="JPEG", quality=40)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def tesseract() -> Optional[Callable[["Image.Image"], str]]:
    program = shutil.which("tesseract")
    if program is None:
        return None
    languages = subprocess.run([program, "--list-langs"], capture_output=True, text=True).stdout.split()
    if "chi_sim" not in languages:
        return None

    def read(image) -> str:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        # one thread: tesseract's OpenMP threads on a two-core machine took 30 s a page instead of 4
        done = subprocess.run([program, "stdin", "stdout", "-l", "chi_sim+eng", "--dpi", str(DPI)],
                              input=buffer.getvalue(), capture_output=True, check=True,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        return done.stdout.decode("utf-8")

    return read


def rapidocr() -> Optional[Callable[["Image.Image"], str]]:
    try:
        import logging

        import numpy as np
        from rapidocr import RapidOCR
    except ImportError:
        return None
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    engine = RapidOCR()

    def read(image) -> str:
        result = engine(np.array(image.convert("RGB")))
        return "\n".join(result.txts or ())

    return read


def accuracy(reference: str, read: str) -> float:
    """1 - Levenshtein distance / len(reference), white space removed from both."""
    a = "".join(reference.split())
    b = "".join(read.split())
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        previous = current
    return max(0.0, 1.0 - previous[-1] / max(len(a), 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--chars", type=int, default=700)
    parser.add_argument("--save", type=Path, help="write the rendered pages here as PNG, to look at")
    args = parser.parse_args()
    rng = random.Random(20)
    font = _cjk_font(int(FONT_POINTS * DPI / 72))
    texts = notices(args.pages, args.chars)
    clean = [render(text, font) for text in texts]
    scanned = [noisy(page, rng) for page in clean]
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for number, (a, b) in enumerate(zip(clean, scanned), start=1):
            a.save(args.save / f"page{number:02d}-clean.png")
            b.save(args.save / f"page{number:02d}-noisy.png")
    print(f"{len(texts)} pages of real notices, {args.chars} characters each, A4 at {DPI} dpi")
    for name, load in (("tesseract", tesseract), ("RapidOCR", rapidocr)):
        started = time.perf_counter()
        engine = load()
        if engine is None:
            print(f"{name}: not installed")
            continue
        engine(clean[0])  # loaded and warm before the clock starts
        loaded = time.perf_counter() - started
        for label, pages in (("clean", clean), ("noisy", scanned)):
            started = time.perf_counter()
            outputs = [engine(page) for page in pages]
            seconds = time.perf_counter() - started
            scores = [accuracy(text, output) for text, output in zip(texts, outputs)]
            print(f"{name:10} {label}: character accuracy {sum(scores) / len(scores):.3f} "
                  f"(worst page {min(scores):.3f}); {len(pages) / seconds:.2f} pages/s; loaded in {loaded:.1f} s")


if __name__ == "__main__":
    main()
