"""Small Chinese and English notices, parsed once per session, shared by the export tests."""
from __future__ import annotations

import pytest

import safetydocs
from safetydocs.model import Document

ZH_NOTICE = """关于做好2024年安全生产重点工作的通知
2024年3月1日
各区人民政府，市安委会各成员单位：
一、重点任务
（一）开展危险化学品安全专项整治，全面排查化工园区风险隐患（市应急管理局牵头，市公安局配合，2024年6月底前完成）。
（二）开展城镇燃气安全隐患排查整治（市住房和城乡建设局牵头，市市场监督管理局、市应急管理局配合，2024年5月底前完成）。
（三）加强道路运输安全监管（市交通运输局牵头，市公安局配合，长期坚持）。
（四）各区人民政府要组织辖区内生产经营单位全面开展隐患自查自改。
"""

EN_NOTICE = """Notice on Key Work Safety Tasks for 2024
Issued: March 1, 2024
1. Carry out a special rectification of hazardous chemicals safety. Lead unit: Municipal Emergency Management Bureau. Cooperating units: Municipal Public Security Bureau. Deadline: by June 30, 2024.
2. The Municipal Housing and Urban-Rural Development Bureau shall take the lead in inspecting gas safety hazards in cooperation with the Municipal Market Supervision Bureau before May 31, 2024.
3. The Municipal Transport Bureau shall strengthen road transport safety supervision, assisted by the Municipal Public Security Bureau, by the end of September 2024.
4. All relevant departments should strengthen fire safety inspections of crowded places.
"""

XSS_NOTICE = """关于<script>alert(1)</script>安全检查的通知
一、重点任务
（一）开展<script>alert(1)</script>危险化学品安全专项整治（市应急管理局牵头，市公安局配合，2024年6月底前完成）。
（二）各区人民政府要组织"<b>隐患</b>"自查自改 & 整改。
"""


@pytest.fixture(scope="session")
def notice_texts() -> dict[str, str]:
    return {"zh": ZH_NOTICE, "en": EN_NOTICE}


@pytest.fixture(scope="session")
def zh_doc() -> Document:
    return safetydocs.parse_text(ZH_NOTICE)


@pytest.fixture(scope="session")
def en_doc() -> Document:
    return safetydocs.parse_text(EN_NOTICE)


@pytest.fixture(scope="session")
def xss_doc() -> Document:
    return safetydocs.parse_text(XSS_NOTICE)


@pytest.fixture(scope="session")
def docs(zh_doc: Document, en_doc: Document) -> dict[str, Document]:
    return {"zh": zh_doc, "en": en_doc}
