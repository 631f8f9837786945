"""Departments: named bodies and collectives, with canonical names and levels.

Recognition is a cheap pass over the canonical text, driven by the gazetteer
in ``models/<lang>/departments.yaml`` and ``collectives.yaml``:

* Chinese: gazetteer names of national bodies, and ``[place] + organ root +
  organ suffix`` for the many provincial, city and county organs
  (市住房城乡建设局, 县应急局, 泷泊镇人民政府, 县安委办), cut at words that
  cannot begin a name (报市安办 -> 市安办).
* English: gazetteer names with their aliases, and capitalised phrases
  headed by an organ noun ("Provincial Department of Emergency Management").

Overlaps are resolved longest-first; mentions of one body are grouped under
one canonical name (abbreviations expanded, English aliases mapped).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Optional

from ..model import Department, stable_id
from ..resources import data_path, load_yaml
from ..structure.normalize import canonical

Span = tuple[int, int]


@dataclass
class Mention:
    span: Span
    text: str  # as written in the source
    name: str  # canonical name
    kind: str  # "body" | "collective"
    level: Optional[str] = None
    place: str = ""  # the place written before the organ (兰州市, 县), canonical form
    organ: str = ""  # the canonical organ without the place (应急管理局)

    def as_row(self) -> list:
        """The mention as plain JSON values, as a spaCy Doc keeps it (``DocBin``, ``to_bytes``, ``nlp.pipe`` across
        processes serialise only such values): [start, end, text, name, kind, level, place, organ]."""
        return [self.span[0], self.span[1], self.text, self.name, self.kind, self.level, self.place, self.organ]

    @classmethod
    def from_row(cls, row: "list | tuple") -> "Mention":
        start, end, text, name, kind, level, place, organ = row
        return cls((int(start), int(end)), text, name, kind, level, place, organ)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------- Chinese
@dataclass(frozen=True)
class _ZhRules:
    national: re.Pattern[str]
    national_names: dict[str, str]
    local: re.Pattern[str]
    enterprise: re.Pattern[str]
    enterprise_stop_flags: frozenset[str]
    enterprise_name_flags: frozenset[str]
    place_suffixes: tuple[str, ...]
    zone: re.Pattern[str]
    level_words: frozenset[str]
    each_levels: frozenset[str]
    each_levels_before: re.Pattern[str]
    not_place_words: frozenset[str]
    generic_levels: frozenset[str]
    date_units: frozenset[str]
    numerals: frozenset[str]
    suffix_set: frozenset[str]
    township_suffixes: tuple[str, ...]
    cut_before: re.Pattern[str]
    abbreviations: list[tuple[str, str]]
    level_prefixes: dict[str, str]
    not_bodies: frozenset[str]
    collectives: list[re.Pattern[str]]
    collective_cut: re.Pattern[str]
    list_cut: re.Pattern[str]
    open_suffix: re.Pattern[str]
    long_core_suffixes: frozenset[str]
    party: re.Pattern[str]
    unit: re.Pattern[str]
    core_stop: re.Pattern[str]
    not_suffix_words: frozenset[str]
    places: frozenset[str]  # names of provinces, cities and counties, and short names (models/zh/places.yaml)


@lru_cache(maxsize=1)
def _zh_rules() -> _ZhRules:
    data = load_yaml("zh/departments.yaml")
    national_names: dict[str, str] = {}
    for body in data["national"]:
        national_names[body["name"]] = body["name"]
        for alias in body.get("aliases") or []:
            national_names[alias] = body["name"]
    roots = []
    for organ in data["organs"]:
        roots.append(organ["root"])
        roots.extend(organ.get("short") or [])
    complete_roots = [r for r in roots if r.endswith("政府")]
    suffix_roots = [r for r in roots if not r.endswith("政府")]
    committees = [c["short"] for c in data["committees"]] + [c["full"] for c in data["committees"]]
    # Suffixes that also begin common words (部门, 办法, 局面...) must not be cut from them.
    suffix = r"(?:" + _alternation(data["suffixes"]) + r")(?![门法理事面长])"
    complete = _alternation(complete_roots + committees + ["管委会", "管理委员会"])
    local = re.compile(
        rf"(?:(?P<root>{_alternation(suffix_roots)}){suffix}|(?P<complete>{complete})(?:办公厅|办公室|办(?![法理事]))?)"
    )
    collectives = load_yaml("zh/collectives.yaml")
    level_prefixes = {p: level for level, prefixes in data["level_prefixes"].items() for p in prefixes}
    abbreviations = sorted(data["abbreviations"].items(), key=lambda kv: len(kv[0]), reverse=True)
    for committee in data["committees"]:
        abbreviations.append((committee["short"], committee["full"]))
    return _ZhRules(
        # (not 文化部门, 建设部门: a kind of department, whose first characters spell a ministry's old name)
        national=re.compile(f"(?:{_alternation(list(national_names))})(?!门)"),
        national_names=national_names,
        local=local,
        # A named enterprise runs from a clause boundary to its suffix; words that cannot
        # begin a name (督促, 要求...) are cut off afterwards.
        enterprise=re.compile(
            r"(?:(?<=[^\u4e00-\u9fff()])|^)[\u4e00-\u9fff()]{2,24}?(?:"
            + _alternation(data["enterprise_suffixes"]) + r")"
        ),
        enterprise_stop_flags=frozenset(data["enterprise_stop_flags"]),
        enterprise_name_flags=frozenset(data["enterprise_name_flags"]),
        place_suffixes=tuple(sorted(data["place_suffixes"], key=len, reverse=True)),
        level_words=frozenset(data["level_words"]),
        each_levels=frozenset(data["each_levels"]),
        each_levels_before=re.compile(r"各(?:(?:" + _alternation(data["each_levels"]) + r")、)+$"),
        not_place_words=frozenset(data["not_place_words"]),
        zone=re.compile("(?:" + _alternation(data["zone_words"]) + ")*(?:" + _alternation(data["zones"]) + ")$"),
        suffix_set=frozenset(data["suffixes"]),
        generic_levels=frozenset(data["generic_levels"]),
        date_units=frozenset(data["date_unit_characters"]),
        numerals=frozenset(data["numeral_characters"]),
        township_suffixes=tuple(data["level_prefixes"]["township"]) + ("新区",),
        cut_before=re.compile(r"^.*(?:" + _alternation(data["cut_before"]) + r")"),
        abbreviations=abbreviations,
        level_prefixes=level_prefixes,
        not_bodies=frozenset(data["not_bodies"]),
        collectives=[re.compile(p) for p in collectives["patterns"]]
        # A kind of organ, not one body: 公安消防部门, 安全监管部门, 属地公安机关, 各级税务机关 (机关, the organ of
        # state power of the laws: 公安机关 in 人民警察法, 税务机关 in 税收征收管理法).
        + [re.compile(rf"(?:各级|地方各级|属地)?(?:{_alternation(suffix_roots)}){{1,3}}(?:部门|机关)")],
        # (a whole or a part of the area may stand between: 负责对全市各类学校, 特别是市区各派出所)
        collective_cut=re.compile(r"^.*?(?:" + _alternation(collectives["cut_before"])
                                  + r")(?=(?:全[省市县区镇乡]|[省市县区]直|市区|城区)?(?:各|有关|相关|[省市县区]级))"),
        list_cut=re.compile(r"^.*(?:" + _alternation(collectives["list_cut_before"]) + r")"),
        # The suffix must end the word: 委 of 委托, 办 of 办理, 所 of 所有, 局 of 局面 are no suffixes.
        open_suffix=re.compile(r"(?:" + _alternation(data["open_suffixes"]) + r")(?![托员屈婉理法事好有属在以谓面部势长门会位置罚])"),
        long_core_suffixes=frozenset(data["long_core_suffixes"]),
        # A working organ of a Party committee (县委宣传部), or the committee itself where a list, its partner
        # government or its verb follows (县委、县政府要…, 镇党委和镇政府, 市委将…: 中国共产党地方委员会工作条例)
        party=re.compile(r"委(?:" + _alternation(data["party_organs"]) + r")|(?<!常)(?:党工委|党委|委)(?=[、,和及与]"
                         r"|(?:人民)?政府|" + _alternation(data["party_committee_followers"]) + r")"),
        unit=re.compile(r"[\u4e00-\u9fff]{0,6}?(?:" + _alternation(data["unit_suffixes"]) + r")(?![\u4e00-\u9fff]?[长员任])"),
        core_stop=re.compile(_alternation(data["core_stops"])),
        not_suffix_words=frozenset(data["not_suffix_words"]),
        places=_places(),
    )


def _places() -> frozenset[str]:
    places = load_yaml("zh/places.yaml")
    names = {name for key in ("provinces", "cities", "counties", "short_names", "county_short_names")
             for name in places[key]}
    with data_path("zh/townships.txt").open(encoding="utf-8") as handle:
        names.update(line.strip() for line in handle if line.strip() and not line.startswith("#"))
    return frozenset(names)


# The longest name of the division list (内蒙古阿拉善高新技术产业开发区 aside, names run to about ten characters).
_LONGEST_PLACE = 12


# One-character function words (prepositions, conjunctions and particles of 现代汉语八百词, as in
# models/zh/involvement.yaml neighbour_words) end the word before a place: …处置的代县政府, 与泸县应急管理局….
_FUNCTION_CHARACTERS = frozenset("由对向在与同跟把被给为从经按于至自和及或并的等之")


_MODAL_CHARACTERS = frozenset("要应须并将可需再也还")


def _listed_places_before(canon: str, end: int, rules: _ZhRules) -> int:
    """Where the names of the division list written right before ``end`` begin (广东省东莞市寮步镇), or ``end``.

    Matched on characters, longest name first, so that jieba's cut (寮|步镇) does not decide the name. A
    two-character name (泸县, 城区) counts only after a character that cannot be part of a name, a function word
    (的代县政府), or another listed place: inside a word (煤矿区) it is no place.
    """
    start = end
    while True:
        for length in range(min(_LONGEST_PLACE, start), 1, -1):
            if canon[start - length:start] in rules.places:
                before = canon[start - length - 1] if start - length > 0 else ""
                if before and before in _MODAL_CHARACTERS and rules.cut_before.match(canon[start - length:start - 1]):
                    continue  # 要会同县住建局: after a modal, 会同 is the verb, not the county of 会同县
                if length > 2 or start < end or not before or not ("\u4e00" <= before <= "\u9fff") \
                        or before in _FUNCTION_CHARACTERS:
                    start -= length
                    break
        else:
            return start


def _zh_canonical_name(name: str, rules: _ZhRules, *, placed: bool = False) -> str:
    """Full official form: gazetteer names, and an abbreviated organ root expanded (住建局 → 住房和城乡建设局).

    ``placed``: a place is written before the organ (市发展改革委), so a national body's short name
    (发展改革委 = 国家发展和改革委员会) does not apply: the local organ's root is expanded instead.
    """
    if name in rules.national_names and not placed:
        return rules.national_names[name]
    for short, full in rules.abbreviations:
        if name == short:
            return full
        if name.startswith(short) and name[len(short):] in rules.suffix_set:
            return _full_committee(full + name[len(short):], full)
        if name.startswith(full) and name[len(full):] == "委":
            return _full_committee(name, full)
    return name


def _full_committee(name: str, root: str) -> str:
    """An organ root with the suffix 委 is a committee: 发改委, 发展和改革委 → 发展和改革委员会 (the full form that
    the same text may also write, so that both are one body)."""
    return name + "员会" if name == root + "委" else name


def _zh_level(name: str, rules: _ZhRules) -> Optional[str]:
    if name.startswith(("国家", "国务院", "中国")) or (name.endswith(("部", "总局", "总署")) and len(name) <= 9):
        return "national"
    for marker, level in (("自治区", "provincial"), ("省", "provincial"), ("街道", "township"),
                          ("镇", "township"), ("乡", "township"), ("县", "county"), ("区", "county"),
                          ("旗", "county"), ("市", "municipal"), ("州", "municipal"), ("盟", "municipal")):
        head = name.split("人民政府")[0]
        index = head.find(marker)
        if 0 <= index <= 8 and not (marker == "区" and "新区" in head[: index + 1] and "市" in head):
            # The level of the innermost place named: 上海市嘉定区 -> county.
            levels = [rules.level_prefixes.get(ch) for ch in head[: index + 1]]
            found = [lv for lv in levels if lv]
            return found[-1] if found else level
    return None


_PLACE_STOP = re.compile(r"[^\u4e00-\u9fff]")


Tokenizer = Callable[[int, int], list[str]]


def _jieba_window(canon: str) -> Tokenizer:
    def tokens(start: int, end: int) -> list[str]:
        from ..analysis import segment  # lazy: jieba loads only when a candidate needs it

        return segment(canon[start:end])

    return tokens


def _is_verb(word: str) -> bool:
    from ..analysis import tag  # lazy: only an unknown township's name needs the tagger

    tags = tag(word)
    return len(word) >= 2 and len(tags) == 1 and tags[0][1] == "v"


def _place_before(canon: str, core_start: int, rules: _ZhRules, tokenizer: Tokenizer) -> str:
    """The place name written just before an organ (兰州市, 上海市嘉定区, 县, 泷泊镇).

    jieba segments a short left window; whole place tokens (兰州市) and level
    characters (县) are taken right to left; an unknown township name before a
    bare 镇 / 乡 / 新区 is taken up to four characters. Words that cannot be part
    of a name (报, 由, 转发...) end the place.
    """
    zone = rules.zone.search(canon, max(0, core_start - 16), core_start)
    if zone:
        # 汉中经济开发区管委会, 县经开区安委会: a development zone is a place; the city or county before
        # it belongs to the name, else an unknown name at a clause start (嘉鑫工业园区).
        before = _place_before(canon, zone.start(), rules, tokenizer)
        if not before and zone.start() > 0:
            boundary = max(canon.rfind(ch, max(0, zone.start() - 5), zone.start()) for ch in "\n,，、:：;；(（ ")
            if boundary < 0 and zone.start() <= 4:
                boundary = -1 if zone.start() > 0 else -2  # the text starts the name
            elif boundary < 0:
                boundary = zone.start()
            name = canon[boundary + 1:zone.start()]
            cut = rules.cut_before.match(name)
            if cut:
                name = name[cut.end():]  # 责成|开发区管委会: a directing word is no part of the zone's name
            if 2 <= len(name) <= 4 and _PLACE_STOP.search(name) is None and not rules.core_stop.search(name):
                before = name
        return before + zone.group()
    owner = re.search(r"(?:人民)?政府$", canon[max(0, core_start - 4):core_start])
    if owner and core_start - len(owner.group()) > 0:
        # 市政府安委会, 县人民政府安委会办公室: a government's committee; the government's place goes first.
        before = _place_before(canon, core_start - len(owner.group()), rules, tokenizer)
        if before:
            return before + owner.group()
    listed = _listed_places_before(canon, core_start, rules)
    if listed < core_start:
        # Names of the division list, and any level or place written before them (市寮步镇 is rare; 广东省 is listed).
        return _place_before(canon, listed, rules, tokenizer) + canon[listed:core_start]
    window_start = max(0, core_start - 12)
    window = canon[window_start:core_start]
    stop = _PLACE_STOP.search(window[::-1])
    if stop:
        window_start = core_start - stop.start()
    if window_start >= core_start:
        return ""
    tokens = tokenizer(window_start, core_start)
    taken: list[str] = []
    while tokens:
        token = tokens[-1]
        if token in rules.level_prefixes or token in ("新区", "街道", "自治区", "自治州", "自治县"):
            taken.insert(0, tokens.pop())
            if token in rules.township_suffixes:
                name_chars = ""
                while tokens and len(name_chars) + len(tokens[-1]) <= 3 and not rules.cut_before.match(tokens[-1]) \
                        and not _is_verb(tokens[-1]):
                    name_chars = tokens.pop() + name_chars  # (召集|镇安委会: a verb is no township's name)
                taken.insert(0, name_chars)
            continue
        if len(token) >= 2 and (token.endswith(rules.place_suffixes) or token in rules.places):
            taken.insert(0, tokens.pop())
            continue
        if len(tokens) >= 2 and tokens[-2] + token in rules.places:
            taken.insert(0, tokens.pop())  # a place jieba cut in two (临|川)
            taken.insert(0, tokens.pop())
            continue
        break
    place = "".join(taken)
    cut = rules.cut_before.match(place)
    place = place[cut.end():] if cut else place
    before = canon[core_start - len(place) - 1:core_start - len(place)] if len(place) < core_start else ""
    if place[:1] in rules.date_units and (before.isdigit() or (before and before in rules.numerals)):
        place = place[1:]  # "12日市安委会": the 日 ends a date, it does not start a place
    return place


def _zh_place_level(place: str, rules: _ZhRules) -> Optional[str]:
    place = re.sub(r"(?:人民)?政府$", "", place)  # 市政府安委会: the level of the government's place
    for suffix in sorted(rules.level_prefixes, key=len, reverse=True):
        if place.endswith(suffix):
            return rules.level_prefixes[suffix]
    if place.endswith("新区"):
        return "county"
    return None


# The members of a committee named with it: 市安委会有关成员单位 (the owner is group 1).
_OWNED_MEMBERS = re.compile(r"(.*?)(?:各|有关|相关)成员单位$")


def _zh_mentions(text: str, canon: str, tokenizer: Tokenizer, *, gazetteer: bool = True) -> list[Mention]:
    rules = _zh_rules()
    found: list[Mention] = []
    for match in rules.national.finditer(canon):
        name = rules.national_names[match.group()]
        found.append(Mention(match.span(), text[match.start():match.end()], name, "body", "national"))
    for match in rules.local.finditer(canon):
        core_start, end = match.span()
        if canon[end - 1] == "办" and canon[end:end + 2] == "公室":
            end += 2  # 消安委办公室: the short committee name, then its office written out
        start = core_start - len(_place_before(canon, core_start, rules, tokenizer))
        candidate = canon[start:end]
        if candidate in rules.not_bodies:
            continue
        if match.group("complete") and start == core_start:
            # A bare 人民政府 / 安委会 with no place names no particular body.
            continue
        place = canon[start:core_start]
        kind = "body"
        if place.startswith("各") or (place in rules.generic_levels and match.group("complete")):
            kind = "collective"
        elif canon[max(0, start - 1):start] == "各":
            # 各县区应急局: every county's bureau, a collective, not one body.
            start -= 1
            kind = "collective"
        organ = _zh_canonical_name(canon[core_start:end], rules, placed=start < core_start)
        name = place + organ if kind == "body" else canon[start:end]
        level = _zh_place_level(place, rules) if place else _zh_level(name, rules)
        found.append(Mention((start, end), text[start:end], name, kind, level if kind == "body" else None,
                             place=place if kind == "body" else "", organ=organ))
    for match in rules.enterprise.finditer(canon):
        start, end = match.span()
        cut = rules.cut_before.match(canon[start:end - 2])
        if cut:
            start += cut.end()
        # an adverb of the clause the tagger may glue into a name-like word (严格执行|集团公司) ends the words before
        # the name; what follows it is read as any other candidate
        stops = list(rules.core_stop.finditer(canon, start, end - 2))
        if stops:
            start = stops[-1].end()
        start = _enterprise_start(canon, start, end, rules)
        if start is not None and end - start >= 4:
            found.append(Mention((start, end), text[start:end], canon[start:end], "body", "enterprise"))
    for pattern in rules.collectives:
        for match in pattern.finditer(canon):
            start, end = match.span()
            # Words before the group (要求|各单位) are cut; a joiner inside the list (各地区、各部门和各单位) is not.
            first = _FIRST_EACH.search(canon, start, end)
            head = canon[start:first.end()] if first else canon[start:end]
            cut = rules.collective_cut.match(head)
            if cut:
                start += cut.end()
            owner = _OWNED_MEMBERS.match(canon, start, end)
            if owner and owner.group(1):
                # 请县减灾委相关成员单位: words before the owning committee are cut as before a body's name
                cut = rules.cut_before.match(owner.group(1))
                if cut:
                    start += cut.end()
            # 配合消防、住建等有关部门: the verb before the list of fields is no part of the group
            first_item = re.match(r"[^、,等]*", canon[start:end]).group()
            verb = rules.list_cut.match(first_item)
            if verb and verb.end() < len(first_item):
                start += verb.end()
            elif canon[start:start + 1] in "在对向由为将把从" and re.match(r"[\u4e00-\u9fff]{0,6}各", canon[start + 1:end]):
                start += 1  # 在公司各部门的共同努力下: a preposition before the owner of the group
            if end - start < 2:
                continue
            # 各乡镇、各部门 is two collectives: split where a new 各 / 有关 / 相关 group begins.
            cuts = [m.start() for m in _COLLECTIVE_JOIN.finditer(canon, start, end)]
            bounds = [start] + [c for c in cuts] + [end]
            for piece_start, piece_end in zip(bounds, bounds[1:]):
                joiner = _COLLECTIVE_JOIN.match(canon, piece_start) if piece_start != start else None
                if joiner:
                    piece_start = joiner.end()
                each = canon.find("各", piece_start, piece_end)
                stop = rules.core_stop.search(canon, each + 2, piece_end) if each >= 0 else None
                if stop and re.fullmatch(r"的(?:有关)?(?:部门|单位|企业)|和(?:人民)?政府", canon[stop.start():piece_end]):
                    stop = None  # 各负有安全生产监管职责的部门, 各级党委和政府: one group
                if stop and not canon.startswith(("有关", "相关", "各", "所属", "下属"), stop.start()):
                    piece_end = stop.start()  # 各地|要加强…机构: a verb after 各 ends the group's name
                if piece_end - piece_start >= 2:
                    found.append(Mention((piece_start, piece_end), text[piece_start:piece_end],
                                         canon[piece_start:piece_end], "collective", None))
    found.extend(_zh_grammar_mentions(text, canon, found, rules, tokenizer))
    if gazetteer:
        found.extend(_gazetteer_mentions(text, canon, "zh"))
    found.extend(_placeless_units(text, canon, found, rules))
    found.extend(_places_acting(text, canon, found, rules))
    found = _distributed(text, canon, _closed_brackets(text, canon, _with_units(text, canon, found, rules)), rules)
    found = _shared_organ(text, canon, found, rules)
    found.extend(_places_listed_with_bodies(text, canon, found, rules))
    found = _own_township_bodies(canon, found, rules)
    return _resolve_overlaps(_drop_lists_of_bodies(found, canon))


# How a township's own document speaks of itself in its first lines: a named township doing something (沙沟镇认真
#学习…, 大义乡政府…召开) or the township's words for itself (我镇, 全乡, 该乡). Where a county speaks (全县, 我县),
# the townships it names are others.
_OWN_TOWNSHIP_WORDS = re.compile(r"(?:我|全|本|该)(镇|乡|街道)")
_OWN_COUNTY_WORDS = re.compile(r"(?:我|全|本)(?:县|区|市|州|省)(?![\u4e00-\u9fff]?(?:政府|委))")
_HEAD_CHARS = 300


def _own_township_bodies(canon: str, found: list[Mention], rules: _ZhRules) -> list[Mention]:
    """In a township's own document, its bodies written with the bare level word (镇政府, 镇安委会, 乡安办) are
    that township's, one body each; elsewhere they are every township's, a collective (generic_levels)."""
    head = canon[:_HEAD_CHARS]
    if _OWN_COUNTY_WORDS.search(head):
        return found
    levels = {m.group(1) for m in _OWN_TOWNSHIP_WORDS.finditer(head)}
    for m in re.finditer(r"[\u4e00-\u9fff]{2,5}?(镇|乡|街道)(?=人民政府|政府|党委|召开|认真|组织|开展|安委会)", head):
        if m.group()[:-len(m.group(1))] and m.group() in rules.places:
            levels.add(m.group(1))
    if len(levels) != 1:
        return found
    level = levels.pop()
    out = []
    for mention in found:
        if mention.kind == "collective" and mention.organ and mention.name.startswith(level) \
                and _zh_place_level(mention.name[:len(level)], rules) == "township" \
                and not mention.name[len(level):].startswith(("各", "有关", "相关", "乡", "镇", "街道", "村")):
            mention = Mention(mention.span, mention.text, level + mention.organ, "body", "township", place=level,
                              organ=mention.organ)
        out.append(mention)
    return out


def _listed_member(text: str, canon: str, start: int, end: int, rules: _ZhRules) -> Mention:
    name = canon[start:end]
    level = _zh_place_level(name, rules) if not _listed_organ().fullmatch(name) else None
    return Mention((start, end), text[start:end], name, "body", level)


# What ends a piece of a list of names: a list mark, a clause mark, a joiner, the 等 that closes the list.
_LIST_PIECE_END = re.compile(r"[、,，;；。:：\n和及与等]")


@lru_cache(maxsize=1)
def _listed_organ() -> re.Pattern[str]:
    """A short name ending in the suffix of a state organ, an ad hoc body or an enterprise (models/zh/departments.yaml
    open_suffixes, enterprise_suffixes): in a list of bodies, a body whose core no rule knows (房管局, 城投集团,
    大英生态环境局). Not 站, 所: in a list they name kinds of places as often (加油站、液化气站)."""
    data = load_yaml("zh/departments.yaml")
    suffixes = [s for s in data["open_suffixes"] + data["enterprise_suffixes"] if s not in ("站", "所")]
    return re.compile(rf"(?!各|有关|相关|其他)[\u4e00-\u9fff]{{1,8}}(?:{_alternation(suffixes)})")


# What cannot open a name (jieba's tags): a time or locative word (会上), a verb, a preposition, an adverb, a
# conjunction, a pronoun, a number or a measure word.
_NOT_NAME_OPENERS = frozenset({"t", "f", "v", "p", "d", "c", "r", "m", "q", "u"})


def _places_listed_with_bodies(text: str, canon: str, found: list[Mention], rules: _ZhRules) -> list[Mention]:
    """A place of the division list written as a member of a list of bodies stands for its government, and a
    short name with an organ's suffix there is a body, as a member of a list is of the list's kind:
    园区服务中心、洛河镇、九龙岗镇、街道办事处、孔店乡、区生态环境分局…; 区应急管理局、房管局、城投集团等….

    Each body's neighbours across 、 are read outward while they are places (a chain of townships between two
    offices); a province is a place there as often as a government, so only counties, cities and townships."""
    bodies = sorted(m.span for m in found if m.kind == "body")
    taken = {m.span for m in found}
    out: list[Mention] = []

    def place(start: int, end: int) -> bool:
        name = canon[start:end]
        if end - start < 2 or (start, end) in taken or name in rules.not_bodies or rules.core_stop.search(name):
            return False
        if _listed_organ().fullmatch(name):
            # 房管局, 城投集团, 大英生态环境局: an organ's name, whatever its core (not 会上|消防救援大队)
            from ..analysis import tag

            return tag(name)[0][1] not in _NOT_NAME_OPENERS and not _verb_and_object(name)
        return not name.endswith(("省", "自治区")) and (
            name in rules.places or (name.endswith(("镇", "乡", "街道")) and 3 <= end - start <= 6))

    # Where each clause opens, found once: a search back from every body would make long texts quadratic.
    clause_marks = [m.start() for m in re.finditer(r"[,;。:\n]", canon)]
    for start, end in bodies:
        at = bisect.bisect_left(clause_marks, start)
        opening = clause_marks[at - 1] + 1 if at else 0
        if "各" in canon[opening:start] or canon[start:end].endswith("政府"):
            # 各市、州、直管市、神农架林区住建委: one group's members share its organ; 青石县、望舒区人民政府: two
            # governments (_shared_organ), not a county and a government
            continue
        position = end  # rightward: 、洛河镇、九龙岗镇、
        while canon.startswith("、", position):
            stop = _LIST_PIECE_END.search(canon, position + 1)
            piece_end = stop.start() if stop else len(canon)
            if not place(position + 1, piece_end):
                break
            out.append(_listed_member(text, canon, position + 1, piece_end, rules))
            taken.add((position + 1, piece_end))
            position = piece_end
        position = start  # leftward: 、孔店乡、区生态环境分局
        while position > 0 and canon[position - 1] == "、":
            piece_start = max((m.end() for m in _LIST_PIECE_END.finditer(canon, max(0, position - 14), position - 1)),
                              default=-1 if position > 14 else 0)
            if piece_start < 0 or not place(piece_start, position - 1):
                break
            out.append(_listed_member(text, canon, piece_start, position - 1, rules))
            taken.add((piece_start, position - 1))
            position = piece_start
    return out


# A place before the one named with its organ, joined by 、/和/及: 剑阁县、苍溪县人民政府 is two governments.
_PLACE_BEFORE_JOINER = re.compile(r"([\u4e00-\u9fff]{2,8})(?:、|和|及)$")


def _shared_organ(text: str, canon: str, found: list[Mention], rules: _ZhRules) -> list[Mention]:
    """剑阁县、苍溪县人民政府 / 青石县、望舒区应急管理局: the places listed before a body's place share its organ,
    each a body of its own (a place of the division list, or a county, district or city name of two to four
    characters)."""
    taken = [m.span for m in found]
    out = list(found)
    for mention in found:
        if mention.kind != "body" or len(mention.place) < 2 or not mention.organ \
                or not mention.place.endswith(_SHARED_PLACE_SUFFIXES):
            continue  # (县经科局 names no place: the county is the issuer's own)
        end = mention.span[0]
        while True:
            before = _PLACE_BEFORE_JOINER.search(canon, max(0, end - 9), end)
            if before is None:
                break
            word = next((word for word in (before.group(1)[-n:] for n in range(len(before.group(1)), 1, -1))
                         if word in rules.places), before.group(1))
            start = before.end(1) - len(word)
            # a place of the division list, or a whole word of two to four characters (not 各县, not 自治区)
            if not word.endswith(_SHARED_PLACE_SUFFIXES) \
                    or not (word in rules.places or (2 <= len(word) <= 4 and not _is_cjk(canon[start - 1:start]))) \
                    or word in rules.not_place_words or word in _LEVEL_WORDS or word[0] in "各全本我该" \
                    or any(a < before.end(1) and start < b for a, b in taken if (a, b) != (start, before.end(1))):
                break
            # (the place read alone, as a government acting, is the worse reading: 请广元市、巴中市应急管理局)
            out = [m for m in out if not (m.span == (start, before.end(1)) and m.name == word)]
            out.append(Mention((start, before.end(1)), text[start:before.end(1)], word + mention.organ, "body",
                               _zh_place_level(word, rules), place=word, organ=mention.organ))
            end = start
    return out


_SHARED_PLACE_SUFFIXES = ("县", "区", "市", "州", "旗", "盟", "镇", "乡")
_LEVEL_WORDS = frozenset(("自治区", "自治州", "自治县", "直辖市", "直管市", "县级市", "地级市", "省直管县", "特区", "新区",
                          "城区", "市区", "辖区", "郊区"))


def _is_cjk(char: str) -> bool:
    return bool(char) and "\u4e00" <= char <= "\u9fff"


def _closed_brackets(text: str, canon: str, found: list[Mention]) -> list[Mention]:
    """区人民政府(管委会): a name that opens a bracket ends after it closes."""
    out = []
    for mention in found:
        start, end = mention.span
        if canon.count("(", start, end) > canon.count(")", start, end) and canon[end:end + 1] == ")":
            end += 1
            name = mention.name + ")" if mention.kind == "body" else canon[start:end]
            mention = Mention((start, end), text[start:end], name, mention.kind, mention.level,
                              place=mention.place, organ=mention.organ)
        out.append(mention)
    return out


def _distributed(text: str, canon: str, found: list[Mention], rules: _ZhRules) -> list[Mention]:
    """An organ after 各 and a list of levels is every such organ of every such division: a collective.

    各市、县人民政府 / 各省、自治区、直辖市人民政府: 各, bare level words, one organ.
    """
    out = []
    for mention in found:
        start, end = mention.span
        each = rules.each_levels_before.search(canon, max(0, start - 30), start) if mention.kind == "body" else None
        if each and (not mention.place or mention.place in rules.each_levels):
            start = each.start()
            mention = Mention((start, end), text[start:end], canon[start:end], "collective", None)
        out.append(mention)
    return out


def _enterprise_start(canon: str, start: int, end: int, rules: _ZhRules) -> Optional[int]:
    """Where the enterprise name ending at ``end`` begins, or None when the words name no particular one.

    A name holds a place or a trade name (行政区划, 字号): it begins at the first such word after the
    last word that cannot be inside a name (a preposition, adverb, pronoun...; 按照|爱琴海公司), or
    at a level character (县|供电公司), or at an unknown word the tagger split into single characters
    (泓|远|能源公司). Before it, single characters the tagger could not join
    (中|亿|丰|控股集团) belong to the name; a verb (执行|山西兰花…公司) or a longer word does not.
    """
    from ..analysis import tag  # lazy: only a candidate company name needs the tagger

    words = tag(canon[start:end])
    after_stop = 0
    for index, (_, flag) in enumerate(words[:-1]):
        if flag in rules.enterprise_stop_flags:
            after_stop = index + 1
    def single(i: int) -> bool:
        return len(words[i][0]) == 1 and "\u4e00" <= words[i][0] <= "\u9fff"

    def names(i: int) -> bool:
        # A trade name the tagger does not know comes apart into single characters (泓|远|能源公司).
        unknown = single(i) and ((i + 1 < len(words) - 1 and single(i + 1)) or (i > after_stop and single(i - 1)))
        # (a place of the division list is one whatever jieba tags it: 开封 is no verb in 开封供电公司)
        return (words[i][1] in rules.enterprise_name_flags or words[i][0] in rules.level_prefixes
                or words[i][0] in rules.places or unknown)

    if (after_stop == 0 and canon[start] in rules.level_prefixes and canon[start:start + 2] not in rules.level_words
            and not any(flag == "v" for _, flag in words[:-1])):
        return start  # 市城投集团: a level character opens the name, whatever word jieba glued it into (市城|投)
    first = next((i for i in range(after_stop, len(words) - 1) if names(i)), None)
    if first is None:
        return None
    while first > after_stop and single(first - 1) and not words[first - 1][1].startswith("v"):
        first -= 1
    return end - sum(len(word) for word, _ in words[first:])


def _zh_grammar_mentions(text: str, canon: str, found: list[Mention], rules: _ZhRules,
                         tokenizer: Tokenizer) -> list[Mention]:
    """Organs no root names, by the grammar of official names: [place] + core + suffix.

    市数据资源管理局, 县文化旅游体育局, 乡安监站: a place (a level character or a place name),
    then a core of two to eight characters holding no verb or function word, then an organ
    suffix. And the Party committee's organs: [place]委 + 宣传部 / 编办 / …
    """
    taken = sorted(m.span for m in found)
    starts = [a for a, _ in taken]

    def covered(start: int, end: int) -> bool:
        at = bisect.bisect_right(starts, start) - 1
        return any(a <= start and end <= b for a, b in taken[max(0, at - 3):at + 1])

    out: list[Mention] = []
    for match in rules.party.finditer(canon):
        place = _place_before(canon, match.start(), rules, tokenizer)
        start, end = match.start() - len(place), match.end()
        if place and not covered(start, end):
            name = canon[start:end]
            out.append(Mention((start, end), text[start:end], name, "body", _zh_place_level(place, rules),
                               place=place, organ=canon[match.start():end]))
    placeless = {m.span: m for m in found if m.kind == "body" and not m.place}
    for match in rules.open_suffix.finditer(canon):
        suffix_start, end = match.span()
        shortest = 2
        if covered(suffix_start, end):
            # 体育局 found by its root, 县文化旅游 before it: a longer name with its place may hold it.
            inner = next((span for span in placeless if span[0] <= suffix_start and end <= span[1]), None)
            if inner is None or inner[1] != end:
                continue
            shortest = suffix_start - inner[0] + 1
        # A core is two to eight characters; ten when 和 joins two fields (综合执法和应急管理办); twelve for a
        # campaign's ad hoc body, named after its work (县自建房安全专项整治领导小组办公室).
        if match.group() in rules.long_core_suffixes:
            longest = 12
        else:
            longest = 10 if "和" in canon[max(0, suffix_start - 10):suffix_start] else 8
        for length in range(shortest, longest + 1):
            core_start = suffix_start - length
            if core_start <= 0:
                break
            core = canon[core_start:suffix_start]
            if "和" in core[:2] and length < 8:
                continue  # 和信息局, 业和信息局: the core may go on past the 和 (工业和信息局)
            if not ("\u4e00" <= core[0] <= "\u9fff") or _core_stopped(core, rules):
                break
            if length == shortest and any(canon[a:a + len(w)] == w and not (suffix_start <= a and a + len(w) <= end)
                                          for w in rules.not_suffix_words
                                          for a in (suffix_start - len(w) + 1, suffix_start - len(w) + 2)):
                break  # 布局, 大局: the suffix character ends another word (办公 inside the suffix 办公室 does not)
            if core[0] in "局厅委办站所":
                break  # 县委 + 常委: the place and a suffix already make an organ; this is a post
            place = _place_before(canon, core_start, rules, tokenizer)
            if not place:
                continue
            if len(place) == 1 and canon[core_start - 1:core_start + 1] in rules.level_words:
                continue  # 市场监管…: the level character begins a word of the core
            start = core_start - len(place)
            if (covered(start, end) and (start, end) not in placeless) or canon[start:end] in rules.not_bodies:
                break
            kind = "collective" if place.startswith("各") or canon[start - 1:start] == "各" else "body"
            organ = canon[core_start:end]
            out.append(Mention((start, end), text[start:end], canon[start:end] if kind == "collective"
                               else place + _zh_canonical_name(organ, rules, placed=True), kind,
                               _zh_place_level(place, rules) if kind == "body" else None,
                               place=place if kind == "body" else "", organ=organ))
            break
    return out


def _core_stopped(core: str, rules: _ZhRules) -> bool:
    """The core holds a verb or function word, so no organ name runs through it.

    和 joining two fields of one organ (文化旅游和广电局, 综合执法和应急管理办) is part of the name; 和
    before a level character joins two bodies (应急局和县消防大队).
    """
    for stop in rules.core_stop.finditer(core):
        if stop.group() != "和" or stop.start() < 2 or len(core) - stop.end() < 2:
            return True
        if core[stop.end()] in rules.level_prefixes or core[stop.end()] == "各":
            return True
    return False


_UNIT = (r"(?:局|矿|公司|集团|厂)?(?:(?!是|的|和|与|及|要|在|由|请|对|指示|责成|督促)[\u4e00-\u9fff]){1,6}?"
         r"(?:部|处|科|室|中心|总队|大队|中队|队|班|(?<![一二两三四五六七八九十几多每各该本])组|安委会|委员会)")
# The units an enterprise or a body names by its own kind before them: 公司安委会, 公司防汛办公室, 集团安办.
_OWN_UNIT = r"(?:公司|集团|矿|厂|局|院)(?:(?!是|的|和|与|及|要|在|由|请|对)[\u4e00-\u9fff]){0,6}?(?:安委会|安办|委员会|办公室)"


# A list of units no place names, opening a clause and doing its work: 采供部、物资部要…, 三是人事处负责…
_PLACELESS_UNITS = re.compile(
    rf"(?:(?<![\u4e00-\u9fff])|(?<=[一二三四五六七八九十]是)|(?<=由)|(?<=请)|(?<=指示)|(?<=要求))"
    rf"((?:{_OWN_UNIT}|{_UNIT})(?:[、和及](?:{_OWN_UNIT}|{_UNIT}))*)"
    # (a group of 各 may close the list before its verb: 信息管理处和各分中心，尤其要…; 集团安办和各子公司要…)
    r"(?=(?:[、和及]各[\u4e00-\u9fff]{1,5}?,?(?=(?:尤其|也|还|都|均)?要))?,?(?:尤其|也|还|都|均)?"
    r"(?:主要负责人|负责人)?(?:立即|迅速|及时|认真|切实|严格|全面|将)?(?:要|负责|牵头|配合|协助|协同|参与|参加|必须|务必|应当|须|组织|做好|开展|安排))")
_UNIT_PIECE = re.compile(r"[^、和及]+")
# A department, centre or team that opens a clause or is directed (要求…, 责成…) and does it with any verb that opens
# a demand (models/zh/roles.yaml subject_followers, models/zh/tasks.yaml directives): 保卫部制定…, 电力调度中心编制….
# Also an agency or a working group no place names (行政审批局负责…, 第二检查组负责…), but not a count of groups (分两组,
# 每组) nor a verb and the group it sets up (组建专家组: _verb_and_object). Not 处, 室: they also end words for places
# (开口处, 烘干室).
# And a named village's or community's committee (村民委员会组织法, 城市居民委员会组织法): 城关社区居委会要….
_NAMED_UNIT = (r"(?:(?!是|的|和|与|及|要|在|由|请|对|确保|保证|通知)[\u4e00-\u9fff]){2,8}?"
               r"(?:部|中心|科|总队|支队|大队|中队|局|(?<![一二两三四五六七八九十几多每各该本])组|(?:社区|村)(?:居民委员会|村民委员会|居委会|村委会))")


@lru_cache(maxsize=1)
def zh_action_verbs() -> tuple[str, ...]:
    """The action verbs that open a demand (models/zh/tasks.yaml directives: 制定, 指导, 编制…)."""
    return tuple(load_yaml("zh/tasks.yaml")["directives"])


def _clause_opening(*directed: str) -> str:
    """Where a subject may stand: a clause start, after 一是…, or after a directing word (要求…, 请…)."""
    after = "|".join(f"(?<={re.escape(word)})" for word in load_yaml("zh/roles.yaml")["directed_by"] + list(directed))
    return rf"(?:(?<![\u4e00-\u9fff])|(?<=[一二三四五六七八九十]是)|{after})"


@lru_cache(maxsize=1)
def _acting_units_pattern() -> re.Pattern[str]:
    verbs = load_yaml("zh/roles.yaml")["subject_followers"] + list(zh_action_verbs())
    return re.compile(rf"{_clause_opening('由')}({_NAMED_UNIT}(?:[、和及]{_NAMED_UNIT})*)(?=(?:{_alternation(verbs)}))")


# A township's or a body's own units, written short: 安监站, 综治办, 药监所, 派出所(交通中队), 农服中心.
_SHORT_UNIT = r"(?:(?!是|的|和|与|及|要|在|由|请|对|各|等)[\u4e00-\u9fff]){1,6}?(?:站|所|办|组|中心|科|室|部|处|队)(?:\([\u4e00-\u9fff]{2,8}\))?"


@lru_cache(maxsize=1)
def _unit_list_pattern() -> re.Pattern[str]:
    """Two or more short units listed with 、 that open a clause (or are directed: 要求…, 请…, 由…) and do its
    work, or that a list closes as departments (…、消防站等部门): each item is a body. The list is the evidence:
    one word ending in 站 or 所 alone could be a place (车站, 场所)."""
    roles = load_yaml("zh/roles.yaml")
    # (and the verbs of joining the work: 办公室、监管一处参加，督查上饶市)
    verbs = (roles["subject_verbs"] + roles["subject_followers"] + list(zh_action_verbs())
             + roles["support_markers"] + ["参加"])
    return re.compile(rf"{_clause_opening('由')}({_SHORT_UNIT}(?:、{_SHORT_UNIT})+)"
                      rf"(?=等(?:有关)?(?:部门|单位)|(?:{_alternation(verbs)}))")


@lru_cache(maxsize=1)
def _list_heads() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The heads that end a name in a list of acting bodies and groups (models/zh/departments.yaml acting_list_heads):
    a kind of department or unit, a group (林业和草原部门, 工贸和建筑施工企业), or a unit of a body (天西林管局伊宁分局,
    污水处理公司). Returns (kinds, all heads)."""
    heads = load_yaml("zh/departments.yaml")["acting_list_heads"]
    kinds = tuple(heads["kinds"])
    return kinds, kinds + tuple(heads["units"])

_LIST_WORD = r"(?:(?!是|的|要|在|由|请|对|与|或|以及|确保|保证|通知|各|有关|相关|会议)[\u4e00-\u9fff()])"


@lru_cache(maxsize=1)
def _acting_list_pattern() -> re.Pattern[str]:
    """A list of bodies and groups that opens a clause and does its work, the last word of each a head
    (_list_heads), the words before a head its own (工贸和建筑施工企业, 危险化学品生产、经营、储存企业). A group
    that a shorter reading found inside a member (施工企业) gives way to it."""
    roles = load_yaml("zh/roles.yaml")
    verbs = roles["subject_verbs"] + roles["subject_followers"] + list(zh_action_verbs())
    return re.compile(rf"{_clause_opening('由')}((?:{_LIST_WORD}|、){{2,40}}?(?:{_alternation(list(_list_heads()[1]))}))"
                      rf"(?=(?:{_alternation(verbs)}))")


# The word classes (jieba's tags) that cannot open a subject's name: a time word, a locative or a count is cut
# off before it; after a verb, a preposition, an adverb, a conjunction or a pronoun the words are no subject.
_TIME_OR_COUNT = frozenset({"t", "f", "q", "m"})
_NOT_SUBJECT_OPENERS = frozenset({"v", "p", "d", "c", "r"})


def _acting_list_members(canon: str, found: list[Mention]) -> Iterator[tuple[int, int, str]]:
    """The members of each acting list: cut after each piece that ends with a head. A piece with no head
    qualifies the next one: across 和 (工贸和建筑施工企业), and across 、 when it names an activity
    (危险化学品生产、经营、储存企业), not a place or a group of its own (街道、社区、物业公司).
    A group that a shorter reading found inside a member (施工企业) gives way to it."""
    from ..analysis import tag  # lazy: only a candidate list needs the tagger
    from ..structure.segment import item_marker_end

    rules = _zh_rules()
    joiners = ("和", "与", "及", "或", "等")
    not_inside = tuple(w for w in load_yaml("zh/departments.yaml")["cut_before"] if w not in joiners) + zh_action_verbs()
    taken = [m.span for m in found]
    inner = {m.span for m in found if m.kind == "collective"}
    for match in _acting_list_pattern().finditer(canon):
        first = item_marker_end(canon, match.start(1), language="zh")  # 五、林业和草原部门…: after the number
        if canon[:match.start(1)].rstrip()[-1:].isdigit():
            continue  # 12家危险化学品企业: a count, no name
        start = first
        for piece in re.finditer(r"[^、和及]+", canon[first:match.end(1)]):
            end = first + piece.end()
            words = piece.group()
            if not words.endswith(_list_heads()[1]):
                joiner = canon[end:end + 1]
                if joiner == "、" and not tag(words)[-1][1].startswith("v"):
                    start = end + 1  # 街道、社区…: a group of its own, no qualifier of the next
                continue
            words = tag(canon[start:end])
            while len(words) > 1 and words[0][1] in _TIME_OR_COUNT:
                start += len(words.pop(0)[0])  # 年底前|重大危险源企业: a time or a count before the subject
            name = canon[start:end]
            if words[0][1] in _NOT_SUBJECT_OPENERS:
                start = end + 1
                continue  # 推动|运输航空公司提升…: after a verb the group is its object, not the subject
            tokens = {w for w, _ in words}
            # (a one-character cut word counts only as a word of its own: 经 of 经省政府同意, not of 经营)
            if end - start >= 3 and not any(word in name if len(word) > 1 else word in tokens
                                            for word in not_inside) and not any(
                    a < end and start < b and not ((a, b) in inner and start <= a and b <= end) for a, b in taken):
                if name not in rules.not_bodies:
                    yield start, end, name
            start = end + 1


def _list_members(canon: str, pattern: re.Pattern[str], found: list[Mention]) -> Iterator[tuple[int, int, str]]:
    """The members of each list ``pattern`` finds (its group 1, split at 、和及), where no mention stands yet.

    A ministry's short name that a unit's name ends with is no mention in the way (安全环保部 holds 环保部):
    the unit, opening its clause, is the longer name and wins the overlap.
    """
    taken = _SpanIndex([m.span for m in found])
    national = {m.span for m in found if m.level == "national"}
    for match in pattern.finditer(canon):
        group = next(i for i in range(1, (pattern.groups or 0) + 1) if match.group(i) is not None)  # the list found
        for piece in _UNIT_PIECE.finditer(canon, match.start(group), match.end(group)):
            start, end = piece.span()
            if not any(not ((a, b) in national and start < a and b == end) for a, b in taken.overlapping(start, end)):
                yield start, end, canon[start:end]


class _SpanIndex:
    """Spans, to ask which overlap a range without looking at all of them (a long plan holds thousands)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        furthest = -1
        for _, b in self.spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def overlapping(self, start: int, end: int) -> Iterator[Span]:
        """The spans (a, b) with a < end and start < b, from the last to start before ``end`` backwards."""
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:
            if self.spans[i][1] > start:
                yield self.spans[i]
            i -= 1


def _verb_and_object(name: str) -> bool:
    """组建专家组, 成立检查组, 派出工作组: a verb and the unit it sets up, not a unit's name; nor a verb phrase whose
    last word ends in a unit's character (做到值班). The rest after the verb
    is a unit's name of its own (专家组), longer than a bare suffix: 执法大队 and 疏散引导组 are names (大队, 引导组 …
    are no unit without their core)."""
    from ..analysis import leading_tags

    tags = leading_tags(name, words=8)
    if tags and tags[-1][1] == "v" and len(tags[-1][0]) >= 2:
        return True  # 做到值班 (…要在岗): the unit's character ends a verb (值班), no unit's name
    return (len(tags) == 2 and tags[0][1] == "v" and tags[1][1].startswith("n")
            and len(tags[1][0]) >= 3 and not tags[1][0].startswith(("大队", "中队", "支队", "总队", "中心")))


def _placeless_units(text: str, canon: str, found: list[Mention], rules: _ZhRules) -> list[Mention]:
    """The internal units of the issuing body (工程物业部, 监管一处, 救护队), named with no place.

    Only where they open a clause and do its work: a word ending like a unit (干部, 团队, 内部) elsewhere
    is no body.
    """
    units = [(start, end, name) for pattern in (_PLACELESS_UNITS, _acting_units_pattern())
             for start, end, name in _list_members(canon, pattern, found)]
    # In a list of units, a list's own 等部门 and a unit in brackets (派出所(交通中队)) do not stand in the way.
    in_list = [m for m in found if not _list_of_units(m, canon) and not canon[m.span[0] - 1:m.span[0]] == "("]
    units += [(start, end, name) for start, end, name in _list_members(canon, _unit_list_pattern(), in_list)
              if not any(m.span[0] < end and start < m.span[1] for m in in_list)]
    out = [Mention((start, end), text[start:end], name, "body", None)
           for start, end, name in sorted(set(units))
           if (len(name) >= 3 or canon[end:end + 1] == "、" or canon[start - 1:start] == "、")
           and name not in rules.not_bodies and name not in rules.not_suffix_words and not rules.core_stop.search(name)
           and not _verb_and_object(name)]
    # The members of an acting list hold no stop word but the joiners of their qualifiers (工贸和建筑施工企业).
    out += [Mention((start, end), text[start:end], name, "collective" if name.endswith(_list_heads()[0]) else "body", None)
            for start, end, name in _acting_list_members(canon, found)
            if not any(m.span == (start, end) for m in out)]
    return out


# A province, county, city or township that opens a clause and does its work stands for its government: 剑阁县要…,
# 上窑镇负责…;
# a development zone named with its place stands for its administrative committee: 广元经济技术开发区要….
_ACTING_PLACE = r"[\u4e00-\u9fff]{1,4}?(?:自治区|自治县|省|县|区|市|旗|镇|乡|街道)"


@lru_cache(maxsize=1)
def _place_acting() -> re.Pattern[str]:
    data = load_yaml("zh/departments.yaml")
    zone = rf"[\u4e00-\u9fff]{{1,4}}?(?:{_alternation(data['zone_words'])})*(?:{_alternation(data['zones'])})"
    place = rf"(?:{zone}|{_ACTING_PLACE})"
    directed = "|".join(f"(?<={re.escape(word)})" for word in load_yaml("zh/roles.yaml")["directed_by"])
    # ... or that a verb of directing names as the one to do it: 请剑阁县…, 建议九江市进一步…
    return re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[一二三四五六七八九十]是))({place}(?:[、和及]{place})*)"
                      rf"(?=要|必须|务必|应当|负责|牵头)|(?:{directed})({place}(?:[、和及]{place})*)(?=[\u4e00-\u9fff])")


def _places_acting(text: str, canon: str, found: list[Mention], rules: _ZhRules) -> list[Mention]:
    """Places written as the subject of a demand: a county or city of the division list, a township, or a zone
    after the place it lies in."""
    out = []
    for start, end, name in _list_members(canon, _place_acting(), found):
        if name in rules.not_place_words or rules.core_stop.search(name) or name[0] in "各全本我该":
            continue
        zone = rules.zone.search(name)
        if zone and zone.start() > 0 and not rules.zone.fullmatch(name):
            out.append(Mention((start, end), text[start:end], name, "body", None))
        elif name in rules.places or (name.endswith(("镇", "乡", "街道")) and len(name) >= 3):
            out.append(Mention((start, end), text[start:end], name, "body", _zh_place_level(name, rules)))
    return out


def list_pieces(canon: str, start: int, end: int, *, separators: str) -> list[Span]:
    """The items of a list of names written between start and end (a note's or a table cell's), split at
    ``separators`` (a regular expression), each without the 等 or "and others" that closes a list."""
    out, position = [], start
    for match in re.finditer(separators, canon[start:end]):
        out.append((position, start + match.start()))
        position = start + match.end()
    out.append((position, end))
    trimmed = []
    for s, e in out:
        piece = canon[s:e]
        core = re.sub(r"(?:等(?:部门|单位)?|and others)$", "", piece.strip())
        lead = len(piece) - len(piece.lstrip())
        if core:
            trimmed.append((s + lead, s + lead + len(core)))
    return trimmed


@lru_cache(maxsize=2)
def _note_labels(language: str) -> re.Pattern[str]:
    """The labels of a responsibility note that head a list of bodies (牵头单位：, 责任单位：, "Responsible unit:"),
    and those that end it (责任人：, a person's label)."""
    roles = load_yaml(f"{language}/roles.yaml")
    bodies = (roles["lead_labels"] + roles["support_labels"] + roles["responsible_labels"]
              + roles.get("support_responsible_labels", []))
    flags = re.IGNORECASE if language == "en" else 0
    return re.compile(rf"(?:(?P<people>{_alternation(roles['person_labels'])})|{_alternation(bodies)})\s*:", flags)


# Pieces of a note's list that name no body: a date, a blank, a dash.
_NOT_A_NAME = re.compile(r"[\d\s\-/.:年月日]*|无|暂无|none|n/?a|—+|-+|各|等", re.IGNORECASE)


def note_bodies(text: str, canon: str, notes: list, mentions: list[Mention], *, language: str) -> list[Mention]:
    """The bodies a responsibility note lists that no other rule names: （责任单位：魏都区，市消防支队）,
    责任单位：政法(应急)办、派出所、财管所, "(Responsible unit: Street Offices; Deadline: …)".

    The label is the evidence, as it is for a 牵头单位 column: what its list names is a body as office staff
    read it, written short or not. A county, city or township of the division list stands for its government.
    The list runs to the next label, a semicolon or the end of the note; a person's label (责任人：) ends it.
    """
    if not notes:
        return []
    rules = _zh_rules() if language == "zh" else None
    labels = _note_labels(language)
    separators = r"[、,;/]+" if language == "zh" else r"[,;/]+|\s+and\s+"
    taken = sorted(m.span for m in mentions)
    out = []
    for note in notes:
        start, end = note.span
        if canon[start] == "(" and canon[end - 1] == ")":
            end -= 1  # a bracketed note: its list ends before the closing bracket
        heads = list(labels.finditer(canon, start, end))
        for number, head in enumerate(heads):
            if head.group("people"):
                continue
            stop = heads[number + 1].start() if number + 1 < len(heads) else end
            semicolon = canon.find(";", head.end(), stop)
            for a, b in list_pieces(canon, head.end(), semicolon if semicolon >= 0 else stop, separators=separators):
                name = canon[a:b]
                at = bisect.bisect_left(taken, (a, a))
                if any(s < b and a < e for s, e in taken[max(0, at - 1):at + 1]) or _NOT_A_NAME.fullmatch(name):
                    continue
                if language == "zh":
                    assert rules is not None
                    if name in rules.places and not name.endswith(("省", "自治区")) or (
                            name.endswith(("镇", "乡", "街道")) and len(name) >= 3 and not rules.core_stop.search(name)):
                        out.append(Mention((a, b), text[a:b], name, "body", _zh_place_level(name, rules)))
                    elif 2 <= len(name) <= 16 and re.fullmatch(r"[\u4e00-\u9fff() ]+", name) \
                            and not re.search(r"[要是的了]", name):
                        kind = "collective" if name.startswith(("各", "有关", "相关", "所涉", "其他")) else "body"
                        out.append(Mention((a, b), text[a:b], " ".join(name.split()) if kind == "body" else name,
                                           kind, None))
                elif 1 <= len(name.split()) <= 8 and name[:1].isalpha() and not re.search(r"\d", name):
                    lowered = name.lower()
                    kind = "collective" if lowered.startswith(("all ", "each ", "every ", "relevant ")) else "body"
                    out.append(Mention((a, b), text[a:b], name, kind, None))
    return out


def _with_units(text: str, canon: str, found: list[Mention], rules: _ZhRules) -> list[Mention]:
    """A body followed by one of its units is the unit: 市公安局交警支队, 县应急管理局办公室, 省政府法制办."""
    out = []
    for mention in found:
        match = rules.unit.match(canon, mention.span[1]) if mention.kind == "body" else None
        if match and not rules.core_stop.search(match.group()) and not any(
                ch in rules.level_prefixes for ch in match.group()[:1]) and not any(
                match.group().endswith(word) or canon.startswith(word, match.end() - 1)
                for word in rules.not_suffix_words):
            start, end = mention.span[0], match.end()
            mention = Mention((start, end), text[start:end], mention.name + canon[mention.span[1]:end], "body",
                              mention.level, place=mention.place, organ=mention.organ + canon[mention.span[1]:end])
        out.append(mention)
    return out


_FIRST_EACH = re.compile(r"各|有关|相关|[省市县区]级")
_COLLECTIVE_JOIN = re.compile(r"(?:、|,|和|及|以及)(?=各|有关|相关)")


def _drop_lists_of_bodies(found: list[Mention], canon: str) -> list[Mention]:
    """县应急局、发改局、消防救援大队等单位 lists bodies: keep them, not the list."""
    bodies = [m.span for m in found if m.kind == "body"]
    return [
        m for m in found
        if not (_list_of_units(m, canon) and any(m.span[0] <= s and e <= m.span[1] for s, e in bodies))
    ]


def _list_of_units(mention: Mention, canon: str) -> bool:
    """A collective that is a list closed by 等 (公安、安监等部门; 各村、水务站、农服中心|等部门)."""
    start, end = mention.span
    return mention.kind == "collective" and ("等" in canon[start:end] or canon[end:end + 1] == "等")


# ---------------------------------------------------------------- English
@dataclass(frozen=True)
class _EnRules:
    gazetteer: re.Pattern[str]
    names: dict[str, str]
    heads: frozenset[str]
    joiners: frozenset[str]
    levels: dict[str, str]
    not_name_words: frozenset[str]
    passing_only: tuple[str, ...]
    collectives: list[re.Pattern[str]]
    name_prefixes: tuple[str, ...]
    head_modifiers: frozenset[str]
    own_government: re.Pattern[str]
    place_government: re.Pattern[str]
    document_words: frozenset[str]


@lru_cache(maxsize=1)
def _en_rules() -> _EnRules:
    data = load_yaml("en/departments.yaml")
    names: dict[str, str] = {}
    for body in data["national"]:
        names[body["name"].lower()] = body["name"]
        for alias in body.get("aliases") or []:
            names[alias.lower()] = body["name"]
    collectives = load_yaml("en/collectives.yaml")
    return _EnRules(
        gazetteer=re.compile(r"\b(?:" + _alternation(list(names)) + r")\b", re.IGNORECASE),
        names=names,
        heads=frozenset(data["organ_heads"]),
        joiners=frozenset(data["name_joiners"]),
        levels={w: level for level, words in data["levels"].items() for w in words},
        not_name_words=frozenset(data["not_name_words"]),
        passing_only=tuple(data["passing_only"]),
        collectives=[re.compile(p, re.IGNORECASE) for p in collectives["patterns"]],
        name_prefixes=tuple(collectives.get("name_prefixes") or ()),
        head_modifiers=frozenset(data["head_modifiers"]),
        own_government=re.compile(r"\b[Tt]he ((?:" + _alternation(data["own_government_levels"]) + r") government)\b(?!s)"),
        # "the Heilongjiang provincial government", "Pune municipal government": a named place's government, one body
        place_government=re.compile(
            r"\b(?!(?:" + _alternation(data["not_name_words"]) + r")\b)((?:[A-Z][a-z]+[ -]){1,3}(?P<level>"
            + _alternation([w for w in data["own_government_levels"] if w != "central"]) + r") government)\b(?!s)"),
        document_words=frozenset(data["document_words"]),
    )


# A TAB (between table cells) or a line break is a token of its own: no name runs across it.
_EN_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|,|\S|[\t\n]")
# A province is a place, not a body given work; its government is named as such.
_PLACE_HEADS = frozenset({"City", "League", "County", "District"})
_PLACE_ONLY = frozenset({"Province", "Region"})


def _en_phrases(canon: str, rules: _EnRules) -> list[Span]:
    """Capitalised phrases that contain an organ head noun."""
    tokens = [(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(canon)]
    spans: list[Span] = []
    index = 0
    while index < len(tokens):
        word = tokens[index][0]
        modifies_head = (word in rules.head_modifiers and index + 1 < len(tokens)
                         and tokens[index + 1][0] in rules.heads)  # General Office of ...
        # a headline's capitals are no name's: THE Ministry of Manpower opens at Ministry
        closed = word in rules.not_name_words or (word.isupper() and word.title() in rules.not_name_words)
        if not word[:1].isupper() or (closed and word not in rules.levels and not modifies_head):
            index += 1
            continue
        first = last = index
        has_head = word in rules.heads or word in _PLACE_HEADS
        cursor = index + 1
        while cursor < len(tokens):
            token = tokens[cursor][0]
            following = tokens[cursor + 1][0] if cursor + 1 < len(tokens) else ""
            if token[:1].isupper() and token not in ("The",):
                if token in rules.not_name_words and token not in rules.levels:
                    break  # "... Committee and Director of ...": a person's title follows
                if token in rules.heads and has_head and tokens[cursor - 1][0] in (",", "and"):
                    break  # a new body starts: "..., Ministry of Commerce"
                last = cursor
                has_head = has_head or token in rules.heads or token in _PLACE_HEADS
                cursor += 1
            elif token in rules.joiners or token == ",":
                previous = tokens[last][0]
                if previous in _PLACE_HEADS and token == "of":
                    break  # "Alashan League of Inner Mongolia": the body ends at League
                if token in (",", "and") and (previous in rules.heads or previous in _PLACE_HEADS
                                              or previous in _PLACE_ONLY):
                    break  # a complete name, then a list goes on: "Ordos City and Alashan League"
                if (token == "," and not any(t[0] in rules.heads for t in tokens[first:cursor])
                        and _en_field_list(tokens, cursor + 1, rules)):
                    cursor += 1  # "County Culture, Radio and Television Bureau": the fields of one body
                    continue
                if token == ",":
                    # "Ministry of Housing, Urban and Rural Construction": a comma inside
                    # an "X of ..." name, when what follows holds no head of its own.
                    run = []
                    for later in tokens[cursor + 1:cursor + 8]:
                        if not later[0][:1].isupper():
                            break
                        run.append(later[0])
                    if (not run or not has_head or "of" not in [t[0] for t in tokens[first:cursor]]
                            or any(w in rules.heads or w in _PLACE_HEADS for w in run)):
                        break
                if token == "and" and (not following[:1].isupper() or following in rules.heads
                                       or following in rules.levels or following in rules.not_name_words):
                    break
                if token == "the" and not following[:1].isupper():
                    break
                cursor += 1
            else:
                break
        first = _start_at_body(tokens, first, last, rules)
        words = [t[0] for t in tokens[first:last + 1]]
        head_at = [i for i, w in enumerate(words) if w in rules.heads or w in _PLACE_HEADS]
        if head_at and head_at[-1] < len(words) - 1 and "of" not in words[head_at[0]:] and "for" not in words[head_at[0]:]:
            index = max(last + 1, index + 1)
            continue  # "Bus Station Square", "Administrative Centre Square": a place named after a body
        if not any(w in rules.heads for w in words) and any(w in rules.document_words for w in words):
            index = max(last + 1, index + 1)
            continue  # "Work Plan of Yudu County for ...": a document's title, not a body
        if has_head and (last > first or tokens[first][0] not in rules.heads):
            if not (tokens[last][0] in _PLACE_HEADS and last == first):
                spans.append((tokens[first][1], tokens[last][2]))
        index = max(last + 1, index + 1)
    return spans


def _en_field_list(tokens: list[tuple[str, int, int]], start: int, rules: _EnRules) -> bool:
    """After a comma, the rest of a list of fields that one organ head closes: "Radio and Television Bureau"."""
    words = []
    for token in tokens[start:start + 8]:
        word = token[0]
        if word in rules.heads:
            return "and" in words and bool(words) and words[-1][:1].isupper()
        if word != "and" and (not word[:1].isupper() or word in _PLACE_HEADS or word in rules.not_name_words):
            return False
        words.append(word)
    return False


def _start_at_body(tokens: list[tuple[str, int, int]], first: int, last: int, rules: _EnRules) -> int:
    """"Implementation Measures for ... of the Security Committee": start at the body."""
    words = [t[0] for t in tokens[first:last + 1]]
    heads = [i for i, w in enumerate(words) if w in rules.heads]
    if not heads:
        return first
    ofs = [i for i, w in enumerate(words[: heads[0]]) if w == "of"]
    if not ofs:
        return first
    start = ofs[-1] + 1
    while start < len(words) and words[start] == "the":
        start += 1
    return first + start


def _en_level(name: str, rules: _EnRules) -> Optional[str]:
    for word in name.replace(",", " ").split():
        if word in rules.levels:
            return rules.levels[word]
    if name.startswith("Ministry"):
        return "national"
    return None


def _en_mentions(text: str, canon: str, *, gazetteer: bool = True) -> list[Mention]:
    rules = _en_rules()
    found: list[Mention] = []
    for match in rules.gazetteer.finditer(canon):
        name = rules.names[match.group().lower()]
        found.append(Mention(match.span(), text[match.start():match.end()], name, "body", "national"))
    for start, end in _en_phrases(canon, rules):
        phrase = canon[start:end]
        if any(phrase.endswith(p) or phrase == p for p in rules.passing_only):
            continue
        name = rules.names.get(phrase.lower(), phrase)
        found.append(Mention((start, end), text[start:end], name, "body", _en_level(name, rules)))
    for match in rules.own_government.finditer(canon):
        start, end = match.span(1)
        level = "national" if canon.startswith("central", start) else _en_level(canon[start:end].title(), rules)
        found.append(Mention((start, end), text[start:end], canon[start:end], "body", level))
    for match in rules.place_government.finditer(canon):
        start, end = match.span(1)
        found.append(Mention((start, end), text[start:end], canon[start:end], "body",
                             _en_level(match.group("level").title(), rules)))
    for match in _en_lower_names().finditer(canon):
        # "the county emergency management bureau": a level word, a core and an organ head, in lower case.
        start, end = match.span()
        found.append(Mention((start, end), text[start:end], canon[start:end], "body",
                             _en_level(canon[start:end].title(), rules)))
    for pattern in rules.collectives:
        for match in pattern.finditer(canon):
            start, end = match.span("name") if "name" in pattern.groupindex else match.span()
            if canon[start:start + 4].lower() == "the ":
                start += 4  # "the relevant departments" names "relevant departments"
            found.append(Mention((start, end), text[start:end], canon[start:end], "collective", None))
    found.extend(_en_companies(text, canon, rules))
    if gazetteer:
        found.extend(_gazetteer_mentions(text, canon, "en"))
    found.extend(_en_directed_lists(text, canon))
    found = _with_acronyms(text, canon, _joined_under(text, canon, _with_legal_forms(text, canon, _without_owner(
        text, canon, _resolve_overlaps(found)))))
    found = _en_subject_groups(text, canon, found)
    found = _en_item_infinitive_groups(text, canon, found)
    return _definite_references(text, canon, found, rules)


# The verb group after the subject of a demand: a modal, or a passive of directing ("are required to").
# A duty put on a group: "have a duty to", "has a primary duty of care to", "have existing duties to", "bear the
# responsibility to", "have an obligation to".
EN_DUTY_TO = (r"(?:has|have|bears?|shoulders?) (?:an? |the )?(?:(?:primary|general|legal|statutory|existing|positive|clear|main) )?"
              r"(?:dut(?:y|ies)|responsibilit(?:y|ies)|obligations?)(?: of care)? to")
_EN_DEMAND_VERB = re.compile(
    r"\s+(?:also\s+|still\s+)?(?:must|shall|should|will|need to|needs to|have to|has to|is to|are to|"
    r"(?:is|are|was|were|has been|have been) (?:also )?(?:required|urged|reminded|advised|asked|requested|ordered|"
    r"instructed|directed|told|called on|called upon|obliged|obligated|encouraged|pressed)(?: (?:by|under) [^,.;]{1,30}?)? to|"
    # work given in the passive: "has been tasked with inspecting", "are charged with clearing"
    r"(?:is|are|was|were|has been|have been) (?:tasked|charged|entrusted) with|"
    # a duty the law puts on them: "Employers have a primary duty of care to …", "Businesses have duties to …"
    + EN_DUTY_TO + r")\b"
    # not a passive (must be inspected): its subject is the thing worked on; a progressive is work done (will be
    # stepping up)
    r"(?!\s+(?:also\s+|not\s+|further\s+)?be\b(?!\s+[a-z]+ing\b))")
# An organisation named by its initials alone as a subject: SCDF, HSE, OSHA, the DILG (two to seven capitals, & allowed),
# or units of a kind by their plural initials: LGUs, NGOs; or by a name written in one word with inner capitals, as
# agencies brand themselves (WorkSafeBC, SafeWork); initials may follow a state's prefix (Cal/OSHA). (With its people
# after them, "OSHA inspectors will …", the group of people is the subject, as the annotated corpus writes it.)
_EN_ACRONYM_SUBJECT = re.compile(r"\s*(?:[Tt]he\s+)?((?:[Aa]ll\s+(?=[A-Z&]+s\b))?(?:[A-Z][a-z]{1,4}/)?[A-Z][A-Z&]{1,6}s?"
                                 r"|[A-Z][a-z]+(?:[A-Z][a-z]+)+[A-Z]{0,3})\s*")
# Where a subject may begin: a sentence or clause start, after "that" (X stressed that Y must …), after a comma.
_EN_SUBJECT_START = re.compile(r"(?:^|(?<=[.;:!?(]\s)|(?<=\n)|(?<=\bthat\s)|(?<=,\s)|(?<=\t))")
# "that" after a preposition is a determiner, not the start of a reported clause: "Following that phase WHS
# Inspectors will …" has its subject after the phrase, "in that case", "during that period".
_EN_DETERMINER_THAT = re.compile(r"\b(?:following|after|before|during|in|at|on|of|for|from|with|by|under|over|since|"
                                 r"until|to|into|through|about|across|within|throughout)\s+that\s$", re.IGNORECASE)
# A short opening phrase of time before the subject, with no comma: "During that period contractors must …",
# "After the meeting all regions should …". The subject may begin after it.
_EN_OPENING_PHRASE = re.compile(r"(?:^|(?<=[.;:!?]\s)|(?<=\n))(?:(?:Following|After|Before|During|Throughout|Within|"
                                r"From|Until|In|At)\s+(?:that|this|the|each|every)\s+[a-z]+"
                                # or an infinitive of purpose and its object: "To prevent accidents contractors must …"
                                r"|To\s+[a-z]+\s+(?:the\s+|such\s+|these\s+)?[a-z]+)\s+(?=[A-Za-z])")


@lru_cache(maxsize=1)
def _en_subject_words() -> dict[str, frozenset[str]]:
    """The word classes of the subject grammar (models/en/collectives.yaml, subject_grammar)."""
    data = load_yaml("en/collectives.yaml")["subject_grammar"]
    return {key: frozenset(values) for key, values in data.items()}


# English agent-noun suffixes (the doer of a verb: -er, -or, -ist, -ant; contractor, owner, employer, occupant).
_EN_AGENT_SUFFIXES = ("er", "or", "ist", "ant")


def _en_subject_np(words: list[str]) -> bool:
    """Words that can be the subject of a demand: [determiner] modifiers head [of the …] [at all levels]."""
    if not 1 <= len(words) <= 9 or any(w.strip(",") != w for w in words):
        return False
    if any(("'" in w or "’" in w) and w.lower() not in ("people's", "people’s") for w in words):
        return False  # "China's emergency management authorities": a possessive is no part of the group
    words_of = _en_subject_words()
    lowered = [w.lower() for w in words]
    if lowered[:2] in (["each", "of"], ["all", "of"]) and len(lowered) > 2:
        lowered = lowered[2:]  # "Each of the contractors concerned has to …"
    body = lowered
    if "of" in body:
        at = body.index("of")
        tail = [w for w in body[at + 1:] if w != "the"]
        if not 1 <= len(tail) <= 4 or any(w in words_of["not_in_subject"] for w in tail):
            return False
        body = body[:at]
    for ending in (["at", "all", "levels"], ["on", "duty"], ["concerned"], ["in", "the", "province"],
                   ["in", "the", "city"], ["in", "the", "county"], ["in", "the", "district"], ["in", "the", "country"]):
        if body[-len(ending):] == ending:
            body = body[:-len(ending)]
    if not body or len(body) > 6:
        return False
    determiner = body[0] in words_of["determiners"]
    core = body[1:] if determiner else body
    if not core or any(w in words_of["not_in_subject"] and w != "and" for w in core) or core.count("and") > 1:
        return False
    head = core[-1]
    if head in words_of["not_heads"]:
        return False
    # (and the irregular plurals of people: foremen, fishermen, people, children)
    # (and a compound that takes its plural on its first word: persons-in-charge)
    first = head.split("-")[0]
    plural = (head.endswith("s") and not head.endswith(("ss", "us", "is")) and len(head) > 3) \
        or (head.endswith("men") and len(head) > 4) or head in ("people", "children") \
        or ("-" in head and first.endswith("s") and not first.endswith(("ss", "us", "is")) and len(first) > 3)
    # "Each district shall", "The contractor must": a singular head after each/every, or after "the" only when it
    # names a doer by its agent suffix (contractor, owner, employer) — "The key is to", "The event will" name none.
    agent = head.endswith(_EN_AGENT_SUFFIXES)
    return (plural or (determiner and body[0] in ("each", "every")) or (determiner and body[0] == "the" and agent)
            or head in words_of["singular_heads"])


# A relative clause between a demand's subject and its verb group: "Shop owners who have installed barriers should".
# ("that" may also open a reported clause, "the interview requires that all regions …": it is taken only after a
# group, in _en_subject_groups.)
EN_RELATIVE_CLAUSE = r"\s+(?:who|that)\s+(?!must\b|shall\b|should\b|will\b)[^,;.:]{1,60}?(?=\s+(?:must|shall|should|will|need|needs|have to|has to|are|is)\b)"
_EN_RELATIVE = re.compile(r"\s+who\s+(?!must\b|shall\b|should\b|will\b)")
_EN_RELATIVE_THAT = re.compile(r"\s+that\s+")


_EN_SUBJECT_BARRIER = re.compile(r"[\n:;•]")


def _en_subject_groups(text: str, canon: str, found: list[Mention]) -> list[Mention]:
    """"Chemical parks need to …", "Owners of old buildings are reminded to …", "Each district shall …": the
    noun phrase before a demand's verb group is the group given the work, whatever its words, unless a body
    is named there. Two plural groups joined by "and" are two groups (Kindergartens and primary schools)."""
    bodies = [m.span for m in found if m.kind == "body"]
    starts = sorted({m.start() for m in _EN_SUBJECT_START.finditer(canon)
                     if not _EN_DETERMINER_THAT.search(canon, max(0, m.start() - 20), m.start())}
                    | {m.end() for m in _EN_OPENING_PHRASE.finditer(canon)})
    out = list(found)
    for verb in _EN_DEMAND_VERB.finditer(canon):
        end = verb.start()
        at = bisect.bisect_left(starts, end) - 1
        relative = None
        while at >= 0 and end - starts[at] <= 90:
            start = starts[at]
            if _EN_SUBJECT_BARRIER.search(canon, start, end):
                at = -1  # a subject never runs across a line, a colon or a bullet ("Details: • The initiative will")
                break
            if at > 0 and canon[start - 5:start] == "that " and _en_group_before_that(canon[starts[at - 1]:start - 5]):
                # "Contractors that use tower cranes must …": "that" after a group opens a relative clause (after
                # a verb of saying it opens a reported one: "The minister stressed that all regions must …")
                at -= 1
                relative = _EN_RELATIVE_THAT.search(canon, starts[at], end)
                start = starts[at]
                break
            # "Shop owners who have installed barriers should …": the group is the words before the relative clause
            relative = _EN_RELATIVE.search(canon, start, end)
            words = canon[start:relative.start() if relative else end].split()
            if _en_subject_np(words):
                break
            pieces = _en_and_groups(canon, start, relative.start() if relative else end) if "and" in words else []
            if len(pieces) == 2 and all(_en_subject_np(canon[a:b].split()) for a, b in pieces):
                break  # "Local authorities and fire and rescue services must …": two groups, one with an "and" inside
            acronym = _EN_ACRONYM_SUBJECT.fullmatch(canon, start, end)
            if acronym:
                # "SCDF will be stepping up inspections", "the HSE will …": an organisation the text names by its
                # initials alone, doing the work (a body, unless one is already named there)
                a, b = acronym.span(1)
                if not any(x < b and a < y for x, y in bodies):
                    # a plural of initials names every unit of a kind ("LGUs should …": local government units)
                    kind = "collective" if canon[b - 1] == "s" else "body"
                    # the initials of a body named before are that body ("The HSA will …" after "the Health and
                    # Safety Authority")
                    name = _initials_of(found, canon[a:b], a) if kind == "body" else None
                    out.append(Mention((a, b), text[a:b], name or canon[a:b], kind, None))
                    bodies.append((a, b))
                break
            at -= 1
        else:
            continue
        if _EN_ACRONYM_SUBJECT.fullmatch(canon, start, end):
            continue  # no group: the body found above
        if at < 0 or end - start > 90:
            continue
        if relative:
            end = relative.start()
        while start < end and canon[start].isspace():
            start += 1  # an indented line: the group begins at its first word
        if canon[start:start + 4] in ("and ", "And "):
            start += 4  # "…procedures, and supervisors must …": the conjunction joins the clause, not the group
        if canon[start:start + 4] in ("The ", "the "):
            start += 4
        elif canon[start:start + 5] in ("Both ", "both ") and " and " in canon[start:end]:
            start += 5  # "Both management and workers should …": two groups, the word that pairs them is neither's
        if any(a < end and start < b for a, b in bodies):
            continue  # a named body: its own rules name it
        words = canon[start:end].split()
        head = words[-1]
        if head[:1].upper() + head[1:] in _en_rules().heads and not (
                words[0].lower() in ("each", "every")
                or (len(words) > 1 and not _named_before(found, head, start))):
            # "the ministry", "the bureau": a body named before (_definite_references). Not "each village
            # committee" (every one of a kind), nor "the leading group office" where no office was named before.
            continue
        pieces = _en_and_groups(canon, start, end)
        if any(m.kind == "collective" and m.span[0] < start < m.span[1] and "," in canon[m.span[0]:start]
               for m in out):
            continue  # "All towns, departments and units should": a list the word lists read whole
        listed = _en_listed_groups(canon, start, end, starts)
        if listed:
            # "Departments, branches and project departments should …": a list of groups, each its own; the
            # last "and" is the list's.
            if any(a < end and listed[0][0] < b for a, b in bodies):
                continue
            out = [m for m in out if not (m.kind == "collective" and m.span[0] < end and listed[0][0] < m.span[1])]
            out.extend(Mention((a, b), text[a:b], canon[a:b], "collective", None) for a, b in listed)
            continue
        # A group found by the word lists inside or across this subject is a worse reading of it.
        out = [m for m in out if not (m.kind == "collective" and m.span[0] < end and start < m.span[1])]
        out.extend(Mention((a, b), text[a:b], canon[a:b], "collective", None) for a, b in pieces)
    return sorted(out, key=lambda m: m.span)


# An item of a circular or advisory that opens on its doers and an infinitive, the telegraphic directive of
# administrative English: "2. Agents/owners/Masters to ensure …", "• All crafts to have …", "Vessels to keep …".
_EN_ITEM_INFINITIVE = re.compile(r"(?m)^[ \t]*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[•▪‣◦*\-–])?[ \t]*"
                                 r"([A-Z][A-Za-z/' -]{1,80}?)\s+to\s+(?!be\b)[a-z]{2,}")


def _en_item_infinitive_groups(text: str, canon: str, found: list[Mention]) -> list[Mention]:
    """The doers that open an item on an infinitive (each member of a list joined by / or "and")."""
    out = list(found)
    for match in _EN_ITEM_INFINITIVE.finditer(canon):
        start, end = match.span(1)
        if any(m.span[0] < end and start < m.span[1] for m in out):
            continue  # a body or group already read there
        pieces: list[Span] = []
        position = start
        for part in re.split(r"(/| and )", canon[start:end]):
            if part not in ("/", " and "):
                pieces.append((position, position + len(part)))
            position += len(part)
        spans = [(a + len(canon[a:b]) - len(canon[a:b].lstrip()), b - len(canon[a:b]) + len(canon[a:b].rstrip()))
                 for a, b in pieces]
        words = [canon[a:b].split() for a, b in spans]
        if not spans or not all(w and _en_subject_np(w) for w in words):
            continue
        out.extend(Mention((a, b), text[a:b], canon[a:b], "collective", None) for a, b in spans)
    return sorted(out, key=lambda m: m.span)


def _initials_of(found: list[Mention], acronym: str, position: int) -> Optional[str]:
    """The name of the body named before ``position`` whose capitalised words' initials spell ``acronym``."""
    for mention in reversed(found):
        if mention.kind != "body" or mention.span[1] > position:
            continue
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", mention.name) if w[0].isupper()]
        if len(words) >= 2 and "".join(w[0] for w in words) == acronym:
            return mention.name
    return None


def _named_before(found: list[Mention], head: str, position: int) -> bool:
    """A body named before ``position`` has ``head`` among its words (the antecedent of "the office")."""
    head = head.lower()
    return any(m.kind == "body" and m.span[1] <= position and head in m.name.lower().split() for m in found)


def _en_group_before_that(words: str) -> bool:
    """A group whose head can take a relative "that": a plural or a group noun ("Contractors that …"), not a
    singular noun after "the" that may be the subject of a verb of saying (The meeting requested that …)."""
    split = words.split()
    if not split or not _en_subject_np(split):
        return False
    head = split[-1].lower()
    return (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or head in _en_subject_words()["singular_heads"]


def _en_and_groups(canon: str, start: int, end: int) -> list[Span]:
    """Two plural groups joined by "and" or a slash are two (Kindergartens and primary schools), unless the modifier is both
    heads' (relevant departments and units) or an "of" phrase makes it unclear (owners of shops and tenants)."""
    # (with the singular nouns that name a group: management, the public, a sector, staff)
    joined = re.search(r"\b(\w+s|\w{2,}men|staff|personnel|people|management|public|sector|industry|community)"
                       r"( and |\s*/\s*)", canon[start:end])
    if joined and not re.search(r"\bof\b", canon[start:start + joined.start()]):
        cut, after = start + joined.end(1), start + joined.end(2)
        first, second = canon[start:cut].split(), canon[after:end].split()
        shared = len(first) > 1 and len([w for w in second if w not in ("at", "all", "levels", "concerned")]) == 1
        if not shared or "/" in joined.group(2):
            # (a slash offers each group as the one to act: "District Labour Officers / Plantation Inspectors must")
            return [(start, cut), (after, end)]
    return [(start, end)]


def _en_asyndetic_pair(canon: str, chunks: list[Span], last: Span) -> bool:
    """"District collectors, Municipal Commissioners have been directed to …": two plural groups with only a comma
    between them, neither opened by a preposition (not "In recent years, employers should …")."""
    if len(chunks) != 1:
        return False
    words = [canon[a:b].split() for a, b in (chunks[0], last)]
    return all(w and w[-1].endswith("s") and not w[-1].endswith("ss") and w[0].lower() not in _EN_PREPOSITIONS
               for w in words)


_EN_PREPOSITIONS = frozenset("in at on during over under after before since from by for with within among".split())


def _en_listed_groups(canon: str, start: int, end: int, starts: list[int]) -> list[Span]:
    """The groups of a comma list that ends in the subject start..end: "A, B and C should …" → A, B, C;
    [] when the words before are no such list. An introductory phrase before the list ("In addition,") ends it."""
    at = bisect.bisect_left(starts, start)
    chunks: list[Span] = []
    current = start
    while at > 0 and canon[current - 2:current] == ", " and start - starts[at - 1] <= 200:
        chunk = (starts[at - 1], current - 2)
        words = canon[chunk[0] + (4 if canon[chunk[0]:chunk[0] + 4].lower() == "the " else 0):chunk[1]].split()
        if not _en_subject_np(words):
            break
        chunks.insert(0, chunk)
        current = chunk[0]
        at -= 1
    if not chunks:
        return []
    if " and " not in canon[start:end] and not _en_asyndetic_pair(canon, chunks, (start, end)):
        return []  # "A, B, C should" with no conjunction: not a list of this form
    out = []
    for a, b in [*chunks, *_en_and_groups(canon, start, end)]:
        if canon[a:a + 4].lower() == "the ":
            a += 4
        if not _en_subject_np(canon[a:b].split()):
            return []
        out.append((a, b))
    return out


@lru_cache(maxsize=1)
def _en_directed_list() -> re.Pattern[str]:
    """A verb of directing, then a list of the people or bodies it directs, then what they are to do."""
    data = load_yaml("en/collectives.yaml")
    verbs = sorted(load_yaml("en/roles.yaml")["directed_by"], key=len, reverse=True)
    heads = sorted(data["directed_heads"], key=len, reverse=True)
    word = r"(?!(?:and|or|to|that|the|of|in|especially|including|such)\b)[a-z0-9][a-z0-9-]*"
    known = (rf"(?:(?:the|all|each|every) )?(?:{word} ){{0,3}}?(?:{_alternation(heads)})"
             rf"(?: (?:of|in) (?:the )?(?:{word} ){{0,3}}?{word})?(?: concerned)?")
    # Any other noun phrase is taken when it reads as a group (_en_subject_np): "registered gas installers".
    other = rf"(?:(?:the|all|each|every) )?(?:{word} ){{0,3}}?{word}(?: (?:of|in) (?:the )?(?:{word} ){{0,3}}?{word})?"
    phrase = rf"(?:{known}|{other})"
    # "urged enterprises, especially small- and medium-sized ones, to …": an appositive that singles some out
    insert = r"(?:, (?:especially|particularly|in particular|including|notably|such as) [^,;.:]{1,90}?)?"
    return re.compile(rf"\b(?:{_alternation(verbs)}) ({phrase}(?:(?:, and |, | and | or ){phrase}){{0,5}})"
                      rf"{insert},? (?:to|that (?:they|it) (?:should|must|shall|need to|have to|are to))\b")


_EN_LIST_JOINER = re.compile(r", and |, | and | or ")
_EN_DETERMINER_BEFORE = re.compile(r"\b(?:[Tt]his|[Tt]hat|[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Oo]ur|[Ee]ach|[Ee]very)\s+$")


def _en_directed_lists(text: str, canon: str) -> list[Mention]:
    """"reminds vessel owners, masters and persons-in-charge of vessels that they should…": each one named
    is given the work, a group of its own."""
    out = []
    for match in _en_directed_list().finditer(canon):
        if _EN_DETERMINER_BEFORE.search(canon, max(0, match.start() - 8), match.start()):
            continue  # "This order applies to …", "the request to …": a noun after its determiner, no verb
        start, members = match.start(1), []
        for piece in [*_EN_LIST_JOINER.finditer(canon, match.start(1), match.end(1)), None]:
            end = piece.start() if piece else match.end(1)
            members.append((start, end))
            if piece:
                start = piece.end()
        if not all(_en_subject_np(canon[a:b].split()) for a, b in members):
            continue  # "urged the public to", yes; "asked him to", "required the work to", no
        for begin, end in members:
            begin = begin + 4 if canon[begin:begin + 4].lower() == "the " else begin
            out.append(Mention((begin, end), text[begin:end], canon[begin:end], "collective", None))
    return out


@lru_cache(maxsize=1)
def _en_definite_head() -> re.Pattern[str]:
    heads = sorted({h.lower() for h in _en_rules().heads}, key=len, reverse=True)
    # lower case ("the ministry") or capitalised as releases write it ("The Department will also …")
    alternation = "|".join(heads + [h.capitalize() for h in heads])
    return re.compile(r"\b[Tt]he (" + alternation + r")\b(?! of\b)(?!['’]s)")


def _definite_references(text: str, canon: str, found: list[Mention], rules: _EnRules) -> list[Mention]:
    """"The ministry will also …": "the" and a lower-case organ head name the last body named with that head."""
    pattern = _en_definite_head()
    bodies = [m for m in found if m.kind == "body"]
    taken = [m.span for m in found]
    out = list(found)
    for match in pattern.finditer(canon):
        start, end = match.span(1)
        if any(a < end and start < b for a, b in taken):
            continue
        head = match.group(1).lower()
        # the head as written or in the canonical name ("the commission" after "… Work Safety Commission",
        # whose canonical name says Committee)
        earlier = [m for m in bodies if m.span[1] <= start
                   and head in re.findall(r"[a-z]+", f"{m.name} {m.text}".lower())]
        if earlier:
            body = earlier[-1]
            out.append(Mention((start, end), text[start:end], body.name, "body", body.level))
        elif match.group(1) == "Government":
            # "The Government will …" with no government named before: the government of the text's own place, as
            # the releases of a government write it
            out.append(Mention((start, end), text[start:end], "Government", "body", None))
    for match in _EN_BOTH_HEADS.finditer(canon):
        # "The two departments, together with …, will deploy staff": the last two different bodies named with
        # that head, each of them
        start, end = match.span()
        if any(a < end and start < b for a, b in (m.span for m in out if m.kind == "body")):
            continue
        head = match.group(1).lower()[:-1] if not match.group(1).lower().endswith("ies") else \
            match.group(1).lower()[:-3] + "y"
        names: list[Mention] = []
        for body in reversed([m for m in bodies if m.span[1] <= start]):
            if head in re.findall(r"[a-z]+", f"{body.name} {body.text}".lower()) \
                    and body.name not in [n.name for n in names]:
                names.append(body)
            if len(names) == 2:
                break
        if len(names) == 2:
            # (the subject grammar's reading of them as a group of their own is a worse one)
            out = [m for m in out if not (m.kind == "collective" and m.span[0] < end and start < m.span[1])]
            out.extend(Mention((start, end), text[start:end], body.name, "body", body.level)
                       for body in reversed(names))
    for match in _EN_THE_AGENCIES.finditer(canon):
        # "… directs the FDNY and the HPD to act. The agencies will also …": a plural of kind, as the subject of the
        # next sentence, names the bodies the sentence before listed (two or more), each of them
        start, end = match.span(1)
        if any(a < end and start < b for a, b in (m.span for m in out if m.kind == "body")):
            continue
        # The nearest of the three sentences before that names two bodies or more ("… between FDNY and HPD
        # inspectors. The order will increase coordination between the agencies. The agencies will also …").
        sentence_start = max(canon.rfind(mark, 0, start - 2) for mark in ".!?\n") + 1
        listed: list[Mention] = []
        for _ in range(_EN_PLURAL_LOOKBACK):
            if sentence_start <= 1:
                break
            previous_start = max(canon.rfind(mark, 0, max(0, sentence_start - 2)) for mark in ".!?\n") + 1
            listed = []
            for body in bodies:
                if previous_start <= body.span[0] and body.span[1] <= sentence_start \
                        and body.name not in [n.name for n in listed]:
                    listed.append(body)
            if len(listed) >= 2:
                break
            sentence_start = previous_start
        if len(listed) >= 2:
            out = [m for m in out if not (m.kind == "collective" and m.span[0] < end and start < m.span[1])]
            out.extend(Mention((start, end), text[start:end], body.name, "body", body.level) for body in listed)
    return sorted(out, key=lambda m: m.span)


# How many sentences back "The agencies" looks for the bodies it names.
_EN_PLURAL_LOOKBACK = 3
# A sentence that opens with "The agencies" (a plural of kind) and its verb.
_EN_THE_AGENCIES = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))The (agencies|departments|ministries|bureaus|authorities"
                              r"|offices|bodies|organisations|organizations)(?= (?:will|shall|must|should|would|are|have|need))")
_EN_BOTH_HEADS = re.compile(r"\b(?:[Tt]he two|[Bb]oth(?: the)?) (departments|bureaus|bureaux|ministries|agencies|authorities|"
                            r"offices|commissions|councils|administrations)\b")


# "the Work Safety Committee under the State Council": one body, named with the body it belongs to.
_EN_UNDER = re.compile(r"\s+under\s+(?:the\s+|China's\s+|China’s\s+)?")
# "State Administration of Work Safety (SAWS)": the acronym a text defines for a body.
_EN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def _joined_under(text: str, canon: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for mention in sorted(found, key=lambda m: m.span):
        previous = out[-1] if out else None
        if (previous is not None and previous.kind == mention.kind == "body"
                and _EN_UNDER.fullmatch(canon, previous.span[1], mention.span[0])):
            start, end = previous.span[0], mention.span[1]
            out[-1] = Mention((start, end), text[start:end], canon[start:end], "body", mention.level)
            continue
        out.append(mention)
    return out


# "China State Railway Group Co., Ltd.": the legal form after a company's name belongs to it.
_EN_LEGAL_FORM = re.compile(r"(?:\s+Co\.,?\s*Ltd\.?|\s+Co\.|,?\s+Ltd\.?|\s+Limited\b|,?\s+Inc\.?)")
_EN_COMPANY_HEADS = ("Group", "Company", "Corporation", "Factory", "Plant")


# "Hengda Gas Co., Ltd.", "Sinopec Corp.": capitalised words closed by a legal form name a company, head noun or not.
_EN_COMPANY = re.compile(r"\b((?:[A-Z][A-Za-z0-9&'-]*\s+){1,6}?)(?:Co\.,?\s*Ltd\.?|Co\.|Corp\.|Inc\.|Ltd\.|Limited\b|LLC\b|plc\b)")


def _en_companies(text: str, canon: str, rules: _EnRules) -> list[Mention]:
    out = []
    for match in _EN_COMPANY.finditer(canon):
        start, end = match.span()
        words = match.group(1).split()
        while words and words[0] in rules.not_name_words:
            start = canon.index(words[1], start) if len(words) > 1 else end
            words = words[1:]  # "The Hengda Gas Co., Ltd.": "The" is no part of the name
        if words and not all(w in rules.not_name_words for w in words):
            out.append(Mention((start, end), text[start:end], canon[start:end], "body", "enterprise"))
    return out


def _with_legal_forms(text: str, canon: str, found: list[Mention]) -> list[Mention]:
    out = []
    for mention in found:
        form = _EN_LEGAL_FORM.match(canon, mention.span[1]) if (
            mention.kind == "body" and canon[:mention.span[1]].endswith(_EN_COMPANY_HEADS)) else None
        if form:
            start, end = mention.span[0], form.end()
            mention = Mention((start, end), text[start:end], canon[start:end], "body", mention.level)
        out.append(mention)
    return out


# "the Department of Labor's Occupational Safety and Health Administration", "China's Ministry of …": the owner
# before the possessive is a name of its own (or a country); the body is the name after it.
_EN_POSSESSIVE = re.compile(r"(?<!People)['’]s (?=[A-Z])")


def _without_owner(text: str, canon: str, found: list[Mention]) -> list[Mention]:
    out = []
    for mention in found:
        cut = None
        if mention.kind == "body":
            for cut in _EN_POSSESSIVE.finditer(canon, mention.span[0], mention.span[1]):
                pass
        owner = re.search(r"\bof (?:the )?([A-Z][\w-]*)$", canon[mention.span[0]:cut.start()]) if cut else None
        if owner and owner.group(1) in _en_rules().levels:
            # "Work Safety Committee of China's State Council": a country's organ inside an of-phrase is the name's
            # (the Department of Labor's OSHA is OSHA: a body's own agency)
            cut = None
        if cut is not None and mention.span[1] - cut.end() >= 8:
            start, end = cut.end(), mention.span[1]
            mention = Mention((start, end), text[start:end], canon[start:end], "body", mention.level)
        out.append(mention)
    return out


def _with_acronyms(text: str, canon: str, found: list[Mention]) -> list[Mention]:
    """A body followed by its acronym takes it in, and its name is written with it (the fullest form the text
    uses: "Fire Services Department (FSD)"); the acronym alone later names the same body."""
    out: list[Mention] = []
    defined: dict[str, Mention] = {}
    for mention in found:
        match = _EN_ACRONYM.match(canon, mention.span[1]) if mention.kind == "body" else None
        if match:
            start, end = mention.span[0], match.end()
            mention = Mention((start, end), text[start:end], f"{mention.name} ({match.group(1)})", "body",
                              mention.level)
            defined.setdefault(match.group(1), mention)
        out.append(mention)
    if defined:
        taken = [m.span for m in out]
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in defined) + r")\b")
        for match in pattern.finditer(canon):
            if not any(a <= match.start() < b for a, b in taken):
                body = defined[match.group()]
                out.append(Mention(match.span(), text[match.start():match.end()], body.name, "body", body.level))
    return sorted(out, key=lambda m: m.span)


# Words that never stand inside a lower-case organ name: they end the phrase before it.
_EN_LOWER_STOPS = frozenset("""a an and or but to shall must will should may can is are be been was were the of for in on
at by with from as that which who this these those all each every its their his her our other""".split())


@lru_cache(maxsize=1)
def _en_lower_names() -> re.Pattern[str]:
    rules = _en_rules()
    levels = sorted({w.lower() for w in rules.levels if " " not in w and w not in ("China", "Chinese")}, key=len,
                    reverse=True)
    heads = sorted({h.lower() for h in rules.heads if h not in ("Group", "Union", "Unions", "League", "Team")},
                   key=len, reverse=True)
    stops = "|".join(sorted(_EN_LOWER_STOPS, key=len, reverse=True))
    word = rf"(?!(?:{stops})\b)[a-z][a-z-]+"
    core = rf"(?: {word}| and(?= {word})){{1,5}}?"  # "housing and urban-rural development"
    tail = rf" of(?: {word}| and(?= {word})){{1,4}}"  # "department of water resources"
    head = rf"(?:{'|'.join(heads)})(?!s\b)"
    # A core before the head, or a tail after it: a bare "county government" may mean any county's.
    return re.compile(rf"\b(?:{'|'.join(levels)})(?:{core} {head}(?:{tail})?| {head}{tail})\b")


# ---------------------------------------------------------------- shared
@lru_cache(maxsize=2)
def _gazetteer(language: str) -> tuple[Optional[re.Pattern[str]], dict[str, str]]:
    """The names of real task tables (models/<lang>/gazetteer.yaml, corpus/tools/mine_gazetteer.py): form -> name.

    Only the forms the name grammar does not read whole (``lookup``) are looked up; the grammar finds the rest.
    """
    bodies = load_yaml(f"{language}/gazetteer.yaml").get("bodies") or {}
    forms = {form: name for name, entry in bodies.items() for form in entry.get("lookup", entry["forms"])}
    if not forms:
        return None, {}
    boundary = r"\b" if language == "en" else ""
    return re.compile(boundary + "(?:" + _alternation(list(forms)) + ")" + boundary), forms


def _gazetteer_mentions(text: str, canon: str, language: str) -> list[Mention]:
    pattern, forms = _gazetteer(language)
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(canon):
        name = forms[match.group()]
        level = _zh_level(name, _zh_rules()) if language == "zh" else _en_level(name, _en_rules())
        out.append(Mention(match.span(), text[match.start():match.end()], name, "body", level))
    return out


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the longest mention where several overlap (a gazetteer hit wins a tie)."""
    found.sort(key=lambda m: (-(m.span[1] - m.span[0]), m.span[0]))
    kept: list[Mention] = []
    starts: list[int] = []  # the kept spans are disjoint: sorted by start, their ends are sorted too
    ends: list[int] = []
    for mention in found:
        start, end = mention.span
        at = bisect.bisect_left(starts, end)
        if at and ends[at - 1] > start:
            continue  # the kept span starting last before this one's end overlaps it
        kept.append(mention)
        starts.insert(at, start)
        ends.insert(at, end)
    kept.sort(key=lambda m: m.span[0])
    return kept


_STARTS: dict[int, tuple[list[Mention], list[int]]] = {}


def mentions_within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions lying wholly inside ``[start, end)``, found by bisection (mentions are in text order).

    Called once per task: a linear scan each time made long plans quadratic. The start offsets are
    computed once per list (the cache holds the list, so its id cannot be reused); the list must not be
    reordered after the first call, which the pipeline guarantees (mentions are complete and sorted
    before tasks and roles are found).
    """
    cached = _STARTS.get(id(mentions))
    if (cached is None or cached[0] is not mentions or len(cached[1]) != len(mentions)
            or (mentions and (cached[1][0], cached[1][-1]) != (mentions[0].span[0], mentions[-1].span[0]))):
        starts = [m.span[0] for m in mentions]
        if any(a > b for a, b in zip(starts, starts[1:])):
            return [m for m in mentions if start <= m.span[0] and m.span[1] <= end]
        if len(_STARTS) > 64:
            _STARTS.clear()
        _STARTS[id(mentions)] = cached = (mentions, starts)
    out = []
    for index in range(bisect.bisect_left(cached[1], start), len(mentions)):
        mention = mentions[index]
        if mention.span[0] >= end:
            break
        if mention.span[1] <= end:
            out.append(mention)
    return out


def find_mentions(text: str, *, canon: str, language: str, tokenizer: Optional[Tokenizer] = None,
                  gazetteer: bool = True) -> list[Mention]:
    """Every department and collective mention, in text order, non-overlapping.

    ``tokenizer`` gives the words between two offsets (see :func:`safetydocs.analysis.word_tokens`);
    by default a short window before each organ name is segmented with jieba.
    ``gazetteer=False``: the name grammar alone, without the names mined from tables (which the miner,
    corpus/tools/mine_gazetteer.py, asks of it).
    """
    if language == "zh":
        return _zh_mentions(text, canon, tokenizer or _jieba_window(canon), gazetteer=gazetteer)
    return _en_mentions(text, canon, gazetteer=gazetteer)


def alias_name(name: str, *, language: str) -> str:
    """The canonical name the parser's alias table gives ``name`` (itself when it has none).

    市住建局 → 市住房和城乡建设局, 应急部 → 应急管理部, "MEM" → "Ministry of Emergency
    Management". Only the table: no place is added and no coreference is made.
    """
    canon = canonical(name.strip())
    if language == "en":
        return _en_rules().names.get(canon.lower(), canon)
    rules = _zh_rules()
    # The place written before the organ stays as written: 市住建局 = 市 + 住建局.
    for cut in range(len(canon) - 1):
        organ = _zh_canonical_name(canon[cut:], rules, placed=cut > 0)
        if organ != canon[cut:]:
            return canon[:cut] + organ
    return canon


def resolve_coreference(mentions: list[Mention], *, canon: str = "") -> None:
    """Give one name to the mentions of one body, in place.

    A short place refers to the one body written in full elsewhere with the
    same organ: 市应急局 → 兰州市应急管理局, 区安委办 → 上海市嘉定区安全生产委员会办公室,
    消防救援大队 → 县消防救援大队. Where two full forms would fit, the short one
    is left alone rather than guessed. ``canon`` (the canonical text) lets an English group's bare head made
    definite ("the collectors") refer to the group named before ("all district collectors").
    """
    groups: dict[str, list[Mention]] = {}  # by key, in the order first written
    for mention in mentions:
        if mention.kind == "collective":
            # "All regions" and "all regions", "all member units of X" and "member units of X"
            # are one collective.
            key = _collective_key(mention.name)
            if key not in groups and key.isascii() and " " not in key \
                    and canon[max(0, mention.span[0] - 4):mention.span[0]].lower() == "the ":
                # "the collectors" after "all district collectors": the bare head of a group named before, made
                # definite, is that group (the last one with that head); "authorities" alone is any authority
                fuller = [k for k in groups if k.endswith(" " + key)]
                if fuller:
                    key = fuller[-1]
            groups.setdefault(key, []).append(mention)
    for members in groups.values():
        # one group written two ways ("members", "all members") is named in its fullest form, as an
        # annotator names it (corpus/dev/SCHEMA.md: "if the text uses two forms, pick the fullest")
        fullest = max((m.name for m in members), key=len)
        for mention in members:
            mention.name = fullest
    by_organ: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.kind == "body" and mention.organ:
            by_organ.setdefault(mention.organ, set()).add(mention.place)
    for mention in mentions:
        if mention.kind != "body" or not mention.organ:
            continue
        fuller = {p for p in by_organ[mention.organ] if len(p) > len(mention.place) and p.endswith(mention.place)}
        # Keep only the longest of nested candidates (上海市嘉定区 over 嘉定区).
        fuller = {p for p in fuller if not any(q != p and q.endswith(p) for q in fuller)}
        if len(fuller) == 1:
            mention.place = fuller.pop()
            mention.name = mention.place + mention.organ
    # English: "the Municipal Work Safety Committee" is the one "Xianning Municipal Work Safety Committee".
    names = {m.name for m in mentions if m.kind == "body" and not m.organ}
    for mention in mentions:
        if mention.kind != "body" or mention.organ or not mention.name[:1].isupper():
            continue
        fuller = {n for n in names if n.endswith(" " + mention.name) and n[: -len(mention.name) - 1].istitle()}
        fuller = {n for n in fuller if not any(o != n and o.endswith(" " + n) for o in fuller)}
        if len(fuller) == 1:
            mention.name = fuller.pop()


def apply_learned_aliases(mentions: list[Mention], *, language: str) -> None:
    """Name each mention whose name reviewers merged into another by that other name (models/<lang>/aliases.yaml)."""
    learned = (load_yaml(f"{language}/aliases.yaml") or {}).get("learned") or {}
    if not learned:
        return
    for mention in mentions:
        mention.name = learned.get(mention.name, mention.name)


# 县教育局、卫生局等行业主管部门: the group after 等 sums up the names before it, one list with them.
_ZH_LIST_GAP = re.compile(r"^(?:[、,和及与以及]*|等)$")
_ZH_ALIAS_OPENING = re.compile(r"[(〔](?:以下)?简称")
_ZH_ALIAS_CLOSING = re.compile(r"[)〕]")
_EN_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|as well as|the|/)\s*)*$", re.IGNORECASE)  # "owners/agents": a slash lists too


def group_lists(canon: str, mentions: list[Mention], language: str) -> list[list[Mention]]:
    """Mentions written as one list (市应急局、市公安局和市交通运输局 / "A, B and the C")."""
    gap = _ZH_LIST_GAP if language == "zh" else _EN_LIST_GAP
    groups: list[list[Mention]] = []
    after_alias = 0  # where the bracket of a short name defined inside a list closes
    for mention in mentions:
        between = canon[max(groups[-1][-1].span[1], after_alias):mention.span[0]] if groups else ""
        if language == "zh" and groups and _ZH_ALIAS_OPENING.fullmatch(between):
            # 省涉海涉渔安全专业委员会办公室〔以下简称省涉海涉渔专委办〕、省交通运输厅: the short name defined in the
            # brackets is the member's own, and the list goes on after them
            close = _ZH_ALIAS_CLOSING.match(canon, mention.span[1])
            if close:
                after_alias = close.end()
                continue
        # A comma joins a list only of one kind: in "…of the Provincial Party Committee, all
        # regions must act" it ends an introductory phrase instead.
        if groups and gap.match(between) and ("," not in between or groups[-1][-1].kind == mention.kind):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


_ADDRESSEE_LINE = re.compile(r"^[^。;!?\n]{2,300}:\s*$")
_ADDRESS_THEN_COVER = re.compile(r"^([^。;!?:\n]{2,300}):\s*(?=现将|现就|为(?![^,。]{0,3}[:])|根据|按照|经[省市县区]|近期|近日|今年|当前|据)")
_DOCUMENT_NUMBER = re.compile(r"[〔\[(（]\s*\d{4}\s*[〕\])）]\s*第?\s*\d+\s*号")
# The number of an article, chapter or section of a regulation (第四条, 第二章): a line it opens is the
# article's text, not an address, whatever colon ends it (第四条 市消防安全委员会应当履行下列职责：).
_ARTICLE_NUMBER = re.compile(r"\s*第[一二三四五六七八九十百零〇0-9]+[条章节款]")
# An address comes before the body: within the first lines, or a web page's header lines before it.
_ADDRESS_MAX_LINES = 30
_ADDRESS_MAX_OFFSET = 1500


def _en_address_groups(text: str, canon: str, line_start: int, line_end: int,
                       inside: list[Mention]) -> list[Mention]:
    """"Departments, branches and project departments:": an address line that lists groups by name (each item
    ending in a word for a group of people or units, models/en/collectives.yaml directed_heads) or bodies
    already found. At least two items, so that a heading ("Key units:") is never taken for an address."""
    heads = frozenset(w.lower() for w in load_yaml("en/collectives.yaml")["directed_heads"])
    body = canon[line_start:line_end].rstrip().rstrip(":")
    offset = line_start + (3 if body.startswith("To ") else 0)
    items = [m for m in re.finditer(r"[^,]+?(?=,\s*|\s+and\s+|$)", canon[offset:line_start + len(body)])
             if m.group().strip() and m.group().strip() != "and"]
    if len(items) < 2:
        return []
    out = []
    for item in items:
        start = offset + item.start() + len(item.group()) - len(item.group().lstrip())
        start += len(re.match(r"(?:and\s+)?(?:the\s+|all\s+)?", canon[start:], re.IGNORECASE).group())
        end = offset + item.end()
        known = [m for m in inside if m.span[0] < end and start < m.span[1]]
        if known:
            out.extend(known)
            continue
        words = canon[start:end].split()
        if not words or words[-1].lower() not in heads or not _en_subject_np(words):
            return []
        out.append(Mention((start, end), text[start:end], canon[start:end], "collective", None))
    unique = {m.span: m for m in out}
    return sorted(unique.values(), key=lambda m: m.span[0])


def _address_items(canon: str, line_start: int, line_end: int) -> list[Span]:
    """The items of an address line: each runs to the next comma or 、 outside brackets (各县（市、区）人民政府 is
    one item), and a list of levels shares the organ that ends it (各省、自治区、直辖市人民政府 and
    各市、省直管县人民政府安委会办公室 are one item each: 各省 alone addresses no body)."""
    items: list[Span] = []
    pending: Optional[int] = None
    for chunk in re.finditer(r"(?:[^,、:\s(]|\([^()\n]*\))+", canon[line_start:line_end]):
        start = line_start + chunk.start() if pending is None else pending
        after = line_start + chunk.end()
        levels_only, level_opening = _zh_level_patterns()
        if (levels_only.match(chunk.group()) and canon[after:after + 1] == "、"
                and level_opening.match(canon, after + 1)):
            pending = start
            continue
        pending = None
        items.append((start, line_start + chunk.end()))
    return items


# 各省 / 自治区 / 各市(州) / 各产煤省: a level, bare or after 各 and a qualifier of two characters at most (not
# 青石县, a place), and no organ; the list goes on only while the next item opens with a level (各县市区、功能区…
# is two items).
# The level words are those of models/zh/departments.yaml (each_levels, place_suffixes).
@lru_cache(maxsize=1)
def _zh_level_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_yaml("zh/departments.yaml")
    level = "(?:" + _alternation(data["each_levels"] + data["place_suffixes"]) + ")"
    only = re.compile(rf"^(?:各[\u4e00-\u9fff]{{0,2}}?)?{level}+(?:\([\u4e00-\u9fff、]{{1,8}}\))?$")
    return only, re.compile(level)


def _widen_to_item(text: str, canon: str, mentions: list[Mention], inside: list[Mention],
                   start: int, end: int) -> None:
    """An address item is one addressee: a name found inside it that the item extends, to an organ suffix or
    a word for a group (司法部 in 司法部直属煤矿管理局, 各村 in 各村委会, 行业管理部门 in 煤炭行业管理部门), is
    widened to the whole item. An item with two names, with 及 / 和 between names (本钢、北钢及有关企业), or that
    ends in other words, is left as found."""
    found = sorted((m for m in inside if start <= m.span[0] and m.span[1] <= end), key=lambda m: m.span[0])
    # 各市 of 各市、省直管县…: a level of the item's list, not a name of its own
    named = [m for m in found if not _zh_level_patterns()[0].match(canon[m.span[0]:m.span[1]])]
    owned = (len(named) == 2 and named[0].kind == "body" and named[0].span[1] == named[1].span[0]
             and _zh_group_name(named[1].name))  # 省政府|有关部门: a body's own group
    if len(named) > 1 and not owned or (found[0].span == (start, end) and len(found) == 1) or end - start > 40:
        return
    last = named[-1] if named else found[-1]  # 各市(州)、县(市、区)人民政府: levels and an organ no rule found
    item = canon[start:end]
    levels_list = "、" in re.sub(r"\([^()]*\)", "", item)  # 各省、自治区、直辖市及新疆生产建设兵团…: 及 joins places
    if not _zh_address_item_end().search(item) or (
            not levels_list and re.search(r"[及和与]", item.replace(last.name, ""))):
        return
    kind = "collective" if last.kind == "collective" or _zh_group_name(item) else last.kind
    widened = Mention((start, end), text[start:end], item, kind, last.level)
    for group in (mentions, inside):
        group[group.index(found[0])] = widened
        for old in found[1:]:
            group.remove(old)


@lru_cache(maxsize=1)
def _zh_address_item_end() -> re.Pattern[str]:
    rules = load_yaml("zh/departments.yaml")
    heads = load_yaml("zh/collectives.yaml")["address_heads"]
    words = rules["suffixes"] + rules["unit_suffixes"] + rules["open_suffixes"] + rules["enterprise_suffixes"] + heads
    return re.compile("(?:" + _alternation(words) + ")$")


def _zh_group_name(name: str) -> bool:
    """各村委会, 有关中央企业, 煤炭行业管理部门: a name that opens with a distributive word or ends in a word for
    many units names a group, not one body."""
    return name.startswith(("各", "有关", "相关")) or name.endswith(("部门", "单位", "企业", "机构"))


def find_addressees(text: str, canon: str, mentions: list[Mention], *, language: str) -> list[Mention]:
    """The bodies a notice is addressed to (各县区应急局，高新区安监局，…：), in place.

    Within the first lines, a line ending in a colon and made of mentions and
    short names separated by commas is the address. A name there that no rule
    knows (嘉定新城) is still a body: the notice addresses it. The new mentions are
    added to ``mentions``; the addressee mentions are returned.
    """
    for line_number, match in enumerate(re.finditer(r"[^\n]+", canon)):
        if line_number >= _ADDRESS_MAX_LINES or match.start() > _ADDRESS_MAX_OFFSET:
            break
        line_start, line_end = match.span()
        if language == "zh" and _ARTICLE_NUMBER.match(match.group()):
            continue
        if not _ADDRESSEE_LINE.match(match.group()):
            # "各镇(街道),市安委会各成员单位: 现将《…》印发给你们": a page that ran the address into the cover
            inline = _ADDRESS_THEN_COVER.match(match.group()) if language == "zh" else None
            if inline is None:
                continue
            line_end = line_start + inline.end(1) + 1
        inside = [m for m in mentions if line_start <= m.span[0] and m.span[1] <= line_end]
        if language == "en":
            # "To the people's governments of all townships, all county departments:": the
            # recognised names are the address; English words are not chunks of their own.
            if inside and sum(m.span[1] - m.span[0] for m in inside) * 2 >= line_end - line_start - 5:
                mentions.sort(key=lambda m: m.span[0])
                return sorted(inside, key=lambda m: m.span[0])
            groups = _en_address_groups(text, canon, line_start, line_end, inside)
            if groups:
                mentions.extend(m for m in groups if m not in inside)
                mentions.sort(key=lambda m: m.span[0])
                return groups
            continue
        items = _address_items(canon, line_start, line_end)
        covered = [(start, end) for start, end in items
                   if any(m.span[0] < end and start < m.span[1] for m in inside)]
        if not inside or len(covered) * 2 < len(items):
            continue  # "现将有关事项通知如下：" is no address
        for start, end in items:
            if (start, end) in covered:
                _widen_to_item(text, canon, mentions, inside, start, end)
                continue
            if not 2 <= end - start <= 15 or _DOCUMENT_NUMBER.search(canon, start, end):
                continue  # 甘建质〔2025〕44号 before the address, on the line a web page ran together
            kind = "collective" if _zh_group_name(canon[start:end]) else "body"
            mention = Mention((start, end), text[start:end], canon[start:end], kind, None)
            mentions.append(mention)
            inside.append(mention)
        mentions.sort(key=lambda m: m.span[0])
        return sorted(inside, key=lambda m: m.span[0])
    return []


def _collective_key(name: str) -> str:
    key = name.lower()
    prefixes = _en_rules().name_prefixes if key.isascii() else ()
    for prefix in prefixes:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1:]
    return key


# "State Administration of Work Safety (SAWS)" and "State Administration of Work Safety": one body, the one name
# written with the acronym the text defines for it.
_EN_NAMED_ACRONYM = re.compile(r" \([A-Z][A-Za-z&]{1,9}\)$")


def _group_key(mention: Mention) -> tuple[str, str]:
    if mention.kind == "collective":
        return (mention.kind, _collective_key(mention.name))
    return (mention.kind, _EN_NAMED_ACRONYM.sub("", mention.name))


def group_departments(mentions: list[Mention]) -> list[Department]:
    """One :class:`Department` per canonical name, in order of first mention."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(_group_key(mention), []).append(mention)
    departments = []
    for (kind, _), items in groups.items():
        name = next((m.name for m in items if _EN_NAMED_ACRONYM.search(m.name)), items[0].name)
        mentions_text: list[str] = []
        for item in items:
            if item.text not in mentions_text:
                mentions_text.append(item.text)
        departments.append(
            Department(
                id=stable_id("dept", kind, name),
                name=name,
                mentions=mentions_text,
                spans=[m.span for m in items],
                level=next((m.level for m in items if m.level), None),
                kind=kind,  # type: ignore[arg-type]
                confidence=0.9 if kind == "body" else 0.75,
            )
        )
    return departments
