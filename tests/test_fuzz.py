"""Fuzzing: any text gives a valid Document, any Document can be written, no mutated file crashes a reader.

Bounded for CI; set SAFETYDOCS_FUZZ_CASES (say 5000) for a longer run on demand:

    SAFETYDOCS_FUZZ_CASES=5000 python -m pytest tests/test_fuzz.py
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import safetydocs
from safetydocs.errors import SafetydocsError
from safetydocs.export import FORMATS, render_bytes
from safetydocs.ingest import read_bytes
from safetydocs.model import Assignment, Deadline, Document, Task

CASES = int(os.environ.get("SAFETYDOCS_FUZZ_CASES", "60"))
SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"

# Text built from what notices are made of, and from everything else Unicode has.
WORDS = ["请", "各区", "人民政府", "市应急管理局", "牵头", "配合", "要", "加强", "燃气", "检查", "2024年6月30日前",
         "。", "，", "；", "（", "）", "\n", "一、", "1.", "All departments", " must ", "by 30 June 2024", ".",
         "\t", "|", "：", "责任单位：", "\f", "\x00", "\u2028", "=", "<script>"]
notice_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=CASES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notice_text)
def test_any_text_gives_a_valid_document_or_a_coded_refusal(text: str) -> None:
    try:
        document = safetydocs.parse_text(text)
    except SafetydocsError:
        return  # an empty or whitespace-only text is refused with its code
    Document.model_validate(document.model_dump())
    for item in [*document.tasks, *document.deadlines]:
        start, end = item.span
        assert 0 <= start <= end <= len(document.text)
    for task in document.tasks:
        for assignment in task.assignments:
            assert 0 <= assignment.span[0] <= assignment.span[1] <= len(document.text)


def _documents() -> st.SearchStrategy[Document]:
    anything = st.text(max_size=40)

    @st.composite
    def build(draw) -> Document:
        text = draw(st.text(min_size=1, max_size=200))
        tasks = []
        for index in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, len(text)))
            assignments = [Assignment(department=draw(anything), mention=draw(anything),
                                      role=draw(st.sampled_from(["lead", "support"])), span=(start, end))
                           for _ in range(draw(st.integers(0, 3)))]
            deadline = None
            if draw(st.booleans()):
                deadline = Deadline(text=draw(anything), kind=draw(st.sampled_from(["date", "ongoing", "periodic"])),
                                    span=(start, end))
            tasks.append(Task(id=f"t{index}", text=text[start:end], span=(start, end), title=draw(st.none() | anything),
                              assignments=assignments, deadline=deadline,
                              industries=draw(st.lists(st.sampled_from(["gas", "fire_safety", "nonsense"]), max_size=2))))
        return Document(source=draw(anything) or "x", language=draw(st.sampled_from(["zh", "en"])),
                        title=draw(st.none() | anything), text=text, tasks=tasks)

    return build()


@settings(max_examples=max(10, CASES // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_any_document_can_be_written_and_opened(document: Document) -> None:
    import json

    import docx
    import openpyxl

    for fmt in FORMATS:
        data = render_bytes(document, fmt=fmt)
        if fmt == "json":
            Document.model_validate(json.loads(data))
        elif fmt == "xlsx":
            openpyxl.load_workbook(io.BytesIO(data))
        elif fmt == "docx":
            docx.Document(io.BytesIO(data))
        else:
            data.decode("utf-8")


def _seeds() -> dict[str, bytes]:
    seeds = {p.name: p.read_bytes() for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".html")}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notice.txt", "请各区人民政府开展燃气管道检查。\n")
    seeds["archive.zip"] = buffer.getvalue()
    seeds["notice.txt"] = "请各区人民政府开展燃气管道检查。市应急管理局牵头。\n".encode("gb18030")
    return seeds


def _mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        action = rng.random()
        at = rng.randrange(len(data)) if data else 0
        if action < 0.5 and data:
            data[at] = rng.randrange(256)  # flip a byte
        elif action < 0.7:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))  # insert
        elif action < 0.9 and data:
            del data[at:at + rng.randint(1, 64)]  # delete
        else:
            data = data[:at]  # truncate
    return bytes(data)


def test_mutated_files_never_crash_a_reader() -> None:
    """Every mutated sample is read or refused with a code: never another exception."""
    rng = random.Random(20261130)
    seeds = _seeds()
    crashes = []
    for case in range(CASES * 4):
        name, seed = rng.choice(sorted(seeds.items()))
        data = _mutate(seed, rng)
        try:
            raw = read_bytes(data, name=name)
            safetydocs.parse_text(raw.text, source=name, tables=raw.tables)
        except SafetydocsError:
            pass
        except Exception as exc:  # a crash: record it to become a regression test
            crashes.append((case, name, f"{type(exc).__name__}: {exc}"[:200]))
    assert crashes == []
