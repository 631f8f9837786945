"""Tests for safetydocs.evaluation: tiny gold files in tmp_path, hand-built Documents."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Optional

import pytest

from safetydocs.errors import GoldFormatError
from safetydocs.evaluation import (
    ACCURACY_FIELDS,
    COUNT_FIELDS,
    EvalReport,
    GoldDocument,
    evaluate,
    format_errors,
    format_table,
    load_gold,
    load_gold_dir,
    score_document,
)
from safetydocs.model import Assignment, Deadline, Department, Document, Industry, Task
from safetydocs.structure.normalize import canonical

TEXT = (
    "一、工作任务\n"
    "1.全面排查危险化学品安全风险,建立风险档案。(市应急管理局牵头,市公安局配合,2024年3月底前完成)\n"
    "2.加强人员密集场所消防安全检查。(各县(区)政府负责,长期坚持)\n"
)
ANCHOR_1 = "全面排查危险化学品安全风险"
ANCHOR_2 = "加强人员密集场所消防安全检查"
TASK_1 = "1.全面排查危险化学品安全风险,建立风险档案。(市应急管理局牵头,市公安局配合,2024年3月底前完成)"
TASK_2 = "2.加强人员密集场所消防安全检查。(各县(区)政府负责,长期坚持)"
DUE_1 = ("2024年3月底前", dt.date(2024, 3, 31), "date")
DUE_2 = ("长期坚持", None, "ongoing")


def gold_dict(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "zh-test-01",
        "lang": "zh",
        "kind": "plan",
        "source": "test",
        "issued": "2024-03-01",
        "exhaustive_tasks": True,
        "text": TEXT,
        "departments": ["市应急管理局", "市公安局"],
        "collectives": ["各县(区)政府"],
        "industries": ["hazardous_chemicals", "fire_safety", "crowded_places"],
        "deadlines": [
            {"text": "2024年3月底前", "date": "2024-03-31", "kind": "date"},
            {"text": "长期坚持", "date": None, "kind": "ongoing"},
        ],
        "tasks": [
            {
                "anchor": ANCHOR_1,
                "lead": ["市应急管理局"],
                "support": ["市公安局"],
                "deadline": {"text": "2024年3月底前", "date": "2024-03-31", "kind": "date"},
                "industries": ["hazardous_chemicals"],
            },
            {
                "anchor": ANCHOR_2,
                "lead": ["各县(区)政府"],
                "support": [],
                "deadline": {"text": "长期坚持", "date": None, "kind": "ongoing"},
                "industries": ["fire_safety", "crowded_places"],
            },
        ],
    }
    data.update(overrides)
    return data


def write_gold(folder: Path, data: dict[str, Any], name: Optional[str] = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{data['id']}.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# ---------------------------------------------------------------- building predictions


def find(text: str, needle: str) -> tuple[int, int]:
    # Search the canonical forms so one helper serves ASCII and full-width texts.
    start = canonical(text).index(canonical(needle))
    return (start, start + len(needle))


def deadline(text: str, words: str, date: Optional[dt.date], kind: str) -> Deadline:
    # model_construct: Deadline's `date` annotation in model.py currently
    # resolves to NoneType (the field name shadows datetime.date), so validation
    # rejects real dates. The values here are built by hand and valid.
    return Deadline.model_construct(text=words, date=date, kind=kind, span=find(text, words), confidence=1.0)


def task(
    text: str,
    quote: str,
    *,
    lead: tuple[str, ...] = (),
    support: tuple[str, ...] = (),
    due: Optional[tuple[str, Optional[dt.date], str]] = None,
    industries: tuple[str, ...] = (),
    span: Optional[tuple[int, int]] = None,
) -> Task:
    span = span or find(text, quote)
    assignments = [
        Assignment(department=name, mention=name, role=role, span=find(text, name))
        for role, names in (("lead", lead), ("support", support))
        for name in names
    ]
    return Task(
        id=f"t{span[0]}",
        text=text[span[0]:span[1]],
        span=span,
        assignments=assignments,
        deadline=deadline(text, *due) if due else None,
        industries=list(industries),
    )


def department(text: str, name: str, kind: str = "body") -> Department:
    return Department(id=f"d-{name}", name=name, mentions=[name], spans=[find(text, name)], kind=kind)


def perfect_document(text: str = TEXT, **overrides: Any) -> Document:
    values: dict[str, Any] = {
        "source": "zh-test-01",
        "language": "zh",
        "issued": dt.date(2024, 3, 1),
        "text": text,
        "tasks": [
            task(text, TASK_1, lead=("市应急管理局",), support=("市公安局",), due=DUE_1,
                 industries=("hazardous_chemicals",)),
            task(text, TASK_2, lead=("各县(区)政府",), due=DUE_2, industries=("fire_safety", "crowded_places")),
        ],
        "departments": [
            department(text, "市应急管理局"),
            department(text, "市公安局"),
            department(text, "各县(区)政府", "collective"),
        ],
        "deadlines": [deadline(text, *DUE_1), deadline(text, *DUE_2)],
        "industries": [
            Industry(code=code, name_zh="", name_en="", count=1)
            for code in ("hazardous_chemicals", "fire_safety", "crowded_places")
        ],
    }
    values.update(overrides)
    return Document(**values)


def gold(**overrides: Any) -> GoldDocument:
    return GoldDocument.model_validate(gold_dict(**overrides))


# ---------------------------------------------------------------- scoring


def test_perfect_prediction_scores_one_everywhere(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict())
    report = evaluate(tmp_path, parser=lambda **kw: perfect_document(kw["text"]))
    for group in ("zh", "all"):
        totals = report.totals[group]
        for name in COUNT_FIELDS:
            counts = totals.counts[name]
            assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0), name
        for name in ACCURACY_FIELDS:
            assert totals.accuracy[name].accuracy == 1.0, name
    assert report.errors == []
    assert report.totals["en"].documents == 0


def test_missed_task_lowers_recall_and_its_assignments() -> None:
    doc = perfect_document()
    doc.tasks = doc.tasks[:1]
    score = score_document(doc, gold())
    tasks = score.counts["tasks"]
    assert (tasks.tp, tasks.fp, tasks.fn) == (1, 0, 1)
    assert tasks.recall == 0.5 and tasks.precision == 1.0
    # The missed task's lead is missed too; it was not in the prediction at all.
    assert (score.counts["lead"].tp, score.counts["lead"].fn) == (1, 1)
    assert any(e.field == "tasks" and e.kind == "missed" and e.gold == ANCHOR_2 for e in score.errors)


@pytest.mark.parametrize("exhaustive", [True, False])
def test_spurious_task_counts_only_on_exhaustive_documents(exhaustive: bool) -> None:
    doc = perfect_document()
    doc.tasks.append(task(TEXT, "一、工作任务", lead=("市公安局",)))
    score = score_document(doc, gold(exhaustive_tasks=exhaustive))
    tasks = score.counts["tasks"]
    assert tasks.recall == 1.0
    if exhaustive:
        assert tasks.fp == 1
        assert tasks.precision == pytest.approx(2 / 3)
        assert score.counts["lead"].fp == 1  # pairs on an unmatched task, exhaustive doc
    else:
        assert tasks.fp == 0
        assert tasks.precision is None  # precision not measured on a partial task list
        assert score.counts["lead"].fp == 0


def test_non_exhaustive_true_positives_do_not_inflate_precision(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict())
    write_gold(tmp_path, gold_dict(id="zh-test-02", exhaustive_tasks=False))

    def parser(**kw: Any) -> Document:
        doc = perfect_document(kw["text"])
        doc.tasks.append(task(kw["text"], "一、工作任务"))
        return doc

    tasks = evaluate(tmp_path, parser=parser).totals["all"].counts["tasks"]
    assert (tasks.tp, tasks.fp, tasks.fn, tasks.tp_scored) == (4, 1, 0, 2)
    assert tasks.precision == pytest.approx(2 / 3)
    assert tasks.recall == 1.0


def test_one_predicted_task_covering_two_anchors_is_one_true_positive() -> None:
    doc = perfect_document()
    merged = task(TEXT, TASK_1, span=(find(TEXT, TASK_1)[0], find(TEXT, TASK_2)[1]))
    doc.tasks = [merged]
    tasks = score_document(doc, gold()).counts["tasks"]
    assert (tasks.tp, tasks.fp, tasks.fn) == (1, 0, 1)


def test_a_task_must_hold_the_whole_anchor() -> None:
    start, end = find(TEXT, ANCHOR_1)
    doc = perfect_document()
    # Covers all but the anchor's first character: strict scoring gives nothing for overlap.
    doc.tasks[0] = task(TEXT, TASK_1, span=(start + 1, find(TEXT, TASK_1)[1]))
    score = score_document(doc, gold())
    assert score.counts["tasks"].tp == 1
    missed = [e for e in score.errors if e.field == "tasks" and e.kind == "missed"]
    assert missed[0].detail == "a predicted task cuts through the anchor"


def test_one_predicted_task_answers_one_gold_task() -> None:
    doc = perfect_document()
    whole = (find(TEXT, TASK_1)[0], find(TEXT, TASK_2)[1])
    doc.tasks = [task(TEXT, TASK_1, span=whole)]
    counts = score_document(doc, gold()).counts["tasks"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)


def test_anchor_found_across_a_line_break_of_the_reader() -> None:
    # A PDF reader wraps the line inside the anchor: white space is ignored, nothing else.
    wrapped = TEXT.replace("危险化学品安全", "危险化学\n品安全")
    doc = perfect_document()
    doc.text = wrapped
    doc.tasks[0] = task(wrapped, "1.全面排查危险化学\n品安全风险")
    doc.tasks[1] = task(wrapped, TASK_2)
    assert score_document(doc, gold()).counts["tasks"].tp == 2
    # Other characters between the anchor's characters are not white space.
    doc.text = TEXT.replace("危险化学品安全", "危险化学。品安全")
    doc.tasks[0] = task(doc.text, "1.全面排查危险化学。品安全风险")
    assert score_document(doc, gold()).counts["tasks"].tp == 1


def test_full_width_text_matches_ascii_gold_strings(tmp_path: Path) -> None:
    full_width = TEXT.replace(",", "，").replace("(", "（").replace(")", "）")
    assert full_width != TEXT and len(full_width) == len(TEXT)
    # Gold written with ASCII punctuation (anchor with a comma, collective with
    # brackets) against a text that uses full-width punctuation.
    data = gold_dict(text=full_width)
    data["tasks"][0]["anchor"] = "全面排查危险化学品安全风险,建立风险档案"
    write_gold(tmp_path, data)
    loaded = load_gold(tmp_path / "zh-test-01.json")
    assert loaded.collectives == ["各县(区)政府"]

    def parser(**kw: Any) -> Document:
        text = kw["text"]
        doc = perfect_document(text)
        # The parser reports the mention as written in the text (full-width).
        doc.departments[2] = Department(id="c", name="各县（区）政府", mentions=["各县（区）政府"],
                                        spans=[find(text, "各县(区)政府")], kind="collective")
        return doc

    totals = evaluate(tmp_path, parser=parser).totals["all"]
    for name in ("tasks", "collectives", "lead", "support", "deadlines"):
        assert totals.counts[name].f1 == 1.0, name


def test_an_overlapping_name_earns_nothing() -> None:
    doc = perfect_document()
    # A shorter form inside the gold string (县(区)政府 for 各县(区)政府): strict scoring refuses it.
    doc.departments[2] = Department(id="c", name="县(区)政府", mentions=["县(区)政府"],
                                    spans=[find(TEXT, "县(区)政府")], kind="collective")
    score = score_document(doc, gold())
    assert (score.counts["collectives"].tp, score.counts["collectives"].fn) == (0, 1)
    missed = [e for e in score.errors if e.field == "collectives" and e.kind == "missed"]
    assert missed[0].detail == "predicted only 县(区)政府"


def test_names_equal_after_normalisation_match() -> None:
    doc = perfect_document()
    # Full-width brackets, a space and traditional characters are one normalisation away.
    doc.departments[2] = Department(id="c", name="各縣（区） 政府", mentions=["各縣（区） 政府"],
                                    spans=[find(TEXT, "各县(区)政府")], kind="collective")
    assert score_document(doc, gold()).counts["collectives"].tp == 1


def test_the_parsers_alias_table_maps_a_gold_short_form() -> None:
    text = TEXT.replace("市应急管理局牵头", "市应急局牵头")
    data = gold_dict(text=text, departments=["市应急局", "市公安局"])
    data["tasks"][0]["lead"] = ["市应急局"]
    doc = perfect_document()
    doc.text = text  # two characters shorter, after the first anchor: every task still holds its anchor
    # The parser names the body by its full form (and reports the full form as its mention).
    aliases = {"市应急局": "市应急管理局"}
    score = score_document(doc, GoldDocument.model_validate(data), alias=lambda n: aliases.get(n, n))
    assert score.counts["departments"].tp == 2 and score.counts["lead"].tp == 2
    # Without the alias table nothing matches: overlap is not a match.
    assert score_document(doc, GoldDocument.model_validate(data)).counts["departments"].tp == 1


def test_wrong_deadline_date_counts_in_deadlines_not_deadline_text() -> None:
    doc = perfect_document()
    doc.deadlines[0] = deadline(TEXT, "2024年3月底前", dt.date(2024, 3, 1), "date")
    score = score_document(doc, gold())
    strict, loose = score.counts["deadlines"], score.counts["deadline_text"]
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 1)
    assert (loose.tp, loose.fp, loose.fn) == (2, 0, 0)
    missed = [e for e in score.errors if e.field == "deadlines" and e.kind == "missed"]
    assert missed and "text found" in (missed[0].detail or "")


def test_deadlines_match_by_date_and_kind_and_duplicates_are_one() -> None:
    doc = perfect_document()
    # "3月底前" inside "2024年3月底前", predicted twice (once per task would be typical):
    # the date and kind are right, so the deadline is found; its text is not the gold text.
    doc.deadlines = [deadline(TEXT, "3月底前", dt.date(2024, 3, 31), "date")] * 2 + [doc.deadlines[1]]
    score = score_document(doc, gold())
    counts, text = score.counts["deadlines"], score.counts["deadline_text"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)
    assert (text.tp, text.fp, text.fn) == (1, 1, 1)


def test_task_due_accuracy() -> None:
    doc = perfect_document()
    doc.tasks[1] = task(TEXT, TASK_2, lead=("各县(区)政府",), industries=("fire_safety", "crowded_places"))
    acc = score_document(doc, gold()).accuracy["task_due"]
    assert (acc.correct, acc.total) == (1, 2)


def test_role_mismatch_is_a_lead_miss_and_a_support_false_positive() -> None:
    doc = perfect_document()
    doc.tasks[0] = task(TEXT, TASK_1, lead=("市公安局",), support=("市应急管理局",), due=DUE_1,
                        industries=("hazardous_chemicals",))
    score = score_document(doc, gold())
    lead, support = score.counts["lead"], score.counts["support"]
    assert (lead.tp, lead.fp, lead.fn) == (1, 1, 1)
    assert (support.tp, support.fp, support.fn) == (0, 1, 1)
    assert any(e.detail == "predicted as support" for e in score.errors)


def test_industries_and_task_industries() -> None:
    doc = perfect_document()
    doc.industries = doc.industries[:1]
    doc.tasks[1].industries = ["fire_safety", "gas"]
    score = score_document(doc, gold())
    ind, task_ind = score.counts["industries"], score.counts["task_industries"]
    assert (ind.tp, ind.fp, ind.fn) == (1, 0, 2)
    assert (task_ind.tp, task_ind.fp, task_ind.fn) == (2, 1, 1)


def test_issued_accuracy_and_parser_never_sees_gold_issued(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict())
    write_gold(tmp_path, gold_dict(id="zh-test-02", issued=None))
    write_gold(tmp_path, gold_dict(id="zh-test-03", issued="2024-05-05"))
    calls: list[dict[str, Any]] = []

    def parser(**kw: Any) -> Document:
        calls.append(kw)
        # Always predicts 2024-03-01, or nothing for the document without a date.
        issued = None if kw["source"] == "zh-test-02" else dt.date(2024, 3, 1)
        return perfect_document(kw["text"], issued=issued)

    report = evaluate(tmp_path, parser=parser)
    # Neither the gold language nor the gold date is handed to the parser.
    assert {frozenset(c) for c in calls} == {frozenset({"text", "source", "file"})}
    assert all(c["file"] is None for c in calls)
    acc = report.totals["all"].accuracy["issued"]
    assert (acc.correct, acc.total) == (2, 3)
    wrong = [e for e in report.errors if e.field == "issued"]
    assert [(e.doc_id, e.gold, e.predicted) for e in wrong] == [("zh-test-03", "2024-05-05", "2024-03-01")]


# ---------------------------------------------------------------- gold files


def test_bad_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"id": "x",', encoding="utf-8")
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    assert "broken.json" in str(info.value) and "invalid JSON" in str(info.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"lang": "fr"}, "lang"),
        ({"exhaustive_tasks": None}, "exhaustive_tasks"),
        ({"issued": "03/07/2024"}, "issued"),
        ({"extra_field": 1}, "extra_field"),
    ],
)
def test_schema_violation_names_the_file_and_field(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    path = write_gold(tmp_path, gold_dict(**change), name="bad-schema.json")
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    message = str(info.value)
    assert "bad-schema.json" in message and expected in message and "\n" not in message


def test_anchor_not_in_text_is_rejected(tmp_path: Path) -> None:
    data = gold_dict()
    data["tasks"][1]["anchor"] = "这句话不在文本里"
    path = write_gold(tmp_path, data)
    with pytest.raises(GoldFormatError, match="anchor"):
        load_gold(path)


def test_load_gold_dir_recurses_sorts_and_skips_non_json(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict(id="b"))
    write_gold(tmp_path / "sub", gold_dict(id="a"))
    write_gold(tmp_path, gold_dict(id="c"), name="c.json")
    (tmp_path / "SCHEMA.md").write_text("# not gold", encoding="utf-8")
    assert [g.id for g in load_gold_dir(tmp_path)] == ["b", "c", "a"]  # sorted by path: b.json, c.json, sub/a.json


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict(), name="one.json")
    write_gold(tmp_path, gold_dict(), name="two.json")
    with pytest.raises(GoldFormatError, match="duplicate id"):
        load_gold_dir(tmp_path)


# ---------------------------------------------------------------- evaluate and report


def test_parser_exception_is_recorded_and_evaluation_goes_on(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict())
    write_gold(tmp_path, gold_dict(id="zh-test-02"))

    def parser(**kw: Any) -> Document:
        if kw["source"] == "zh-test-01":
            raise RuntimeError("parser blew up\non two lines")
        return perfect_document(kw["text"])

    report = evaluate(tmp_path, parser=parser)
    assert [d.id for d in report.failures] == ["zh-test-01"]
    assert report.failures[0].failure == "RuntimeError: parser blew up on two lines"
    assert report.totals["all"].failures == 1 and report.totals["all"].documents == 2
    # The failed document is scored as an empty prediction: its gold tasks are misses.
    tasks = report.totals["all"].counts["tasks"]
    assert (tasks.tp, tasks.fn) == (2, 2)
    assert "parser failed" in format_errors(report)


def test_table_and_json(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict())
    data = gold_dict(id="en-test-01", lang="en", exhaustive_tasks=False)
    write_gold(tmp_path, data)
    report = evaluate(tmp_path, parser=lambda **kw: perfect_document(kw["text"]))
    table = format_table(report)
    for name in (*COUNT_FIELDS, *ACCURACY_FIELDS, "zh", "en", "all"):
        assert name in table
    assert "1.000" in table and "n=2" in table
    assert "tp/fp/fn" in format_table(report, counts=True)
    dumped = json.loads(report.model_dump_json(indent=2))
    assert dumped["totals"]["all"]["counts"]["tasks"]["recall"] == 1.0
    assert dumped["documents"][0]["id"] == "en-test-01"
    assert EvalReport.model_validate(dumped).totals["zh"].documents == 1


def test_empty_gold_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="no"):
        evaluate(tmp_path, parser=lambda **kw: perfect_document(kw["text"]))


def test_kinds_score_only_documents_of_those_kinds(tmp_path: Path) -> None:
    write_gold(tmp_path, gold_dict(id="a-meeting", kind="meeting"), name="a.json")
    write_gold(tmp_path, gold_dict(id="b-plan", kind="plan"), name="b.json")
    seen: list[str] = []

    def parser(**kw: Any) -> Document:
        seen.append(kw["source"])
        return perfect_document(kw["text"])

    report = evaluate(tmp_path, parser=parser, kinds=["meeting", "news"])
    assert seen == ["a-meeting"] and report.totals["all"].documents == 1
    with pytest.raises(GoldFormatError):
        evaluate(tmp_path, parser=parser, kinds=["feedback"])
