"""The ledger's pages: the task list with its filters, a task with its notes and evidence, the weekly report."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for

from ..errors import InvalidArgument, LedgerConflict, LedgerError

pages = Blueprint("ledger", __name__, url_prefix="/ledger")
MAX_EVIDENCE_FILES = 10
PAGE_SIZE = 200  # tasks on one page of the list; an office's ledger holds tens of thousands


def _ledger():
    return current_app.extensions["safetydocs_ledger"]


def _fixed_department() -> Optional[str]:
    """A department user sees his department's tasks and no other."""
    user = g.get("user")
    return user.department if user is not None and user.role == "department" else None


def _may_see(item_id: int) -> None:
    department = _fixed_department()
    if department is not None and department not in _ledger().departments_of(item_id):
        abort(403)


def _today() -> dt.date:
    return dt.date.today()


@pages.get("/")
def index():
    from ..tracking import Filters
    from ..tracking.schema import STATUS_LABELS, STATUSES

    department = _fixed_department() or (request.args.get("department") or None)
    status = request.args.get("status") or None
    within = request.args.get("due_within") or None
    try:
        page = max(int(request.args.get("page") or 1), 1)
        filters = Filters(department=department, status=status, industry=request.args.get("industry") or None,
                          due_within=int(within) if within else None, overdue=bool(request.args.get("overdue")),
                          today=_today(), limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
        items = _ledger().items(filters)
    except (InvalidArgument, ValueError) as exc:
        flash(str(exc), "error")
        items, filters, page = [], Filters(department=department), 1
    more = len(items) > PAGE_SIZE
    query = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("ledger.html", items=items[:PAGE_SIZE], filters=filters, statuses=STATUSES,
                           labels=STATUS_LABELS["zh"], fixed=_fixed_department(), page=page, more=more,
                           first=(page - 1) * PAGE_SIZE, query=query)


@pages.get("/item/<int:item_id>")
def item(item_id: int):
    from ..tracking.schema import STATUS_LABELS, STATUSES

    _may_see(item_id)
    try:
        found = _ledger().item(item_id, today=_today())
    except LedgerError:
        abort(404)
    return render_template("ledger_item.html", item=found, notes=_ledger().notes(item_id),
                           evidence=_ledger().evidence(item_id), statuses=STATUSES, labels=STATUS_LABELS["zh"])


@pages.post("/item/<int:item_id>")
def update(item_id: int):
    from .app import _reviewer

    _may_see(item_id)
    files = [f for f in request.files.getlist("evidence") if f and f.filename][:MAX_EVIDENCE_FILES]
    try:
        _ledger().update(item_id, version=int(request.form.get("version", "0")), by=_reviewer() or "unknown",
                         status=request.form.get("status") or None, note=request.form.get("note", "")[:4000],
                         evidence=[(f.filename, f.read()) for f in files], today=_today())
        flash("Saved.", "info")
    except (LedgerConflict, InvalidArgument, ValueError) as exc:
        flash(str(exc), "error")
    return redirect(url_for("ledger.item", item_id=item_id))


@pages.get("/report.<fmt>")
def report(fmt: str):
    from ..tracking.reports import render_report, weekly_report

    if fmt not in ("xlsx", "docx"):
        abort(404)
    department = _fixed_department() or request.args.get("department") or None
    data = render_report(weekly_report(_ledger(), day=_today(), department=department), fmt=fmt)
    return _download(data, f"report-{_today().isoformat()}.{fmt}")


@pages.get("/sheet.xlsx")
def sheet():
    from ..tracking.reports import department_sheet

    department = _fixed_department() or request.args.get("department")
    if not department:
        abort(400, description="choose a department")
    return _download(department_sheet(_ledger(), department=department, day=_today()), "department-tasks.xlsx")


def _download(data: bytes, name: str) -> Response:
    kinds = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    response = Response(data, mimetype=kinds[name.rsplit(".", 1)[1]])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
