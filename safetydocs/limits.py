"""Bounds on what one document may cost, so that no input can exhaust the machine.

    from safetydocs.limits import Limits
    limits = Limits.resolve(max_bytes=20_000_000)      # the defaults, with one changed

Every reader checks the bounds before the expensive step: the file size before reading it, the
uncompressed sizes of a zip container (DOCX, XLSX, a ``.zip`` archive) before inflating anything,
the page count of a PDF before extracting text, the length of the extracted text before the
language pipeline. A document over a bound is refused with :class:`~safetydocs.errors.TooLarge`
(SD111); one that takes longer than ``timeout`` seconds with :class:`~safetydocs.errors.TimedOut`
(SD113). Long texts under ``max_chars`` are processed whole, however long.
"""
from __future__ import annotations

import contextlib
import io
import signal
import threading
import zipfile
from typing import Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .errors import TimedOut, TooLarge


class Limits(BaseModel):
    """Per-document bounds; ``None`` switches one off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_bytes: Optional[int] = Field(default=100_000_000, gt=0, description="size of the file as stored")
    max_pages: Optional[int] = Field(default=2_000, gt=0, description="pages of a PDF")
    max_chars: Optional[int] = Field(default=10_000_000, gt=0, description="characters of extracted text")
    timeout: Optional[float] = Field(default=600.0, gt=0, description="seconds to parse one document")
    max_inflated: Optional[int] = Field(default=500_000_000, gt=0,
                                        description="uncompressed bytes of a zip container's members")
    max_ratio: Optional[float] = Field(default=200.0, gt=0,
                                       description="uncompressed / compressed size of one zip member")
    # OCR costs seconds a page: "auto" reads pages that have no text (scans, faxes, image files), "never" refuses
    # them (SD108), "always" reads every PDF page from its image, for a text layer that is garbage.
    ocr: Literal["auto", "never", "always"] = Field(default="auto", description="when pages are read by OCR")

    @classmethod
    def resolve(cls, limits: "Limits | dict | None" = None, **overrides: object) -> "Limits":
        """The defaults, updated by ``limits`` (a Limits or a dict) and then by keyword overrides."""
        values = limits.model_dump() if isinstance(limits, Limits) else dict(limits or {})
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


DEFAULT = Limits()


def check_bytes(size: int, *, source: str, limits: Limits) -> None:
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise TooLarge(source, f"{size:,} bytes > --max-bytes {limits.max_bytes:,}")


def check_chars(length: int, *, source: str, limits: Limits) -> None:
    if limits.max_chars is not None and length > limits.max_chars:
        raise TooLarge(source, f"{length:,} characters > --max-chars {limits.max_chars:,}")


def check_pages(pages: int, *, source: str, limits: Limits) -> None:
    if limits.max_pages is not None and pages > limits.max_pages:
        raise TooLarge(source, f"{pages:,} pages > --max-pages {limits.max_pages:,}")


def check_zip(data_or_archive: "bytes | zipfile.ZipFile", *, source: str, limits: Limits) -> None:
    """Refuse a zip container whose members would inflate past the bounds, before inflating any."""
    archive = (data_or_archive if isinstance(data_or_archive, zipfile.ZipFile)
               else zipfile.ZipFile(io.BytesIO(data_or_archive)))
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if limits.max_ratio is not None and info.file_size > 1_000_000 and \
                info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise TooLarge(source, f"member {info.filename} inflates {info.file_size / max(info.compress_size, 1):.0f}"
                                   f" times (a compression bomb)")
    if limits.max_inflated is not None and total > limits.max_inflated:
        raise TooLarge(source, f"{total:,} bytes once inflated > {limits.max_inflated:,}")


@contextlib.contextmanager
def time_limit(seconds: Optional[float], *, source: str) -> Iterator[None]:
    """Raise :class:`TimedOut` in this thread after ``seconds`` (POSIX, main thread; elsewhere no bound).

    Worker processes run documents on their main thread, so a batch bounds every document.
    """
    usable = (seconds is not None and hasattr(signal, "SIGALRM")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimedOut(source, f"more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
