"""Old and open office formats, converted by LibreOffice: Word 97 .doc, WPS .wps, Excel 97 .xls, .rtf, .odt, .ods.

Archives hold such files beside the PDFs, and no maintained Python library reads Word 97 or WPS with their tables.
LibreOffice does (Debian's ``libreoffice-writer-nogui`` and ``libreoffice-calc-nogui``): it converts the file to
.docx or .xlsx, which the .docx and .xlsx readers then read as any other, tables and merged cells included. It runs
headless with a profile of this process's own (never the user's), one conversion at a time in a process (a profile
serves one running LibreOffice), under a time limit, its whole process group ended if it overruns.

Where LibreOffice is not installed, reading such a file fails with :class:`~safetydocs.errors.ConverterMissing`
(SD116), whose message says what to install. ``SAFETYDOCS_SOFFICE`` names the program where it is not on ``PATH``.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Optional

from ..errors import ConverterMissing, CorruptDocument, UnknownFormat
from .base import RawText

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERSION_TIMEOUT = 180.0  # seconds; a first start of LibreOffice builds its profile, which takes a few of them
INSTALL_HINT = ("install LibreOffice to read it (Debian/Ubuntu: apt install libreoffice-writer-nogui "
                "libreoffice-calc-nogui), or save it as .docx, .xlsx or PDF")

# What each format is converted to: word-processing files to .docx, spreadsheets to .xlsx, by LibreOffice's
# export filters of those names.
_TARGETS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
_BY_EXTENSION = {".doc": "docx", ".dot": "docx", ".wps": "docx", ".wpt": "docx", ".rtf": "docx", ".odt": "docx",
                 ".xls": "xlsx", ".xlt": "xlsx", ".et": "xlsx", ".ods": "xlsx"}
# Streams of an OLE2 compound file that say what it holds; their names are stored in UTF-16LE in its directory.
_OLE2_STREAMS = (("WordDocument", "docx", ".doc"), ("Workbook", "xlsx", ".xls"), ("Book", "xlsx", ".xls"))
_ODF_TYPES = {"text": ("docx", ".odt"), "spreadsheet": ("xlsx", ".ods")}  # by the mimetype an OpenDocument stores

_LOCK = threading.Lock()
_PROFILE: Optional[str] = None
_PROFILE_PID: Optional[int] = None


def soffice() -> Optional[str]:
    """LibreOffice's program: ``SAFETYDOCS_SOFFICE``, else ``soffice`` or ``libreoffice`` on the PATH."""
    chosen = os.environ.get("SAFETYDOCS_SOFFICE")
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def conversion_of(data: bytes, *, source: str) -> tuple[str, str]:
    """(target, extension): what the file becomes (``docx`` or ``xlsx``) and the extension LibreOffice is given,
    from the file's content where it tells (an OLE2 file's streams, an OpenDocument's mimetype), else its name."""
    extension = os.path.splitext(source)[1].lower()
    if data.startswith(OLE2_SIGNATURE):
        # a directory entry's name ends with a UTF-16 NUL, which the same word in a document's text does not
        for stream, target, default in _OLE2_STREAMS:
            if (stream + "\0").encode("utf-16-le") in data:
                known = extension if _BY_EXTENSION.get(extension) == target else default
                return target, known
        if "PowerPoint Document\0".encode("utf-16-le") in data:
            raise UnknownFormat(source, "looks like an old PowerPoint file; export it as PDF")
    elif data.startswith(b"PK"):
        from .filekinds import _odf_type

        held = _odf_type(data)
        if held in _ODF_TYPES:
            return _ODF_TYPES[held]
    elif data.lstrip()[:5] == b"{\\rtf":
        return "docx", ".rtf"
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension], extension
    raise UnknownFormat(source, "an office file of a kind LibreOffice is not asked to convert; save it as .docx")


def convert(data: bytes, *, source: str, timeout: float = CONVERSION_TIMEOUT) -> tuple[str, bytes]:
    """The file converted by LibreOffice: (``docx`` or ``xlsx``, the converted file's bytes)."""
    target, extension = conversion_of(data, source=source)
    program = soffice()
    if program is None:
        raise ConverterMissing(source, INSTALL_HINT)
    with _LOCK, tempfile.TemporaryDirectory(prefix="safetydocs-convert-") as folder:
        given = Path(folder) / f"document{extension}"
        given.write_bytes(data)
        out = Path(folder) / "out"
        command = [program, f"-env:UserInstallation={Path(_profile()).as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", _TARGETS[target],
                   "--outdir", str(out), str(given)]
        # HOME in the folder too: LibreOffice writes there on a first start whatever the profile says.
        environment = {**os.environ, "HOME": folder}
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                       env=environment, start_new_session=True)
        except OSError as exc:
            raise ConverterMissing(source, f"{program} cannot be run ({exc.strerror or exc}); {INSTALL_HINT}") from None
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end_group(process)
            raise CorruptDocument(source, f"LibreOffice did not convert it within {timeout:.0f} s") from None
        except BaseException:
            _end_group(process)  # interrupted (Ctrl-C, --timeout): no LibreOffice left behind
            raise
        converted = out / f"document.{target}"
        if process.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
            said = " ".join((stderr or stdout).decode("utf-8", "replace").split())[-200:]
            raise CorruptDocument(source, f"LibreOffice could not convert it{': ' + said if said else ''}")
        return target, converted.read_bytes()


def read(data: bytes, *, source: str) -> RawText:
    """Read a .doc, .wps, .xls, .rtf, .odt or .ods file: converted, then read by the .docx or .xlsx reader."""
    target, converted = convert(data, source=source)
    if target == "docx":
        from .docx import read as read_converted
    else:
        from .xlsx import read as read_converted
    raw = read_converted(converted, source=source)
    raw.kind = "office"
    return raw


def _profile() -> str:
    """This process's LibreOffice profile: made on first use, removed at exit. A profile of its own keeps a running
    LibreOffice of the user's, and its settings, out of the conversion."""
    global _PROFILE, _PROFILE_PID
    # A forked worker makes its own: two LibreOffice processes cannot share one profile.
    if _PROFILE is None or _PROFILE_PID != os.getpid() or not os.path.isdir(_PROFILE):
        _PROFILE, _PROFILE_PID = tempfile.mkdtemp(prefix="safetydocs-libreoffice-"), os.getpid()
        atexit.register(shutil.rmtree, _PROFILE, True)
        # a worker of a process pool ends without running atexit; multiprocessing's own finalizers do run
        from multiprocessing import util

        util.Finalize(None, shutil.rmtree, args=(_PROFILE, True), exitpriority=0)
    return _PROFILE


def _end_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()
