"""The review pages: a small Flask application over a :class:`~.store.ReviewStore`.

Server-rendered pages (Jinja templates with autoescaping) and one static script for what needs the browser (a
selection's offsets, a click scrolling to a span). Every state change is a POST carrying the session's CSRF token;
every document string reaches the page escaped, and a Content-Security-Policy lets no inline script run even if one
slipped through. No name from the client is used as a path: an upload is read from memory.
"""
from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from flask import Flask, Response, abort, flash, g, redirect, render_template, request, session, url_for

from ..errors import InvalidCorrection, SafetydocsError
from ..limits import Limits
from ..model import Document
from .store import ReviewStore

if TYPE_CHECKING:  # pragma: no cover
    from ..tracking import TaskLedger

UPLOAD_SUFFIXES = (".pdf", ".docx", ".docm", ".xlsx", ".xlsm", ".html", ".htm", ".txt", ".md", ".text")
DEFAULT_MAX_UPLOAD = 20_000_000  # bytes
LOW_CONFIDENCE = 0.6
SESSION_HOURS = 8.0  # a login lasts a working day  # items below it are shown first, flagged
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'; connect-src 'self'")


def create_app(*, store: ReviewStore, reviewer: str = "", max_upload: int = DEFAULT_MAX_UPLOAD,
               ledger: Optional["TaskLedger"] = None, require_login: bool = False,
               session_hours: float = SESSION_HOURS) -> Flask:
    """The application; ``reviewer`` is the name corrections carry until the page sets another.

    With a ``ledger`` the task ledger's pages are there too. ``require_login`` (on whenever the server listens
    beyond loopback) asks for an account on every page; a session ends ``session_hours`` after its login.
    """
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=store.secret, MAX_CONTENT_LENGTH=max_upload, SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict", TEMPLATES_AUTO_RELOAD=False,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=session_hours),
    )
    app.extensions["safetydocs_store"] = store
    app.extensions["safetydocs_reviewer"] = reviewer
    app.extensions["safetydocs_ledger"] = ledger
    app.extensions["safetydocs_login"] = require_login
    if require_login and ledger is None:
        raise ValueError("accounts live in the ledger: require_login needs a ledger")

    @app.before_request
    def _csrf() -> None:
        token = session.get("csrf")
        if token is None:
            token = session["csrf"] = secrets.token_urlsafe(32)
        g.csrf = token
        if request.method == "POST":
            sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
            if not hmac.compare_digest(sent, token):
                abort(400, description="missing or wrong CSRF token: reload the page")

    from .accounts import install as install_accounts
    from .ledger_pages import pages as ledger_pages

    install_accounts(app)
    if ledger is not None:
        app.register_blueprint(ledger_pages)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.context_processor
    def _context() -> dict[str, Any]:
        return {"csrf_token": g.get("csrf", ""), "reviewer": _reviewer(), "user": g.get("user"),
                "has_ledger": ledger is not None, "require_login": require_login}

    @app.errorhandler(413)
    def _too_large(_error):
        flash(f"The file is larger than {max_upload:,} bytes: not stored.", "error")
        return redirect(url_for("index"))

    @app.get("/")
    def index():
        return render_template("index.html", documents=store.documents(), suffixes=", ".join(UPLOAD_SUFFIXES))

    @app.post("/reviewer")
    def set_reviewer():
        name = (request.form.get("name") or "").strip()[:80]
        if name:
            session["reviewer"] = name
        return redirect(request.form.get("next") if _local_path(request.form.get("next")) else url_for("index"))

    @app.post("/upload")
    def upload():
        sent = request.files.get("file")
        if sent is None or not sent.filename:
            flash("Choose a file to upload.", "error")
            return redirect(url_for("index"))
        display = _display_name(sent.filename)
        if not display.lower().endswith(UPLOAD_SUFFIXES):
            flash(f"{display}: not a supported type (choose {', '.join(UPLOAD_SUFFIXES)}).", "error")
            return redirect(url_for("index"))
        data = sent.read(max_upload + 1)
        if len(data) > max_upload:
            flash(f"{display}: larger than {max_upload:,} bytes, not stored.", "error")
            return redirect(url_for("index"))
        try:
            document = _parse(data, display, max_upload)
        except SafetydocsError as exc:
            flash(str(exc), "error")
            return redirect(url_for("index"))
        doc_id = store.add(document, data=data, file_name=display, reviewer=_reviewer() or "unknown")
        return redirect(url_for("document", doc_id=doc_id))

    @app.get("/doc/<int:doc_id>")
    def document(doc_id: int):
        doc = _load(store, doc_id)
        reviewed, reviewed_by = store.reviewed(doc_id)
        from ..export.review import industry_names
        from ..extract.industries import taxonomy

        key = "name_zh" if doc.language == "zh" else "name_en"
        return render_template(
            "document.html", doc=doc, doc_id=doc_id, file_name=store.file_name(doc_id),
            segments=source_segments(doc), tasks=ordered_tasks(doc), flagged=flagged(doc),
            matrix=_matrix(doc), names=industry_names(doc),
            industries=sorted(((code, entry[key]) for code, entry in taxonomy().items()), key=lambda p: p[0]),
            history=list(reversed(store.history(doc_id))), reviewed=reviewed, reviewed_by=reviewed_by,
            departments=_department_names(doc), low=LOW_CONFIDENCE,
            formats=("xlsx", "docx", "csv", "md", "html", "json"),
        )

    @app.post("/doc/<int:doc_id>/correct")
    def correct(doc_id: int):
        _load(store, doc_id)
        reviewer = _reviewer()
        payload = _correction_from_form(request.form)
        anchor = payload.get("task", "")
        try:
            if not reviewer:
                raise InvalidCorrection(str(payload.get("op")), "enter your name at the top of the page first")
            corrected = store.correct(doc_id, payload, reviewer=reviewer)
            if ledger is not None and payload.get("op") == "document.reviewed" and payload.get("reviewed"):
                from ..tracking.service import document_key

                # a reviewed document's tasks enter the ledger (again: its tasks are updated, never doubled)
                ledger.import_document(corrected, key=document_key(corrected), by=reviewer)
                flash("Reviewed: its tasks are in the ledger.", "info")
        except InvalidCorrection as exc:
            flash(str(exc), "error")
        if request.headers.get("X-Requested-With") == "fetch":
            return {"ok": True}
        return redirect(url_for("document", doc_id=doc_id) + (f"#task-{anchor}" if anchor else ""))

    @app.post("/doc/<int:doc_id>/undo")
    def undo(doc_id: int):
        _load(store, doc_id)
        undone = store.undo(doc_id, reviewer=_reviewer() or "unknown")
        flash(f"Undone: {undone.op}" if undone else "Nothing to undo.", "info")
        return redirect(url_for("document", doc_id=doc_id))

    @app.get("/doc/<int:doc_id>/export/<fmt>")
    def export(doc_id: int, fmt: str):
        from ..export import FORMATS, extension, render_bytes

        if fmt not in FORMATS:
            abort(404)
        doc = _load(store, doc_id)
        data = render_bytes(doc, fmt=fmt)
        mimetypes = {
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8",
            "html": "text/html; charset=utf-8", "json": "application/json",
        }
        response = Response(data, mimetype=mimetypes[fmt])
        # an ASCII name of our own: nothing the document or its uploader wrote reaches the header
        response.headers["Content-Disposition"] = f'attachment; filename="review-{doc_id}{extension(fmt)}"'
        if fmt == "html":  # the exported page is a download, not a page of this site
            response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        return response

    @app.get("/doc/<int:doc_id>/parsed.json")
    def parsed(doc_id: int):
        """The parser's own output, kept beside the corrected document."""
        try:
            data = store.parsed(doc_id).model_dump_json(indent=2)
        except KeyError:
            abort(404)
        response = Response(data, mimetype="application/json")
        response.headers["Content-Disposition"] = f'attachment; filename="parsed-{doc_id}.json"'
        return response

    return app


# --------------------------------------------------------------------------- helpers


def _reviewer() -> str:
    from flask import current_app

    user = g.get("user")
    if user is not None:  # with accounts, a correction carries the account's name
        return user.name
    return session.get("reviewer") or current_app.extensions.get("safetydocs_reviewer", "")


def _local_path(value: Optional[str]) -> bool:
    return bool(value) and value.startswith("/") and not value.startswith("//") and "\\" not in value


def _display_name(filename: str) -> str:
    """The upload's own name without any folder part, for display only (never used to open anything)."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip().replace("\x00", "")
    return name[:200] or "upload"


def _parse(data: bytes, name: str, max_upload: int) -> Document:
    from ..ingest import read_bytes
    from ..pipeline import parse_raw

    raw = read_bytes(data, name=name, limits=Limits.resolve(max_bytes=max_upload))
    return parse_raw(raw)


def _load(store: ReviewStore, doc_id: int) -> Document:
    try:
        return store.corrected(doc_id)
    except KeyError:
        abort(404)


def _correction_from_form(form) -> dict[str, Any]:
    """The correction a form posts: its fields by name, numbers and dates as the models want them."""
    op = form.get("op", "")
    payload: dict[str, Any] = {"op": op}
    for key in ("task", "department", "role", "source", "target", "text", "kind", "code"):
        if form.get(key) is not None:
            payload[key] = form.get(key)
    for key in ("start", "end"):
        if form.get(key) not in (None, ""):
            try:
                payload[key] = int(form.get(key))
            except ValueError:
                payload[key] = -1
    if op == "deadline.set":
        payload["date"] = form.get("date") or None
    if op == "document.reviewed":
        payload["reviewed"] = form.get("reviewed", "1") == "1"
    if op == "role.set" and payload.get("role") == "none":
        payload = {"op": "role.remove", "task": payload.get("task"), "department": payload.get("department")}
    return payload


@dataclass(frozen=True)
class Segment:
    """A run of the source text with the kinds of the items that cover it."""

    start: int
    text: str
    kinds: tuple[str, ...]
    tasks: tuple[str, ...]


def source_segments(doc: Document) -> list[Segment]:
    """The text cut at every item's boundary, each run knowing what covers it (task, department, deadline ...)."""
    marks: list[tuple[int, int, str, str]] = []
    for task in doc.tasks:
        marks.append((*task.span, "problem" if task.kind == "problem" else "task", task.id))
        for assignment in task.assignments:
            if doc.text[assignment.span[0]:assignment.span[1]] and assignment.span != task.span:
                marks.append((*assignment.span, "department", ""))
        if task.deadline and task.deadline.span != task.span:
            marks.append((*task.deadline.span, "deadline", ""))
    for department in doc.departments:
        for span in department.spans:
            marks.append((*span, "department", ""))
    for deadline in doc.deadlines:
        marks.append((*deadline.span, "deadline", ""))
    for industry in doc.industries:
        for span in industry.spans:
            marks.append((*span, "industry", ""))
    cuts = sorted({0, len(doc.text)} | {p for s, e, _, _ in marks for p in (s, e) if 0 <= p <= len(doc.text)})
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        kinds = tuple(sorted({m[2] for m in covering}))
        tasks = tuple(m[3] for m in covering if m[3])
        segments.append(Segment(start=start, text=doc.text[start:end], kinds=kinds, tasks=tasks))
    return segments


def _task_confidence(task) -> float:
    values = [task.confidence] + [a.confidence for a in task.assignments]
    if task.deadline:
        values.append(task.deadline.confidence)
    return min(values)


def ordered_tasks(doc: Document) -> list[tuple[int, Any, float]]:
    """(number, task, weakest confidence among the task and its items), in document order."""
    return [(n, task, _task_confidence(task)) for n, task in enumerate(doc.tasks, start=1)]


def flagged(doc: Document) -> list[tuple[int, Any, float]]:
    """Tasks whose weakest item is below LOW_CONFIDENCE, weakest first: what a reviewer checks first."""
    return sorted((row for row in ordered_tasks(doc) if row[2] < LOW_CONFIDENCE), key=lambda row: row[2])


def _matrix(doc: Document):
    from ..matrix import responsibility_matrix

    return responsibility_matrix(doc)


def _department_names(doc: Document) -> list[str]:
    names: list[str] = []
    for task in doc.tasks:
        for name in task.departments():
            if name not in names:
                names.append(name)
    for department in doc.departments:
        if department.name not in names:
            names.append(department.name)
    return names
