"""Check gold files against corpus/dev/SCHEMA.md and corpus/gold/CONVENTIONS.md.

    python corpus/tools/check_gold.py corpus/gold/train/zh-plan-x.json [more files or folders]

Standard library only, so an annotator can run it without installing safetydocs
(annotators never run the parser: gold comes from the text and the schema).
Prints one line per problem and exits 1 if there is any.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path

KINDS = {"plan", "workpoints", "meeting", "interview", "instruction", "news", "notice", "feedback", "other"}
LEVELS = {"national", "provincial", "city", "county", "township", "enterprise", "other"}
ORIGINS = {"real", "translation", "composed", "seed"}
DEADLINE_KINDS = {"date", "ongoing", "periodic", "relative"}
FILE_SUFFIXES = {".pdf", ".docx", ".xlsx", ".html", ".htm"}
REQUIRED = ("id", "lang", "kind", "source", "issued", "exhaustive_tasks", "text", "departments",
            "collectives", "industries", "deadlines", "tasks")
OPTIONAL = ("file", "origin", "issuer", "level", "year", "notes")
TASK_KEYS = {"anchor", "lead", "support", "deadline", "industries"}
INDUSTRY_CODES = {
    "mining", "coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks", "civil_explosives",
    "transport", "road_transport", "waterway_transport", "railway", "civil_aviation", "urban_rail",
    "construction", "fire_safety", "gas", "special_equipment", "industry_trade", "fishing_vessels", "tourism",
    "forest_fire", "hazardous_waste", "industrial_parks", "urban_safety", "self_built_housing",
    "crowded_places", "power", "water_conservancy", "agricultural_machinery", "oil_gas_pipelines",
    "natural_disasters", "occupational_health",
}


def _fold(text: str) -> str:
    # Full-width punctuation folded to ASCII, as the evaluator's canonical view does.
    return unicodedata.normalize("NFKC", text)


def _check_deadline(where: str, value: object, text: str, problems: list[str]) -> None:
    if not isinstance(value, dict) or set(value) - {"text", "date", "kind"} or "text" not in value:
        problems.append(f"{where}: must be an object with text, date, kind")
        return
    if value.get("kind") not in DEADLINE_KINDS:
        problems.append(f"{where}.kind: {value.get('kind')!r} not in {sorted(DEADLINE_KINDS)}")
    if _fold(value["text"]) not in _fold(text):
        problems.append(f"{where}.text not in text: {value['text']!r}")
    if value.get("date") is not None:
        try:
            dt.date.fromisoformat(value["date"])
        except (TypeError, ValueError):
            problems.append(f"{where}.date not an ISO date: {value['date']!r}")


def check(path: Path) -> list[str]:
    problems: list[str] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"unreadable: {exc}"]
    if not isinstance(data, dict):
        return ["not a JSON object"]
    for key in REQUIRED:
        if key not in data:
            problems.append(f"missing key {key!r}")
    for key in set(data) - set(REQUIRED) - set(OPTIONAL):
        problems.append(f"unknown key {key!r}")
    if problems:
        return problems
    text = data["text"]
    folded = _fold(text)
    if data["id"] != path.stem:
        problems.append(f"id {data['id']!r} differs from the file name {path.stem!r}")
    if data["lang"] not in {"zh", "en"}:
        problems.append(f"lang {data['lang']!r}")
    if data["kind"] not in KINDS:
        problems.append(f"kind {data['kind']!r} not in {sorted(KINDS)}")
    if data.get("origin", "real") not in ORIGINS:
        problems.append(f"origin {data.get('origin')!r} not in {sorted(ORIGINS)}")
    if "level" in data and data["level"] not in LEVELS:
        problems.append(f"level {data['level']!r} not in {sorted(LEVELS)}")
    if data["issued"] is not None:
        try:
            dt.date.fromisoformat(data["issued"])
        except (TypeError, ValueError):
            problems.append(f"issued not an ISO date: {data['issued']!r}")
    if "file" in data:
        original = (path.parent / data["file"]).resolve()
        if original.suffix.lower() not in FILE_SUFFIXES:
            problems.append(f"file {data['file']!r}: not one of {sorted(FILE_SUFFIXES)}")
        elif not original.is_file():
            problems.append(f"file {data['file']!r} does not exist relative to the gold file")
    for field in ("departments", "collectives"):
        for name in data[field]:
            if _fold(name) not in folded:
                problems.append(f"{field}: {name!r} is not a literal substring of text")
        if len(set(data[field])) != len(data[field]):
            problems.append(f"{field}: duplicate entries")
    for code in data["industries"]:
        if code not in INDUSTRY_CODES:
            problems.append(f"industries: unknown code {code!r}")
    for index, deadline in enumerate(data["deadlines"]):
        _check_deadline(f"deadlines.{index}", deadline, text, problems)
    named = set(data["departments"]) | set(data["collectives"])
    anchors: set[str] = set()
    for index, task in enumerate(data["tasks"]):
        where = f"tasks.{index}"
        if not isinstance(task, dict) or set(task) - TASK_KEYS or "anchor" not in task:
            problems.append(f"{where}: keys must be {sorted(TASK_KEYS)}")
            continue
        anchor = task["anchor"]
        count = folded.count(_fold(anchor))
        if count != 1:
            problems.append(f"{where}.anchor occurs {count} times in text (must be once): {anchor!r}")
        if anchor in anchors:
            problems.append(f"{where}.anchor repeats another task's anchor: {anchor!r}")
        anchors.add(anchor)
        size = len(anchor.split()) if data["lang"] == "en" else len(anchor)
        low, high = (3, 12) if data["lang"] == "en" else (4, 30)
        if not low <= size <= high:
            problems.append(f"{where}.anchor length {size} outside {low}-{high}: {anchor!r}")
        for role in ("lead", "support"):
            for name in task.get(role, []):
                if name not in named:
                    problems.append(f"{where}.{role}: {name!r} is in neither departments nor collectives")
        if task.get("deadline") is not None:
            _check_deadline(f"{where}.deadline", task["deadline"], text, problems)
        for code in task.get("industries", []):
            if code not in INDUSTRY_CODES:
                problems.append(f"{where}.industries: unknown code {code!r}")
    return problems


def main(argv: list[str]) -> int:
    paths: list[Path] = []
    for arg in argv or ["corpus/gold"]:
        p = Path(arg)
        # SCORES.json beside the held-out files is the quality gate's record, not gold.
        paths.extend(sorted(q for q in p.rglob("*.json") if q.name != "SCORES.json") if p.is_dir() else [p])
    bad = 0
    for path in paths:
        for problem in check(path):
            print(f"{path}: {problem}")
            bad += 1
    print(f"{len(paths)} files checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
