"""The trained body selector: what it may decide, what it never overrules, and its model file."""
import json

import pytest

import safetydocs
from safetydocs.extract import involvement_model
from safetydocs.extract.involvement_model import InvolvementModel, read_model, save_model, select_bodies
from safetydocs.pipeline import body_evidence

TEXT = ("各区人民政府，市交通运输局：\n"
        "根据省应急管理厅《关于加强值守的通知》要求，现将有关事项通知如下。\n"
        "市应急管理局要在6月30日前完成燃气管道检查，市公安局配合。\n"
        "县住建局在市文化中心召开了会议。\n")


def _model(intercept: float, thresholds=None) -> InvolvementModel:
    return InvolvementModel(language="zh", weights={}, intercept=intercept,
                            thresholds=thresholds if thresholds is not None else {"body": 0.5, "collective": 0.5})


def _names(departments):
    return [d.name for d in departments]


def test_bodies_with_a_role_or_in_the_address_are_kept_whatever_the_model_says():
    _, bodies = body_evidence(TEXT)
    kept, others = select_bodies(bodies, language="zh", model=_model(-30.0))
    assert {"市应急管理局", "市公安局", "各区人民政府", "市交通运输局"} <= set(_names(kept))
    assert "县住房和城乡建设局" in _names(others)  # no role, no address: the model's call


def test_a_body_the_rules_put_in_passing_is_never_brought_back():
    _, bodies = body_evidence(TEXT)
    kept, others = select_bodies(bodies, language="zh", model=_model(30.0))
    assert "省应急管理厅" in _names(others)  # the author of a cited notice
    assert "县住房和城乡建设局" in _names(kept)


def test_a_kind_the_model_was_not_trained_to_decide_is_left_to_the_rules():
    _, bodies = body_evidence(TEXT)
    by_rules, _ = select_bodies(bodies, language="zh", model=_model(-30.0, thresholds={}))
    assert "县住房和城乡建设局" in _names(by_rules)  # acting, not in passing: the rules keep it
    assert "省应急管理厅" not in _names(by_rules)


def test_without_a_model_file_the_rules_decide(monkeypatch):
    monkeypatch.setattr(involvement_model, "load_model", lambda language: None)
    doc = safetydocs.parse_text(TEXT)
    assert "县住房和城乡建设局" in _names(doc.departments)
    assert "省应急管理厅" in _names(doc.other_bodies)


def test_confidence_of_a_decided_body_is_the_models_probability():
    model = _model(0.0)
    _, bodies = body_evidence(TEXT)
    kept, others = select_bodies(bodies, language="zh", model=model)
    assert all(d.confidence == 0.5 for d in kept + others)


@pytest.mark.parametrize("text,language", [
    (TEXT, "zh"),
    ("According to the Provincial Department of Emergency Management, the County Housing Bureau shall inspect "
     "gas pipes by 30 June, and the County Public Security Bureau will assist.", "en"),
])
def test_the_words_beside_a_body_are_features_only_as_closed_classes(text, language):
    """No content word of a text becomes a feature: punctuation, listed function words, role cues or other."""
    from safetydocs.resources import load_yaml

    function_words = {w.lower() for w in load_yaml(f"{language}/involvement.yaml")["neighbour_words"]}
    _, bodies = body_evidence(text, lang=language)
    assert bodies
    for body in bodies:
        for name in body.features:
            if name.startswith(("before=", "after=")):
                value = name.split("=", 1)[1]
                assert (value in ("start", "end", "other") or value.startswith(("punct:", "cue:"))
                        or (value.startswith("word:") and value[5:] in function_words)), name


def test_a_cue_word_beside_a_body_is_read_whatever_jieba_does():
    _, bodies = body_evidence("请市应急管理局牵头，由县公安局配合。\n")
    features = {b.department.name: b.features for b in bodies}
    assert features["市应急管理局"].get("before=cue:directed") and features["市应急管理局"].get("after=cue:lead")
    assert features["县公安局"].get("before=word:由") and features["县公安局"].get("after=cue:support")


def test_the_model_file_is_plain_json_and_round_trips(tmp_path):
    model = InvolvementModel(language="zh", weights={"has_lead": 1.5, "before=word:由": 0.25}, intercept=-1.0,
                             thresholds={"body": 0.3}, meta={"seed": 0})
    save_model(model, tmp_path)
    again = read_model("zh", tmp_path)
    assert (again.weights, again.intercept, again.thresholds, again.meta) == (
        model.weights, model.intercept, model.thresholds, {"seed": 0})
    path = tmp_path / "zh" / "involvement_model.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["feature_version"] = -1
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_model("zh", tmp_path) is None  # an older feature layout: the rules decide until retrained


def test_a_body_named_in_every_sentence_is_one_body_inside_its_tasks():
    text = "市应急管理局要加强督导。" * 500
    doc, bodies = body_evidence(text)
    (body,) = [b for b in bodies if b.department.name == "市应急管理局"]
    assert len(body.department.spans) == 500 and 0 < body.features["share_in_task"] <= 1
