"""safetydocs' stages as spaCy components: the pipeline of safetydocs.nlp, its config, its plain results."""
import json
import subprocess
import sys

import pytest
import spacy

import safetydocs

ZH = [
    "关于做好2024年汛期安全生产工作的通知\n各乡镇人民政府，县直各部门：\n"
    "一、请县应急管理局牵头，县公安局、县交通运输局配合，于2024年6月底前完成危险化学品企业隐患排查。\n"
    "二、各乡镇要加强烟花爆竹和燃气安全监管，每月报送一次工作进展。\n"
    "三、县住建局负责建筑施工安全专项整治，8月31日前报县安委办。\n"
    "县安全生产委员会办公室\n2024年3月1日\n",
    "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t开展矿山安全专项检查\t县应急局\t县自然资源局\t2024年9月底前\n"
    "2\t整治道路运输非法营运\t县交通运输局\t县公安局\t长期坚持\n",
]
EN = [
    "Notice on Work Safety during the Flood Season\n"
    "1. The Ministry of Emergency Management shall lead, and the Ministry of Public Security shall assist, in "
    "inspecting chemical plants by June 30, 2025.\n"
    "2. All provinces must strengthen the supervision of coal mines and report monthly.\n",
]


@pytest.fixture(scope="module")
def pipelines():
    return {"zh": safetydocs.nlp("zh"), "en": safetydocs.nlp("en")}


def _spans(doc):
    return {key: [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group] for key, group in doc.spans.items()}


def _values(doc):
    from safetydocs.components import DOC_VALUES

    return {key: getattr(doc._, f"sd_{key}") for key in DOC_VALUES}


def test_the_pipeline_holds_one_component_per_stage_from_its_config(pipelines):
    assert pipelines["zh"].pipe_names == ["safetydocs_layout", "safetydocs_departments", "safetydocs_deadlines",
                                          "safetydocs_industries", "safetydocs_tasks", "safetydocs_roles",
                                          "safetydocs_bodies"]
    assert pipelines["en"].pipe_names == pipelines["zh"].pipe_names
    assert not pipelines["zh"].analyze_pipes(pretty=False)["problems"]["safetydocs_tasks"]
    with pytest.raises(safetydocs.SafetydocsError):
        safetydocs.nlp("fr")


@pytest.mark.parametrize("language, texts", [("zh", ZH), ("en", EN)])
def test_the_documents_of_the_pipeline_are_those_of_parse(pipelines, language, texts):
    for text in texts:
        doc = pipelines[language](text)
        assert safetydocs.document_of(doc) == safetydocs.parse_text(text, lang=language)


def test_the_results_are_spans_and_plain_values(pipelines):
    doc = pipelines["zh"](ZH[0])
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["assignments"]][:3] == [
        ("县应急管理局", "lead", "县应急管理局"), ("县公安局", "support", "县公安局"),
        ("县交通运输局", "support", "县交通运输局")]
    assert ("2024年6月底前", "date", "2024-06-30") in [(s.text, s.label_, s.kb_id_) for s in doc.spans["deadlines"]]
    assert [s.label_ for s in doc.spans["tasks"]] == ["numbered"] * 3
    first = doc.spans["tasks"][0]._.sd_task
    assert first["deadline"]["date"] == "2024-06-30" and first["span"] == [first["span"][0], first["span"][1]]
    assert "hazardous_chemicals" in [s.label_ for s in doc.spans["industries"]]
    assert [e.text for e in doc.ents if e.label_ == "ORG"][:2] == ["县应急管理局", "县公安局"]
    assert doc._.sd_issued == "2024-03-01"
    # Only JSON: the values are what json.dumps writes and reads back.
    values = _values(doc)
    assert json.loads(json.dumps(values)) == values


@pytest.mark.parametrize("language, texts", [("zh", ZH), ("en", EN)])
def test_a_docbin_and_to_bytes_keep_every_span_and_value(pipelines, language, texts):
    from spacy.tokens import Doc, DocBin

    nlp = pipelines[language]
    docs = list(nlp.pipe(texts))
    back = list(DocBin(store_user_data=True, docs=docs).from_bytes(
        DocBin(store_user_data=True, docs=docs).to_bytes()).get_docs(nlp.vocab))
    for doc, copy in zip(docs, back):
        assert _spans(copy) == _spans(doc) and _values(copy) == _values(doc)
        assert [(e.text, e.label_) for e in copy.ents] == [(e.text, e.label_) for e in doc.ents]
        assert [s._.sd_task for s in copy.spans["tasks"]] == [s._.sd_task for s in doc.spans["tasks"]]
        assert safetydocs.document_of(copy) == safetydocs.document_of(doc)
        again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert _spans(again) == _spans(doc) and _values(again) == _values(doc)


@pytest.mark.slow
def test_nlp_pipe_in_two_processes_gives_what_parse_gives(pipelines):
    texts = ZH * 2
    together = list(pipelines["zh"].pipe(texts, n_process=2, batch_size=1))
    assert [safetydocs.document_of(doc) for doc in together] == [safetydocs.parse_text(t, lang="zh") for t in texts]


def test_a_component_added_to_a_blank_pipeline_runs_the_stages_it_reads():
    nlp = spacy.blank("zh")
    nlp.add_pipe("safetydocs_deadlines")
    doc = nlp("2024年3月1日\n各单位于6月底前完成自查。")
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["deadlines"]] == [("6月底前", "date", "2024-06-30")]
    assert doc._.sd_issued == "2024-03-01"  # the structure stage ran first: the date is reckoned from the notice's
    roles_alone = spacy.blank("zh")
    roles_alone.add_pipe("safetydocs_roles")
    assert roles_alone(ZH[0])._.sd_tasks == safetydocs.nlp("zh")(ZH[0])._.sd_tasks


def test_the_factories_are_found_through_their_entry_points():
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('safetydocs_departments'); "
            "doc = nlp('The Ministry of Transport shall act.'); "
            "print([s.text for s in doc.spans['departments']])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert result.stdout.strip() == "['Ministry of Transport']"


def test_components_can_be_disabled_replaced_and_configured():
    from spacy.language import Language

    @Language.component("test_no_deadlines")
    def no_deadlines(doc):
        doc.user_data["safetydocs.deadlines"] = []
        return doc

    nlp = safetydocs.nlp("zh", exclude=["safetydocs_industries"],
                         config={"components": {"safetydocs_tasks": {"spans_key": "demands"}}})
    assert "safetydocs_industries" not in nlp.pipe_names
    doc = nlp(ZH[0])
    assert [s.text for s in doc.spans["demands"]] and "tasks" not in doc.spans
    assert doc._.sd_industry_mentions  # the roles stage read the industries it needed, and ran that stage
    nlp.replace_pipe("safetydocs_deadlines", "test_no_deadlines")
    assert all(task["deadline"] is None for task in nlp(ZH[0])._.sd_tasks)


def test_a_saved_pipeline_loads_and_gives_the_same_results(pipelines, tmp_path):
    nlp = safetydocs.nlp("zh", config={"components": {"safetydocs_roles": {"spans_key": "roles"}}})
    nlp.to_disk(tmp_path / "zh")
    loaded = spacy.load(tmp_path / "zh")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.get_pipe("safetydocs_roles").spans_key == "roles"
    assert _spans(loaded(ZH[0])) == _spans(nlp(ZH[0]))


@pytest.mark.parametrize("text", ["", " ", "市应急管理局要加强检查。", "  两个空格 开头\n换行\t制表 与  多个 空格 ",
                                  "請市應急局牽頭，ＡＢ公司配合", "一、总体要求\n\n（一）各县区要做好工作。 Each county shall act.  "])
def test_the_chinese_tokenizer_keeps_the_text_and_segments_its_canonical_form(pipelines, text):
    from safetydocs.analysis import segment
    from safetydocs.structure.normalize import canonical

    doc = pipelines["zh"].make_doc(text)
    assert doc.text == text
    words = [canonical(t.text) for t in doc if not t.is_space and t.text.strip()]
    assert words == [w.strip() for w in segment(canonical(text)) if w.strip()]


def test_a_trained_model_replaces_the_shipped_one_and_is_saved_with_the_pipeline(tmp_path):
    import shutil

    from safetydocs.resources import models_dir

    # A "retrained" classifier that finds no task on its own: only demands stated outright are left.
    (tmp_path / "mine" / "zh").mkdir(parents=True)
    for name in ("task_classifier.npz", "task_classifier.json"):
        shutil.copy(models_dir() / "zh" / name, tmp_path / "mine" / "zh" / name)
    meta_path = tmp_path / "mine" / "zh" / "task_classifier.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta_path.write_text(json.dumps(dict(meta, intercept=-50.0)), encoding="utf-8")
    text = "汛期将至，防汛物资储备和应急值守工作需进一步强化，隐患排查整治工作应当常态化开展。\n各乡镇要加强巡查。\n"
    shipped = safetydocs.nlp("zh")(text)
    assert len(shipped.spans["tasks"]) == 2
    nlp = safetydocs.nlp("zh", config={"components": {"safetydocs_tasks": {"model": str(tmp_path / "mine")}}})
    mine = nlp(text)
    assert [s.text for s in mine.spans["tasks"]] == ["各乡镇要加强巡查。"]
    nlp.to_disk(tmp_path / "saved")
    shutil.rmtree(tmp_path / "mine")  # the saved pipeline holds its own copy
    loaded = spacy.load(tmp_path / "saved")
    again = loaded(text)
    assert [s.text for s in again.spans["tasks"]] == ["各乡镇要加强巡查。"]
    with pytest.raises(ValueError, match="no zh model"):
        safetydocs.nlp("zh", config={"components": {"safetydocs_bodies": {"model": str(tmp_path)}}})
