"""The grammar of roles in a sentence: who leads and who supports the work one stretch of text asks for.

The task stage reads it too (a piece that names who does the work is a demand), so it depends on the mentions
alone, never on the tasks; :mod:`.roles` applies it to every task of a document.

The scope of a marker is the task it follows or heads. Mentions are grouped
into lists (市应急局、市公安局、市交通运输局 / "A, B and C"); a list takes the
role of the marker written right after it (A牵头, B、C配合, B、C按职责分工负责,
"should", "take the lead") or of the label right before it (牵头单位：A,
配合单位：B, 由A负责, "in cooperation with B"). 责任单位 and 按职责分工负责 count
as lead unless the same task names a lead, when they count as support.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from ..model import Assignment

if TYPE_CHECKING:  # pragma: no cover
    from ..structure.segment import Layout
from ..resources import load_yaml
from ..structure.segment import item_marker_end
from .departments import (EN_DUTY_TO, EN_RELATIVE_CLAUSE, Mention, _alternation, group_lists, mentions_within,
                          zh_action_verbs)

Span = tuple[int, int]

# How sure an assignment is, by its evidence, so that a reviewer can sort by it: a table column or a
# note's label says outright who does the work; a role word after the names (A牵头, B配合) nearly so;
# the subject of a demand (A要…) is read from the sentence; a subject carried over from the demand
# before, or the addressees of a letter, are inferred (see assign_task_roles and addressed_to).
_EVIDENCE = {"column": 0.95, "label": 0.9, "marker": 0.85, "by": 0.8, "subject": 0.75, "bare_note": 0.7}


@lru_cache(maxsize=2)
def _markers(language: str) -> dict:
    return load_yaml(f"{language}/roles.yaml")


@lru_cache(maxsize=2)
def _attendance(language: str) -> re.Pattern[str]:
    """A support or attendance word with a meeting as its object: 参加约谈, 参与座谈, "participated in the interview"."""
    markers = _markers(language)
    verbs = "|".join(re.escape(w) for w in sorted(markers["attendance_verbs"], key=len, reverse=True))
    meetings = "|".join(re.escape(w) for w in sorted(markers["attendance_objects"], key=len, reverse=True))
    if language == "zh":
        return re.compile(rf"(?:{verbs})(?:了)?[\u4e00-\u9fff]{{0,8}}?(?:{meetings})")
    return re.compile(rf"(?:{verbs})\s+(?:in\s+)?(?:the\s+|a\s+|this\s+)?(?:[\w-]+\s+){{0,3}}?(?:{meetings})s?\b")


@lru_cache(maxsize=1)
def _zh_directing_comma() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, _markers("zh")["directed_by"]))
    return re.compile(rf"(?<![体作关述上的具项求])(?:{verbs})\s*[,:]\s*$")


def _directed_across_comma(before: str) -> bool:
    """会议要求，市住建局…: a verb of directing, then a comma, then the body. Not the noun 要求 (总体要求，有关要求，)
    nor a requirement cited (根据…要求，)."""
    match = _zh_directing_comma().search(before)
    if not match:
        return False
    clause = re.split(r"[。;!?\n]", before[:match.start()])[-1]
    return not re.search(r"(?:根据|按照|依据|遵照|对照|落实|贯彻)", clause)


def _attends(after: str, language: str) -> bool:
    return bool(_attendance(language).match(after))


def attends_meeting(canon: str, span: Span, *, language: str) -> bool:
    """The piece says who attends a meeting (应急管理部、公安部参加约谈, "… participated in the interview"):
    a report or meeting logistics, no task. The attendance must end the piece: in "… attended the meeting,
    asking all departments to …" a demand follows it."""
    text = canon[span[0]:span[1]]
    match = _attendance(language).search(text if language == "zh" else text.lower())
    if not match:
        return False
    rest = text[match.end():]
    return not re.search(r"[,;:]", rest) and len(rest.strip()) <= 20


_ZH_DEMAND = r"(?:要|必须|务必|应当|须|负责|牵头)"
# Adverbs of manner between a body and its lead word: 具体负责, 主要负责, 分别牵头.
_ZH_MANNER = re.compile(r"^(?:具体|主要|全面|分别|各自|统一|直接)(?=负责(?!人|同志)|牵头|承担)")
# Adverbs of focus or addition before a modal: 尤其要, 还要, 更要, 也要, 同时要.
_ZH_FOCUS = re.compile(rf"^(?:尤其|特别|更加|还|更|也|都|均|同时|首先|一定)(?={_ZH_DEMAND})")
# A part of the group singled out between the group and its modal: 各生产经营单位特别是节日期间继续施工的单位，要…
# (the group does the work, the part first of all).
_ZH_SINGLED_OUT_PART = r"(?:特别是|尤其是)[^,;。:]{1,40}?"
_ZH_SINGLED_OUT = re.compile(rf"^,?{_ZH_SINGLED_OUT_PART},?(?={_ZH_DEMAND})")
# A clause of time or condition between a name and its modal, as laws and rules write: 煤矿企业取得安全生产许可证后，
# 应当…; 生产经营单位发生事故时，应当…
_ZH_CONDITION_THEN_MODAL = re.compile(r"^[\u4e00-\u9fff“”0-9]{2,24}(?:时|后)[,，]\s*(?:应当|必须|要|须|应)(?![急用对])")
# The author of the plan that follows (…，交通运输部结合工作实际制定本方案): no doer of its work.
_ZH_AUTHOR = re.compile(r"(?:结合[^,。;\n]{0,12})?制定(?:了)?本(?:方案|办法|细则|意见|计划|要点)")
# A phrase of time between a subject and its modal: 在此期间要…, 节日期间要…, 3月底前要…
# The 等 that closes a list, with the kind of its members: 各村、派出所、农服中心等部门每月要…
_ZH_LIST_CLOSER = re.compile(r"^等(?:有关)?(?:部门|单位)?")
_ZH_TIME_BEFORE_MODAL = re.compile(r"^在?[\u4e00-\u9fff0-9]{1,8}?(?:期间|以前|之前|以后|之后|前|后|内)(?=(?:要(?!求)|必须|务必|应当|须))")
# When the work starts, between the subject and its verb: 各学院从下周起开展…, 各乡镇自即日起全面排查…
_ZH_START_TIME = re.compile(r"^(?:从|自)[\u4e00-\u9fff0-9]{1,8}?起(?=[\u4e00-\u9fff])")
# A short opening phrase of time before the subject, closed by a comma: 放假前，…; 春节期间，…; 汛期到来时，…
_ZH_TIME_OPENING = re.compile(r"[\u4e00-\u9fff0-9]{0,10}(?:前|后|期间|时|之际|以来|当天|当日),\s*")
# A demand that opens on its modal has dropped its subject, as a paragraph's later sentences do: 要…, 必须…
_ZH_BARE_MODAL = re.compile(r"\s*(?:要|必须|务必)(?!求)")
# (and the people on duty who act for it: 各县区、各部门单位带班领导和值班人员要…)
# (and the officer a plan makes answerable for a field: 各乡镇、各部门防汛行政责任人立即到岗到位)
_ZH_PEOPLE = (r"(?:(?:主要|分管|带班)?(?:负责人|负责同志|领导干部|领导)(?:和|及|、)?|[\u4e00-\u9fff]{1,6}?责任人)?"
              r"(?:值班人员|值班员|工作人员)?")
_ZH_PEOPLE_ACT = rf"(?:{_ZH_DEMAND}|立即|迅速|马上|第一时间)"
_ZH_LEADERS = re.compile(rf"^(?=[\u4e00-\u9fff]){_ZH_PEOPLE}(?<=[员人志部导])(?={_ZH_PEOPLE_ACT})")
# 主要负责同志是安全生产第一责任人 / 是属地管理责任主体: the body (through its head) is made answerable for the work.
_ZH_RESPONSIBLE_FOR = re.compile(r"^(?:(?:主要|分管)?(?:负责人|负责同志|领导干部|领导))?是[\u4e00-\u9fff]{0,12}?(?:责任人|责任主体)")
_ZH_LIST_TAIL = re.compile(rf"^(?:(?:[、和及与](?:各|有关|相关)?|各)(?:[\u4e00-\u9fff]|\([\u4e00-\u9fff、]{{1,6}}\)){{1,8}}?)+?"
                           rf"(?={_ZH_PEOPLE}(?<=[员人志部导]){_ZH_PEOPLE_ACT}|{_ZH_DEMAND})")


def _role_after(after: str, markers: dict, language: str) -> Optional[str]:
    if language == "zh":
        # 市公安局 负责… (a table's spacing), 市安委办(以下简称…)综合指导…, 各县(区)和成员单位(详见任务分工)要…:
        # spaces and a bracketed note between a name and its verb are no words of the clause
        after = re.sub(r"^\s*(?:\([^()]{1,30}\)\s*)?", "", after)
        # The list goes on with groups no rule names (各部门、各主力店、各店铺要…), or its people act for it
        # (各重点企业主要负责人必须…): the verb after them is the list's.
        after = _ZH_LIST_TAIL.sub("", after)
        after = _ZH_LEADERS.sub("", after)
        after = _ZH_MANNER.sub("", after)  # 县应急局具体负责…, 各乡镇分别牵头…
        after = _ZH_FOCUS.sub("", _ZH_SINGLED_OUT.sub("", after))  # 各分中心，尤其要…, 各乡镇还要…
        after = re.sub(r"^[一二三四五六七八九十](?=要(?!求))", "", after)  # 各单位、各企业一要…；二要…
        after = _ZH_LIST_CLOSER.sub("", after)
        after = _ZH_TIME_BEFORE_MODAL.sub("", after)  # 各消防队在此期间要…, 县应急局3月底前要…
        if _ZH_RESPONSIBLE_FOR.match(after):
            return "subject"  # 各区县政府主要负责同志是安全生产第一责任人，要…: the body is made answerable
        after = re.sub(r"^为[^,;。]{0,30}?(?=牵头单位|责任单位|配合单位)", "", after)
    else:
        # "Employers are required under the law to …": the source of the duty between the passive and its "to"
        after = re.sub(r"^(\s*(?:is|are) (?:also )?(?:required|obliged|obligated)) (?:by|under) [^,.;]{1,30}? to\b",
                       r"\1 to", after)
        # "Shop owners who have installed barriers should …": the verb group after the relative clause is theirs
        after = re.sub(r"^" + EN_RELATIVE_CLAUSE, "", after, flags=re.IGNORECASE)
        after = _en_acting_people().sub("", after)  # "Ministry of Labour inspectors will …": its people act for it
        after = after.lstrip(" ,").lower()
        after = re.sub(r"^(?:also|still|now|further|therefore|then) ", "", after)  # "Businesses also have …"
        after = re.sub(r"\s*:$", "", after)  # "In 2020, WorkSafeBC will:" before a list of its work
        if re.match(EN_DUTY_TO + r"\b", after):
            return "subject"  # "Employers have a primary duty of care to …": the law's duty is their work
        if _EN_DONE_AND_WILL.match(after):
            return "subject"  # "the department has redeployed staff … and will take enforcement action"
    for word in markers.get("shared_markers", []):
        if after.startswith(word):
            return "shared"
    for word in markers.get("responsible_markers", []):
        if after.startswith(word):
            return "shared"
    for word in markers["lead_markers"]:
        if after.startswith(word):
            return "lead"
    if _attends(after, language):
        return None  # 参加约谈, "participated in the interview": a meeting attended is no work
    for word in markers["support_markers"]:
        if after.startswith(word):
            return "support"
    if language == "zh" and _zh_modal_then_support().match(after):
        return "support"  # 由县住建局牵头…，县公安局要全力配合: a modal before a support verb is no demand of its own
    if language == "en" and re.match(r"(?:will|should|must|shall|is to|are to)\s+take the lead", after):
        return "lead"
    if language == "en" and re.match(r"(?:will|should|must|shall|is to|are to)\s+(?:"
                                     + "|".join(map(re.escape, markers["support_markers"])) + r")\b", after):
        return "support"  # "…, and Y shall assist": a modal before a support verb is no demand of Y's own
    for word in markers["subject_verbs"]:
        # (an English clause may end right after its modal: "The bureau shall, before 15 July, organise …")
        if after.startswith(word if language == "zh" else word + " ") or after.startswith(word + ",") \
                or (language == "en" and after.rstrip(" ,") == word):
            return "subject"
    if language == "en" and _en_directed_passive().match(after):
        return "subject"  # "mining companies have been urged to …": the one directed does the work
    if language == "en" and _EN_SAID_IT_WILL.match(after):
        return "subject"  # "The bureau said it will step up inspections": a body's announced action
    return None


@lru_cache(maxsize=1)
def _zh_modal_then_support() -> re.Pattern[str]:
    verbs = "|".join(sorted(map(re.escape, _markers("zh")["support_markers"]), key=len, reverse=True))
    return re.compile(rf"(?:也|还|都|均|同时)?(?:要|应当|应|须|必须|务必)(?:积极|主动|全力|密切|大力|认真|切实|全面)?"
                      rf"(?:{verbs})")


# A subject's reported action and then, joined by "and", the action it announces: the announced one is its work.
_EN_DONE_AND_WILL = re.compile(r"(?:has |have |had )?(?:also )?[a-z]+ed\b(?:(?!\b(?:it|they|he|she|we|who|which|that)\b)[^,;.]){0,160}?"
                               r"\band (?:also |further |then )?(?:will|shall|must|should|is to|are to|would)\b")


_EN_NECESSARY_FOR = re.compile(r"\b(?:necessary|essential|important|imperative|vital|urgent) for (?:the )?$")
_EN_SAID_IT_WILL = re.compile(r"(?:has |have |also )?(?:said|stated|announced|noted|added|pledged|promised|informed|indicated|"
                              r"explained|disclosed|confirmed|assured|revealed|reiterated|vowed)"
                              r"(?: on \w+| today| yesterday)?,? (?:that )?(?:it|they) (?:will|would|shall|is to|are to)\b")


@lru_cache(maxsize=1)
def _en_passive_agent() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, _markers("en").get("passive_agents") or []))
    return re.compile(rf"\b(?:{verbs}) by(?: the)?$")


@lru_cache(maxsize=1)
def _en_directed_passive() -> re.Pattern[str]:
    verbs = "|".join(sorted(map(re.escape, _markers("en")["directed_by"]), key=len, reverse=True))
    return re.compile(rf"(?:is|are|was|were|has been|have been|will be|shall be|must be|should be)\s+"
                      rf"(?:also\s+)?(?:{verbs})\s+to\b")


def _label_alternation(language: str) -> str:
    """The lead, responsible and support labels of roles.yaml, longest first, as one alternation."""
    markers = _markers(language)
    words = (markers["lead_labels"] + markers["responsible_labels"] + markers["support_labels"]
             + markers.get("support_responsible_labels", []))
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _en_label() -> re.Pattern[str]:
    # The label, then only names and list separators up to the mention: "Responsible units: A, B, "
    return re.compile(rf"\b({_label_alternation('en')})\s*:[^:;.]*$")


@lru_cache(maxsize=1)
def _zh_label() -> re.Pattern[str]:
    """A note's label right before a list: 牵头单位： / 负责部门为 / 配合单位 (words in roles.yaml)."""
    # (the bare role verbs are labels only with their colon: （牵头：县住建局；配合：县公安局）)
    bare = _markers("zh").get("colon_labels") or {}
    words = "|".join(map(re.escape, sorted(bare.get("lead", []) + bare.get("support", []), key=len, reverse=True)))
    colon_only = rf"|(?:{words})(?=\s*:)" if words else ""
    return re.compile(rf"({_label_alternation('zh')}{colon_only})\s*[:为是]?\s*$")


def _label_role(word: str, markers: dict) -> str:
    if word in (markers.get("colon_labels") or {}).get("lead", []):
        return "lead"
    if word in markers["responsible_labels"]:
        return "shared"
    if word in markers.get("support_responsible_labels", []):
        return "support"
    return "lead" if word in markers["lead_labels"] else "support"


# The prepositions that cite whose demand or plan the work follows (按照县委要求, 根据市应急局部署).
_ZH_CITED_BY = re.compile(r"(?:按照|根据|依据|遵照|对照|贯彻|落实)$")


# A phrase of the basis of the work between a subject and its verb (根据…, 按照…要求, 结合实际).
_ZH_BASIS = re.compile(r"\s*(?:根据|按照|依据|遵照|对照|结合|围绕|针对)[^,;。]{1,30}$")


def after_starts_work(after: str, markers: dict, language: str = "zh") -> bool:
    """A name at a clause start is followed by its work: a word of roles.yaml subject_followers (组织, 会同…) or,
    in Chinese, an action verb that opens a demand (tasks.yaml directives: 制定, 指导, 编制…: 保卫部制定…)."""
    return after.startswith(tuple(markers.get("subject_followers") or ())) or (
        language == "zh" and after.startswith(zh_action_verbs()))


def _zh_verb_follows(after: str, markers: dict) -> bool:
    """A verb of work follows a name at a clause start, by jieba's part of speech, after adverbs and time words or
    a preposition that opens the object (各单位即刻开展…, 各镇(街、区)对辖区内…全面检查, 各部门协力做好…): the name is
    its subject. Not the verbs of being and happening (是, 有, 发生), which make no work of it."""
    from ..analysis import leading_tags

    words = [(word, flag) for word, flag in leading_tags(after.strip()[:16], words=10) if word.strip()]
    index = 0
    while index < len(words) and words[index][1] in ("d", "t", "ad"):
        index += 1
    if index >= len(words):
        return False
    word, flag = words[index]
    if word in markers["not_work_verbs"] or word in markers["subject_verbs"]:
        return False  # a demand word the role rules read otherwise (各乡镇也要积极配合: support)
    if word in markers["object_prepositions"]:
        return any(f.startswith("v") and w not in markers["not_work_verbs"] for w, f in words[index + 1:])
    return flag == "v"  # not a verbal noun, which begins a noun phrase as often (防汛责任人)


@lru_cache(maxsize=1)
def _zh_team() -> dict[str, re.Pattern[str]]:
    team = _markers("zh")["team"]
    posts = "|".join(map(re.escape, team["head_posts"]))
    return {"head": re.compile(rf"[^,;。]{{0,12}}?任(?:{posts})"),
            "members": re.compile(rf"(?:等)?(?:有关|相关)?(?:单位|部门)?的?(?:有关|相关)?(?:人员|同志|负责同志|领导)?"
                                  rf"(?:共同)?(?:{'|'.join(map(re.escape, team['member_verbs']))})")}


# A verb of joining right before a list of names, perhaps after a first member no rule read
# (会同属地街道和区应急管理局…): the names are its objects, who work with the one that leads.
_ZH_JOINED_WITH = re.compile(r"(?:会同|配合|协助)(?:[\u4e00-\u9fff]{2,6}(?:和|、|及))?$")


def _role_before(before: str, markers: dict, language: str) -> Optional[str]:
    if language == "zh":
        label = _zh_label().search(before)
        if label:
            return _label_role(label.group(1), markers)
        if before.endswith("由"):
            return "by"  # 由A负责 leads; 会议由A局长主持 does not: decided with what follows
        if _ZH_JOINED_WITH.search(before):
            return "support"
        if (before.rstrip().endswith(tuple(markers["directed_by"]))
                and not before.rstrip().endswith(tuple(markers["upward_requests"]))) or _directed_across_comma(before):
            return "subject"  # 请各区…, 会议要求，市住建局对…依法实施处罚: the one a demand is put to
        return None
    lowered = before.lower().rstrip()
    label = _en_label().search(lowered)
    if label:
        return _label_role(label.group(1), markers)
    for word in markers["support_markers"] + markers.get("support_before_markers", []):
        if lowered.endswith(word) or lowered.endswith(word + " the"):
            return "support"
    if lowered.endswith(("led by", "led by the")):
        return "lead"
    if _en_passive_agent().search(lowered):
        return "lead"  # "inspections will be conducted by the county bureau": the agent does the work
    if _en_directed_by(tuple(markers["directed_by"])).search(lowered):
        return "subject"
    return None


@lru_cache(maxsize=4)
def _en_directed_by(words: tuple[str, ...]) -> re.Pattern[str]:
    """A word that puts a demand to the name after it, at the end of the text before the name (built once)."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")(?: the)?$")


# "X, along with Y, must …": a second subject set off by commas; both do the work.
_EN_CO_SUBJECT = re.compile(r",\s*(?:along with|together with|as well as|jointly with)\s+"
                            r"[^,;.:]{2,80}?,\s*", re.IGNORECASE)
_EN_CO_SUBJECT_BEFORE = re.compile(r",\s*(?:along with|together with|as well as|jointly with)"
                                   r"\s+(?:the\s+)?$", re.IGNORECASE)
@lru_cache(maxsize=1)
def _en_acting_people() -> re.Pattern[str]:
    """The people of a body named right after it (models/en/roles.yaml acting_people)."""
    return re.compile(rf"^\s+(?:{_alternation(_markers('en')['acting_people'])})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _en_support_insert() -> re.Pattern[str]:
    """"X, in conjunction with Y, shall …": Y supports, X leads (models/en/roles.yaml support_inserts)."""
    words = _alternation(_markers("en")["support_inserts"])
    return re.compile(rf",\s*(?:{words})\s+[^,;.:]{{2,80}}?,\s*", re.IGNORECASE)


def _co_subject_role(canon: str, start: int, end: int, task_span: Span, markers: dict) -> Optional[str]:
    """The role of an English subject, or co-subject, whose modal comes after a co-subject set off by commas."""
    insert = _EN_CO_SUBJECT.match(canon, end) or _en_support_insert().match(canon, end)
    if insert is None and _EN_CO_SUBJECT_BEFORE.search(canon, max(task_span[0], start - 40), start) \
            and canon[end:end + 1] == ",":
        insert = re.compile(r",\s*").match(canon, end)
    if insert is None:
        return None
    role = _role_after(canon[insert.end():_clause_end(canon, insert.end(), task_span[1])], markers, "en")
    return role if role == "subject" else None


def first_listed_leads(canon: str, language: str) -> bool:
    """The plan says that the first body of each responsibility note leads it: 列第一位的为牵头单位, 排在首位的为牵头
    部门, 第一个单位为牵头单位 (the notes then list the lead and the bodies that support it under one label)."""
    return language == "zh" and bool(_ZH_FIRST_LISTED_LEADS.search(canon))


_ZH_FIRST_LISTED_LEADS = re.compile(r"(?:[列排](?:在|于)?(?:首位|第一位|第一)|第一个|排名第一|排序第一)的?(?:单位|部门)?"
                                    r"(?:为|是)牵头(?:单位|部门)")
# Bodies that join the work a lead body leads, at the end of their clause: 由A牵头组成调查组，B、C参加
_ZH_JOINS = re.compile(r"(?:[、和及与][\u4e00-\u9fff]{1,10}?)*(?:共同|一同)?参加(?=[,;。]|$)")


def assign_roles(canon: str, *, task_span: Span, mentions: list[Mention], language: str,
                 columns: dict[str, list[Span]] | None = None, first_leads: bool = False) -> list[Assignment]:
    """Assignments for one task from the department mentions inside it.

    ``first_leads``: the document says that the first body of a note leads (:func:`first_listed_leads`): of a
    note that names no lead, the first body is lead and the others support."""
    markers = _markers(language)
    # A merged cell may lie in an earlier row.
    regions = [task_span, *(span for spans in (columns or {}).values() for span in spans)]
    inside = sorted({id(m): m for s, e in regions for m in mentions_within(mentions, s, e)}.values(),
                    key=lambda m: m.span[0])
    decided: list[tuple[Mention, str, float]] = []
    if columns:
        for mention in inside:
            for role, cells in columns.items():
                if role in ("lead", "support") and any(s <= mention.span[0] and mention.span[1] <= e
                                                       for s, e in cells):
                    decided.append((mention, role, _EVIDENCE["column"]))
    else:
        window = 12 if language == "zh" else 400  # English labels head long lists ("Participating units: A, B, …")
        groups = group_lists(canon, inside, language)
        for number, group in enumerate(groups):
            start, end = group[0].span[0], group[-1].span[1]
            note = re.match(r"\s*\([^()]{1,30}\)", canon[end:task_span[1]]) if language == "zh" else None
            clause_end = _clause_end(canon, end + (note.end() if note else 0), task_span[1])
            if language == "zh" and canon[clause_end:clause_end + 1] == ")" \
                    and canon.count("(", end, clause_end) > canon.count(")", end, clause_end):
                # 各处室、系(部)要…: a bracket inside a later member of the list does not end the clause
                clause_end = _clause_end(canon, clause_end + 1, task_span[1])
            after = canon[end:clause_end]
            across_comma = False
            if language == "zh" and (not after.strip() or re.fullmatch(_ZH_SINGLED_OUT_PART, after)) \
                    and canon[clause_end:clause_end + 1] == ",":
                # 市直各有关部门，要依照各自职责…: a comma between the subject and its verb (or after the part of it
                # singled out: 各生产经营单位特别是…的单位，要…)
                after = canon[clause_end + 1:_clause_end(canon, clause_end + 1, task_span[1])]
                across_comma = True
            role = _role_after(after, markers, language)
            if role == "subject" and language == "zh" and _ZH_CITED_BY.search(canon, max(task_span[0], start - 3),
                                                                             start):
                role = None  # 按照县委要求，…: the body whose demand is followed is not the one that does the work
            if role is None and language == "zh" and _ZH_CONDITION_THEN_MODAL.match(canon[end:task_span[1]]) \
                    and not mentions_within(inside, end, end + 24):
                role = "subject"  # 生产经营单位发生事故时，应当…: the modal after the clause of time is the name's
            directs = False
            if role in ("subject", None) and language == "zh" and number + 1 < len(groups):
                # 市应急管理局要求各企业立即开展自查: the body a verb of directing names does the work; the one
                # that directs it does not
                verb = next((w for w in markers["directed_by"] if after.startswith(w)), None)
                directs = bool(verb) and not canon[end + len(verb):groups[number + 1][0].span[0]].strip()
                if directs:
                    role = None
            if role is None and language == "en" and re.match(r"\s+to\s+(?!be\b)[a-z]{2,}", canon[end:end + 30]) \
                    and item_marker_end(canon, task_span[0], language=language) >= start - 1 \
                    and not canon[task_span[0]:start].strip(" \t\n•▪‣◦*-–()0123456789.").strip():
                role = "subject"  # "2. Agents/owners/Masters to ensure …": the doers of an item's infinitive
            if role is None and language == "zh" and _ZH_JOINS.match(after):
                # 由市应急管理局牵头组成调查组，市公安局、市总工会参加; 第一组：某局长带队，办公室、监管一处参加: they join
                # work that another leads
                role = "support"
            if role is None and language == "en":
                role = _co_subject_role(canon, start, end, task_span, markers)
            if role is None and language == "en" and _EN_NECESSARY_FOR.search(canon, max(0, start - 40), start) \
                    and re.match(r"\s+to\b", canon[end:end + 4]):
                role = "subject"  # "It is necessary for all localities to guard against …"
            opens = _opens_clause(canon, start, task_span, inside, language) and not (
                language == "zh" and _ZH_AUTHOR.match(canon, end))
            work = _ZH_LIST_CLOSER.sub("", canon[end:clause_end]) if language == "zh" else canon[end:clause_end]
            if language == "zh" and _ZH_BASIS.match(work) and canon[clause_end:clause_end + 1] == ",":
                # 各科室根据本科室的具体情况，对本科室的安全工作进行自查: the work after the phrase of its basis
                work = canon[clause_end + 1:_clause_end(canon, clause_end + 1, task_span[1])]
            if role is None and opens and not directs and (after_starts_work(work, markers, language) or (
                    language == "zh" and _zh_verb_follows(work, markers))):
                # The list opens the demand, or a sentence of it, and does its work:
                # 区交通运输局、区公安分局每月开展… / （一）排查摸底。各乡镇人民政府组织力量逐栋开展排查
                role = "subject"
            # The label of a note heads every name up to the next label or semicolon, whatever
            # separates them: 责任单位：各乡镇人民政府，县消安委办公室 (a collective, then a body).
            label_at = _list_start(canon, start, groups[:number], task_span[0], language)
            label = _role_before(canon[max(task_span[0], label_at - window):label_at], markers, language)
            if across_comma and label not in (None, "by", "subject"):
                role = None  # 牵头单位为县应急局，配合单位为…: the label before the name, not the next clause's
            if role is not None and label not in (None, "by", "subject") and language == "zh":
                # 责任单位：县消防救援大队，县应急管理局配合: the marker after the list speaks for the
                # names after its last comma; the label, for the names before it.
                cut = next((i for i in range(len(group) - 1, 0, -1)
                            if "," in canon[group[i - 1].span[1]:group[i].span[0]]), None)
                if cut is not None:
                    for mention in group[:cut]:
                        decided.append((mention, label, _EVIDENCE["label"]))
                    group = group[cut:]
            if language == "zh" and role == "subject" and label == "support" \
                    and _ZH_JOINED_WITH.search(canon[max(task_span[0], label_at - 12):label_at]):
                # 由市安监局牵头，会同市住建局、市公安局等部门立即…: the bodies a verb of joining names work with
                # the one that leads, whatever verb follows them
                role = None
            evidence = "marker" if role in ("lead", "support", "shared") else role
            if role is None:
                role, evidence = label, "label"
                if role == "by":
                    evidence = "by"
                    # 由A负责…, and 由A会同B开展… (A does the work it opens: roles.yaml subject_followers,
                    # tasks.yaml directives); 会议由A局长主持 names who chairs, not who works.
                    # A team's make-up: 由A局长某某任组长 (A heads it: lead), 成员由A、B有关人员组成 (members: support).
                    after_by = canon[end:clause_end + 1]
                    role = "lead" if (re.match(r"[^,;。]{0,20}?(?:负责|牵头|承担|组织实施)", after_by)
                                      or _zh_team()["head"].match(after_by)
                                      or after_starts_work(canon[end:clause_end], markers, language)) else (
                        "support" if _zh_team()["members"].match(after_by) else None)
            if role is not None:
                for mention in group:
                    decided.append((mention, role, _EVIDENCE.get(evidence or "", 0.75)))
    # 责任单位 / 按职责分工负责 yield to an explicit lead (牵头, "take the lead"), not to
    # the subject of the sentence: "A shall …. Responsible units: B, C" makes B and C leads too.
    has_lead = any(role == "lead" for _, role, _ in decided)
    # One role per body and task, the lead first: 由A某某任组长，成员由A、B组成 makes A the lead only.
    leading = {mention.name for mention, role, _ in decided if role in ("lead", "subject")}
    decided = [d for d in decided if not (d[1] == "support" and d[0].name in leading)]
    out: list[Assignment] = []
    seen: set[tuple[str, str]] = set()
    first_shared = next((m for m, r, _ in decided if r == "shared"), None) if first_leads and not has_lead else None
    for mention, role, confidence in decided:
        if role == "shared" and first_shared is not None:
            role = "lead" if mention is first_shared else "support"
        elif role == "shared":
            role = "support" if has_lead else "lead"
        elif role == "subject":
            role = "lead"
        key = (mention.name, role)
        if key in seen:
            continue
        seen.add(key)
        out.append(Assignment(department=mention.name, mention=mention.text, role=role,  # type: ignore[arg-type]
                              span=mention.span, confidence=confidence))
    return out


def _list_start(canon: str, start: int, earlier: list[list[Mention]], floor: int, language: str) -> int:
    """Where the run of names before ``start`` begins: back over earlier lists and the commas and
    list words between them, so that a note's label is found before the first name it heads."""
    separators = " \t、,和及与" if language == "zh" else " \t,"
    position = start
    for group in reversed(earlier):
        gap = canon[group[-1].span[1]:position]
        if group[-1].span[1] < floor or (gap.strip(separators) and gap.strip(separators + "and")):
            break  # a semicolon, a word, a role marker: the names before belong to another part
        position = group[0].span[0]
    return position


def _clause_end(canon: str, start: int, limit: int) -> int:
    match = re.compile(r"[,;。.!?\n)]").search(canon, start, limit)
    return match.start() if match else limit


def _opens_clause(canon: str, start: int, task_span: Span, mentions: list[Mention], language: str) -> bool:
    """A name at ``start`` opens its clause: at the task's start or after a full stop, a semicolon, a colon or a
    line break, and in Chinese also after a comma, an enumerator (二是…), an item's number (1、各单位…) or a short
    opening phrase of time with no name in it (放假前，各学院…; 节假日期间，各分中心…)."""
    if start == task_span[0]:
        return True
    if language != "zh":
        return False
    if canon[start - 1] in "。;:\n),":
        return True  # (after a comma too: 坚持以练代训，区安委会办公室组织举办…; 他指出，各单位要…)
    if re.search(r"[一二三四五六七八九十]是$", canon[max(task_span[0], start - 2):start]):
        return True  # 二是各执勤中队加强…: the enumerator opens the part
    boundary = max(task_span[0], *(canon.rfind(mark, task_span[0], start) + 1 for mark in "。;:\n"))
    position = min(item_marker_end(canon, boundary, language=language), start)
    while position < start and canon[position].isspace():
        position += 1
    if position == start:
        return True
    opening = _ZH_TIME_OPENING.match(canon, position, start)
    return bool(opening) and opening.end() == start and not mentions_within(mentions, position, opening.end())


# 请 opening a clause, as a request to the reader (not 请示, a request for instructions, nor 申请, 邀请), and not
# followed by the name of a kind of unit or person the grammar did not read (请隐患责任单位、包案责任人按照…).
_BARE_PLEASE = re.compile(r"(?:^|[,;。:!?\n]|\s)\s*(?:[一二三四五六七八九十\d]+[、.)]\s*)?请(?!示)"
                          r"(?![^,;。:]{0,10}?(?:单位|部门|机构|人|组)(?:[、,和及与]|要|按照|于))")


def addressed_to(canon: str, *, task_span: Span, addressees: list[Mention], language: str) -> list[Assignment]:
    """"…印发给你们，请…制定具体措施": the notice's addressees lead a task that speaks to them: one that
    names them (你们, "you") or asks the reader with a bare 请 (请认真贯彻执行: a 请 that named a body, 请各区…,
    has given the task its lead before this is asked)."""
    pronouns = _markers(language).get("addressee_pronouns") or []
    text = canon[task_span[0]:task_span[1]]
    if language == "en":
        words = set(re.findall(r"[a-z]+", text.lower()))
        speaks_to_them = any(p in words for p in pronouns)
    else:
        speaks_to_them = any(p in text for p in pronouns) or bool(_BARE_PLEASE.search(text))
    if not addressees or not speaks_to_them:
        return []
    return _leads(addressees, confidence=0.6)


# 我站将…, 本局将…: the issuer speaking of itself, not to its readers.
_ZH_ISSUER_ITSELF = re.compile(r"[我本](?:站|局|委|办|院|厅|部|处|科|所|队|中心|公司|会)(?![\u4e00-\u9fff]?[内外级])")


def _letter_body_start(canon: str, *, addressees: list[Mention], language: str) -> Optional[tuple[int, bool]]:
    """Where the demands of a letter begin, and whether its cover speaks to the readers (你们): after an address
    line, a cover paragraph that announces that its demands follow (转发给你们，并提出如下要求 / 现就有关事项通知如下).
    None for a letter that covers an attached plan (印发给你们，请认真贯彻执行: the plan's items are not the readers'
    own), a notice that only names its readers, a meeting report."""
    if language != "zh" or not addressees:
        return None
    line_end = canon.find("\n", addressees[-1].span[1])
    if line_end < 0:
        return None
    cover = re.match(r"\s*([^\n]+)", canon[line_end:])
    if not cover:
        return None
    pronouns = _markers(language).get("addressee_pronouns") or []
    words = cover.group(1)
    if any(p in words for p in pronouns) and "如下" in words:
        return line_end + cover.end(), True
    # "…现就有关事项通知如下：": a cover that announces the demands that follow, however many lines it was
    # wrapped into, before the letter's first item.
    first_item = _ZH_LETTER_ITEM.search(canon, line_end)
    cover_end = first_item.start() if first_item else min(len(canon), line_end + _LETTER_COVER_MAX)
    announced = list(_ZH_ANNOUNCES_DEMANDS.finditer(canon, line_end, min(cover_end, line_end + _LETTER_COVER_MAX)))
    return (announced[-1].end(), False) if announced else None


def _letter_body_end(canon: str, start: int) -> int:
    """Where a letter's demands end: at its dated signature or its first attachment (附件：…问题清单),
    whose rows are not the addressees' demands but what they are to check against."""
    end = _ZH_LETTER_CLOSE.search(canon, start)
    return end.start() if end else len(canon)


_ZH_LETTER_CLOSE = re.compile(r"\n\s*(?:附\s*件|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:\n|$))")


# The modals of a demand addressed to the reader (务必, 要, 请, 严禁 …).
_ZH_DEMAND_MODAL = re.compile(r"要(?!求|点|素|害|闻)|务必|必须|须|应当?|请|严禁|不得|确保|切实|立即|迅速|抓紧|马上")


# The words by which a letter's cover announces the demands below it: 现就有关事项通知如下, 提出如下要求, 特通知如下.
_ZH_ANNOUNCES_DEMANDS = re.compile(r"(?:通知|要求|安排|明确|部署)如下|如下(?:要求|通知|意见|工作要求)")
_ZH_LETTER_ITEM = re.compile(r"\n\s*(?:[一二三四五六七八九十]+[、.]|\d+[、.](?!\d))")
_LETTER_COVER_MAX = 1200


def _leads(mentions: list[Mention], *, confidence: float) -> list[Assignment]:
    """Each body named once, as a lead, with the confidence of the evidence that names it."""
    out, seen = [], set()
    for mention in mentions:
        if mention.name not in seen:
            seen.add(mention.name)
            out.append(Assignment(department=mention.name, mention=mention.text, role="lead",
                                  span=mention.span, confidence=confidence))
    return out


@lru_cache(maxsize=2)
def _deadline_labels(language: str) -> re.Pattern[str]:
    """The words that label a deadline (完成时限, "Deadline"): the deadline headers of task tables."""
    words = load_yaml(f"{language}/table_headers.yaml")["roles"]["deadline"]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)), re.IGNORECASE)


def bare_note(canon: str, *, task_span: Span, mentions: list[Mention], deadline_spans: list[Span],
              language: str) -> list[Assignment]:
    """（区应急管理局，11月底前） / "(District Emergency Management Bureau, by the end of November)".

    A bracket that closes the task and holds nothing but names, and perhaps the work's deadline, says
    who does the work, as a 责任单位 note with no label: the names lead. Weaker evidence than a label.
    """
    end = task_span[1]
    while end > task_span[0] and (canon[end - 1].isspace() or canon[end - 1] in "。.;,"):
        end -= 1
    if end <= task_span[0] or canon[end - 1] != ")":
        return []
    depth, start = 0, None
    for at in range(end - 1, task_span[0] - 1, -1):
        depth += canon[at] == ")"
        depth -= canon[at] == "("
        if depth == 0:
            start = at
            break
    if start is None or start == task_span[0]:
        return []
    inside = mentions_within(mentions, start + 1, end - 1)
    if not inside:
        return []
    keep = [True] * (end - 1 - start - 1)
    for a, b in [m.span for m in inside] + list(deadline_spans):
        for at in range(max(a, start + 1), min(b, end - 1)):
            keep[at - start - 1] = False
    rest = "".join(ch for ch, kept in zip(canon[start + 1:end - 1], keep) if kept)
    rest = _deadline_labels(language).sub(" ", rest)
    if re.sub(r"[\s、,;:和及与]|\band\b", "", rest, flags=re.IGNORECASE):
        return []  # words other than names, list marks and the deadline: no note
    return _leads(inside, confidence=_EVIDENCE["bare_note"])


def same_paragraph(canon: str, first: Span, second: Span) -> bool:
    """No line break between them — nor, on a page that ran a letter into one line, a dated signature or the
    number of a new top-level item (…委员会 2023年4月11日 …要点 一、…)."""
    gap = canon[first[1]:second[0]]
    if "\n" in gap or _SIGNATURE_DATE.search(gap):
        return False
    return not _TOP_ITEM.match(canon, second[0])


_SIGNATURE_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?![\u4e00-\u9fff,，])")
_TOP_ITEM = re.compile(r"\s*[一二三四五六七八九十]+、")


_CLAUSE_START_ZH = "。;,:!?\n"


def subject_starts(canon: str, *, span: Span, mentions: list[Mention], language: str) -> list[int]:
    """Where, inside ``span``, a clause opens with its own acting body (Chinese).

    "区交通运输局负责…日常监管，区公安分局负责…通行管控": each body that opens a clause as the
    subject of its own work (要…, 负责…) starts a demand of its own.
    """
    if language != "zh":
        return []
    markers = _markers(language)
    inside = mentions_within(mentions, span[0], span[1])
    starts = []
    for group in group_lists(canon, inside, language):
        start, end = group[0].span[0], group[-1].span[1]
        if start <= span[0] or canon[start - 1] not in _CLAUSE_START_ZH:
            continue
        clause_end = _clause_end(canon, end, span[1])
        after = canon[end:clause_end]
        role = _role_after(after, markers, language)
        # "A要…" and "A负责<work>" open a demand; "A牵头，B配合" and "B为责任单位" only name the
        # roles of the demand they follow.
        if role == "subject" or (role == "lead" and re.match(r"负责[\u4e00-\u9fff]", after)) \
                or (role is None and after_starts_work(after, markers, language)):
            starts.append(start)
    return starts




# A short adverbial of time, place or manner before the subject, closed by a comma.
_INTRODUCTORY = {"zh": re.compile(r"[\u4e00-\u9fff0-9]{2,12},\s*"),
                 "en": re.compile(r"(?:In|On|At|By|During|From|Before|After|Within|Over|Throughout|Starting|Since)\b"
                                  r"[^,.;:]{1,50},\s*"
                                  # a time phrase with no comma before the subject: "This year the Authority will …"
                                  r"|(?:(?:This|Next|Each|Every|Later this) (?:year|month|week|quarter|season|summer|"
                                  r"winter|spring|autumn)|(?:In|From|During|Since|By|Until) (?:\d{4}|January|February|"
                                  r"March|April|May|June|July|August|September|October|November|December)(?: \d{4})?"
                                  r"|Today|Tomorrow|Meanwhile)\s+(?=[Tt]he\b|[A-Z])")}


_ZH_BASIS_BEFORE_VERB = re.compile(r"(?:按照|根据|依据|结合|围绕|针对)(?:各自)?(?:职责|职能|分工|实际)")


def opens_with_subject(canon: str, *, span: Span, mentions: list[Mention], language: str) -> bool:
    """The piece opens with a body or group that does its work: 县应急管理局负责…, 各乡镇要…, "All towns shall …".

    Evidence of a demand as strong as a demand word: the classifier may not overrule it.
    """
    markers = _markers(language)
    start = min(item_marker_end(canon, span[0], language=language), span[1])
    opening = _INTRODUCTORY[language].match(canon, start, span[1])
    if opening and not mentions_within(mentions, start, opening.end()):
        start = opening.end()  # "In the third quarter, the office will …", "节日期间，各县要…": a time or place first
    if language == "en" and canon[start:start + 4].lower() == "the ":
        start += 4
    inside = [m for m in mentions_within(mentions, start, span[1])]
    if language == "zh" and inside and inside[0].span[0] != start:
        # "会议要求各地要高度重视", "请各乡镇要…": the body a directive verb names, given its own modal, is the
        # subject of the demand as much as one that opens it
        directing = _zh_directing_opening().match(canon, start, inside[0].span[0])
        if directing and directing.end() == inside[0].span[0]:
            start = inside[0].span[0]
    if not inside or inside[0].span[0] != start:
        return False
    group = group_lists(canon, inside, language)[0]
    end = group[-1].span[1]
    after = canon[end:_clause_end(canon, end, span[1])]
    role = _role_after(after, markers, language)
    if language == "zh":
        after = _ZH_MANNER.sub("", after)
        if role is None and len(group) >= 2 and _ZH_BASIS_BEFORE_VERB.match(after) and _zh_verb_follows(after, markers):
            return True  # 市教育局、市卫健委按照各自职责做好…: bodies listed, the basis of their work, then the work
        start_time = _ZH_START_TIME.match(after)
        if role is None and start_time and after_starts_work(after[start_time.end():], markers, language):
            return True  # 各学院从下周起开展…: the work set to start at a time to come, by the group named
        return role == "subject" or (role == "lead" and bool(re.match(r"(?:负责|牵头|承担)[\u4e00-\u9fff]", after)))
    return role in ("subject", "lead")


_ZH_MODAL_AHEAD = re.compile(r"[^,;。:!?]{1,12}?(?=(?:要|必须|务必|应当|须)(?!求))")
_NOUN_TAGS = ("n", "nz", "ns", "nt", "nr", "vn", "r", "x")


def _zh_unread_subject(canon: str, span: Span) -> bool:
    """The demand has a subject of its own that no rule reads as a body: nouns, then its modal (旅游景区要…,
    电站、水库要…). Then the subject of the demand before is not carried over to it."""
    from ..analysis import leading_tags

    start = item_marker_end(canon, span[0], language="zh")
    ahead = _ZH_MODAL_AHEAD.match(canon, start, span[1])
    if ahead is None:
        return False
    words = [(w, f) for w, f in leading_tags(ahead.group(), words=8) if w.strip()]
    return bool(words) and all(f in _NOUN_TAGS and (f != "x" or w == "、") for w, f in words) \
        and words[-1][1] in ("n", "nz", "ns", "nt", "nr")


@lru_cache(maxsize=1)
def _zh_directing_opening() -> re.Pattern[str]:
    """A clause opening that directs a body (models/zh/roles.yaml directed_by): 要求…, 会议要求…, 责成…, 请…"""
    verbs = "|".join(re.escape(w) for w in sorted(_markers("zh")["directed_by"], key=len, reverse=True))
    return re.compile(rf"(?:[\u4e00-\u9fff]{{1,6}}?)?(?:{verbs})")


# The words that introduce a list of items end in a colon and name who does them: 县消防安全管理中心主要职责：
# (一)… (二)…; 会议对地方煤矿安全监管部门提出两点要求：一是… 二是…; 物业公司要做好以下工作：一要… 二要….
_ZH_ITEM_OPENING = re.compile(r"\s*[一二三四五六七八九十]+(?:是|要(?!求))")
# A later part of a speech's enumeration of demands (各单位一要…；二要…；三要…): it drops the subject of the first.
# (二是… does not: a report's parts name their own doers or none.)
_ZH_LATER_MODAL_ITEM = re.compile(r"\s*[二三四五六七八九十]要(?!求)")


# The first item of an enumeration of demands: 一是…, 一要…
_ZH_FIRST_ITEM = re.compile(r"一(?:是|要(?!求))")


_BULLET = re.compile(r"[ \t]*[•▪‣◦●○■□◆◇·*–-][ \t]*\S")


def _item_kind(canon: str, line: Span, headings: dict) -> Optional[tuple]:
    """What kind of list item a line opens: a numbered heading's style and level, an enumerated demand (一是, 二要),
    or None for a line that opens no item."""
    heading = headings.get(line[0])
    if heading is not None:
        return (heading.style, heading.level)
    if _ZH_ITEM_OPENING.match(canon, line[0], line[1]):
        return ("enumerated", 0)
    if _BULLET.match(canon, line[0], line[1]):
        return ("bullet", 0)  # "• Conduct phase 1 inspections …": an unnumbered item
    return None


def _line_index(layout: "Layout") -> tuple[list[int], dict]:
    """The layout's line starts and its headings by line start, made once per layout (every task of a long plan
    asks), and again only if the layout has changed since."""
    key = (len(layout.lines), len(layout.headings))
    cached = layout.__dict__.get("_safetydocs_line_index")
    if cached is None or cached[0] != key:
        cached = (key, [line[0] for line in layout.lines], {h.line[0]: h for h in layout.headings})
        layout.__dict__["_safetydocs_line_index"] = cached
    return cached[1], cached[2]


def list_lead_in(canon: str, span: Span, *, layout: "Layout") -> Optional[Span]:
    """The words that introduce the list whose item holds ``span``, when they end in a colon on the line right
    before the list's first item; None when the span is in no item or the list has no such words.

    Lines between are the list's other items, their sub-items and wrapped lines; a heading above the item's
    level ends the search (the list lies inside that heading's section)."""
    starts, headings = _line_index(layout)
    at = bisect.bisect_right(starts, span[0]) - 1
    if at < 0:
        return None
    kind = _item_kind(canon, layout.lines[at], headings)
    if kind is None:
        return None
    for index in range(at - 1, max(-1, at - 80), -1):
        line = layout.lines[index]
        text = canon[line[0]:line[1]].rstrip()
        other = _item_kind(canon, line, headings)
        if other == kind:
            continue  # an item of the same list
        if other is not None and text.endswith(":") and _item_kind(canon, layout.lines[index + 1], headings) == kind:
            # 第四条 市消防安全委员会应当履行下列职责：(一)…(二)…: an article or an item that introduces the list
            clause_start = max(text.rfind(mark, 0, len(text) - 1) for mark in "。;!?,") + 1
            return line[0] + clause_start, line[0] + len(text)
        if other is not None:
            if other[0] != "enumerated" and kind[0] != "enumerated" and other[1] < kind[1]:
                return None  # a heading above the list's level: the list has no lead-in of its own
            continue  # a sub-item of an earlier item
        if text.endswith(":"):
            following = _item_kind(canon, layout.lines[index + 1], headings)
            if following != kind:
                return None  # the colon introduces something else
            # Only the clause before the colon: in "根据省政府主要负责同志要求，现将有关事项通知如下：" the body
            # named first is no doer of the items.
            clause_start = max(text.rfind(mark, 0, len(text) - 1) for mark in "。;!?,") + 1
            return line[0] + clause_start, line[0] + len(text)
        if _item_kind(canon, layout.lines[index + 1], headings) == kind and _opens_list(canon, layout.lines[index + 1], headings):
            return None  # plain words right before the list's first item
        # otherwise a wrapped line of an earlier item
    return None


def lead_in_leads(canon: str, lead_in: Span, *, mentions: list[Mention], language: str) -> list[Assignment]:
    """Who the words introducing a list name as doing its items: the subject (物业公司要做好以下工作：), the body
    whose duties are listed (县消防安全管理中心主要职责：, "The duties of the Office are:"), or the body a demand is
    put to (会议对各企业提出三点要求：). Inferred for each item, so at the confidence of an inference."""
    leads = [a for a in assign_roles(canon, task_span=lead_in, mentions=mentions, language=language)
             if a.role == "lead"]
    if not leads:
        patterns = _lead_in_patterns(language)
        for group in group_lists(canon, mentions_within(mentions, *lead_in), language):
            before = canon[lead_in[0]:group[0].span[0]]
            after = canon[group[-1].span[1]:lead_in[1]]
            if patterns["duty_after"].match(after) or patterns["duty_before"].search(before) \
                    or (patterns["put_to_before"].search(before) and patterns["put_to_after"].match(after)):
                leads = _leads(group, confidence=0.5)
                break
    return [a.model_copy(update={"confidence": min(a.confidence, 0.5)}) for a in leads]


@lru_cache(maxsize=2)
def _lead_in_patterns(language: str) -> dict[str, re.Pattern[str]]:
    words = _markers(language)["lead_in"]
    duties = "|".join(map(re.escape, sorted(words["duties"], key=len, reverse=True)))
    never = re.compile(r"(?!x)x")
    if language == "zh":
        put_to = "|".join(map(re.escape, words["put_to"]))
        demands = "|".join(map(re.escape, words["demands"]))
        return {"duty_after": re.compile(rf"(?:的)?(?:{duties})(?:是|为|如下)?\s*:$"), "duty_before": never,
                "put_to_before": re.compile(rf"(?:{put_to})$"),
                "put_to_after": re.compile(rf"[^:,;。]{{0,20}}?(?:{demands})")}
    return {"duty_after": re.compile(rf"'s?\s+(?:main\s+|principal\s+)?(?:{duties})\s+(?:are|include)\b[^:]*:$",
                                     re.IGNORECASE),
            "duty_before": re.compile(rf"\b(?:{duties})\s+of\s+(?:the\s+)?$", re.IGNORECASE),
            "put_to_before": never, "put_to_after": never}


def _opens_list(canon: str, line: Span, headings: dict) -> bool:
    heading = headings.get(line[0])
    if heading is not None:
        return "".join(heading.number.split()).strip("、.()") in {"1", "一", "①", "a", "I"}
    return bool(re.match(r"\s*一[是要]", canon[line[0]:line[1]]))


_EN_THEY = re.compile(r"\s*(?:They\s+(?:must|should|shall|will|need|needs|are|have|ought)|It\s+(?:will|would|shall|must|should))\b")


@lru_cache(maxsize=1)
def _en_speaker_itself_pattern() -> re.Pattern[str]:
    """After a body: a verb of saying, then a pronoun for the speaker with a verb of its own work (roles.yaml
    reported_speech, subject_verbs)."""
    markers = _markers("en")
    speech = markers["reported_speech"]
    alternation = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    return re.compile(rf"\s+(?:{alternation(speech['verbs'])})\s+(?:that\s+)?(?:{alternation(speech['self_pronouns'])})"
                      rf"\s+(?:{alternation(markers['subject_verbs'])})\b")


def _en_speaker_itself(canon: str, candidate, mentions: list[Mention]) -> list[Assignment]:
    """"MOM said it will also empower workers …", "The bureau added that it would …": the body that speaks of
    itself in reported speech announces its own work."""
    start = candidate.sentence[0] if candidate.sentence else candidate.span[0]
    pattern = _en_speaker_itself_pattern()
    speakers = [m for m in mentions_within(mentions, start, candidate.span[1])
                if m.kind == "body" and pattern.match(canon, m.span[1])]
    return _leads(speakers[:1], confidence=0.6)
