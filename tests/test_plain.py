"""The plain values a Doc keeps, and the typed objects the stages read back."""
import datetime as dt
import json

import pytest

from safetydocs.extract.tasks import TaskCandidate
from safetydocs.ingest.base import Table, TableCell, TableRow
from safetydocs.model import Deadline
from safetydocs.plain import from_plain, to_plain
from safetydocs.structure.notes import Note


@pytest.mark.parametrize("kind, value", [
    (TaskCandidate, TaskCandidate(span=(3, 9), origin="table_row", confidence=0.9, title=(3, 5),
                                  columns={"lead": [(6, 8), (8, 9)]}, people=[(1, 2)])),
    (Table, Table(rows=(TableRow(cells=(TableCell("任务", (0, 2)),
                                        TableCell("", (3, 3), merged_from=(0, 0), pieces=((3, 3), (4, 4)))),
                                 span=(0, 4)),),
                  span=(0, 4))),
    (Note, Note(span=(1, 8), own_line=True, people=((2, 4),))),
    (Deadline, Deadline(text="6月底前", date=dt.date(2024, 6, 30), kind="date", span=(4, 9), confidence=0.9)),
    (list[Note], [Note(span=(0, 1), own_line=False)]),
])
def test_a_value_comes_back_as_it_went_through_json(kind, value):
    plain = to_plain(value)
    assert json.loads(json.dumps(plain)) == plain
    assert from_plain(kind, json.loads(json.dumps(plain))) == value


def test_tuples_read_back_from_a_stored_doc_are_read_as_lists_where_the_type_says_list():
    candidate = TaskCandidate(span=(0, 4), origin="directive", confidence=0.5, people=[(1, 2)])
    stored = tuple(tuple(item) if isinstance(item, list) else item for item in to_plain(candidate))  # as msgpack gives
    assert from_plain(TaskCandidate, stored) == candidate


def test_an_object_without_a_plain_form_is_refused():
    with pytest.raises(TypeError, match="no plain form for object"):
        to_plain(object())
