"""What every writer does to text it did not write itself: no formula runs, no markup executes.

* Spreadsheet cells (CSV, XLSX): a value beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is read by Excel, WPS and LibreOffice as a formula (OWASP "CSV injection"); it is written with a
  leading apostrophe, and XLSX cells are stored as strings, never formulas.
* Markdown: HTML is escaped (a renderer would run ``<script>`` or ``onerror``) and link and image syntax is
  escaped (``[x](javascript:…)``), so a task's text stays text.
* XML-based files (XLSX, DOCX): characters that XML 1.0 cannot hold are replaced, one for one.
"""
from __future__ import annotations

from typing import Any

from ..ingest.base import clean_controls

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A cell's text that no spreadsheet program will evaluate (OWASP's rule: prefix a single quote)."""
    value = clean_controls(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def spreadsheet_value(value: Any) -> Any:
    return spreadsheet_text(value) if isinstance(value, str) else value


# HTML and autolinks need < and &; links and images need [ ]; code spans hide nothing but are escaped
# too; | would split a table cell. Parentheses, emphasis marks and ! are harmless once [ is escaped.
_MARKDOWN = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`", "|": "\\|",
    "\\": "\\\\", "\n": " ", "\r": " ",
})


def markdown_text(value: str) -> str:
    """Text for a Markdown table cell or heading: no HTML, no link, image or emphasis syntax."""
    return clean_controls(value).translate(_MARKDOWN).strip()


def safe_workbook(workbook: Any) -> None:
    """Make every string cell of an openpyxl workbook a plain, neutralised string (in place)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = spreadsheet_text(cell.value)
                    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    if workbook.properties.title:
        workbook.properties.title = clean_controls(workbook.properties.title)
