"""OCR engines compared on the same pages: character accuracy and pages/s, clean and noisy (not a test).

    python benchmarks/bench_ocr.py [--pages 20] [--chars 700] [--save FOLDER]

Renders the first characters of real Chinese notices of corpus/gold/train (those of running text, no TAB tables) as A4 pages at 200 dpi (a CJK font of the
system, 12 pt, the notice's own line breaks), once clean and once as a scan or a fax would make them (skewed by up to
2 degrees, blurred, binarised at a fixed threshold with speckles, saved as a JPEG of quality 40), then reads every page
with each engine installed:

* tesseract: Debian's ``tesseract-ocr`` and ``tesseract-ocr-chi-sim`` (``-l chi_sim+eng``, automatic page layout, one
  thread);
* RapidOCR: the ``rapidocr`` wheel, whose PP-OCR detection and recognition models ship inside it, on onnxruntime,
  as safetydocs reads a picture of a page (the ``ocr`` extra).

For the engine safetydocs uses, the tasks and their leads found through OCR are then scored against those found in
the same text parsed directly (strict: a task's text, white space left out, and each (task, lead) pair must be the
same, in the library's canonical form: full-width and ASCII punctuation alike): the issue's target is >= 0.9 of
the direct result.

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

    # the Simplified Chinese face of the font file: a collection's first face may be the Japanese one, whose 门 an
    # OCR model for Chinese reads as 内
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", ":lang=zh-cn:style=Regular"], capture_output=True,
                           text=True)
    path, _, index = found.stdout.partition("\n")
    if found.returncode != 0 or not path.strip():
        sys.exit("no CJK font found by fc-match (Debian: apt install fonts-noto-cjk)")
    return ImageFont.truetype(path.strip(), size, index=int(index or 0))


def notices(count: int, chars: int) -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus" / "gold" / "train").glob("zh-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = gold["text"][:chars]
        if gold.get("origin", "real") == "real" and len(gold["text"]) >= chars and _paragraph_a_line(text):
            texts.append(text)
        if len(texts) == count:
            break
    return texts


def _paragraph_a_line(text: str) -> bool:
    """A notice of running text with one paragraph a line, as a word processor holds it: no TAB table (which renders
    as no table), and no lines broken mid-sentence (a text copied from a PDF's lines, which reads as a narrow
    column on the page and is rightly joined up again)."""
    if "\t" in text:
        return False
    long_lines = [line.strip() for line in text.split("\n")[:-1] if len(line.strip()) >= 25]
    ended = [line for line in long_lines if line[-1] in "。；：！？;:!?）)"]
    return len(long_lines) >= 3 and len(ended) >= 0.8 * len(long_lines)


def render(text: str, font) -> "Image.Image":
    """One A4 page at 200 dpi: 2.5 cm margins, each paragraph's first line indented two characters, lines filled to
    the page's width as a word processor fills them, 1.5 lines apart."""
    from PIL import Image, ImageDraw

    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    margin = int(DPI / 2.54 * 2.5)
    size = font.size
    width = A4[0] - 2 * margin
    y = margin
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        indent = 2 * size
        while paragraph and y < A4[1] - margin:
            cut = 1
            while cut < len(paragraph) and draw.textlength(paragraph[:cut + 1], font=font) <= width - indent:
                cut += 1
            draw.text((margin + indent, y), paragraph[:cut], font=font, fill=0)
            paragraph, indent = paragraph[cut:], 0
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


def safetydocs_ocr() -> Optional[Callable[["Image.Image"], str]]:
    """RapidOCR as safetydocs reads a picture of a page: deskewed, cut at ruling lines, laid out as a PDF's lines."""
    from safetydocs.ingest import ocr

    if not ocr.available():
        return None
    from safetydocs.ingest.pdf import read_images

    def read(image) -> str:
        return read_images([image], source="page.png", dpi=[DPI]).text

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


def extraction(texts: list[str], outputs: list[str]) -> tuple[float, float]:
    """Tasks F1 and (task, lead) F1 of the OCR'd texts' parses against the reference texts' parses."""
    import safetydocs
    from safetydocs.structure.normalize import canonical

    def key(text: str) -> str:  # the task's text as the library compares texts: canonical form, no white space
        return "".join(canonical(text).split())

    def found(text: str) -> tuple[set[str], set[tuple[str, str]]]:
        document = safetydocs.parse_text(text, lang="zh")
        tasks = {key(task.text) for task in document.tasks}
        leads = {(key(task.text), lead) for task in document.tasks for lead in task.departments("lead")}
        return tasks, leads

    def f1(gold: set, got: set) -> float:
        hit = len(gold & got)
        return 2 * hit / (len(gold) + len(got)) if gold or got else 1.0

    task_scores, lead_scores = [], []
    for text, output in zip(texts, outputs):
        (gold_tasks, gold_leads), (got_tasks, got_leads) = found(text), found(output)
        task_scores.append(f1(gold_tasks, got_tasks))
        lead_scores.append(f1(gold_leads, got_leads))
    return sum(task_scores) / len(task_scores), sum(lead_scores) / len(lead_scores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--chars", type=int, default=700)
    parser.add_argument("--save", type=Path, help="write the rendered pages here as PNG, to look at")
    parser.add_argument("--engine", choices=["tesseract", "RapidOCR"], action="append",
                        help="only this engine (repeatable); default every engine installed")
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
    for name, load in (("tesseract", tesseract), ("RapidOCR", safetydocs_ocr)):
        if args.engine and name not in args.engine:
            continue
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
            if name == "RapidOCR":
                tasks, leads = extraction(texts, outputs)
                print(f"{'':10} {label}: through OCR against the text parsed directly: tasks F1 {tasks:.3f}, "
                      f"leads F1 {leads:.3f}")


if __name__ == "__main__":
    main()
