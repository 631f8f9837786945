"""The consolidated ledger of a batch: every task of every document, by department and due date.

Written into the batch output folder, each file atomically:

* ``ledger.csv`` (UTF-8 with BOM, for Excel) and ``ledger.xlsx``: one row per task, with its
  document's source, title and date; ``ledger.parquet`` too where pyarrow is installed;
* ``by_department.csv``: per department across all documents (documents, lead and support
  tasks, the earliest due date, industries).
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Any, Optional

from .export import write_atomic
from .model import Document

LEDGER_COLUMNS = ["source", "title", "issued", "language", "task_no", "task_id", "kind", "task", "lead", "support",
                  "people", "deadline", "due", "deadline_kind", "industries", "industry_codes", "section", "span_start",
                  "span_end", "confidence"]
DEPARTMENT_COLUMNS = ["department", "kind", "level", "documents", "lead_tasks", "support_tasks", "earliest_due",
                      "industries"]


def ledger_rows(documents: list[tuple[str, Document]]) -> list[dict[str, Any]]:
    """One row per task. Industries by name in the document's language, as every export writes them;
    their codes in ``industry_codes`` for programs."""
    from .export.review import industry_names

    rows = []
    for source, document in documents:
        names = industry_names(document)
        for number, task in enumerate(document.tasks, start=1):
            deadline = task.deadline
            rows.append({
                "source": source, "title": document.title or "",
                "issued": document.issued.isoformat() if document.issued else "",
                "language": document.language, "task_no": number, "task_id": task.id, "kind": task.kind,
                "task": task.title if task.origin == "table_row" and task.title else task.text,
                "lead": "; ".join(task.departments("lead")), "support": "; ".join(task.departments("support")),
                "people": "; ".join(person.name for person in task.people),
                "deadline": deadline.text if deadline else "",
                "due": deadline.date.isoformat() if deadline and deadline.date else "",
                "deadline_kind": deadline.kind if deadline else "",
                "industries": "; ".join(names.get(code, code) for code in task.industries),
                "industry_codes": "; ".join(task.industries), "section": task.section or "",
                "span_start": task.span[0], "span_end": task.span[1], "confidence": task.confidence,
            })
    return rows


def department_rows(documents: list[tuple[str, Document]]) -> list[dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for source, document in documents:
        _count_departments(table, source, document)
    return _department_rows(table)


def _count_departments(table: dict[str, dict[str, Any]], source: str, document: Document) -> None:
    """Add one document's assignments to the per-department table."""
    from .export.review import industry_names

    names = industry_names(document)
    kinds = {d.name: d for d in document.departments}
    for task in document.tasks:
        for assignment in task.assignments:
            row = table.setdefault(assignment.department, {
                "department": assignment.department,
                "kind": kinds[assignment.department].kind if assignment.department in kinds else "body",
                "level": (kinds[assignment.department].level or "") if assignment.department in kinds else "",
                "documents": set(), "lead_tasks": 0, "support_tasks": 0, "earliest_due": "", "industries": set()})
            row["documents"].add(source)
            row["lead_tasks" if assignment.role == "lead" else "support_tasks"] += 1
            row["industries"].update(names.get(code, code) for code in task.industries)
            if task.deadline and task.deadline.date:
                due = task.deadline.date.isoformat()
                if not row["earliest_due"] or due < row["earliest_due"]:
                    row["earliest_due"] = due


def _department_rows(table: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for row in sorted(table.values(), key=lambda r: (-(r["lead_tasks"] + r["support_tasks"]), r["department"])):
        rows.append(dict(row, documents=len(row["documents"]), industries="; ".join(sorted(row["industries"]))))
    return rows


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    from .export.safety import spreadsheet_value

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_value(v) for k, v in row.items()} for row in rows)
    return "\ufeff" + buffer.getvalue()


def _replace_into(path: Path, write: Any, suffix: str) -> None:
    """Let ``write(temp_path)`` produce the file, then move it into place."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(handle)
    try:
        write(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _xlsx_cells(sheet: Any, values: list[Any]) -> list[Any]:
    """Strings as string cells, never formulas, whatever a document's text begins with: spreadsheet_value leaves
    none that starts with "=", so openpyxl stores a plain value as a string; only a text that reads as an error
    code (#N/A) needs its type set on a cell of its own."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    from .export.safety import spreadsheet_value

    out = []
    for value in values:
        value = spreadsheet_value(value)
        if isinstance(value, str) and value in ERROR_CODES:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        out.append(value)
    return out


class LedgerWriter:
    """The ledger of a batch, written document by document in the order they are added.

    Rows go to temporary files as each document comes (ledger.csv, ledger.xlsx), so that a batch writes its
    ledger while its workers parse and keeps no document in memory; :meth:`close` adds the per-department
    table and moves every file into place, :meth:`abort` removes them. An earlier ledger stays as it was until
    ``close``.
    """

    def __init__(self, out_dir: Path) -> None:
        from openpyxl import Workbook

        self.out_dir = Path(out_dir)
        self.tasks = 0
        self.department_names: set[str] = set()
        self._table: dict[str, dict[str, Any]] = {}
        try:
            import pyarrow  # noqa: F401 - optional: Parquet only where it is installed

            self._parquet_rows: Optional[list[dict[str, Any]]] = []
        except ImportError:
            self._parquet_rows = None
        handle, self._csv_temp = tempfile.mkstemp(dir=self.out_dir, prefix=".ledger.csv.", suffix=".part")
        self._csv_file = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self._csv_file.write("\ufeff")
        self._csv = csv.DictWriter(self._csv_file, fieldnames=LEDGER_COLUMNS, lineterminator="\r\n")
        self._csv.writeheader()
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("ledger")
        self._sheet.append(LEDGER_COLUMNS)

    def add(self, source: str, document: Document) -> None:
        from .export.safety import spreadsheet_value

        rows = ledger_rows([(source, document)])
        self._csv.writerows({k: spreadsheet_value(v) for k, v in row.items()} for row in rows)
        for row in rows:
            self._sheet.append(_xlsx_cells(self._sheet, [row[c] for c in LEDGER_COLUMNS]))
        if self._parquet_rows is not None:
            self._parquet_rows.extend(rows)
        _count_departments(self._table, source, document)
        self.tasks += len(document.tasks)
        self.department_names.update(department.name for department in document.departments)

    def close(self) -> None:
        """The per-department table, then every file moved into place (each atomically)."""
        try:
            departments = _department_rows(self._table)
            self._csv_file.close()
            os.chmod(self._csv_temp, 0o644)
            os.replace(self._csv_temp, self.out_dir / "ledger.csv")
            write_atomic(self.out_dir / "by_department.csv", _csv(departments, DEPARTMENT_COLUMNS))
            by_department = self._book.create_sheet("by department")
            by_department.append(DEPARTMENT_COLUMNS)
            for row in departments:
                by_department.append(_xlsx_cells(by_department, [row[c] for c in DEPARTMENT_COLUMNS]))
            _replace_into(self.out_dir / "ledger.xlsx", self._book.save, ".xlsx")
            if self._parquet_rows is not None:
                rows = self._parquet_rows

                def parquet(temp: str) -> None:
                    import pyarrow as pa
                    import pyarrow.parquet as pq

                    columns = {c: [row[c] for row in rows] for c in LEDGER_COLUMNS}
                    pq.write_table(pa.table(columns), temp)

                _replace_into(self.out_dir / "ledger.parquet", parquet, ".parquet")
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Remove the temporary files; the output folder keeps its earlier ledger, if any."""
        if not self._csv_file.closed:
            self._csv_file.close()
        Path(self._csv_temp).unlink(missing_ok=True)
        for sheet in self._book.worksheets:
            # finish each sheet's stream; openpyxl removes its temporary files when the process exits
            try:
                sheet.close()
            except Exception:  # noqa: BLE001 - a sheet saved or closed already
                pass


def write_ledger(out_dir: Path, documents: list[tuple[str, Document]]) -> None:
    writer = LedgerWriter(out_dir)
    try:
        for source, document in documents:
            writer.add(source, document)
    except BaseException:
        writer.abort()
        raise
    writer.close()
