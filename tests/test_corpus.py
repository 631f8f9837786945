"""The annotated corpus: its size and spread, counted from the files, and the frozen held-out set.

The targets are the ones the project measures itself by (corpus/README.md): a real corpus large and varied enough
that a score on it says something about notices nobody has seen, and a held-out part that nobody edits.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from safetydocs.evaluation import is_gold_file, load_gold_dir

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOLD = CORPUS / "gold"
HELDOUT = GOLD / "heldout"
MANIFEST = HELDOUT / "MANIFEST"

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="the corpus is not shipped with this copy")


def _raw(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.rglob("*.json")) if is_gold_file(p)]


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    load_gold_dir(GOLD)  # every file valid, ids unique
    return _raw(GOLD)


def _real(docs: list[dict]) -> list[dict]:
    return [d for d in docs if d.get("origin", "real") == "real"]


def test_every_gold_file_states_its_origin_and_source(gold: list[dict]) -> None:
    for doc in gold:
        assert doc.get("origin") in {"real", "translation", "composed", "seed"}, doc["id"]
        assert doc["source"].strip(), doc["id"]


def test_real_documents_per_language(gold: list[dict]) -> None:
    counts = Counter(d["lang"] for d in _real(gold))
    assert counts["zh"] >= 120, counts
    assert counts["en"] >= 40, counts


def test_real_documents_are_spread_over_issuers_levels_kinds_and_years(gold: list[dict]) -> None:
    real = _real(gold)
    for doc in real:
        assert doc.get("issuer") and doc.get("level"), f"{doc['id']}: issuer and level are needed"
    issuers = {d["issuer"] for d in real}
    assert len(issuers) >= 60, len(issuers)
    levels = Counter(d["level"] for d in real)
    assert {"national", "provincial", "city", "county", "township", "enterprise"} <= set(levels), levels
    kinds = Counter(d["kind"] for d in real)
    assert {"plan", "workpoints", "notice", "meeting", "news", "instruction", "feedback"} <= set(kinds), kinds
    years = [int(d["issued"][:4]) if d.get("issued") else d.get("year") for d in real]
    assert all(isinstance(y, int) for y in years), "each real document needs issued or year"
    assert min(years) <= 2008 and max(years) >= 2024, (min(years), max(years))


def test_original_files(gold: list[dict]) -> None:
    originals = [d for d in _real(gold) if d.get("file")]
    assert len(originals) >= 30, len(originals)
    assert {Path(d["file"]).suffix.lower() for d in originals} & {".pdf", ".docx"}, "no PDF or DOCX original"


def test_sources_are_not_repeated(gold: list[dict]) -> None:
    # One document, one gold file: a page annotated twice would sit in both splits.
    real = [d for d in _real(gold) if not d["source"].startswith("composed")]
    by_source = Counter((d["lang"], d["source"], d.get("file")) for d in real)
    assert [s for s, n in by_source.items() if n > 1] == []
    texts = Counter(d["text"].strip()[:200] for d in real)
    assert [t for t, n in texts.items() if n > 1] == []


# ---------------------------------------------------------------- the held-out set


def _manifest() -> dict[str, str]:
    entries = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(None, 1)
            entries[name.strip()] = digest
    return entries


def _held_out_files() -> list[Path]:
    originals = []
    for path in sorted(p for p in HELDOUT.glob("*.json") if is_gold_file(p)):
        originals.append(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("file"):
            originals.append((path.parent / data["file"]).resolve())
    return originals


def test_heldout_set_is_large_enough_and_real() -> None:
    docs = _raw(HELDOUT)
    real = _real(docs)
    assert len(real) == len(docs), "the held-out set holds real documents only"
    assert len(real) >= 40
    assert sum(1 for d in real if d.get("file")) >= 10


def test_every_heldout_file_matches_its_manifest_line() -> None:
    manifest = _manifest()
    for path in _held_out_files():
        name = path.relative_to(CORPUS).as_posix()
        assert name in manifest, f"{name} is not in {MANIFEST.name}: a held-out file is added with its manifest line"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == manifest[name], f"{name} changed without its manifest line"


def test_manifest_names_no_missing_file() -> None:
    for name in _manifest():
        assert (CORPUS / name).is_file(), f"{name} is in the manifest but not in the corpus"


def test_no_heldout_document_is_also_in_train(gold: list[dict]) -> None:
    held = {(d["source"], d.get("file")) for d in _raw(HELDOUT)}
    train = {(d["source"], d.get("file")) for d in _raw(GOLD / "train")}
    assert not held & {s for s in train if not s[0].startswith("composed")}


# ---------------------------------------------------------------- the table corpus (corpus/tables)

def _tool(name: str):
    """A script of corpus/tools, loaded as a module (the folder is no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, CORPUS / "tools" / f"{name}.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def _miner():
    return _tool("mine_gazetteer")


def test_every_table_row_is_written_in_its_table_and_names_its_source():
    miner = _miner()
    for language in ("zh", "en"):
        folder = CORPUS / "tables" / language
        if folder.is_dir():
            tables = miner.load_tables(folder)  # raises on a name that is not a literal substring
            assert all(t["source"].startswith("http") and t["rows"] for t in tables)
    def page(url):  # the same page whatever its scheme, host prefix or trailing slash
        return re.sub(r"^https?://(?:www\.)?|/$", "", (url or "").strip().lower())

    heldout = {page(json.loads(p.read_text(encoding="utf-8")).get("source")) for p in (GOLD / "heldout").glob("*.json")}
    sources = {page(json.loads(p.read_text(encoding="utf-8"))["source"]) for p in (CORPUS / "tables").rglob("*-*.json")}
    assert not sources & heldout  # no held-out document feeds the gazetteer


def test_a_table_cell_that_is_a_group_or_a_sentence_is_no_name():
    miner = _miner()
    assert miner.table_form("市天然气综合利用工业园区", "zh")
    assert not miner.table_form("市直有关部门", "zh") and not miner.table_form("各县区政府", "zh")
    assert not miner.table_form("市应急局牵头", "zh") and not miner.table_form("2024年底", "zh")


# ---------------------------------------------------------------- agreement between annotators (corpus/agreement)

def test_an_annotation_agrees_with_itself_in_full_and_less_with_a_changed_copy():
    tool = _tool("agreement")
    from safetydocs.evaluation import load_gold

    gold = load_gold(next(iter(sorted((CORPUS / "agreement" / "second").glob("*.json")))))
    same = tool.agreement([(gold, gold)])[gold.lang]
    assert all(same[field][2] == 1.0 for field in ("tasks", "departments") if field in same)
    changed = gold.model_copy(update={"tasks": [t.model_copy(update={"lead": ["某某局"]}) for t in gold.tasks],
                                      "departments": []})
    other = tool.agreement([(gold, changed)])[gold.lang]
    assert other["tasks"][2] == 1.0  # the same anchors: the same tasks
    assert other["lead"][2] < 1.0 and other["departments"][2] == 0.0


def test_every_second_annotation_pairs_with_a_train_document_and_is_never_trained_on():
    from safetydocs.train import EXCLUDED_FOLDERS

    second = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in (CORPUS / "agreement" / "second").glob("*.json")}
    train = {d["id"] for d in _raw(GOLD / "train")}
    assert second and second <= train
    assert "agreement" in EXCLUDED_FOLDERS


# ---------------------------------------------------------------- the next stop's fresh set (corpus/fresh)

def test_the_fresh_set_is_new_valid_and_never_trained_on():
    from safetydocs.train import EXCLUDED_FOLDERS

    fresh_dir = CORPUS / "fresh"
    if not fresh_dir.is_dir():
        pytest.skip("no fresh set waits for the next stop")
    load_gold_dir(fresh_dir)  # every file valid
    fresh = _raw(fresh_dir)
    known = _raw(GOLD)
    assert fresh and all(d.get("origin") == "real" for d in fresh)
    assert not {d["id"] for d in fresh} & {d["id"] for d in known}
    assert not {d["source"] for d in fresh} & {d["source"] for d in known}
    assert "fresh" in EXCLUDED_FOLDERS
