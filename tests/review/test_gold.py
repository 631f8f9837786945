from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import yaml

from safetydocs.evaluation import load_gold
from safetydocs.review.gold import gold_record
from safetydocs.review.service import export_aliases, export_gold, learned_aliases

ROOT = Path(__file__).resolve().parents[2]


def _check_gold():
    spec = importlib.util.spec_from_file_location("check_gold", ROOT / "corpus" / "tools" / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check


def test_only_reviewed_documents_become_gold(store, tmp_path) -> None:
    assert export_gold(store, out=tmp_path / "gold") == []
    store.correct(1, {"op": "document.reviewed"}, reviewer="ann")
    assert [p.name for p in export_gold(store, out=tmp_path / "gold")] == ["zh-notice-reviewed-1.json"]


def test_the_gold_file_passes_the_corpus_check_and_holds_the_corrections(store, tmp_path) -> None:
    store.correct(1, {"op": "role.set", "task": "t1", "department": "市应急局", "role": "lead"}, reviewer="ann")
    start = store.corrected(1).text.index("各区要开展宣传教育。")
    store.correct(1, {"op": "task.add", "start": start, "end": start + 10}, reviewer="ann")
    store.correct(1, {"op": "role.set", "task": store.corrected(1).tasks[-1].id, "department": "各区",
                      "role": "lead"}, reviewer="ann")
    store.correct(1, {"op": "document.reviewed"}, reviewer="ann")
    [path] = export_gold(store, out=tmp_path / "gold")
    assert _check_gold()(path) == []
    gold = load_gold(path)  # what `safetydocs train` and `safetydocs eval` read
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["departments"] == ["市住建局", "市应急局", "市应急管理局"] and data["collectives"] == ["各区"]
    assert [t.lead for t in gold.tasks] == [["市住建局", "市应急局"], ["市应急管理局"], ["各区"]]
    assert gold.tasks[0].deadline.date.isoformat() == "2024-06-30"
    assert data["exhaustive_tasks"] is True and "ann" in data["notes"] and "3 corrections" in data["notes"]


def test_a_name_the_text_never_writes_is_left_out_and_noted(document) -> None:
    document.tasks[1].assignments[0].department = "某某委员会"
    document.tasks[1].assignments[0].mention = "某某委员会"
    record = gold_record(document, gold_id="zh-notice-reviewed-9", reviewer="ann")
    assert record["tasks"][1]["lead"] == [] and "某某委员会" in record["notes"]


def test_anchors_are_unique_pieces_of_their_own_task(document) -> None:
    record = gold_record(document, gold_id="zh-notice-reviewed-9", reviewer="ann")
    for task, anchor in zip(document.tasks, [t["anchor"] for t in record["tasks"]]):
        assert anchor in task.text and document.text.count(anchor) == 1


def test_training_reads_a_reviewed_folder(store, tmp_path) -> None:
    from safetydocs.train import training_documents

    store.correct(1, {"op": "document.reviewed"}, reviewer="ann")
    export_gold(store, out=tmp_path / "corpus" / "gold" / "reviewed")
    assert [g.id for g in training_documents(tmp_path / "corpus")] == ["zh-notice-reviewed-1"]


def test_aliases_from_merges_reach_the_models_folder(store, tmp_path) -> None:
    store.correct(1, {"op": "department.merge", "source": "市应急局", "target": "市应急管理局"}, reviewer="ann")
    assert learned_aliases(store) == {}  # 市应急局 names the body of whatever city the notice is about
    store.correct(1, {"op": "role.set", "task": "t2", "department": "安委办", "role": "support"}, reviewer="ann")
    store.correct(1, {"op": "department.merge", "source": "安委办", "target": "临江市安委办"}, reviewer="ann")
    models = tmp_path / "models"
    (models / "zh").mkdir(parents=True)
    (models / "zh" / "aliases.yaml").write_text("learned:\n  旧名: 新名\n", encoding="utf-8")
    [path] = export_aliases(store, models=models)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["learned"] == {"安委办": "临江市安委办", "旧名": "新名"} and "learned" in data["_sources"]


def test_the_parser_names_a_mention_by_its_learned_alias(monkeypatch) -> None:
    from safetydocs.extract import departments

    real = departments.load_yaml
    monkeypatch.setattr(departments, "load_yaml", lambda relative: {"learned": {"市应急局": "临江市应急管理局"}}
                        if relative == "zh/aliases.yaml" else real(relative))
    mentions = [departments.Mention(text="市应急局", name="市应急局", span=(0, 4), kind="body"),
                departments.Mention(text="市公安局", name="市公安局", span=(5, 9), kind="body")]
    departments.apply_learned_aliases(mentions, language="zh")
    assert [m.name for m in mentions] == ["临江市应急管理局", "市公安局"]


def test_the_shipped_alias_files_are_valid() -> None:
    for language in ("zh", "en"):
        data = yaml.safe_load((ROOT / "models" / language / "aliases.yaml").read_text(encoding="utf-8"))
        assert isinstance(data["learned"], dict) and data["_sources"]["learned"]
