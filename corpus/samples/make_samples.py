"""Write the shipped sample notices (run by hand: ``python corpus/samples/make_samples.py``).

The samples are built with the same builders as the ingest test fixtures
(tests/fixtures/builders.py), with their own, realistic content: a city
安委办 notice with a task-division table as PDF, DOCX and HTML. The city
(临江市) is fictional. The PDF and HTML come out byte-identical on every run;
the .docx differs only in zip timestamps (python-docx stamps the save time).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.builders import (  # noqa: E402 - needs the path set above
    TASK_HEADER,
    build_notice_docx,
    build_notice_html,
    build_task_table_pdf,
)

OFFICE = "临江市安全生产委员会办公室"

PDF_TITLE = "关于印发2024年全市安全生产重点工作任务分工的通知"
PDF_PARAGRAPHS = (
    "各区安委会，市安委会各成员单位：",
    "为认真贯彻落实国务院安委会关于安全生产治本攻坚三年行动的部署要求，有效防范遏制各类生产安全事故，"
    "经市政府同意，现将2024年全市安全生产重点工作任务分工印发给你们，请结合实际认真抓好落实。",
    "一、压实工作责任",
    "各牵头单位要制定具体工作方案，明确时间节点和责任人员；各配合单位要主动对接，形成工作合力。"
    "各区要按照属地管理原则，组织辖区内生产经营单位全面开展隐患自查自改。",
    "二、重点任务分工",
)
PDF_ROWS = (
    ("1", "开展危险化学品安全专项整治", "市应急管理局", "市公安局、市交通运输局", "2024年6月底前"),
    ("2", "开展城镇燃气安全隐患排查整治", "市住房城乡建设局", "市市场监管局、市应急管理局", "2024年8月底前"),
    ("3", "开展道路交通安全重点隐患治理", "市公安局", "市交通运输局、市城市管理局", "2024年9月底前"),
    ("4", "开展高层建筑和人员密集场所消防安全整治", "市消防救援支队", "市住房城乡建设局、市商务局", "2024年10月底前"),
    ("5", "开展工贸行业有限空间作业专项检查", "市应急管理局", "各区人民政府", "2024年11月底前"),
)
PDF_CLOSING = (
    "三、加强督促检查",
    "市安委办将把任务落实情况纳入年度安全生产考核，对工作不力、进度滞后的单位予以通报。"
    "各牵头单位须于每季度末月25日前将工作进展情况书面报送市安委办。",
    "联系人：王明，电话：0000-12345678。",
    OFFICE,
    "2024年3月20日",
)

DOCX_TITLE = "关于开展城镇燃气安全隐患排查整治的通知"
DOCX_PARAGRAPHS = (
    "各区安委会，市安委会有关成员单位：",
    "近期，全国多地接连发生燃气爆炸事故，造成重大人员伤亡和财产损失，教训极其深刻。为坚决防范燃气安全事故，"
    "市安委会决定即日起在全市开展城镇燃气安全隐患排查整治，现将有关要求通知如下。",
    "一、排查范围",
    "全市各类燃气经营企业、餐饮等用气场所、老旧小区燃气管网设施，以及燃气具生产销售单位。",
    "二、任务分工",
)
DOCX_ROWS = (
    ("1", "全面排查燃气经营企业和管网设施安全隐患", "市住房城乡建设局", "各区人民政府", "2024年5月31日前"),
    ("2", "排查餐饮等用气场所燃气使用安全", "市住房城乡建设局", "市市场监管局、市商务局", "2024年5月31日前"),
    ("3", "查处销售不合格燃气具和配件违法行为", "市市场监管局", "市公安局", "2024年6月30日前"),
    ("4", "开展燃气安全宣传进社区、进企业活动", "市应急管理局", "市委宣传部、各区人民政府", "长期坚持"),
)
DOCX_CLOSING = (
    "三、工作要求",
    "各单位要建立隐患整改台账，实行清单化管理、闭环式销号；对整改不力的，要依法依规严肃追责问责。"
    "请各区安委会于6月5日前将排查整治工作总结报送市安委办。",
    OFFICE,
    "2024年4月15日",
)

HTML_TITLE = "关于做好2024年汛期安全防范工作的通知"
HTML_PARAGRAPHS = (
    "各区安委会，市安委会各成员单位：",
    "当前我市已进入主汛期，强降雨、雷电、大风等极端天气多发，极易引发山洪、城市内涝和地质灾害等次生事故。"
    "为切实做好汛期安全防范工作，保障人民群众生命财产安全，现就有关事项通知如下。",
    "一、严格落实值班值守制度",
    "各单位要严格执行领导带班和24小时值班制度，遇有重大突发情况须在30分钟内向市安委办报告，不得迟报、漏报、瞒报。",
    "二、突出抓好重点领域防范",
)
HTML_ROWS = (
    ("1", "加强建筑工地深基坑、高支模等危大工程汛期检查", "市住房城乡建设局", "各区人民政府", "2024年6月15日前"),
    ("2", "排查尾矿库和非煤矿山防洪设施", "市应急管理局", "市自然资源局、市水务局", "2024年6月20日前"),
    ("3", "做好在建公路和危桥险段巡查管控", "市交通运输局", "市公安局", "汛期结束前"),
    ("4", "落实地下空间和低洼地带防倒灌措施", "市城市管理局", "市住房城乡建设局", "汛期结束前"),
)
HTML_CLOSING = (
    "三、强化应急准备",
    "各有关部门要加强应急救援队伍和物资储备，一旦发生险情，要迅速组织转移受威胁群众，全力做好抢险救援工作。",
)


def main() -> None:
    build_task_table_pdf(
        HERE / "zh-task-table.pdf", title=PDF_TITLE, paragraphs=PDF_PARAGRAPHS,
        header=TASK_HEADER, rows=PDF_ROWS, closing=PDF_CLOSING, pdf_title=PDF_TITLE,
    )
    build_notice_docx(
        HERE / "zh-notice.docx", title=DOCX_TITLE, paragraphs=DOCX_PARAGRAPHS,
        header=TASK_HEADER, rows=DOCX_ROWS, closing=DOCX_CLOSING, merge_lead_rows=(1, 2),
        core_title=DOCX_TITLE,
    )
    build_notice_html(
        HERE / "zh-notice.html", title=HTML_TITLE, paragraphs=HTML_PARAGRAPHS,
        header=TASK_HEADER, rows=HTML_ROWS, closing=HTML_CLOSING,
        site="临江市应急管理局", office=OFFICE, date="2024年6月3日",
    )
    for name in ("zh-task-table.pdf", "zh-notice.docx", "zh-notice.html"):
        size = (HERE / name).stat().st_size
        print(f"wrote {name} ({size} bytes)")


if __name__ == "__main__":
    main()
