"""Errors with stable codes.

Every failure a user can cause (a missing file, an unreadable PDF, ...) is a
:class:`SafetydocsError` whose ``str()`` is one line naming the file and the
reason, so the CLI can print it as is and scripts can match on ``code``.
"""
from __future__ import annotations


class SafetydocsError(Exception):
    """Base error. ``code`` is stable across releases; ``source`` names the input."""

    code = "SD000"
    reason = "error"

    def __init__(self, source: str, detail: str | None = None) -> None:
        self.source = source
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.source}: {self.reason}"
        if self.detail:
            text += f" ({self.detail})"
        return f"{text} [{self.code}]"

    def __str__(self) -> str:  # one line, always
        return self.message.replace("\n", " ")


class FileMissing(SafetydocsError):
    code = "SD101"
    reason = "file not found"


class UnknownFormat(SafetydocsError):
    code = "SD102"
    reason = "unknown or unsupported file format"


class EmptyInput(SafetydocsError):
    code = "SD103"
    reason = "file is empty (no text found)"


class BinaryInput(SafetydocsError):
    code = "SD104"
    reason = "file is binary data, not a document"


class UndecodableText(SafetydocsError):
    code = "SD105"
    reason = "text could not be decoded (not UTF-8, GB18030 or Big5)"


class CorruptDocument(SafetydocsError):
    code = "SD106"
    reason = "file is corrupt or truncated"


class EncryptedPdf(SafetydocsError):
    code = "SD107"
    reason = "PDF is encrypted (password protected)"


class NoTextLayer(SafetydocsError):
    code = "SD108"
    reason = "PDF has no text layer (scanned pages where OCR found no text, or --ocr never)"


class UncertainEncoding(SafetydocsError):
    code = "SD110"
    reason = "text encoding could not be determined with confidence (save it as UTF-8)"


class TooLarge(SafetydocsError):
    code = "SD111"
    reason = "document exceeds a limit (--max-bytes, --max-pages, --max-chars, or a compression bomb)"


class NotRegularFile(SafetydocsError):
    code = "SD112"
    reason = "not a regular file (a device, pipe or socket)"


class TimedOut(SafetydocsError):
    code = "SD113"
    reason = "parsing took longer than --timeout"


class WorkerDied(SafetydocsError):
    code = "SD114"
    reason = "the worker parsing this document died (out of memory or a crash)"


class EncryptedMember(SafetydocsError):
    code = "SD115"
    reason = "archive member is encrypted"


class ConverterMissing(SafetydocsError):
    code = "SD116"
    reason = "reading this format needs LibreOffice, which is not installed"


class OcrUnavailable(SafetydocsError):
    code = "SD117"
    reason = "scanned pages need OCR, which is not installed (pip install 'safetydocs[ocr]')"


class OcrPageUnreadable(SafetydocsError):
    """Raised only as a warning (SafetydocsWarning): the document is read, without that page."""
    code = "SD118"
    reason = "OCR found no text on a page"


class SafetydocsWarning(UserWarning):
    """A warning with a stable code: the result is produced, but a person should know."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.code = getattr(error, "code", None)


class GoldFormatError(SafetydocsError):
    code = "SD201"
    reason = "not a valid gold annotation file"


class OutputError(SafetydocsError):
    code = "SD301"
    reason = "cannot write output"


class FileUnreadable(SafetydocsError):
    code = "SD109"
    reason = "file cannot be read (permission denied or I/O error)"


class OutputExists(SafetydocsError):
    code = "SD302"
    reason = "output would replace another file (use --force to replace it)"


class OutputNameClash(SafetydocsError):
    code = "SD303"
    reason = "two inputs would write the same output file"


class UnknownOutputFormat(SafetydocsError, ValueError):
    code = "SD304"
    reason = "unknown output format"


class NoInput(SafetydocsError):
    code = "SD401"
    reason = "no input documents found"


class SchedulerUnavailable(SafetydocsError):
    code = "SD402"
    reason = "cannot reach the Dask scheduler"


class InvalidArgument(SafetydocsError, ValueError):
    code = "SD501"
    reason = "invalid argument"


class InternalError(SafetydocsError):
    """Not raised on purpose: the CLI reports any unexpected exception with this code (a bug to report)."""

    code = "SD999"
    reason = "internal error (please report it with the input file)"


# Warnings: printed as one line with their code; the run goes on and the exit code is not changed.
class LanguageMismatch(SafetydocsError):
    code = "SD601"
    reason = "the forced language does not match the text"


class InvalidCorrection(SafetydocsError, ValueError):
    code = "SD701"
    reason = "invalid correction"


class ReviewStoreError(SafetydocsError):
    code = "SD702"
    reason = "review store unusable"


class LedgerError(SafetydocsError):
    code = "SD801"
    reason = "task ledger unusable"


class LedgerConflict(SafetydocsError):
    code = "SD802"
    reason = "changed by someone else since it was read"


class NotAllowed(SafetydocsError):
    code = "SD803"
    reason = "not allowed"


def all_codes() -> list[tuple[str, str]]:
    """Every (code, reason) in code order: the README's error table and each command's --help come from here."""
    found: dict[str, str] = {}
    stack = list(SafetydocsError.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        found.setdefault(cls.code, cls.reason)
    return sorted(found.items())
