"""Integrity of the language data under models/: it loads, its patterns compile, its names do not clash."""
import re
from collections import Counter
from contextlib import contextmanager

import pytest

from safetydocs.resources import load_yaml, models_dir

YAML_FILES = sorted(p.relative_to(models_dir()).as_posix() for p in models_dir().rglob("*.yaml"))


@pytest.mark.parametrize("name", YAML_FILES)
def test_every_data_file_loads_as_a_mapping(name):
    assert isinstance(load_yaml(name), dict)


def _list_items(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _list_items(item)
    elif isinstance(value, list):
        for item in value:
            yield item
            yield from _list_items(item)


@pytest.mark.parametrize("name", YAML_FILES)
def test_no_word_in_a_list_was_read_as_a_boolean(name):
    # YAML 1.1 reads a bare On, Off, Yes or No as true or false: such a word must be quoted.
    assert not [item for item in _list_items(load_yaml(name)) if isinstance(item, bool)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_language_has_the_same_data_files(language):
    names = {p.split("/", 1)[1] for p in YAML_FILES if p.startswith(language + "/")}
    assert names >= {"departments.yaml", "collectives.yaml", "roles.yaml", "tasks.yaml", "deadlines.yaml",
                     "involvement.yaml"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_national_names_and_aliases_name_one_body_each(language):
    data = load_yaml(f"{language}/departments.yaml")
    names = Counter()
    for body in data["national"]:
        names[body["name"]] += 1
        for alias in body.get("aliases") or []:
            names[alias] += 1
    assert [name for name, count in names.items() if count > 1] == []


def test_english_national_bodies_have_their_chinese_name_in_the_chinese_gazetteer():
    chinese = {body["name"] for body in load_yaml("zh/departments.yaml")["national"]}
    for body in load_yaml("en/departments.yaml")["national"]:
        assert body["zh"] in chinese, body["name"]


def test_chinese_abbreviations_expand_to_known_organ_roots():
    data = load_yaml("zh/departments.yaml")
    roots = {organ["root"] for organ in data["organs"]}
    shorts = {short for organ in data["organs"] for short in organ.get("short") or []}
    committee_forms = {c["full"] for c in data["committees"]} | {c["short"] for c in data["committees"]}
    for short, full in data["abbreviations"].items():
        assert short in shorts | committee_forms, short
        assert full in roots | committee_forms, full


@pytest.mark.parametrize("name", ["zh/collectives.yaml", "en/collectives.yaml"])
def test_collective_patterns_compile(name):
    for pattern in load_yaml(name)["patterns"]:
        re.compile(pattern)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_involvement_patterns_compile(language):
    for pattern in load_yaml(f"{language}/involvement.yaml")["passing_after"]:
        re.compile(pattern)


@contextmanager
def _edited_models(tmp_path, monkeypatch, relative, old, new):
    """A copy of models/ with one edit in one file, in use for the duration of the block."""
    import shutil

    from safetydocs import resources
    from safetydocs.extract import departments

    copy = tmp_path / "models"
    shutil.copytree(models_dir(), copy)
    path = copy / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, old + new, 1), encoding="utf-8")
    caches = (resources.load_yaml, departments._zh_rules, departments._gazetteer)
    for cached in (resources.models_dir, *caches):
        cached.cache_clear()
    monkeypatch.setattr(resources, "models_dir", lambda: copy)
    try:
        yield
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()


def test_a_new_gazetteer_entry_needs_no_code(tmp_path, monkeypatch):
    """Extending the gazetteer is a data edit: a copied models/ folder with one more body is used as is."""
    from safetydocs.extract import departments

    with _edited_models(tmp_path, monkeypatch, "zh/departments.yaml", "national:\n",
                        "  - name: 国家数据局\n    aliases: [数据局]\n"):
        text = "数据局牵头"
        found = departments.find_mentions(text, canon=text, language="zh")
        assert [(m.text, m.name, m.level) for m in found] == [("数据局", "国家数据局", "national")]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_mined_table_name_comes_from_a_real_document_that_writes_it(language):
    import json
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for name, entry in (load_yaml(f"{language}/gazetteer.yaml").get("bodies") or {}).items():
        assert entry["forms"] and entry["count"] >= len(entry["documents"]) >= 1, name
        assert set(entry.get("lookup", [])) <= set(entry["forms"]), name
        table_texts, from_training = [], False
        for document in entry["documents"]:
            table = corpus / "tables" / language / f"{document}.json"
            if table.is_file():  # the table corpus: real rows copied from a public page
                data = json.loads(table.read_text(encoding="utf-8"))
                assert data["source"].startswith("http"), document
                table_texts.append(data["text"])
            else:  # a real training document, never a held-out one
                data = json.loads((corpus / "gold" / "train" / f"{document}.json").read_text(encoding="utf-8"))
                assert data["origin"] == "real", document
                from_training = True
        if not from_training:  # (a training document may be read from its original file, not its text)
            assert all(any(form in text for text in table_texts) for form in entry["forms"]), name


def test_a_mined_table_name_is_known_in_any_text(tmp_path, monkeypatch):
    """A name added to the mined gazetteer is found, under its full form, with no code."""
    from safetydocs.extract import departments

    entry = '  "临江港务集团安全环保部": {forms: ["港务安环部"], count: 1, documents: [x]}\n'
    with _edited_models(tmp_path, monkeypatch, "zh/gazetteer.yaml", "bodies:\n", entry):
        text = "港务安环部要立即整改。"
        found = departments.find_mentions(text, canon=text, language="zh")
        assert ("港务安环部", "临江港务集团安全环保部") in [(m.text, m.name) for m in found]


# ---------------------------------------------------------------- where entries come from

from tests.lexicon_support import data_files, entries, unsupported  # noqa: E402


@pytest.mark.parametrize("name", data_files())
def test_every_entry_is_attested_in_training_documents_or_names_its_source(name):
    # An entry that only a development text (or no text at all) uses serves that text, not users:
    # corpus/tools/lexicon_audit.py lists them; the fix is to delete the entry or name a general source.
    assert unsupported(name) == []


def test_the_support_check_can_fail():
    data = {"national": [{"name": "某某局", "aliases": ["无此简称甲乙丙"]}], "_sources": {"national.name": "a list"}}
    sections = list(entries(data))
    assert ("national.aliases", "无此简称甲乙丙") in sections and ("national.name", "某某局") in sections
    from tests.lexicon_support import occurs, sourced

    assert not occurs("无此简称甲乙丙", "national.aliases")
    assert sourced("national.name", "某某局", data["_sources"])
    assert not sourced("national.aliases", "无此简称甲乙丙", data["_sources"])
    assert sourced("codes.gas.en", "urban gas", {"codes.*": {"source": "s", "entries": ["urban gas"]}})
    assert not sourced("codes.gas.en", "gas meters", {"codes.*": {"source": "s", "entries": ["urban gas"]}})
