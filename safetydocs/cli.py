"""The ``safetydocs`` command: a thin layer over the library.

Examples::

    safetydocs parse notice.pdf                       # JSON to standard output
    safetydocs parse notice.docx --out tasks.md       # format from the extension
    safetydocs parse a.txt b.pdf --format csv --out out/   # out/a.csv, out/b.csv
    cat notice.txt | safetydocs parse - --lang zh
    safetydocs eval corpus/gold                        # precision / recall / F1 table
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

import click

from .errors import SafetydocsError

_FORMATS = ["json", "csv", "md", "html", "xlsx", "docx"]


def _fail_line(source: str, exc: BaseException) -> str:
    if isinstance(exc, SafetydocsError):
        return str(exc)
    # An unexpected failure is still one line naming the file; the code marks it as ours.
    return f"{source}: internal error ({type(exc).__name__}: {exc}) [SD999]".replace("\n", " ")


def _codes_epilog(*, exits: str) -> str:
    """The exit codes and every error code, for each command's --help (from safetydocs.errors)."""
    from .errors import all_codes

    lines = ["\b", "Exit codes:", *[f"  {line}" for line in exits.splitlines()], "\b", "Error codes:"]
    lines += [f"  {code}  {reason}" for code, reason in all_codes()]
    return "\n".join(lines)


_PARSE_EXITS = ("0  every input parsed and written\n1  an input failed or an output could not be written "
                "(one line each on stderr)\n2  wrong usage (unknown option, missing argument)")
_BATCH_EXITS = ("0  every document parsed (or already done)\n1  a document failed (see OUT/errors.csv), no input "
                "found, or the run could not start\n2  wrong usage")
_OTHER_EXITS = "0  done\n1  an error (one line on stderr)\n2  wrong usage"


class _Commands(click.Group):
    """Every command's last line of defence: an unexpected exception is one coded line, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            _stdout_closed()
        except SafetydocsError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except Exception as exc:
            click.echo(f"error: {_fail_line('safetydocs ' + (ctx.invoked_subcommand or ''), exc)}", err=True)
            sys.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=_codes_epilog(exits=_OTHER_EXITS))
@click.version_option(package_name="safetydocs")
def main() -> None:
    """Turn production-safety notices into task lists and responsibility matrices."""


def _stdout_closed() -> None:
    # The reader went away (`safetydocs parse … | head -1`): stop quietly, as other Unix tools do,
    # instead of reporting every remaining file as a failure.
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def _limit_options(command):
    """--max-bytes, --max-pages, --max-chars and --timeout: per-document bounds (safetydocs.limits)."""
    from .limits import DEFAULT

    options = [
        click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                     help=f"Refuse files larger than this (default {DEFAULT.max_bytes:,}; SD111)."),
        click.option("--max-pages", type=click.IntRange(min=1), default=None,
                     help=f"Refuse PDFs with more pages (default {DEFAULT.max_pages:,}; SD111)."),
        click.option("--max-chars", type=click.IntRange(min=1), default=None,
                     help=f"Refuse texts with more characters (default {DEFAULT.max_chars:,}; SD111)."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
                     help=f"Seconds one document may take (default {DEFAULT.timeout:g}; SD113)."),
        click.option("--ocr", type=click.Choice(["auto", "never", "always"]), default=None,
                     help="Read scanned pages and images by OCR: auto (pages without text), never, or always "
                          "(every PDF page). Needs the ocr extra (SD117)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _limits(max_bytes, max_pages, max_chars, timeout, ocr=None):
    from .limits import Limits

    return Limits.resolve(max_bytes=max_bytes, max_pages=max_pages, max_chars=max_chars, timeout=timeout, ocr=ocr)


def _targets(files: tuple[str, ...], out: Path, fmt: str, out_is_dir: bool) -> dict[str, Path]:
    from . import export

    if not out_is_dir:
        return {files[0]: out}
    # <stem>.<ext>; where two inputs share a stem (notice.docx and notice.html) their whole
    # file names tell them apart (notice.docx.md, notice.html.md). What still clashes is refused.
    stems = [("stdin" if name == "-" else Path(name).stem) for name in files]
    targets = {}
    for name, stem in zip(files, stems):
        base = Path(name).name if stems.count(stem) > 1 and name != "-" else stem
        targets[name] = out / (base + export.extension(fmt))
    return targets


@main.command("parse", epilog=_codes_epilog(exits=_PARSE_EXITS))
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None,
              help="Output format (default: from --out's extension, else json).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Output file, or a folder for several inputs (written as <stem>.<ext>).")
@click.option("--force", is_flag=True, help="Replace output files that exist already.")
@click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True,
              help="Document language (a language the text does not read as gives warning SD601).")
@click.option("--date", "issued", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The document's own date (YYYY-MM-DD), for relative deadlines.")
@_limit_options
def parse_command(files: tuple[str, ...], fmt: Optional[str], out: Optional[Path], force: bool, lang: str,
                  issued: Optional[dt.datetime], max_bytes: Optional[int], max_pages: Optional[int],
                  max_chars: Optional[int], timeout: Optional[float], ocr: Optional[str]) -> None:
    """Parse FILE... (txt, md, pdf, docx, xlsx, html, doc, xls, images; '-' for standard input).

    Nothing is replaced unless asked: an existing output file needs --force. In a folder
    each input is written as <stem>.<ext>, or <name>.<ext> where two inputs share a stem;
    two inputs that would still write the same file are refused before anything is written.

    \b
    safetydocs parse corpus/samples/zh-task-table.pdf
    safetydocs parse notice.docx --out tasks.csv
    safetydocs parse notice.pdf --out tasks.xlsx      (also .docx, .html, .md, .json)
    safetydocs parse a.pdf b.html --format md --out results/
    """
    import warnings

    from . import export
    from .errors import InvalidArgument, OutputError, OutputExists, OutputNameClash, UnknownOutputFormat
    from .ingest import read, read_bytes
    from .limits import time_limit
    from .pipeline import parse_raw

    limits = _limits(max_bytes, max_pages, max_chars, timeout, ocr)
    several = len(files) > 1
    out_is_dir = out is not None and (out.is_dir() or several or (not out.suffix and not out.exists()))
    if several and out is not None and out.suffix and not out.is_dir():
        raise click.UsageError("with several inputs, --out must be a folder")
    # Refusals here are SafetydocsErrors: _Commands prints each as one coded line, exit 1.
    if out is not None and not out_is_dir:
        # An output's extension always matches its content: tasks.pdf is no JSON file.
        asked = export.format_for(out)
        if asked is None:
            raise UnknownOutputFormat(str(out), f"the extension {out.suffix or '(none)'} is not one of "
                                      f"{', '.join(export.extension(f) for f in _FORMATS)}")
        if fmt is not None and asked != fmt:
            raise UnknownOutputFormat(str(out), f"--format {fmt} does not match the extension {out.suffix}")
    fmt = fmt or (export.format_for(out) if out is not None and not out_is_dir else None) or "json"
    if out is None and export.is_binary(fmt):
        # Workbook / Word bytes on a terminal are garbage: refuse before parsing anything.
        raise InvalidArgument(f"--format {fmt}", f"a binary format: write it to a file with --out tasks.{fmt}")
    targets = _targets(files, out, fmt, out_is_dir) if out is not None else {}
    by_target: dict[Path, str] = {}
    clashes = []
    for name, target in targets.items():
        if target in by_target:
            clashes.append(OutputNameClash(str(target), f"{by_target[target]} and {name}; parse them separately"))
        by_target.setdefault(target, name)
    if clashes:
        for clash in clashes:
            click.echo(f"error: {clash}", err=True)
        sys.exit(1)

    failures = 0
    for name in files:
        try:
            target = targets.get(name)
            if target is not None and target.exists() and not force:
                raise OutputExists(str(target))
            with time_limit(limits.timeout, source=name), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                if name == "-":
                    cap = limits.max_bytes + 1 if limits.max_bytes else -1
                    raw = read_bytes(sys.stdin.buffer.read(cap), name="<stdin>", limits=limits)
                else:
                    raw = read(name, limits=limits)
                document = parse_raw(raw, lang=None if lang == "auto" else lang,
                                     issued=issued.date() if issued else None, limits=limits)
            for warning in caught:
                click.echo(f"warning: {warning.message}", err=True)
            content: str | bytes = (export.render_bytes(document, fmt=fmt) if export.is_binary(fmt)
                                    else export.render(document, fmt=fmt))
            if target is None:
                if several and fmt == "json":
                    content = document.model_dump_json() + "\n"  # JSON Lines: one document per line
                try:
                    click.echo(content, nl=False)
                    sys.stdout.flush()
                except BrokenPipeError:
                    _stdout_closed()
            else:
                try:
                    export.write_atomic(target, content)
                except OSError as exc:
                    raise OutputError(str(target), exc.strerror) from exc
                click.echo(f"{name} -> {target} ({len(document.tasks)} tasks)", err=True)
        except Exception as exc:  # one bad file never stops the others
            failures += 1
            click.echo(f"error: {_fail_line(name, exc)}", err=True)
    if failures:
        sys.exit(1)


@main.command("eval", epilog=_codes_epilog(exits=_OTHER_EXITS))
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@click.option("--counts", is_flag=True, help="Show tp/fp/fn in each cell.")
@click.option("-v", "--verbose", is_flag=True, help="List the missed and spurious items.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              type=click.Choice(["plan", "workpoints", "meeting", "interview", "instruction", "news", "notice",
                                 "feedback", "other"]),
              help="Score only documents of this kind (repeatable).")
def eval_command(gold_dir: Path, as_json: bool, counts: bool, verbose: bool, kinds: tuple[str, ...]) -> None:
    """Score the parser strictly against gold files (see corpus/README.md for the format).

    Names count only when equal after normalisation (or the parser's own alias of
    the gold name); a task only when its span holds the whole anchor, one to one.
    The parser detects the language itself; language accuracy is a row of the table.
    A gold file with a "file" field is scored on that original file.

    \b
    safetydocs eval corpus/gold/heldout
    safetydocs eval corpus/gold/heldout -v          # every missed and spurious item
    safetydocs eval corpus/gold/heldout --json > scores.json
    safetydocs eval corpus/gold/heldout --kind meeting --kind news   # the reports alone
    """
    from .evaluation import evaluate, format_errors, format_table

    report = evaluate(gold_dir, kinds=kinds or None)
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        click.echo(format_table(report, counts=counts))
        if verbose:
            click.echo(format_errors(report))


@main.command("train", epilog=_codes_epilog(exits=_OTHER_EXITS))
@click.argument("corpus_dir", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Folder to write the models to (default: ./models when run in a safetydocs checkout).")
def train_command(corpus_dir: Path, out: Optional[Path]) -> None:
    """Rebuild the trained models from the gold files in CORPUS_DIR.

    Folders named heldout/, dev/, agreement/ and fresh/ are never trained on. Prints cross-validated scores.
    Without --out it writes the checkout's models/ (run it from the checkout); elsewhere --out is needed.

    \b
    safetydocs train corpus/                     (in a checkout: rewrites ./models/*/task_classifier.*)
    safetydocs train corpus/ --out /tmp/models
    """
    from .train import format_report, train

    report = train(corpus_dir, out_dir=out)
    click.echo(format_report(report))


@main.command("batch", epilog=_codes_epilog(exits=_BATCH_EXITS))
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: the number of CPUs).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); default a LocalCluster.")
@click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True)
@click.option("--date", "issued", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; only the summary line.")
@_limit_options
def batch_command(paths: tuple[str, ...], out: Path, workers: Optional[int], engine: str, scheduler: Optional[str],
                  lang: str, issued: Optional[dt.datetime], quiet: bool, max_bytes: Optional[int],
                  max_pages: Optional[int], max_chars: Optional[int], timeout: Optional[float],
                  ocr: Optional[str]) -> None:
    """Parse an archive: folders (recursively), globs and .zip files, into one ledger.

    Writes OUT/documents/*.json, OUT/ledger.csv|xlsx (and .parquet with pyarrow),
    OUT/by_department.csv, OUT/errors.csv and OUT/summary.json. Run it again to
    resume: documents already done (by content hash) are skipped.

    \b
    safetydocs batch archive/ notices-2023.zip --out ledger/
    safetydocs batch 'archive/**/*.pdf' --out ledger/ --workers 4 --quiet
    safetydocs batch archive/ --out ledger/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from .batch import run_batch

    summary = run_batch(paths, out=out, workers=workers, engine=engine, scheduler=scheduler,
                        lang=None if lang == "auto" else lang, issued=issued.date() if issued else None,
                        progress=not quiet, limits=_limits(max_bytes, max_pages, max_chars, timeout, ocr))
    repeated = f", {summary.duplicates} duplicates listed once" if summary.duplicates else ""
    click.echo(f"{summary.documents} documents: {summary.parsed} parsed, {summary.cached} already done{repeated}, "
               f"{summary.failed} failed; {summary.tasks} tasks; {summary.seconds} s -> {summary.out}", err=True)
    if summary.failed:
        click.echo(f"failures listed in {Path(summary.out) / 'errors.csv'}", err=True)
        sys.exit(1)




class _DefaultGroup(click.Group):
    """A group whose first argument, when it names no subcommand, goes to ``default_command``."""

    default_command = ""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


class _ReviewGroup(_DefaultGroup):
    """``safetydocs review FILE…`` serves the pages; ``safetydocs review export-gold …`` runs a subcommand."""

    default_command = "serve"


class _LedgerGroup(_DefaultGroup):
    """``safetydocs ledger --overdue`` lists; ``safetydocs ledger report …`` runs a subcommand."""

    default_command = "list"


def _reviewer_default() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return ""


_STORE_OPTION = click.option("--store", "store_path", type=click.Path(path_type=Path), default=None,
                             help="The review store (SQLite; default ./safetydocs-review.sqlite).")


def _open_store(store_path: Optional[Path]):
    from .review import ReviewStore
    from .review.service import DEFAULT_STORE

    return ReviewStore(store_path or Path(DEFAULT_STORE))


@main.group("review", cls=_ReviewGroup, epilog=_codes_epilog(exits=_OTHER_EXITS))
def review_group() -> None:
    """Check, correct and approve task lists in the browser; every correction is kept in the review store.

    \b
    safetydocs review notice.pdf plan.docx        (adds them, serves http://127.0.0.1:8765/, opens the browser)
    safetydocs review --store office.sqlite --no-browser --port 9000
    safetydocs review export-gold --out corpus/gold/reviewed/ --aliases models/
    """


@review_group.command("serve", hidden=True)
@click.argument("files", nargs=-1, metavar="[FILE_OR_FOLDER]...")
@_STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines in.")
@click.option("--port", type=int, default=8765, show_default=True)
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
@click.option("--reviewer", default=None, help="The name corrections carry (default: your user name).")
@click.option("--db", "db", default=None,
              help="The task ledger (default: safetydocs-ledger.sqlite beside the store, or postgresql://…).")
@click.option("--accounts", is_flag=True, help="Ask for a login even on loopback (always beyond it).")
def review_serve(files: tuple[str, ...], store_path: Optional[Path], host: str, port: int, no_browser: bool,
                 reviewer: Optional[str], db: Optional[str], accounts: bool) -> None:
    """Add the documents of FILE_OR_FOLDER (files, folders, globs, zip archives) to the store and serve the pages."""
    from .review.service import add_files, is_loopback, serve

    store = _open_store(store_path)
    reviewer = reviewer if reviewer is not None else _reviewer_default()
    failures: list[str] = []

    def report(line: str) -> None:
        failures.append(line)
        click.echo(line, err=True)

    if files:
        add_files(store, list(files), reviewer=reviewer or "unknown", report=report)
    from .tracking import TaskLedger

    ledger = TaskLedger(db or store.path.parent / "safetydocs-ledger.sqlite")
    try:
        serve(store, host=host, port=port, open_browser=not no_browser, reviewer=reviewer, ledger=ledger,
              require_login=True if accounts or not is_loopback(host) else False,
              ready=lambda url: click.echo(f"review pages at {url} (store {store.path}); Ctrl-C stops", err=True))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        click.echo(f"error: {host}:{port}: cannot listen ({exc.strerror or exc}) [SD501]", err=True)
        sys.exit(2)
    if failures:
        sys.exit(1)


@review_group.command("export-gold")
@_STORE_OPTION
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help="Folder for the gold files (corpus/gold/reviewed/ is trained on by `safetydocs train corpus/`).")
@click.option("--aliases", "models", type=click.Path(path_type=Path), default=None,
              help="A models folder: add the aliases learned from merges to its <lang>/aliases.yaml.")
def review_export_gold(store_path: Optional[Path], out: Path, models: Optional[Path]) -> None:
    """Write every reviewed document as a gold file (corpus/dev/SCHEMA.md)."""
    from .review.service import export_aliases, export_gold

    store = _open_store(store_path)
    written = export_gold(store, out=out)
    click.echo(f"{len(written)} reviewed documents written to {out}", err=True)
    if models is not None:
        for path in export_aliases(store, models=models):
            click.echo(f"aliases added to {path}", err=True)


_DB_OPTION = click.option("--db", "db", default=None,
                          help="The ledger: a SQLite file (default ./safetydocs-ledger.sqlite) or postgresql://…")
_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _open_ledger(db: Optional[str]):
    from .tracking import TaskLedger

    return TaskLedger(db)


@main.group("ledger", cls=_LedgerGroup, epilog=_codes_epilog(exits=_OTHER_EXITS))
def ledger_group() -> None:
    """Follow every task to done: statuses, progress notes, evidence, overdue lists and the weekly 督办 report.

    \b
    safetydocs ledger import --review-store safetydocs-review.sqlite     (the reviewed documents)
    safetydocs ledger import notice.pdf batch-out/documents/             (files, folders, batch results)
    safetydocs ledger --department 市应急管理局 --due-within 14            (overdue first)
    safetydocs ledger update 12 --status 已完成 --note "已完成排查" --by 王芳 --evidence photo.jpg
    safetydocs ledger report --out 督办周报.xlsx
    safetydocs ledger sheet --department 市应急管理局 --out 应急局任务.xlsx
    """


@ledger_group.command("list")
@_DB_OPTION
@click.option("--department", default=None, help="Only the tasks this department leads or supports.")
@click.option("--industry", default=None, help="Only tasks of this industry code (gas, fire_safety, …).")
@click.option("--status", default=None, help="未开始, 进行中, 已完成, 已销号 (or not_started, in_progress, done, closed).")
@click.option("--due-within", type=int, default=None, help="Only tasks due within this many days (overdue ones too).")
@click.option("--overdue", is_flag=True, help="Only overdue tasks.")
@click.option("--today", type=_DATE, default=None, help="The day to count from (default today).")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
def ledger_list(db: Optional[str], department: Optional[str], industry: Optional[str], status: Optional[str],
                due_within: Optional[int], overdue: bool, today: Optional[dt.datetime], as_json: bool) -> None:
    """List the ledger's tasks, overdue first."""
    from .tracking import Filters
    from .tracking.schema import STATUS_LABELS

    ledger = _open_ledger(db)
    filters = Filters(department=department, industry=industry, status=status, due_within=due_within,
                      overdue=overdue)
    if today:
        filters.today = today.date()
    for item in ledger.items(filters):
        if as_json:
            click.echo(item.to_json())
            continue
        flag = "逾期 " if item.overdue else ""
        click.echo(f"{item.id:>6}  {flag}{item.due.isoformat() if item.due else '-':<10}  "
                   f"{STATUS_LABELS['zh'][item.status]:<4}  {'; '.join(item.lead) or '-'}  {item.text[:60]}")


@ledger_group.command("import")
@_DB_OPTION
@click.argument("paths", nargs=-1)
@click.option("--review-store", "review_store", type=click.Path(path_type=Path), default=None,
              help="Import the reviewed documents of this review store.")
@click.option("--by", default=None, help="Who imports (default: your user name).")
def ledger_import(db: Optional[str], paths: tuple[str, ...], review_store: Optional[Path], by: Optional[str]) -> None:
    """Enter documents into the ledger; a document imported again is updated, never duplicated."""
    from .tracking.service import import_files, import_reviewed

    if not paths and review_store is None:
        raise click.UsageError("name files or folders to import, or --review-store")
    ledger = _open_ledger(db)
    by = by or _reviewer_default() or "unknown"
    failures: list[str] = []

    def report(line: str) -> None:
        failures.append(line)
        click.echo(line, err=True)

    done = import_files(ledger, list(paths), by=by, report=report) if paths else []
    if review_store is not None:
        done += import_reviewed(ledger, review_store, by=by)
    click.echo(f"{len(done)} documents imported into the ledger", err=True)
    if failures:
        sys.exit(1)


@ledger_group.command("update")
@_DB_OPTION
@click.argument("item", type=int)
@click.option("--status", default=None, help="未开始, 进行中, 已完成 or 已销号.")
@click.option("--note", default="", help="A progress note.")
@click.option("--evidence", "evidence", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file that shows the work done (its name and hash are kept).")
@click.option("--by", default=None, help="Who reports it (default: your user name).")
def ledger_update(db: Optional[str], item: int, status: Optional[str], note: str, evidence: tuple[Path, ...],
                  by: Optional[str]) -> None:
    """Change a task's status, add a progress note and evidence."""
    ledger = _open_ledger(db)
    current = ledger.item(item)
    updated = ledger.update(item, version=current.version, by=by or _reviewer_default() or "unknown", status=status,
                            note=note, evidence=[(p.name, p.read_bytes()) for p in evidence])
    click.echo(f"{updated.id}: {updated.status} (version {updated.version})", err=True)


def _write_file(out: Path, data: bytes) -> None:
    from .errors import OutputError
    from .export import write_atomic

    try:
        write_atomic(out, data)
    except OSError as exc:
        raise OutputError(str(out), exc.strerror or type(exc).__name__) from None


@ledger_group.command("report")
@_DB_OPTION
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="FILE.xlsx or FILE.docx.")
@click.option("--day", type=_DATE, default=None, help="The report's day (default today).")
@click.option("--department", default=None, help="Only this department's tasks.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def ledger_report(db: Optional[str], out: Path, day: Optional[dt.datetime], department: Optional[str],
                  lang: str) -> None:
    """The weekly 督办 report: overdue, due in the next 14 days, done this week, by department."""
    from .tracking.reports import render_report, weekly_report

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "docx"):
        raise click.UsageError("--out must end in .xlsx or .docx")
    report = weekly_report(_open_ledger(db), day=day.date() if day else None, department=department)
    _write_file(out, render_report(report, fmt=fmt, language=lang))
    click.echo(f"{len(report.overdue)} overdue, {len(report.due_soon)} due soon, {len(report.done)} done this week "
               f"-> {out}", err=True)


@ledger_group.command("sheet")
@_DB_OPTION
@click.option("--department", required=True)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="FILE.xlsx")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def ledger_sheet(db: Optional[str], department: str, out: Path, lang: str) -> None:
    """One department's task sheet (lead and support), overdue first."""
    from .tracking.reports import department_sheet

    _write_file(out, department_sheet(_open_ledger(db), department=department, language=lang))


@ledger_group.command("audit")
@_DB_OPTION
@click.option("--limit", type=int, default=50, show_default=True, help="How many entries, newest first.")
def ledger_audit(db: Optional[str], limit: int) -> None:
    """Who changed what: logins, failed logins, imports, updates and accounts added, newest first."""
    import json as _json

    for entry in _open_ledger(db).audit_log(limit=limit):
        item = f" item {entry['item_id']}" if entry["item_id"] is not None else ""
        click.echo(f"{entry['at'].isoformat()}  {entry['user']}  {entry['action']}{item}  "
                   f"{_json.dumps(entry['detail'], ensure_ascii=False)}")


@main.group("users", epilog=_codes_epilog(exits=_OTHER_EXITS))
def users_group() -> None:
    """Accounts for the review and ledger pages when they listen beyond this machine."""


@users_group.command("add")
@_DB_OPTION
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "reviewer", "department"]), required=True)
@click.option("--department", default=None, help="For a department user: the department whose tasks he sees.")
@click.password_option("--password", help="Asked for when not given (8 characters or more).")
def users_add(db: Optional[str], name: str, role: str, department: Optional[str], password: str) -> None:
    """Add an account (its password is stored hashed)."""
    user = _open_ledger(db).add_user(name, password=password, role=role, department=department,
                                     by=_reviewer_default() or "cli")
    click.echo(f"user {user.name} ({user.role}{', ' + user.department if user.department else ''}) added", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
