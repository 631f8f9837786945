"""Table-driven tests for deadline and issued-date extraction.

Each row: a short realistic sentence, the document date (or None), and the
deadlines expected in it as (text, ISO date or None, kind). An empty list means
the sentence holds dates that are NOT deadlines.
"""
from __future__ import annotations

import datetime as dt

import pytest

from safetydocs.extract.deadlines import find_deadlines, find_issued
from safetydocs.structure.normalize import canonical

D2020 = dt.date(2020, 3, 15)
D2022 = dt.date(2022, 4, 18)
D2024 = dt.date(2024, 3, 7)

CASES = [
    # --- Chinese: fixed dates and periods, year from the issued date
    ("zh", "各区县要在6月底前完成隐患排查。", D2020, [("6月底前", "2020-06-30", "date")]),
    ("zh", "(各有关部门按职责分工负责,2018年3月底前完成)", None, [("2018年3月底前", "2018-03-31", "date")]),
    ("zh", "全面完成整治任务,年底前组织验收。", D2020, [("年底前", "2020-12-31", "date")]),
    ("zh", "上半年完成危险化学品企业风险评估。", D2020, [("上半年", "2020-06-30", "date")]),
    ("zh", "下半年完成全部整改销号工作。", D2020, [("下半年", "2020-12-31", "date")]),
    ("zh", "一季度末前完成摸底排查。", D2020, [("一季度末前", "2020-03-31", "date")]),
    ("zh", "第三季度前完成对重点企业的全覆盖检查。", D2022, [("第三季度前", "2022-09-30", "date")]),
    ("zh", "请于9月30日前将总结报送市安委办。", D2020, [("9月30日前", "2020-09-30", "date")]),
    ("zh", "2020年5月至12月,在全市开展消防安全专项整治。", None, [("2020年5月至12月", "2020-12-31", "date")]),
    ("zh", "即日起至2024年3月31日,集中开展燃气安全大排查。", None, [("即日起至2024年3月31日", "2024-03-31", "date")]),
    ("zh", "各有关方面要在11月25日前报送检查情况。", None, [("11月25日前", None, "date")]),
    ("zh", "请于2022年6月中旬和12月中旬前分别报送落实情况。", D2022,
     [("2022年6月中旬", "2022-06-20", "date"), ("12月中旬前", "2022-12-20", "date")]),
    ("zh", "7月上旬前完成汛前检查。", D2022, [("7月上旬前", "2022-07-10", "date")]),
    ("zh", "8月下旬前完成复查。", D2022, [("8月下旬前", "2022-08-31", "date")]),
    ("zh", "2月底前完成应急预案修订。", dt.date(2024, 1, 10), [("2月底前", "2024-02-29", "date")]),
    # a month that has passed when the notice is issued is next year's, unless it passed only weeks before
    ("zh", "2月底前完成应急预案修订。", dt.date(2024, 6, 7), [("2月底前", "2025-02-28", "date")]),
    ("zh", "2月底前完成应急预案修订。", D2024, [("2月底前", "2024-02-29", "date")]),
    ("zh", "2021年10月31日以前完成整改。", None, [("2021年10月31日以前", "2021-10-31", "date")]),
    ("zh", "务必于2023年12月1日之前报送。", None, [("2023年12月1日之前", "2023-12-01", "date")]),
    ("zh", "本月底前报送自查报告。", D2022, [("本月底前", "2022-04-30", "date")]),
    ("zh", "今年底前实现全覆盖。", D2022, [("今年底前", "2022-12-31", "date")]),
    ("zh", "明年6月底前全面完成改造。", D2022, [("明年6月底前", "2023-06-30", "date")]),
    ("zh", "2025年底前建成监测预警平台。", None, [("2025年底前", "2025-12-31", "date")]),
    ("zh", "各企业6月30日完成自查。", D2022, [("6月30日", "2022-06-30", "date")]),
    ("zh", "(市应急局牵头,2022年6月30日)", None, [("2022年6月30日", "2022-06-30", "date")]),
    ("zh", "完成时限:2022年9月30日。", None, [("2022年9月30日", "2022-09-30", "date")]),
    ("zh", "截至2022年10月31日,全面完成整治。", None, [("2022年10月31日", "2022-10-31", "date")]),
    ("zh", "到2025年底,重大风险得到有效管控。", None, [("2025年底", "2025-12-31", "date")]),
    ("zh", "3月10日至20日开展交叉检查。", D2020, [("3月10日至20日", "2020-03-20", "date")]),
    ("zh", "2022-06-30前完成系统上线。", None, [("2022-06-30前", "2022-06-30", "date")]),
    # weeks (D2022 is a Monday)
    ("zh", "请各镇于本周五前报送排查台账。", D2022, [("本周五前", "2022-04-22", "date")]),
    ("zh", "下周三前完成整改复查。", D2022, [("下周三前", "2022-04-27", "date")]),
    ("zh", "本周内完成校园周边隐患自查。", D2022, [("本周内", "2022-04-24", "date")]),
    ("zh", "两周内完成全部液化气站检查。", D2022, [("两周内", "2022-05-02", "relative")]),
    ("zh", "周一至周五每日安排专人值守。", D2022, [("每日", None, "periodic")]),
    ("en", "Townships shall report by Friday.", D2022, [("by Friday", "2022-04-22", "date")]),
    ("en", "Finish the drills by the end of next week.", D2022, [("by the end of next week", "2022-05-01", "date")]),
    ("en", "Complete it before Tuesday 10 May.", D2022, [("before Tuesday 10 May", "2022-05-10", "date")]),
    # Chinese numerals
    ("zh", "于九月三十日前报送市应急管理局。", D2020, [("九月三十日前", "2020-09-30", "date")]),
    ("zh", "二〇二〇年十二月底前全部完成。", None, [("二〇二〇年十二月底前", "2020-12-31", "date")]),
    ("zh", "十一月十日前完成复核。", D2022, [("十一月十日前", "2022-11-10", "date")]),
    ("zh", "二〇二一年三月底前完成验收。", None, [("二〇二一年三月底前", "2021-03-31", "date")]),
    # year from an earlier year in the text (no issued date)
    ("zh", "2020年安全生产工作要点\n一、6月底前完成专项检查。", None,
     [("6月底前", "2020-06-30", "date")]),
    ("zh", "2021年全市消防工作方案:年底前完成全部整改。", None, [("年底前", "2021-12-31", "date")]),
    ("zh", "年底前完成全部整改。", None, [("年底前", None, "date")]),
    # no document date: the only year the text names, even after the date
    ("zh", "各地要在9月25日前完成自查，并报送2009年大检查总结。", None, [("9月25日前", "2009-09-25", "date")]),
    # full-width punctuation and digits
    ("zh", "（各县区政府负责，２０２２年６月底前完成）", None, [("２０２２年６月底前", "2022-06-30", "date")]),
    ("zh", "（市住建局牵头，持续推进）", None, [("持续推进", None, "ongoing")]),
    # relative
    ("zh", "自本通知印发之日起30日内完成自查。", D2022, [("30日内", "2022-05-18", "relative")]),
    ("zh", "三个月内完成整改。", D2022, [("三个月内", "2022-07-18", "relative")]),
    ("zh", "三个月内完成整改。", None, [("三个月内", None, "relative")]),
    ("zh", "15个工作日内反馈意见。", D2022, [("15个工作日内", "2022-05-09", "relative")]),
    # periodic and ongoing
    ("zh", "每季度报送一次工作进展情况。", D2022, [("每季度", None, "periodic")]),
    ("zh", "每月5日前报送上月隐患排查数据。", D2022, [("每月5日前", None, "periodic")]),
    ("zh", "(各地各部门负责,长期坚持)", None, [("长期坚持", None, "ongoing")]),
    # a month in a note, with how the work is done after it; a label with no colon
    ("zh", "（市文旅局牵头，市消防救援支队配合，10月集中开展）", D2022, [("10月", "2022-10-31", "date")]),
    ("zh", "完成时限2022年11月15日", None, [("2022年11月15日", "2022-11-15", "date")]),
    # a limit after a condition runs from the event the condition names
    ("zh", "企业负责人变更的，应当在10个工作日内报告。", D2022, [("10个工作日内", None, "relative")]),
    # --- Chinese: NOT deadlines
    ("zh", "2022年5月10日至12日，省督查组对我市进行了督查。", D2022, []),
    ("zh", "中新社上海11月18日电 上海市政府办公厅下发通知。", None, []),
    ("zh", "县安委办于2月20日下午在县应急管理局召开整改推进会。", None, []),
    ("zh", "2019年3月21日发生的响水爆炸事故教训深刻。", None, []),
    ("zh", "2018年以来,全市共排查隐患1.2万处。", None, []),
    ("zh", "4月10日,市安委会下发了《通知》。", D2022, []),
    ("zh", "根据《安全生产法》(2021年6月10日修正)开展执法。", None, []),
    ("zh", "开展常态化宣传教育,持续加大执法力度。", D2022, []),
    ("zh", "今年前三季度,全省发生事故120起。", D2022, []),
    ("zh", "公开期限: 长期公开", None, []),
    # --- English: fixed dates
    ("en", "All counties shall complete the inspection by the end of June.", D2020,
     [("by the end of June", "2020-06-30", "date")]),
    ("en", "Rectification must be completed by June 30, 2020.", None, [("by June 30, 2020", "2020-06-30", "date")]),
    ("en", "Submit the report no later than 30 September 2021.", None,
     [("no later than 30 September 2021", "2021-09-30", "date")]),
    ("en", "The campaign runs until March 31, 2024.", None, [("until March 31, 2024", "2024-03-31", "date")]),
    ("en", "Complete the risk assessment before the end of the first quarter.", dt.date(2022, 1, 10),
     [("before the end of the first quarter", "2022-03-31", "date")]),
    # a period that has passed when the notice is issued is next year's
    ("en", "Complete the risk assessment before the end of the first quarter.", dt.date(2022, 8, 18),
     [("before the end of the first quarter", "2023-03-31", "date")]),
    ("en", "Enterprises must finish self-inspection by the end of the year.", D2022,
     [("by the end of the year", "2022-12-31", "date")]),
    ("en", "The platform will be built by the end of 2025.", None, [("by the end of 2025", "2025-12-31", "date")]),
    ("en", "Finish the upgrade in the first half of the year, by the first half of 2023.", None,
     [("by the first half of 2023", "2023-06-30", "date")]),
    ("en", "Reports are due by mid-July.", D2022, [("by mid-July", "2022-07-20", "date")]),
    ("en", "Key Points of Work Safety in 2020: complete the survey by September 15.", None,
     [("by September 15", "2020-09-15", "date")]),
    ("en", "Local governments should report before 2022-11-30.", None, [("before 2022-11-30", "2022-11-30", "date")]),
    ("en", "Complete the rectification by Q3 2023.", None, [("by Q3 2023", "2023-09-30", "date")]),
    ("en", "Complete the rectification by December 10th.", None, [("by December 10th", None, "date")]),
    # relative
    ("en", "Rectify the hazards within 90 days of the date of this order.", D2022,
     [("within 90 days of the date of this order", "2022-07-17", "relative")]),
    ("en", "Rectify the hazards within three months.", None, [("within three months", None, "relative")]),
    ("en", "Submit the investigation report within 30 days of the accident.", D2022, [("within 30 days", None, "relative")]),
    # periodic and ongoing
    ("en", "Progress shall be reported every quarter to the provincial office.", None,
     [("every quarter", None, "periodic")]),
    ("en", "Cities must submit hazard data monthly.", None, [("monthly", None, "periodic")]),
    ("en", "(Provincial Emergency Management Department, long-term)", None, [("long-term", None, "ongoing")]),
    ("en", "Deadline: ongoing", None, [("ongoing", None, "ongoing")]),
    # a period after "in" in an imperative item; two days joined with no "from"; the Nth of each month; a harvest
    ("en", "3. Gas safety: inspect all restaurant kitchens in the second half of the year.", D2022,
     [("in the second half of the year", "2022-12-31", "date")]),
    ("en", "2. Time: 10 May to 16 May.", D2022, [("10 May to 16 May", "2022-05-16", "date")]),
    ("en", "Towns shall send their figures before the 10th of each month.", D2022,
     [("before the 10th of each month", None, "periodic")]),
    ("en", "Farm machinery must be checked before the autumn harvest.", D2022,
     [("before the autumn harvest", None, "relative")]),
    # --- English: NOT deadlines
    ("en", "In the first half of the year, road deaths fell by 6 per cent.", D2022, []),
    ("en", "Xinhua News Agency, Beijing, April 10th: Xi Jinping issued an instruction.", None, []),
    ("en", "On the afternoon of June 1st, a special meeting was held.", None, []),
    ("en", "Accidents which have occurred since this year or within six months were reviewed.", None, []),
    ("en", "Safety risks overlap at the end of the year and the beginning of the year.", None, []),
    ("en", "We must continuously improve the level of emergency response.", None, []),
    ("en", " date 2022-09-20 The Standing Committee held a meeting", None, []),
    ("en", "The plan may be revised by May 2021.", None, [("by May 2021", "2021-05-31", "date")]),
    ("en", "The measures may be adopted by local governments.", None, []),
    # a directive reported in the past tense still sets its limit; a report of work done does not
    ("en", "The clinics have been directed to file their fire audits by November 20, he added.", dt.date(2023, 11, 2),
     [("by November 20", "2023-11-20", "date")]),
    ("en", "Provincial bureaus were ordered to draft their own plans before April 25.", dt.date(2023, 4, 10),
     [("before April 25", "2023-04-25", "date")]),
    ("en", "It has requested that contractors return the form by Dec 11.", dt.date(2023, 11, 27),
     [("by Dec 11", "2023-12-11", "date")]),
    ("en", "The inspectors had completed the checks by November 20.", dt.date(2023, 11, 27), []),
    # a past word that names what is to be reported does not make a limit stated outright an event's date
    ("zh", "各乡镇要将今年以来的整治情况形成书面总结于10月15日前报县安委办。", dt.date(2023, 9, 1),
     [("10月15日前", "2023-10-15", "date")]),
    ("zh", "3月5日以来，全县共检查企业120家。", dt.date(2023, 9, 1), []),
    # a range whose first end is closed by a comma
    ("en", "The hours apply from February 11, 2025, to May 10, 2025 at all sites.", dt.date(2025, 2, 1),
     [("from February 11, 2025, to May 10, 2025", "2025-05-10", "date")]),
    ("en", "Inspections began from 1 April, and 200 sites were checked.", dt.date(2025, 5, 1), []),
    ("en", "The ministry will run an inspection campaign from August to the end of December.", dt.date(2024, 7, 30),
     [("from August to the end of December", "2024-12-31", "date")]),
    # a range of quarters is read whole, never as its first quarter
    ("en", "Complete the inspections in Q2–Q3 2020.", dt.date(2020, 1, 15), [("in Q2–Q3 2020", "2020-09-30", "date")]),
    # the days of an inspecting team's visit are when it happens, not a limit; a campaign's period is one
    ("zh", "4月9日至12日，省安委会第三督导组深入我县开展安全生产督导检查。", dt.date(2024, 4, 15), []),
    ("zh", "3月8日至13日，省第四督导组进驻某市开展督导。", dt.date(2024, 3, 20), []),
    ("zh", "即日起至6月30日，各乡镇要开展燃气安全大排查。", dt.date(2024, 4, 1),
     [("即日起至6月30日", "2024-06-30", "date")]),
    # the days of a holiday or an event, counted or named as a holiday, are no limit
    ("zh", "“五一”放假时间从5月1日至5日，共5天。", dt.date(2024, 4, 20), []),
    ("zh", "一、2024年4月4日至6日共3天，4月7日正常上班。", dt.date(2024, 3, 28), []),
    ("zh", "二、橙色预警信号期间(4月9日至4月13日)，各镇要加强巡山护林。", dt.date(2024, 4, 8), []),
    ("zh", "二、阶段安排：排查整治阶段(2024年4月至10月)，各镇要逐项整改。", dt.date(2024, 3, 1),
     [("2024年4月至10月", "2024-10-31", "date")]),
    # a cue and its date stand in one paragraph: a byline's "By" above the page's date is none
    ("en", "Blitz on building sites\nBy\n\n12 July 2024\n\nInspectors will visit sites.", dt.date(2024, 7, 12), []),
]


def _ids(case: tuple) -> str:
    return f"{case[0]}:{case[1][:24]}"


@pytest.mark.parametrize("language,sentence,issued,expected", CASES, ids=[_ids(c) for c in CASES])
def test_find_deadlines(language, sentence, issued, expected):
    found = find_deadlines(sentence, canon=canonical(sentence), language=language, issued=issued)
    got = [(d.text, d.date.isoformat() if d.date else None, d.kind) for d in found]
    assert got == expected
    for d in found:
        assert sentence[d.span[0]:d.span[1]] == d.text
        assert 0.0 <= d.confidence <= 1.0


def test_table_is_large_enough():
    expressions = {e[0] for c in CASES for e in c[3]}
    assert len(expressions) >= 60
    assert sum(1 for c in CASES if not c[3]) >= 10


def test_deadlines_in_document_order_and_non_overlapping():
    text = "一、2020年6月底前完成排查;二、年底前完成整改;三、(市应急局负责,持续推进);四、每季度报送一次。"
    found = find_deadlines(text, canon=canonical(text), language="zh", issued=None)
    assert [d.text for d in found] == ["2020年6月底前", "年底前", "持续推进", "每季度"]
    assert found[1].date == dt.date(2020, 12, 31)
    spans = [d.span for d in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


ISSUED_CASES = [
    ("en", " date 2022-09-20 The Standing Committee of the Provincial Party Committee held a meeting\n", "2022-09-20", "2022-09-20"),
    ("en", "Headline\n\nXinhua News Agency, Beijing, April 10th: Xi Jinping issued instructions.\n"
           "Xi Jinping pointed out that from the situation in 2019, accidents declined.\n", "2020-04-10", "April 10th"),
    ("en", "Xinhua, Shanghai, March 3, 2021: The city ordered checks.\n", "2021-03-03", "March 3, 2021"),
    ("en", "Notice on fire safety\nAll units shall inspect by June 30.\nProvincial Safety Committee\nMarch 7, 2024\n",
     "2024-03-07", "March 7, 2024"),
    ("zh", "各县区应急局:\n现将工作要点印发给你们。\n兰州市应急管理局\n2022年4月18日\n2022年全市应急管理工作要点\n",
     "2022-04-18", "2022年4月18日"),
    ("zh", "关于开展燃气安全排查的通知\n各镇人民政府:\n请于3月31日前完成排查。\n县安全生产委员会办公室\n二〇二四年三月七日\n",
     "2024-03-07", "二〇二四年三月七日"),
    ("zh", "发布机构: 区应急管理局 发文日期: 2019-04-26\n各镇人民政府:\n", "2019-04-26", "2019-04-26"),
    ("zh", "宁武县召开消防安全工作专题汇报会\n2022-01-25 09:43   宁武新闻网\n1月20日,宁武县召开会议。\n", "2022-01-25", "2022-01-25"),
    ("zh", "新华社北京2020年4月10日电 国务院安委会召开全体会议。\n", "2020-04-10", "2020年4月10日"),
    ("zh", "发布时间:2022-04-18\n关于做好安全生产工作的通知\n", "2022-04-18", "2022-04-18"),
    # a page's date stamp with its time, wherever it stands near the top; a field in brackets
    ("zh", "青石镇部署汛期安全工作\n来源:青石镇 2021-06-02 10:15\n6月1日,青石镇召开会议。\n", "2021-06-02",
     "2021-06-02"),
    ("zh", "【发文字号】 临府办〔2019〕7号\n【发布日期】 2019-02-11\n各乡镇人民政府:\n", "2019-02-11", "2019-02-11"),
    # the signature (spaced as PDF text, with web text's zero-width marks) before the page's publication date
    ("zh", "发布日期:2018-03-20\n各有关单位:\n请于4月底前完成排查。\n县应急管理局\n2018 年\u00a03 月 12 日\u200d\n",
     "2018-03-12", "2018 年\u00a03 月 12 日"),
    # the signature after the issuer on its line, with 印发 after it, or at the very end after the last sentence
    ("zh", "关于做好防汛工作的通知\n各部门：\n请加强值班值守。\n县水务局办公室2023年6月2日\n", "2023-06-02", "2023年6月2日"),
    ("zh", "会议纪要\n一、会议要求各镇6月底前完成排查。\n县安委会办公室\n2023年5月12日印发\n", "2023-05-12", "2023年5月12日"),
    ("zh", "各镇：请于3月20日前报送督查材料。 二〇一九年三月五日", "2019-03-05", "二〇一九年三月五日"),
    # the document's own date field before the page's
    ("zh", "成文日期:2020-05-06\n发布日期:2020-05-09\n关于开展消防检查的通知\n", "2020-05-06", "2020-05-06"),
    # a field without a colon before a date written 2024-02-09, or in the cells of a page's table
    ("zh", "索引号 001/2024-3 发布日期2024-02-09\n关于成立县燃气安全委员会的通知\n", "2024-02-09", "2024-02-09"),
    ("zh", "| [ 成文日期 ] | 2022-08-15 | [ 发布日期 ] | 2022-08-17 |\n关于做好汛期安全工作的通知\n", "2022-08-15",
     "2022-08-15"),
    # a field and its date separated by blanks only, as a disclosure page's table reads flattened
    ("zh", "发布机构 某县住建局 发文日期 2024-04-22\n文号 某住建发〔2024〕84号\n关于开展燃气检查的通知\n", "2024-04-22",
     "2024-04-22"),
    # a page's date at the head of a line, before the author or the source, or after the source's short name
    ("zh", "县水务局开展汛前检查\n\n2019-05-08 李明 水务之窗\n\n5月7日,县水务局组织检查组。\n", "2019-05-08",
     "2019-05-08"),
    ("zh", "集团召开安全例会\n\n安全生产报 2018-11-02\n\n会议要求各单位立即开展自查。\n", "2018-11-02",
     "2018-11-02"),
    # a signature flattened onto the line of the last sentence, with more text after it
    ("zh", "各部门: 现将方案印发给你们,请认真组织实施。 县安全生产委员会 2022年3月4日 2022年安全生产月活动方案 为…",
     "2022-03-04", "2022年3月4日"),
    # a provincial department's signature flattened onto one line, the attachment's title after it
    ("zh", "某建质〔2025〕44号 各市住房和城乡建设局: 现将要点印发给你们,请认真抓好贯彻落实。 某省住房和城乡建设厅 "
     "2025年3月27日 某省住房和城乡建设厅2025年安全生产工作要点 一、压实安全责任", "2025-03-27", "2025年3月27日"),
    # the signature is the document's own date: it goes before a page's 发文日期 that differs from it
    ("zh", "| 发文日期: | 2021-05-30 |\n各乡镇:\n现将要点印发给你们,请认真贯彻落实。\n县安委会\n2021年5月20日\n",
     "2021-05-20", "2021年5月20日"),
    ("en", "Campaign on gas safety\nUpdated: 2019-05-14 08:35\nThe city will inspect all pipelines.\n",
     "2019-05-14", "2019-05-14"),
    ("en", "Author: County Bureau    Release time: 2021-11-02 16:40\nTo all towns:\n", "2021-11-02", "2021-11-02"),
    ("en", "Heat stress at work\n\n2022-07-05 09:12:44\n\nEmployers should arrange rest breaks.\n", "2022-07-05",
     "2022-07-05"),
    # a signature whose year's digits the text layer lost: the year the text gives elsewhere
    ("zh", "各科室：\n请于2019年5月10日前报送自查情况。\n特此通知。\n\n              年四月二十二日\n", "2019-04-22",
     "四月二十二日"),
    # a numbered order's own date in its heading
    ("en", "Official Gazette\nDecree No. 57 of 14 March 2017\nOn fire safety in markets\nMarket boards shall inspect "
           "all stalls.\n", "2017-03-14", "14 March 2017"),
    # a news page's date under its byline, with the time of posting after a comma
    ("en", "Towns told to check dams\n\nBy a staff writer\n\nMarch 9, 2021, 10:05 am\n\nTowns must check dams.\n",
     "2021-03-09", "March 9, 2021"),
    ("en", "Macao, 3 August 2020 — The Labour Affairs Bureau reminds employers of typhoon measures.\n", "2020-08-03",
     "3 August 2020"),
    ("en", "Employers should check scaffolds after the storm.\nEnds/Friday, September 18, 2015\nIssued at HKT 16:02\n",
     "2015-09-18", "September 18, 2015"),
    ("en", "Local governments were told to stop illegal mining.\n(Xinhua News Agency March 2, 2009)\n", "2009-03-02",
     "March 2, 2009"),
    # a news agency's dateline with its year and no mark after it, a date before a separator and the place, or
    # before the page's section; a numeric date after "dated", day first
    ("en", "China orders checks\n\nXinhua, August 17, 2015 Adjust font size:\n\nAuthorities on Monday ordered checks.\n",
     "2015-08-17", "August 17, 2015"),
    ("en", "Monsoon preparedness\n\n22 May 2024 / Mumbai, India\n\nAll vessels should keep a watch.\n", "2024-05-22",
     "22 May 2024"),
    ("en", "Council supports companies\n\n01 Sep 2022 Announcements\n\nThe Ministry introduced new measures.\n",
     "2022-09-01", "01 Sep 2022"),
    ("en", "Directorate General of Mines Safety\n\nCircular No.6/2008\n\nDhanbad dated the 26.09.2008\n\nAll owners shall "
     "comply.\n", "2008-09-26", "26.09.2008"),
    ("en", "Circular No. 3\nIssued by the Director, dated 03/25/2019\nAll agencies shall comply.\n", "2019-03-25",
     "03/25/2019"),
    # a bare "Time" among the page's other fields on its line
    ("en", "Mayor inspects markets\n\nTIME : 2020-01-20    CLICK :\n\nThe Spring Festival is coming.\n", "2020-01-20",
     "2020-01-20"),
    # a page's byline with a numeric date
    ("en", "Submitted by editor on Tue, 02/28/2012 - 10:05\nThe Prime Minister asked ministries to inspect buildings.\n",
     "2012-02-28", "02/28/2012"),
    # a bare 时间 among the page's other fields on its line; a signature's year with the digit 0 among Chinese
    # numerals; a page's stamp written day first with its time
    ("zh", "顺城区召开安全防范工作会议\n浏览:2306次'时间:2021年4月22日\n\n4月2日,顺城区召开会议。\n", "2021-04-22",
     "2021年4月22日"),
    ("zh", "各项目部:\n请认真贯彻执行。\n浙江某某集团有限公司\n二0一七年十一月三十日\n", "2017-11-30", "二0一七年十一月三十日"),
    ("zh", "考核组检查考核某州安全生产工作\n29.01.2019 03:20\n本文来源: 交通运输厅\n1月23日至25日,考核组赴某州。\n",
     "2019-01-29", "29.01.2019"),
    # a news page's source and time of posting before the date
    ("en", "Ministry orders hospital fire checks\n\nPeople's Daily) 09:05, May 6, 2021\n\nThe ministry said on Tuesday.\n",
     "2021-05-06", "May 6, 2021"),
]


@pytest.mark.parametrize("language,text,expected,quoted", ISSUED_CASES, ids=[_ids(c) for c in ISSUED_CASES])
def test_find_issued(language, text, expected, quoted):
    result = find_issued(text, canon=canonical(text), language=language)
    assert result is not None
    day, (start, end) = result
    assert day.isoformat() == expected
    assert text[start:end] == quoted


@pytest.mark.parametrize(
    "language,text",
    [
        ("zh", "中新社上海11月18日电 上海市政府办公厅17日晚下发通知,要求各有关方面在11月25日前报送。\nCopyright ©1999-2024 chinanews"),
        ("zh", "县安委办于2月20日下午召开整改推进会。\n来源:双牌县融媒体中心"),
        ("zh", "一、2018年3月底前完成风险摸排。\n二、2019年6月底前完成整治。"),
        ("en", "On the afternoon of June 1st, a special meeting was held in Qinghai Province."),
        ("en", "Issue the Key Points of the Work in 2020, and complete tasks by the end of June."),
        # a numeric date that may be read either way is no date; a date starting a sentence of the text is none
        ("en", "Circular No. 3\nIssued by the Director, dated 03/05/2019\nAll agencies shall comply.\n"),
        ("en", "Posted by admin on 03/05/2019\nAll agencies shall comply.\n"),
        ("en", "Fire drill plan\nTime: 2024-03-26 9:00\nPlace: the main building\nAll staff must take part.\n"),
        ("en", "Heat safety\n\n12 May 2008 Wenchuan earthquake survivors were visited by officials in the afternoon.\n"),
        # the time of an activity is no date of the document
        ("zh", "一、活动主题和时间\n活动时间：2024年1月1日至2026年12月31日\n"),
        ("zh", "一、演练时间、地点\n时间：2024 年 3 月 26 日 9:00。\n地点：综合楼。\n"),
        # a date inside a sentence is no page date, nor a body's name before a date that goes on with the sentence
        ("zh", "各单位要在 2024-06-30 前完成自查。\n"),
        ("zh", "请认真落实。 县应急管理局2023年4月11日召开会议进行部署。"),
        ("zh", "一、工作安排\n2019-05-08至2019-06-30 开展排查。\n"),
    ],
)
def test_find_issued_none(language, text):
    assert find_issued(text, canon=canonical(text), language=language) is None


def test_dates_in_columns_of_events_or_progress_are_no_deadlines():
    import safetydocs

    text = ("序号\t隐患内容\t排查日期\t责任单位\t整改期限\t复查日期\n"
            "1\t配电箱未接地\t2023-05-02\t市应急管理局\t2023-05-10\t2023-05-12\n"
            "2\t消防通道堵塞\t2023-05-03\t市消防救援支队\t2023-05-20\t2023-05-21\n")
    document = safetydocs.parse_text(text, lang="zh")
    assert sorted(d.text for d in document.deadlines) == ["2023-05-10", "2023-05-20"]
    assert [t.deadline.text for t in document.tasks] == ["2023-05-10", "2023-05-20"]


@pytest.mark.parametrize("text, expected", [
    # a web page's post date of another year than the document's own number: the signed date stands
    ("某某市人民政府办公室关于做好汛期安全工作的通知\n发布时间:2022-01-14\n某政办发〔2019〕12号\n各县区人民政府:\n"
     "请认真抓好落实。\n某某市人民政府办公室\n2019年5月6日\n", "2019-05-06"),
    ("关于开展春季安全大检查的通知(某水安字[2011]1号)\n2013.12.12\n浏览量:194\n各部门:\n请认真组织。\n"
     "二〇一一年三月二十九日\n", "2011-03-29"),
    # no date of the number's year: none, rather than the page's
    ("关于开展春季安全大检查的通知(某水安字[2011]1号)\n2013.12.12\n浏览量:194\n各部门:\n请认真组织。\n", None),
    # a cited document's number says nothing of this document's year
    ("各县区:\n根据《关于加强安全生产工作的通知》(某政发〔2016〕8号),现就有关事项通知如下。\n某某市安委会\n2018年3月2日\n",
     "2018-03-02"),
])
def test_the_document_date_agrees_with_its_own_number(text, expected):
    found = find_issued(text, canon=canonical(text), language="zh")
    assert (found[0].isoformat() if found else None) == expected


def test_an_english_page_dated_after_the_site_that_publishes_it():
    text = ("Beijing officials: safety campaign should be human-centred\n\n0 Comment(s)Print E-mail China.org.cn, "
            "November 30, 2017\nAdjust font size:\n\nLeading officials urged that checks continue.")
    found = find_issued(text, canon=canonical(text), language="en")
    assert found is not None and found[0] == dt.date(2017, 11, 30)
    sentence = "Visit www.example.com, March 3, 2020 is when the campaign starts, officials said in a long statement."
    assert find_issued(sentence, canon=canonical(sentence), language="en") is None


@pytest.mark.parametrize("language, text, expected", [
    ("zh", "据市气象台预报，6月19日至22日我区将出现持续性强降雨过程。各镇要于6月19日12时前完成一轮安全检查。",
     ["6月19日12时前"]),
    ("en", "The Observatory forecast heavy rain from 12 to 14 July. Contractors must inspect all scaffolds by 11 July.",
     ["by 11 July"]),
])
def test_the_window_of_a_weather_forecast_is_no_deadline(language, text, expected):
    found = find_deadlines(text, canon=canonical(text), language=language, issued=dt.date(2025, 6, 18))
    assert [d.text for d in found] == expected


def test_the_year_of_a_cited_law_or_title_is_no_year_of_the_text():
    # with no document date, a date written without a year takes none from a cited law's or title's year
    text = ("The audits follow the Fire Prevention and Fire Safety Rules, 2017. "
            "The collector instructed hospitals to complete the audits by May 21.")
    assert [d.date for d in find_deadlines(text, canon=canonical(text), language="en", issued=None)] == [None]
    text = "关于做好2023年安全生产工作的通知\n根据《2019年安全生产工作要点》，各乡镇要于5月21日前完成自查。"
    assert [d.date for d in find_deadlines(text, canon=canonical(text), language="zh", issued=None)] == \
        [dt.date(2023, 5, 21)]


def test_an_undated_notice_reads_its_deadlines_in_the_year_of_its_own_number():
    text = ("关于开展燃气安全检查的通知\n\n  某应急〔2021〕9号\n\n各乡镇：\n"
            "  一、各乡镇要于4月10日前完成自查。\n  二、6月底前完成整改。\n")
    found = find_deadlines(text, canon=canonical(text), language="zh", issued=None)
    assert [(d.text, d.date) for d in found] == [("4月10日前", dt.date(2021, 4, 10)), ("6月底前", dt.date(2021, 6, 30))]
    # a number cited from another document names no year of this one
    text = "根据《某省方案》(某应急〔2021〕9号)，各乡镇要于4月10日前完成自查。\n"
    assert [d.date for d in find_deadlines(text, canon=canonical(text), language="zh", issued=None)] == [None]
