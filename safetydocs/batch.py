"""Batch processing of document archives: parallel, resumable, nothing lost.

    from safetydocs.batch import run_batch
    summary = run_batch(["archive/", "2023.zip"], out="ledger/", workers=2)

The driver process finds the documents (folders walked recursively, globs,
``.zip`` archives), skips those whose content hash is already done (a SQLite
cache in the output folder), hands the rest to workers (a process pool, or a
Dask cluster), and writes each result atomically as it arrives: one JSON per
document, the error report, and at the end the consolidated ledger. Workers
build the spaCy / jieba pipelines once each, not once per document. A killed
run leaves no half-written file; running it again picks up where it stopped.
"""
from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import io
import json
import os
import signal
import sqlite3
import stat
import time
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from pydantic import BaseModel

from .export import write_atomic
from .model import Document

CACHE_NAME = ".safetydocs-cache.sqlite"
PARSER_VERSION = "1"  # part of the cache key, with the package version and a hash of the language data
SCHEDULER_TIMEOUT = 10  # seconds to reach a Dask scheduler before the run stops with SD402


class ParseError(BaseModel):
    """A document that could not be parsed: where it is and why (a stable code)."""

    source: str
    code: str
    reason: str


class BatchSummary(BaseModel):
    documents: int  # found
    parsed: int  # parsed in this run
    cached: int  # skipped: already done in an earlier run
    duplicates: int = 0  # the same bytes found again (a folder and a zip of it): parsed and listed once
    failed: int
    tasks: int
    departments: int
    seconds: float
    out: str
    engine: str
    workers: int


@dataclass(frozen=True)
class Source:
    """One document: a file, or a member of a zip archive (``path`` then is the archive)."""

    path: str
    member: Optional[str] = None

    @property
    def name(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path

    @property
    def stem(self) -> str:
        return Path(self.member or self.path).stem

    def read(self, limits: Optional[Any] = None) -> bytes:
        """The document's bytes, within ``limits``; every failure is a coded SafetydocsError."""
        from .errors import (CorruptDocument, EncryptedMember, FileMissing, FileUnreadable, NotRegularFile,
                             TooLarge)
        from .limits import DEFAULT, check_bytes

        limits = limits or DEFAULT
        if self.member is None:
            try:
                info = os.stat(self.path)
                if not stat.S_ISREG(info.st_mode):
                    raise NotRegularFile(self.name)
                check_bytes(info.st_size, source=self.name, limits=limits)
                with open(self.path, "rb") as handle:
                    return handle.read(limits.max_bytes + 1 if limits.max_bytes else -1)
            except FileNotFoundError:
                raise FileMissing(self.name) from None
            except OSError as exc:
                raise FileUnreadable(self.name, exc.strerror or type(exc).__name__) from None
        try:
            archive = _open_zip(self.path)
            info = archive.getinfo(self.member)
            if info.flag_bits & 0x1:
                raise EncryptedMember(self.name)
            check_bytes(info.file_size, source=self.name, limits=limits)
            if limits.max_ratio and info.file_size > 1_000_000 and \
                    info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise TooLarge(self.name, "a compression bomb")
            return archive.read(self.member)
        except FileNotFoundError:
            raise FileMissing(self.name) from None
        except KeyError:
            raise FileMissing(self.name, "no such member") from None
        except RuntimeError as exc:  # zipfile's word for an encrypted member
            raise EncryptedMember(self.name, str(exc)[:100]) from None
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
            raise CorruptDocument(self.name, f"{type(exc).__name__}: {exc}"[:200]) from None
        except OSError as exc:
            raise FileUnreadable(self.name, exc.strerror or type(exc).__name__) from None


@lru_cache(maxsize=4)
def _open_zip_at(path: str, mtime: float, size: int) -> zipfile.ZipFile:
    return zipfile.ZipFile(path)


def _open_zip(path: str) -> zipfile.ZipFile:
    """One open handle per archive and process: a zip of 2,000 notices is not reopened 2,000 times."""
    info = os.stat(path)
    return _open_zip_at(path, info.st_mtime, info.st_size)


def _hidden(path: Path) -> bool:
    return any(part.startswith(".") for part in path.parts if part not in (".", ".."))


def discover(paths: Iterable[Union[str, os.PathLike]], *, exclude: Optional[Path] = None,
             empty: Optional[list[str]] = None, problems: Optional[list["ParseError"]] = None) -> list[Source]:
    """Every document under ``paths``: files, folders (recursive), globs and zip archives, once each.

    Symbolic links to folders are not followed (a link back up would loop, and links to the same
    folder would list every document many times); a link to a file is read. A glob or a folder that
    yields no document is appended to ``empty``; what cannot be listed or opened (an unreadable
    folder, a broken link, a bad zip) to ``problems`` as a coded :class:`ParseError` (when given).
    """
    from .errors import CorruptDocument, FileMissing, FileUnreadable

    found: list[Source] = []
    seen: set[str] = set()

    def report(error: Exception) -> None:
        if problems is not None:
            problems.append(ParseError(source=getattr(error, "source", "?"), code=getattr(error, "code", "SD999"),
                                       reason=str(error)))

    def add(source: Source) -> None:
        if source.name not in seen:
            seen.add(source.name)
            found.append(source)

    def add_file(path: Path) -> None:
        if exclude is not None and exclude in path.resolve().parents:
            return  # never read our own output folder back in
        if path.is_symlink() and not path.exists():
            report(FileMissing(str(path), "a broken symbolic link"))
            return
        if path.suffix.lower() == ".zip" and path.is_file():
            try:
                archive = _open_zip(str(path))
                members = sorted(archive.namelist())
            except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
                report(CorruptDocument(str(path), f"bad zip archive: {exc}"[:200]))
                return
            for member in members:
                if not member.endswith("/") and not _hidden(Path(member)) and "__MACOSX" not in member:
                    add(Source(str(path), member))
        else:
            add(Source(str(path)))

    def walk(folder: Path) -> None:
        def unreadable(error: OSError) -> None:
            report(FileUnreadable(error.filename or str(folder), error.strerror or type(error).__name__))

        for directory, subfolders, files in os.walk(folder, onerror=unreadable, followlinks=False):
            here = Path(directory)
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    add_file(here / name)

    for raw in paths:
        text = os.fspath(raw)
        matches = _glob(text) if glob.has_magic(text) else [text]
        before = len(found)
        for match in matches:
            path = Path(match)
            if path.is_dir() and not path.is_symlink():
                walk(path)
            elif path.is_dir():
                continue  # a link to a folder is not followed
            else:
                add_file(path)  # a missing file is reported by the worker, not silently dropped
        if len(found) == before and empty is not None:
            empty.append(text)
    return found


def _glob(pattern: str) -> list[str]:
    """Paths matching ``pattern``; ``**`` spans any number of folders without entering linked ones.

    The standard library's recursive glob follows links to folders: a link back up loops until the
    path is too long, and two links to one folder list every document twice.
    """
    if "**" not in pattern:
        return sorted(m for m in glob.glob(pattern) if not _through_link(Path(m), _glob_base(pattern)))
    import fnmatch
    import re

    base = _glob_base(pattern)
    rest = Path(pattern).parts[len(base.parts):]
    regex = ""
    for index, part in enumerate(rest):
        last = index == len(rest) - 1
        if part == "**":
            regex += "(?:[^/]+/)*" if not last else ".*"
        else:
            segment = fnmatch.translate(part)
            regex += segment[segment.index(":") + 1:segment.rindex(")")] + ("" if last else "/")
    matcher = re.compile(regex + r"\Z", re.S)
    found = []
    for directory, subfolders, files in os.walk(base, followlinks=False):
        here = Path(directory)
        for name in [*subfolders, *files]:
            relative = (here / name).relative_to(base).as_posix()
            if matcher.match(relative):
                found.append(str(here / name))
    return sorted(found)


def _glob_base(pattern: str) -> Path:
    """The fixed folder a glob starts from (``archive/2023`` of ``archive/2023/**/*.pdf``)."""
    parts = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _through_link(path: Path, base: Path) -> bool:
    """Whether a folder between ``base`` and ``path`` (neither included) is a symbolic link."""
    try:
        inner = path.relative_to(base).parts[:-1]
    except ValueError:
        return False
    here = base
    for part in inner:
        here = here / part
        if here.is_symlink():
            return True
    return False


# ------------------------------------------------------------------ workers
_WARM = False


def _warm_up() -> None:
    """Build both pipelines once in this process, before the first document, so that no document's time limit
    pays for loading them; jieba's part-of-speech tagger too, which most archives need sooner or later."""
    global _WARM
    if not _WARM:
        from .analysis import load_tagger
        from .pipeline import parse_text

        parse_text("各部门要加强安全生产工作。", lang="zh")
        parse_text("All regions must strengthen work safety.", lang="en")
        load_tagger()
        _WARM = True


def _worker_init() -> None:
    """A worker of the process pool: it dies with the parent, then builds its pipelines."""
    _die_with_parent()
    _warm_up()


def _die_with_parent() -> None:
    # Linux: ask the kernel to kill this process when the parent dies, so that a killed batch
    # leaves no orphan workers running. Elsewhere the pool's own shutdown has to do.
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _limits(options: dict) -> Any:
    from .limits import Limits

    return Limits.resolve(options.get("limits"))


def parse_source(source: Source, options: dict) -> tuple[str, str, Optional[str], Optional[dict]]:
    """Parse one source in a worker: (name, content hash, document JSON or None, error or None)."""
    from .errors import SafetydocsError
    from .ingest import read_bytes
    from .limits import time_limit
    from .pipeline import parse_raw

    _warm_up()
    digest = ""
    limits = _limits(options)
    try:
        with time_limit(limits.timeout, source=source.name):
            data = source.read(limits)
            digest = content_hash(data, options)
            raw = read_bytes(data, name=source.name, limits=limits)
            issued = dt.date.fromisoformat(options["issued"]) if options.get("issued") else None
            document = parse_raw(raw, lang=options.get("lang"), issued=issued, limits=limits)
        return source.name, digest, document.model_dump_json(), None
    except SafetydocsError as exc:
        return source.name, digest, None, {"code": exc.code, "reason": str(exc)}
    except Exception as exc:  # one bad file never stops a batch
        reason = f"{source.name}: internal error ({type(exc).__name__}: {exc})"
        return source.name, digest, None, {"code": "SD999", "reason": " ".join(reason.split())[:500]}
    finally:
        _release_memory()


def _release_memory() -> None:
    """Give the memory a document's parse freed back to the system. glibc keeps freed blocks in its heaps, and a
    worker that has read a long PDF would otherwise hold their pages through every document after it (measured on
    300 generated notices: peak 313 MiB without, 286 MiB with, at no measurable cost in time)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Optional[Callable[[int], int]]:
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim  # glibc's; other C libraries have none
    except (OSError, AttributeError):
        return None


def content_hash(data: bytes, options: dict) -> str:
    """The cache key: the bytes, the options, and what parses them (package version, language data, models).

    After an update of the package or of ``models/``, every document is parsed again.
    """
    key = json.dumps({k: options.get(k) for k in ("lang", "issued")}, sort_keys=True)
    return hashlib.sha256(parser_fingerprint().encode() + key.encode() + data).hexdigest()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_FINGERPRINT: Optional[str] = None


def parser_fingerprint() -> str:
    """PARSER_VERSION, the package version and a SHA-256 of every language-data and model file (once per process)."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        from importlib.metadata import PackageNotFoundError, version

        from .resources import models_dir

        try:
            package = version("safetydocs")
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            package = "unknown"
        digest = hashlib.sha256()
        root = Path(str(models_dir()))
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        _FINGERPRINT = f"{PARSER_VERSION}:{package}:{digest.hexdigest()}"
    return _FINGERPRINT


# ------------------------------------------------------------------- cache
class Cache:
    """Which content hashes are done, and where their results are (SQLite, one writer: the driver)."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path)
        # Write-ahead log, synced at checkpoints rather than at each document's commit (5 ms each, in the one
        # process that feeds the workers): a crash of the program loses nothing; a power cut may lose the last
        # records, whose documents the next run parses again.
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS documents (hash TEXT PRIMARY KEY, source TEXT, output TEXT, done_at TEXT)")
        # Failures are remembered by content too: a re-run does not parse a bad file again
        # (it is still reported); a changed file has a new hash and is tried again.
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS failures (hash TEXT PRIMARY KEY, source TEXT, code TEXT, reason TEXT)")
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS sources (source TEXT PRIMARY KEY, hash TEXT)")
        self.connection.commit()

    def hash_of(self, source: str) -> Optional[str]:
        row = self.connection.execute("SELECT hash FROM sources WHERE source = ?", (source,)).fetchone()
        return row[0] if row else None

    def shared(self, digest: str, *, source: str) -> bool:
        """Whether another source has this content."""
        row = self.connection.execute("SELECT 1 FROM sources WHERE hash = ? AND source != ?", (digest, source))
        return row.fetchone() is not None

    def output_of(self, digest: str) -> Optional[str]:
        row = self.connection.execute("SELECT output FROM documents WHERE hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def record(self, *, source: str, digest: str, output: str) -> None:
        with self.connection:
            self.connection.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                                    (digest, source, output, dt.datetime.now(dt.timezone.utc).isoformat()))
            self.connection.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (source, digest))

    def record_failure(self, *, digest: str, error: ParseError) -> None:
        with self.connection:
            self.connection.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                                    (digest, error.source, error.code, error.reason))

    def failure_of(self, digest: str, *, source: str) -> Optional[ParseError]:
        """The earlier failure of this content, told of ``source`` (the same bytes may have moved)."""
        row = self.connection.execute("SELECT source, code, reason FROM failures WHERE hash = ?", (digest,)).fetchone()
        if not row:
            return None
        return ParseError(source=source, code=row[1], reason=row[2].replace(row[0], source, 1))

    def close(self) -> None:
        self.connection.close()


def _previous_outcome(cache: Cache, out: Path, source: Source, options: dict) -> Optional[Union[str, ParseError]]:
    """The result of an earlier run for this content: its output file, or its failure; None if new."""
    from .errors import SafetydocsError

    try:
        digest = content_hash(source.read(_limits(options)), options)
    except SafetydocsError:
        return None  # the worker reads it again and reports why it cannot
    output = cache.output_of(digest)
    if output is not None and (out / output).is_file():
        return output
    return cache.failure_of(digest, source=source.name)


# ------------------------------------------------------------------ engines
def _local_results(todo: list[Source], options: dict, workers: int) -> Iterator[tuple]:
    """Results as they complete. A worker that dies (killed, out of memory, a crash in a library)
    takes only its own document with it: that document is reported (SD114) and the pool rebuilt."""
    if workers <= 1:
        for source in todo:
            yield parse_source(source, options)
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pending = list(reversed(todo))  # pop() from the end keeps discovery order
    suspects: list[Source] = []
    while pending or suspects:
        if suspects:
            # After a death, each document that was in flight runs alone: the one that kills
            # its own pool is the culprit; the others come back with their results.
            source = suspects.pop(0)
            yield _isolated(source, options)
            continue
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init)
        in_flight: dict[Any, Source] = {}
        broken = False
        try:
            while pending or in_flight:
                while pending and len(in_flight) < 2 * workers:  # bounded: a death costs few re-runs
                    # Submitted before it leaves the queue: a pool that broke since the last wait refuses the
                    # submission (BrokenProcessPool), and the document must still be pending, not lost.
                    future = pool.submit(parse_source, pending[-1], options)
                    in_flight[future] = pending.pop()
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    result = future.result()  # a death raises here; its document stays in flight
                    del in_flight[future]
                    yield result
        except BrokenProcessPool:
            broken = True
            suspects.extend(in_flight.values())
        finally:
            _close_pool(pool, broken=broken)


def _isolated(source: Source, options: dict) -> tuple:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .errors import WorkerDied

    pool = ProcessPoolExecutor(max_workers=1, initializer=_worker_init)
    broken = False
    try:
        return pool.submit(parse_source, source, options).result()
    except BrokenProcessPool:
        broken = True
        error = WorkerDied(source.name)
        return source.name, "", None, {"code": error.code, "reason": str(error)}
    finally:
        _close_pool(pool, broken=broken)


def _close_pool(pool: Any, *, broken: bool) -> None:
    """Shut a pool down; a broken one without waiting (joining its threads can hang after a worker was
    killed), its remaining processes ended by hand."""
    if not broken:
        pool.shutdown(wait=True, cancel_futures=True)
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def _dask_results(todo: list[Source], options: dict, workers: int, scheduler: Optional[str]) -> Iterator[tuple]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - optional extra
        raise ImportError("the Dask engine needs dask.distributed: pip install 'safetydocs[dask]'") from exc
    cluster = None
    if scheduler:
        from .errors import SchedulerUnavailable

        try:
            client = Client(scheduler, timeout=f"{SCHEDULER_TIMEOUT}s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise SchedulerUnavailable(scheduler, f"{type(exc).__name__}: {exc}".split("\n")[0][:200]) from None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(_warm_up)
        futures = client.map(parse_source, todo, options=options, pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------ driver
def run_batch(paths: Iterable[Union[str, os.PathLike]], *, out: Union[str, os.PathLike], workers: Optional[int] = None,
              engine: str = "local", scheduler: Optional[str] = None, lang: Optional[str] = None,
              issued: Optional[dt.date] = None, progress: bool = True, limits: Optional[Any] = None) -> BatchSummary:
    """Parse every document under ``paths`` into ``out``; see the module documentation.

    ``limits`` (:class:`~safetydocs.limits.Limits`) bound each document. A disk that fills up or a
    folder that cannot be written ends the run with :class:`~safetydocs.errors.OutputError` (SD301)
    after writing whatever reports can still be written; nothing done before is lost.
    """
    from .errors import NoInput, OutputError
    from .limits import Limits
    from .pipeline import coerce_date, coerce_language

    started = time.perf_counter()
    out_dir = Path(out)
    lang = coerce_language(lang)
    issued = coerce_date(issued)
    workers = workers or os.cpu_count() or 1
    options = {"lang": lang, "issued": issued.isoformat() if issued else None,
               "limits": Limits.resolve(limits).model_dump()}
    empty: list[str] = []
    problems: list[ParseError] = []
    sources = discover(paths, exclude=out_dir.resolve(), empty=empty, problems=problems)
    if not sources and not problems:
        # Nothing to do is never a success: a mistyped glob would otherwise "finish" with 0 documents.
        raise NoInput(", ".join(os.fspath(p) for p in paths) or "(no paths)", "no file matched")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(str(out_dir), "exists and is not a folder")
    try:
        (out_dir / "documents").mkdir(parents=True, exist_ok=True)
        for stale in [*(out_dir / "documents").glob(".*.part"), *out_dir.glob(".*.part")]:
            stale.unlink()  # the temporary file of a write a killed run did not finish
        cache = Cache(out_dir / CACHE_NAME)
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(str(out_dir), getattr(exc, "strerror", None) or str(exc)) from None
    errors: list[ParseError] = [ParseError(source=pattern, code=NoInput.code, reason=str(NoInput(pattern, "no file matched")))
                                for pattern in empty] + problems
    parsed = cached = duplicates = 0
    stopped: Optional[OutputError] = None
    from .ledger import LedgerWriter

    ledger: Optional[LedgerWriter] = None
    try:
        sources, duplicates = _unique_contents(sources, options)
        try:
            ledger = LedgerWriter(out_dir)
        except OSError as exc:
            raise OutputError(str(out_dir), exc.strerror or str(exc)) from None
        # The ledger is written in discovery order while the workers parse: each source's output (None when it
        # failed) waits here until every source before it has one.
        order = {source.name: index for index, source in enumerate(sources)}
        outputs: dict[int, Optional[str]] = {}
        written = 0

        def write_ready() -> None:
            nonlocal written
            while written in outputs:
                output = outputs.pop(written)
                if output is not None and (out_dir / output).is_file():
                    payload = (out_dir / output).read_text(encoding="utf-8")
                    ledger.add(sources[written].name, Document.model_validate_json(payload))
                written += 1

        todo = []
        for index, source in enumerate(sources):
            outcome = _previous_outcome(cache, out_dir, source, options)
            if outcome is None:
                todo.append(source)
            elif isinstance(outcome, ParseError):
                errors.append(outcome)
                outputs[index] = None
            else:
                outputs[index] = outcome
        cached = len(sources) - len(todo)
        results = (_dask_results(todo, options, workers, scheduler) if engine == "dask"
                   else _local_results(todo, options, workers))
        bar = _progress(total=len(todo), enabled=progress)
        try:
            write_ready()
            for name, digest, payload, error in results:
                if error is not None:
                    failure = ParseError(source=name, code=error["code"], reason=error["reason"])
                    errors.append(failure)
                    if digest:
                        cache.record_failure(digest=digest, error=failure)
                    output = None
                else:
                    output = f"documents/{_safe_stem(name)}-{digest[:12]}.json"
                    write_atomic(out_dir / output, payload + "\n")
                    _forget_stale(cache, out_dir, source=name, digest=digest)
                    cache.record(source=name, digest=digest, output=output)
                    parsed += 1
                if name in order:
                    outputs[order[name]] = output
                    write_ready()
                bar.update(1)
        except (OSError, sqlite3.Error) as exc:
            # Disk full, a folder made read-only under us: stop parsing, keep what is done.
            stopped = OutputError(str(out_dir), getattr(exc, "strerror", None) or str(exc))
            close = getattr(results, "close", None)
            if close is not None:
                close()
        finally:
            bar.close()
        # What a stop left unparsed has no output: the ledger goes on with the sources after it.
        for index in range(written, len(sources)):
            outputs.setdefault(index, None)
        try:
            write_ready()
        except (OSError, sqlite3.Error) as exc:
            stopped = stopped or OutputError(str(out_dir), getattr(exc, "strerror", None) or str(exc))
    except BaseException:
        if ledger is not None:
            ledger.abort()
        raise
    finally:
        cache.close()
    summary = BatchSummary(
        documents=len(sources) + duplicates, parsed=parsed, cached=cached, duplicates=duplicates,
        failed=len(errors), tasks=ledger.tasks, departments=len(ledger.department_names),
        seconds=round(time.perf_counter() - started, 2), out=str(out_dir), engine=engine, workers=workers)
    try:
        _write_errors(out_dir, errors)
        ledger.close()  # what is done, even after a stop
        write_atomic(out_dir / "summary.json", summary.model_dump_json(indent=2) + "\n")
    except (OSError, sqlite3.Error) as exc:
        stopped = stopped or OutputError(str(out_dir), getattr(exc, "strerror", None) or str(exc))
    if stopped is not None:
        raise stopped
    return summary


def _forget_stale(cache: "Cache", out_dir: Path, *, source: str, digest: str) -> None:
    """A changed file's earlier result: its JSON goes, unless another source has the same content."""
    old = cache.hash_of(source)
    if old is None or old == digest:
        return
    output = cache.output_of(old)
    if output and not cache.shared(old, source=source):
        (out_dir / output).unlink(missing_ok=True)


def _unique_contents(sources: list[Source], options: Optional[dict] = None) -> tuple[list[Source], int]:
    """The sources with distinct bytes (the first of each), and how many repeated an earlier one.

    A folder given together with a zip of the same files would otherwise be parsed twice and
    put every task into the ledger twice. An unreadable source is kept: its worker reports it.
    """
    from .errors import SafetydocsError

    seen: set[str] = set()
    unique: list[Source] = []
    for source in sources:
        try:
            digest = file_hash(source.read(_limits(options or {})))
        except SafetydocsError:
            unique.append(source)
            continue
        if digest in seen:
            continue
        seen.add(digest)
        unique.append(source)
    return unique, len(sources) - len(unique)


def _safe_stem(name: str) -> str:
    stem = Path(name.split("!")[-1]).stem
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)[:80] or "document"


def _write_errors(out_dir: Path, errors: list[ParseError]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    from .export.safety import spreadsheet_text

    writer.writerow(["source", "code", "reason"])
    for error in sorted(errors, key=lambda e: e.source):
        writer.writerow([spreadsheet_text(error.source), error.code, spreadsheet_text(error.reason)])
    write_atomic(out_dir / "errors.csv", "\ufeff" + buffer.getvalue())


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(*, total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", dynamic_ncols=True, desc="parsing")


def parse_many(paths: Iterable[Union[str, os.PathLike]], *, workers: int = 1, lang: Optional[str] = None,
               issued: Optional[dt.date] = None) -> Iterator[Union[Document, ParseError]]:
    """Parse every document under ``paths``; yields a Document or a ParseError per document (completion order)."""
    options = {"lang": lang, "issued": issued.isoformat() if issued else None}
    for name, _, payload, error in _local_results(discover(paths), options, workers):
        if error is not None:
            yield ParseError(source=name, code=error["code"], reason=error["reason"])
        else:
            yield Document.model_validate_json(payload)
