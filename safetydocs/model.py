"""The document model: typed pydantic objects at the library's boundary.

Every extracted item carries ``span`` = ``(start, end)``, a half-open range of
character offsets into :attr:`Document.text`, and a ``confidence`` in [0, 1].
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

Span = tuple[int, int]
Role = Literal["lead", "support"]
DeadlineKind = Literal["date", "ongoing", "periodic", "relative", "start"]
Language = Literal["zh", "en"]
Level = Literal["national", "provincial", "municipal", "county", "township", "enterprise"]
DepartmentKind = Literal["body", "collective"]


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on the item's content and place in the text."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("span", check_fields=False)
    @classmethod
    def _span_is_range(cls, value: Span) -> Span:
        start, end = value
        if start < 0 or end < start:
            raise ValueError(f"invalid span {value!r}")
        return value


class Deadline(_Item):
    text: str
    date: Optional[dt.date] = None
    kind: DeadlineKind
    span: Span
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Assignment(_Item):
    department: str = Field(description="canonical name of the department")
    mention: str = Field(description="the words used in the text")
    role: Role
    span: Span
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Department(_Item):
    id: str
    name: str = Field(description="canonical name, in the document's language")
    mentions: list[str]
    spans: list[Span] = Field(default_factory=list)
    level: Optional[Level] = None
    kind: DepartmentKind = "body"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Person(_Item):
    """A named person responsible for a task (责任人, 责任领导): kept, never counted as a department."""

    name: str
    span: Span
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Industry(_Item):
    code: str
    name_zh: str
    name_en: str
    count: int
    spans: list[Span] = Field(default_factory=list)


class Section(_Item):
    id: str
    heading: str
    number: Optional[str] = Field(default=None, description="the numbering as written, e.g. 三、 or （二）")
    level: int
    path: str = Field(description="numbering of this heading and its parents, e.g. 三、（二）")
    span: Span = Field(description="from the heading to the end of the section")


class Task(_Item):
    id: str
    text: str
    span: Span
    section: Optional[str] = None
    title: Optional[str] = None
    origin: Literal["numbered", "directive", "table_row"] = "directive"
    kind: Literal["task", "problem"] = Field(
        default="task", description="a task, or a problem to fix from a problem list (问题清单, 隐患清单)")
    number: Optional[str] = Field(default=None, description="the item's number as written (a table's 序号)")
    assignments: list[Assignment] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list, description="named people responsible (责任人)")
    deadline: Optional[Deadline] = None
    industries: list[str] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    def departments(self, role: Role | None = None) -> list[str]:
        return [a.department for a in self.assignments if role is None or a.role == role]


class MatrixRow(BaseModel):
    task: str = Field(description="task id")
    cells: dict[str, Role]


class Matrix(BaseModel):
    departments: list[str]
    rows: list[MatrixRow]


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    language: Language
    title: Optional[str] = None
    issued: Optional[dt.date] = None
    text: str
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    departments: list[Department] = Field(default_factory=list,
                                          description="bodies and collectives given work or a role")
    other_bodies: list[Department] = Field(default_factory=list,
                                           description="named only in passing (source, place, recipient, title)")
    deadlines: list[Deadline] = Field(default_factory=list)
    industries: list[Industry] = Field(default_factory=list)
    matrix: Matrix = Field(default_factory=lambda: Matrix(departments=[], rows=[]))

    def heading(self) -> str:
        """What to call the document in a heading: its title, else its file's name (never a full path)."""
        if self.title and self.title.strip():
            return self.title.strip()
        name = self.source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        return name or self.source

    def quote(self, span: Span) -> str:
        """The source text an item was extracted from."""
        return self.text[span[0]:span[1]]

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)
