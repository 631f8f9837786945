"""`safetydocs train`: reproducible, safe to load, never trained on held-out documents."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from safetydocs.extract.involvement_model import read_model
from safetydocs.extract.task_classifier import model_files, read_classifier
from safetydocs.train import train, training_documents

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _tiny_corpus(folder: Path) -> Path:
    """Four Chinese and four English training documents copied from the shipped corpus."""
    for language in ("zh", "en"):
        for path in sorted((CORPUS / "gold" / "train").glob(f"{language}-*.json"))[:4]:
            target = folder / "train" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    held = sorted((CORPUS / "gold" / "heldout").glob("*.json"))[0]
    (folder / "heldout").mkdir()
    shutil.copy(held, folder / "heldout" / held.name)
    return folder


def test_heldout_and_dev_folders_are_never_trained_on(tmp_path):
    corpus = _tiny_corpus(tmp_path / "corpus")
    ids = {gold.id for gold in training_documents(corpus)}
    assert len(ids) == 8
    assert not any((corpus / "heldout" / f"{i}.json").exists() for i in ids)


def test_training_twice_gives_the_same_weights_and_a_loadable_model(tmp_path):
    corpus = _tiny_corpus(tmp_path / "corpus")
    first = train(corpus, out_dir=tmp_path / "a")
    second = train(corpus, out_dir=tmp_path / "b")
    assert first.languages == second.languages
    for language in ("zh", "en"):
        a, b = read_classifier(language, tmp_path / "a"), read_classifier(language, tmp_path / "b")
        assert np.array_equal(a.indices, b.indices) and np.array_equal(a.weights, b.weights)
        assert 0.0 < a.threshold <= 1.0
        meta = json.loads(model_files(language, tmp_path / "a")[1].read_text(encoding="utf-8"))
        assert meta["cross_validated"]["documents"] >= 2
        selector_a, selector_b = read_model(language, tmp_path / "a"), read_model(language, tmp_path / "b")
        assert selector_a.weights == selector_b.weights and selector_a.thresholds == selector_b.thresholds


def test_a_model_file_holding_pickled_objects_is_refused(tmp_path):
    weights, meta = model_files("zh", tmp_path)
    weights.parent.mkdir(parents=True)
    np.savez(weights, indices=np.array([object()], dtype=object), weights=np.array([1.0]))
    meta.write_text(json.dumps({"feature_version": 1, "intercept": 0, "threshold": 0.5, "rule_threshold": 0.5}))
    with pytest.raises(ValueError, match="pickle"):
        read_classifier("zh", tmp_path)


def test_without_a_model_the_rules_decide(monkeypatch):
    import safetydocs
    from safetydocs.extract import task_classifier

    monkeypatch.setattr(task_classifier, "load_classifier", lambda language: None)
    doc = safetydocs.parse_text("今年以来取得显著成效。各地区要切实加强组织领导。\n")
    assert [t.text for t in doc.tasks] == ["各地区要切实加强组织领导。"]


def test_cli_train_reports_cross_validated_scores(tmp_path):
    from click.testing import CliRunner

    from safetydocs.cli import main

    corpus = _tiny_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(main, ["train", str(corpus), "--out", str(tmp_path / "models")])
    assert result.exit_code == 0, result.output
    assert "cv-F1" in result.output and "rules-F1" in result.output
    assert "bodies given work" in result.output
    assert model_files("zh", tmp_path / "models")[0].is_file()


@pytest.mark.slow
def test_retraining_on_the_corpus_reproduces_the_shipped_models(tmp_path):
    train(CORPUS, out_dir=tmp_path)
    for language in ("zh", "en"):
        shipped, rebuilt = read_classifier(language), read_classifier(language, tmp_path)
        assert np.array_equal(shipped.indices, rebuilt.indices)
        assert np.allclose(shipped.weights, rebuilt.weights, atol=1e-6)
        assert (shipped.threshold, shipped.rule_threshold) == (rebuilt.threshold, rebuilt.rule_threshold)
        shipped_selector, rebuilt_selector = read_model(language), read_model(language, tmp_path)
        assert shipped_selector.thresholds == rebuilt_selector.thresholds
        assert shipped_selector.weights.keys() == rebuilt_selector.weights.keys()
        assert all(abs(shipped_selector.weights[k] - w) < 1e-4 for k, w in rebuilt_selector.weights.items())


@pytest.mark.parametrize("examples, recall, rules_recall, decides", [
    (1200, 0.74, 0.80, True),    # enough bodies, a little recall given up for precision
    (302, 0.58, 0.73, False),    # enough bodies, but most of the rules' names dropped: the rules decide
    (150, 0.80, 0.80, False),    # too few bodies to learn from
    (300, 0.70, 0.80, True),     # at both limits
])
def test_the_body_selector_decides_only_with_enough_bodies_and_little_recall_lost(examples, recall, rules_recall,
                                                                                decides):
    from safetydocs.train import selector_decides

    assert selector_decides(examples=examples, recall=recall, rules_recall=rules_recall) is decides


def test_grouped_folds_keep_documents_whole_and_differ_by_seed():
    from safetydocs.train import grouped_folds

    groups = [d for d in range(12) for _ in range(d % 3 + 1)]
    splits = {seed: grouped_folds(groups, n_splits=5, seed=seed) for seed in (0, 1)}
    for folds in splits.values():
        tested = sorted(int(i) for _, test in folds for i in test)
        assert tested == list(range(len(groups)))  # every example tested exactly once
        for train_index, test_index in folds:
            assert not {groups[i] for i in train_index} & {groups[i] for i in test_index}
    assert [sorted({groups[i] for i in test}) for _, test in splits[0]] != \
        [sorted({groups[i] for i in test}) for _, test in splits[1]]
