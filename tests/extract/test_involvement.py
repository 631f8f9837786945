"""Bodies given work versus bodies named in passing."""
import pytest

import safetydocs


def _split(text):
    doc = safetydocs.parse_text(text)
    return [d.name for d in doc.departments], [d.name for d in doc.other_bodies]


@pytest.mark.parametrize("text,passing", [
    ("受县安委会委托，县安委办召开推进会。", "县安全生产委员会"),
    ("县安委办在县应急管理局召开推进会。", "县应急管理局"),
    ("各单位要将检查情况报市政府，并抄送市公安局。", "市公安局"),
    ("会议由县应急管理局局长主持。各单位要加强值守。", "县应急管理局"),
    ("县应急局、县发改局等单位主要负责人参加会议。各单位要加强值守。", "县发展和改革局"),
    # the places and firms a visit or a check names
    ("检查组先后深入天津华代新材料科技有限公司、天津广恒达机械制品有限公司等点位，实地了解安全管理情况。各单位要加强值守。",
     "天津华代新材料科技有限公司"),
    # attendees listed with others before the verb of attending
    ("县应急局、县住建局等单位主要负责同志，各乡镇分管负责同志参加会议。各单位要加强值守。", "县住房和城乡建设局"),
    ("严格落实省委省政府三十五条实施意见，各单位要加强值守。", "省政府"),
    ("关于转发市安委会《上海市安全生产委员会关于排查整治的通知》的通知", "上海市安全生产委员会"),
    ("发布机构： 区应急管理局\n各单位要加强值守。", "区应急管理局"),
    # a body's attitude reported
    ("近年来，苏州市委、市政府高度重视既有建筑安全管理工作。各区要加强排查。", "苏州市委"),
    ("考核组认为，海西州政府高度重视安全生产工作。各县要落实整改。", "海西州政府"),
    # the issuer's short name in a document number
    ("梅市安办〔2024〕29号\n各县（市、区）安委会：\n请市应急管理局牵头开展检查。", "梅市安全生产委员会办公室"),
    ("县安委办[2023]5号\n各乡镇：\n各乡镇要加强值守。", "县安全生产委员会办公室"),
    ("县应急局发〔2022〕12号\n各单位要加强值守。", "县应急管理局"),
    ("In accordance with the arrangements of the Provincial Party Committee, all regions must act.",
     "Provincial Party Committee"),
    ("Li Qiang, Premier of the State Council, spoke. All regions must act.", "State Council"),
    # a place where something happened or met
    ("A blast killed 20 people in Yizhou City on Monday. All regions must inspect chemical plants.", "Yizhou City"),
])
def test_bodies_in_passing_are_kept_apart(text, passing):
    given_work, other = _split(text)
    assert passing in other
    assert passing not in given_work


@pytest.mark.parametrize("text,active", [
    ("县安委办召开推进会，要求各单位加强值守。", "县安全生产委员会办公室"),
    ("市应急管理局牵头开展专项整治。", "市应急管理局"),
    ("The Office of the State Council Work Safety Committee interviewed Datong City.", "Datong City"),
    ("The Provincial Department of Water Resources reported on flood control work.",
     "Provincial Department of Water Resources"),
])
def test_bodies_given_work_or_acting_stay(text, active):
    given_work, _ = _split(text)
    assert active in given_work


def test_a_body_named_in_passing_once_and_given_work_elsewhere_stays():
    given_work, other = _split("各单位要将情况报市应急管理局。市应急管理局要加强督导。")
    assert "市应急管理局" in given_work and "市应急管理局" not in other


def test_english_bodies_that_attend_are_named_in_passing():
    doc = safetydocs.parse_text(
        "The State Council Work Safety Committee interviewed the Henan Provincial People's Government. Officials from "
        "the Ministry of Emergency Management and the Ministry of Public Security attended the interview. The Henan "
        "Provincial People's Government must rectify the problems immediately. The meeting was attended by the "
        "Ministry of Transport.")
    passing = {d.name for d in doc.other_bodies}
    assert {"Ministry of Emergency Management", "Ministry of Public Security", "Ministry of Transport"} <= passing
    assert "Henan Provincial People's Government" in {d.name for d in doc.departments}


@pytest.mark.parametrize("text,passing", [
    ("督导组先后对临江县政府、临江县水务局进行了督导。临江县住建局要立即整改。", "临江县水务局"),  # inspected
    ("检查组先后到县住建局、县公安局了解情况。各单位要加强值守。", "县公安局"),                    # visited
    ("会上，县交通运输局汇报了春运工作情况。各单位要加强值守。", "县交通运输局"),                  # reported
    ("县政府副县长王明出席。各单位要加强值守。", "县政府"),                                       # a post of the body
    ("根据市委、市政府主要领导指示，各单位要加强值守。", "市政府"),                              # a leader's instruction
    ("按照省委、省政府的工作部署，各单位要加强值守。", "省政府"),                                # a plan of the body
    ("临江市应急管理局关于做好节日期间安全工作的通知\n各单位要加强值守。", "临江市应急管理局"),  # author of a title
    ("各区人民政府，市安委会有关成员单位：\n请认真贯彻执行。", "市安全生产委员会"),              # owner of a collective
    # a list that goes on with names no rule read before the plans it cites
    ("坚决落实省委、省政府、市委、市政府和园区党工委、管委会决策部署，各单位要加强值守。", "省政府"),
    ("近期，市委、市政府对城市运行安全工作三令五申，各单位要加强值守。", "市政府"),  # orders reported as a reason
])
def test_more_bodies_in_passing(text, passing):
    given_work, other = _split(text)
    assert passing not in given_work


def test_a_body_led_by_its_leaders_keeps_its_work():
    given_work, _ = _split("由省应急管理厅领导带队，组成督查组开展督查。")
    assert "省应急管理厅" in given_work


def test_an_english_body_that_approves_is_named_in_passing():
    given_work, other = _split("The plan has been approved by the county government. All towns shall implement it.")
    assert "county government" in other and "county government" not in given_work


@pytest.mark.parametrize("text,passing", [
    ("临江市安委会办公室\n关于做好节日期间安全工作的通知\n各单位要加强值守。", "临江市安全生产委员会办公室"),  # title author
    ("临江市安委办转发《省安委办关于加强值守的通知》。各单位要加强值守。", "临江市安全生产委员会办公室"),
    ("根据总体要求，交通运输部结合工作实际制定本方案。各单位要加强值守。", "交通运输部"),           # author of the plan
    ("隐患级别按照原国家安监总局第16号令确定。各单位要加强值守。", "国家安全生产监督管理总局"),      # a former body, cited
    ("项目核准前按要求征求县应急管理局意见。各单位要加强值守。", "县应急管理局"),
])
def test_authors_and_cited_bodies_are_named_in_passing(text, passing):
    given_work, _ = _split(text)
    assert passing not in given_work


@pytest.mark.parametrize("text, signer", [
    ("各乡镇人民政府:\n请县应急管理局牵头开展燃气安全检查。\n县安全生产委员会办公室\n2024年3月8日\n", "县安全生产委员会办公室"),
    ("各县区:\n请认真贯彻落实。\n泰安市人民政府办公室\n二〇二四年三月八日\n", "泰安市人民政府办公室"),
])
def test_the_body_that_signs_a_notice_is_given_no_work(text, signer):
    document = safetydocs.parse_text(text, lang="zh")
    assert signer not in [d.name for d in document.departments]
    assert signer in [d.name for d in document.other_bodies]


def test_a_signer_given_work_in_the_text_stays_a_department():
    text = "各乡镇:\n县安委办负责汇总上报检查情况。\n县安全生产委员会办公室\n2024年3月8日\n"
    assert "县安全生产委员会办公室" in [d.name for d in safetydocs.parse_text(text, lang="zh").departments]


def test_a_meeting_of_the_heads_of_a_body_names_no_unit():
    text = "本办法已经国家安全生产监督管理总局局长办公会议审议通过。"
    names = [d.name for d in safetydocs.parse_text(text, lang="zh").other_bodies]
    assert names == ["国家安全生产监督管理总局"]


@pytest.mark.parametrize("text,attendees,given_work", [
    ("国务院安委会办公室约谈了河南省人民政府。应急管理部、公安部、交通运输部参加约谈。河南省人民政府要立即整改。",
     ["应急管理部", "公安部", "交通运输部"], "河南省人民政府"),
    ("市应急局、市公安局参与座谈。各区要立即整改。", ["市应急管理局", "市公安局"], "各区"),
    ("The committee interviewed the Henan Provincial People's Government. The Ministry of Emergency Management and the "
     "Ministry of Transport participated in the interview. The Henan Provincial People's Government must rectify the "
     "problems.", ["Ministry of Emergency Management", "Ministry of Transport"], "Henan Provincial People's Government"),
])
def test_bodies_that_attend_an_interview_are_no_support_and_their_attendance_no_task(text, attendees, given_work):
    doc = safetydocs.parse_text(text)
    assert set(attendees) <= {d.name for d in doc.other_bodies}
    assert given_work in {d.name for d in doc.departments}
    assigned = {a.department for t in doc.tasks for a in t.assignments}
    assert not assigned & set(attendees)
    assert all(not any(name in t.text for name in ("参加约谈", "参与座谈", "participated")) for t in doc.tasks)


def test_a_demand_after_an_attendance_is_still_a_task():
    doc = safetydocs.parse_text("Acting Mayor Huang attended the branch meeting and redeployed the work, asking all "
                                "departments to attach great importance to safety production.")
    assert doc.tasks and [a.mention for a in doc.tasks[0].assignments] == ["all departments"]


def test_support_in_the_work_is_still_support():
    doc = safetydocs.parse_text("开展燃气管道排查整治，市应急局参与。")
    assert [(a.mention, a.role) for a in doc.tasks[0].assignments] == [("市应急局", "support")]


def test_a_signature_run_into_one_line_gives_the_issuer_no_work():
    from safetydocs.extract.departments import find_mentions
    from safetydocs.extract.involvement import passing_mentions
    from safetydocs.structure.normalize import canonical

    text = ("各乡镇，县安委会各成员单位：现将《2024年安全生产工作要点》印发给你们，请认真抓好贯彻落实。 "
            "平阳县安全生产委员会 2024年3月5日 2024年平阳县安全生产工作要点 一、强化责任落实。")
    canon = canonical(text)
    mentions = find_mentions(text, canon=canon, language="zh")
    passing = passing_mentions(canon, mentions, language="zh")
    assert [m.text for m in mentions if m.span in passing] == ["平阳县安全生产委员会"]


def test_a_body_interviewed_is_a_department_not_the_object_of_an_inspection():
    doc = safetydocs.parse_text("省安委办对六盘水市人民政府进行安全生产约谈，要求该市立即整改。", lang="zh")
    doc2 = safetydocs.parse_text("省安委办对县应急管理局进行督导检查。", lang="zh")
    assert "六盘水市人民政府" in [d.name for d in doc.departments]
    assert "县应急管理局" not in [d.name for d in doc2.departments]
