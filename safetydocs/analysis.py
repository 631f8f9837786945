"""The words of a text, and the mentions of bodies found over them.

:func:`analyse` is what the extractors read. Chinese is analysed without spaCy: jieba's words (spaCy's
Chinese tokenizer is jieba too), the department rules over them, and the words split where a mention begins
or ends, without spaCy's import (0.7 s) or its Doc. English goes through ``spacy.blank("en")``, whose
tokenizer the English rules and classifier were built on (:func:`pipeline`: the blank pipelines, built once per
process). safetydocs' own spaCy pipeline, with a component per stage, is :func:`safetydocs.nlp`. No model
download is ever needed; jieba and spaCy are imported here, lazily, so ``import safetydocs`` stays light.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

SOURCE_TEXT = "safetydocs.text"  # user_data key: the original text when the Doc holds its canonical form
CANONICAL_TEXT = "safetydocs.canonical"  # user_data key: the Doc's own text, known before tokenisation
MENTIONS = "safetydocs.mentions"  # user_data key: the exact character mentions (extract.departments.Mention)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def _jieba():
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ImportError("Chinese text needs jieba: pip install jieba") from exc
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def segment(text: str) -> list[str]:
    """jieba's precise-mode words of ``text``."""
    return _jieba().lcut(text)


def tag(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their part-of-speech flags (ICTCLAS tag set: n, ns, nr, v, p...):
    ``jieba.posseg.lcut(text)``, word for word and flag for flag.

    Used on short candidate names only. Importing ``jieba.posseg`` reads the whole dictionary into a table of
    flags and builds its hidden Markov model from 5 MB of Python source: 1.3 s, most of a cold start, for a
    few names. So, unless something has imported it already or added words of its own to jieba, the same
    steps run here on jieba's own word graph, with the flags from :func:`_dictionary_flags` and the model
    from the tagger's pickled tables, read only when a run of characters jieba does not know needs it.
    """
    import sys

    jieba = _jieba()
    tagger = sys.modules.get("jieba.posseg")
    if tagger is None and jieba.dt.user_word_tag_tab:
        import jieba.posseg as tagger  # words a caller added, with flags only the tagger's table follows
    if tagger is not None:
        return [(pair.word, pair.flag) for pair in tagger.lcut(text)]
    return list(_tag_blocks(text, jieba.dt, _dictionary_flags()))


def load_tagger() -> None:
    """Load the flag table :func:`tag` reads now, once: a process that parses many documents, or forks workers
    that do, pays for it at start-up and not in a document's time. The hidden Markov model (20 MiB, 0.2 s) waits
    for the first name jieba does not know: many archives never have one."""
    _dictionary_flags()


# The tagger's own patterns (jieba/posseg/__init__.py): its blocks, the parts of an unknown run, digits, letters.
_TAG_HAN = r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)"
_TAG_SKIP = r"(\r\n|\s)"
_TAG_HAN_DETAIL = r"([\u4E00-\u9FD5]+)"
_TAG_SKIP_DETAIL = r"([\.0-9]+|[a-zA-Z0-9]+)"
_TAG_ENG = r"[a-zA-Z0-9]+"
_TAG_NUM = r"[\.0-9]+"


@lru_cache(maxsize=1)
def _tag_patterns() -> tuple[Any, ...]:
    import re

    return tuple(re.compile(pattern) for pattern in (_TAG_HAN, _TAG_SKIP, _TAG_HAN_DETAIL, _TAG_SKIP_DETAIL,
                                                      _TAG_ENG, _TAG_NUM))


def _tag_blocks(text: str, tokenizer: Any, flag_of: Callable[[str], Optional[str]]) -> Iterable[tuple[str, str]]:
    """``POSTokenizer.__cut_internal`` with HMM: blocks of Chinese, letters and digits through the word graph,
    every other character a word of its own (digits "m", letters "eng", the rest and white space "x")."""
    han, skip, _, _, eng, num = _tag_patterns()
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            yield from _tag_graph(block, tokenizer, flag_of)
            continue
        for part in skip.split(block):
            if skip.match(part):
                yield part, "x"
                continue
            for ch in part:
                yield ch, "m" if num.match(ch) else "eng" if eng.match(part) else "x"


def _tag_graph(block: str, tokenizer: Any, flag_of: Callable[[str], Optional[str]]) -> Iterable[tuple[str, str]]:
    """``POSTokenizer.__cut_DAG``: jieba's most probable route; runs of single characters that together are no
    dictionary word go to the hidden Markov model, others stay single characters."""
    graph = tokenizer.get_DAG(block)
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(block, graph, route)

    def flush(run: str) -> Iterable[tuple[str, str]]:
        if len(run) == 1:
            yield run, flag_of(run) or "x"
        elif not tokenizer.FREQ.get(run):
            yield from _tag_unknown(run)
        else:
            for ch in run:
                yield ch, flag_of(ch) or "x"

    position, run = 0, ""
    while position < len(block):
        end = route[position][1] + 1
        word = block[position:end]
        if end - position == 1:
            run += word
        else:
            if run:
                yield from flush(run)
                run = ""
            yield word, flag_of(word) or "x"
        position = end
    if run:
        yield from flush(run)


def _tag_unknown(run: str) -> Iterable[tuple[str, str]]:
    """``POSTokenizer.__cut_detail``: Chinese parts by the hidden Markov model, digits "m", letters "eng"."""
    _, _, han, skip, eng, num = _tag_patterns()
    for block in han.split(run):
        if han.match(block):
            yield from _tag_hmm(block)
            continue
        for part in skip.split(block):
            if part:
                yield part, "m" if num.match(part) else "eng" if eng.match(part) else "x"


def _tag_hmm(block: str) -> Iterable[tuple[str, str]]:
    """``POSTokenizer.__cut``: the Viterbi path over (B, M, E, S) x flag states gives words and their flags."""
    viterbi, states, start, transitions, emissions = _hmm_model()
    _, path = viterbi(block, states, start, transitions, emissions)
    begin = following = 0
    for index, ch in enumerate(block):
        position, flag = path[index]
        if position == "B":
            begin = index
        elif position == "E":
            yield block[begin:index + 1], flag
            following = index + 1
        elif position == "S":
            yield ch, flag
            following = index + 1
    if following < len(block):
        yield block[following:], path[following][1]


@lru_cache(maxsize=1)
def _hmm_model() -> tuple[Any, ...]:
    """The tagger's Viterbi function and tables, read from its own files without importing ``jieba.posseg``
    (whose import builds the dictionary's flag table): the pickles jieba ships beside the Python tables, which
    hold the same data and load in a fifth of the time."""
    import importlib.util
    import os
    import pickle

    jieba = _jieba()
    folder = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), "posseg")
    spec = importlib.util.spec_from_file_location("safetydocs._jieba_viterbi", os.path.join(folder, "viterbi.py"))
    if spec is None or spec.loader is None:  # pragma: no cover - jieba's own file
        raise ImportError(f"no tagger in {folder}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    tables = []
    for name in ("char_state_tab.p", "prob_start.p", "prob_trans.p", "prob_emit.p"):
        with open(os.path.join(folder, name), "rb") as handle:
            tables.append(pickle.load(handle))  # jieba's own package data, as its tagger loads it on Jython
    return (module.viterbi, *tables)


def leading_tags(text: str, *, words: int = 4) -> list[tuple[str, str]]:
    """The first ``words`` words of ``text`` with jieba's dictionary part-of-speech flags, by longest match in
    jieba's dictionary (a character it lacks is a word of flag "x"): a lookup, not a segmentation, for the few
    words after a name."""
    flag_of = _dictionary_flags()
    out: list[tuple[str, str]] = []
    position = 0
    while position < len(text) and len(out) < words:
        for length in range(min(6, len(text) - position), 0, -1):
            word = text[position:position + length]
            flag = flag_of(word)
            if flag is not None or length == 1:
                out.append((word, flag if flag is not None else "x"))
                position += length
                break
    return out


def _dictionary_flags() -> Callable[[str], Optional[str]]:
    """A word's part-of-speech flag in jieba's dictionary, or None.

    jieba's tagger (``jieba.posseg``) reads the whole dictionary into a table when it is imported: half a
    second and 54 MB, which most notices never need beyond these few lookups. Until something imports the
    tagger, the flags come from a sorted copy of the table on disk, made once (see :class:`_FlagFile`).
    """
    import sys

    tagger = sys.modules.get("jieba.posseg")
    if tagger is not None:
        return tagger.dt.word_tag_tab.get
    flags = _flag_file()
    if flags is None:  # no place to keep the copy: the tagger's own table
        _jieba()
        import jieba.posseg

        return jieba.posseg.dt.word_tag_tab.get
    return flags.get


class _FlagFile:
    """jieba's dictionary flags as a sorted file, searched in place (memory-mapped, binary search).

    The file holds the number of words, each word's offset (4 bytes), then ``word\tflag`` records sorted by
    their UTF-8 bytes. It is read as jieba's tagger reads the dictionary (the last line of a word wins).
    """

    def __init__(self, path: str) -> None:
        import mmap

        with open(path, "rb") as handle:
            self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._count = int.from_bytes(self._data[:4], "little")
        end = 4 + 4 * (self._count + 1)
        if len(self._data) < end:
            raise ValueError(f"{path}: shorter than its index")
        self._offsets = memoryview(self._data)[4:end].cast("I")
        if self._offsets[0] != end or self._offsets[self._count] != len(self._data):
            raise ValueError(f"{path}: its index does not match its records")
        self._cache: dict[str, Optional[str]] = {}

    def _word(self, index: int) -> bytes:
        record = self._data[self._offsets[index]:self._offsets[index + 1]]
        return record[:record.index(b"\t")]

    def get(self, word: str) -> Optional[str]:
        if word in self._cache:
            return self._cache[word]
        key = word.encode("utf-8")
        index = bisect.bisect_left(range(self._count), key, key=self._word)
        flag = None
        if index < self._count:
            record = self._data[self._offsets[index]:self._offsets[index + 1]]
            stored, _, value = record.partition(b"\t")
            if stored == key:
                flag = value.decode("utf-8")
        if len(self._cache) < 100_000:
            self._cache[word] = flag
        return flag

    @staticmethod
    def build(dictionary: Any, path: str) -> None:
        import array
        import os
        import tempfile

        table: dict[bytes, bytes] = {}
        for line in dictionary:
            line = line.strip()
            if line:
                word, _, flag = line.decode("utf-8").split(" ")
                table[word.encode("utf-8")] = flag.encode("utf-8")
        records = [word + b"\t" + table[word] for word in sorted(table)]
        offsets = array.array("I", [0] * (len(records) + 1))
        position = 4 + 4 * (len(records) + 1)
        for index, record in enumerate(records):
            offsets[index] = position
            position += len(record)
        offsets[len(records)] = position
        if offsets.itemsize != 4:  # pragma: no cover - "I" is 4 bytes on every platform Python supports
            raise OSError("no 4-byte unsigned array type")
        handle, temp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(len(records).to_bytes(4, "little"))
                out.write(offsets.tobytes())
                out.writelines(records)
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise


@lru_cache(maxsize=1)
def _flag_file() -> Optional[_FlagFile]:
    """The flag file for jieba's current dictionary, made on first use in the temporary directory (where jieba
    keeps its own cache), named by the dictionary's path, size and time; None when it cannot be kept."""
    import hashlib
    import os
    import tempfile

    jieba = _jieba()
    source = jieba.dt.dictionary
    if source == jieba.DEFAULT_DICT:
        source = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), jieba.DEFAULT_DICT_NAME)
    try:
        stat = os.stat(source)
        key = hashlib.sha256(f"{os.path.abspath(source)}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
        path = os.path.join(tempfile.gettempdir(), f"safetydocs-jieba-flags-{key[:16]}.bin")
        if os.path.exists(path):
            try:
                return _FlagFile(path)
            except ValueError:
                pass  # cut short or not ours: made again
        with jieba.dt.get_dict_file() as dictionary:
            _FlagFile.build(dictionary, path)
        return _FlagFile(path)
    except (OSError, ValueError):
        return None


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``util.get_words_and_spaces`` (the words of a segmenter aligned to the text, each with whether a
    space follows it), with the same result, in linear time: spaCy's searches a copy of the rest of the text for
    each word, which made a notice of a million characters take most of a minute."""
    out_words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for word in words:
        if word.isspace():
            continue
        start = text.find(word, position)
        if start < 0:
            raise ValueError(f"the segmenter's word {word!r} is not in the text at {position}")
        if start > position:
            out_words.append(text[position:start])
            spaces.append(False)
        out_words.append(word)
        spaces.append(False)
        position = start + len(word)
        if position < len(text) and text[position] == " ":
            spaces[-1] = True
            position += 1
    if position < len(text):
        out_words.append(text[position:])
        spaces.append(False)
    return out_words, spaces


@lru_cache(maxsize=1)
def _linear_tokenizer_class(base: type) -> type:
    """spaCy's Chinese tokenizer with jieba, aligning its words to the text in linear time (serialises as spaCy's)."""
    from spacy.tokens import Doc

    class LinearChineseTokenizer(base):  # type: ignore[misc, valid-type]
        def __call__(self, text: str) -> "Doc":
            words = [word for word in self.jieba_seg.cut(text, cut_all=False) if word]
            aligned, spaces = words_and_spaces(words, text)
            return Doc(self.vocab, words=aligned, spaces=spaces)

    return LinearChineseTokenizer


@lru_cache(maxsize=2)
def pipeline(language: str) -> "Language":
    """The blank spaCy pipeline whose words the rules read: ``spacy.blank("en")`` (its tokenizer, phrase matchers
    over its vocabulary), or for "zh" spaCy's Chinese tokenizer with jieba. Built once per process. The
    pipeline for spaCy users, with safetydocs' components, is :func:`safetydocs.nlp`."""
    import spacy

    if language == "zh":
        _jieba()  # configure logging and load the dictionary once
        load_tagger()  # and the part-of-speech tables, which the name rules use on most notices: at start-up, once
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        nlp.tokenizer.__class__ = _linear_tokenizer_class(type(nlp.tokenizer))
    else:
        nlp = spacy.blank("en")
    # spaCy refuses texts over 1,000,000 characters to protect parsers and NER, which need memory per
    # token pair; the rules here are linear in the text. Long plans are processed whole; --max-chars
    # (safetydocs.limits) is the bound.
    nlp.max_length = 10**9
    return nlp


@dataclass
class Words:
    """Words with where each begins, in text order (of the whole text, or of the lines asked for)."""

    words: list[str]
    starts: list[int]  # character offset of each word

    def lowered(self, first: int, last: int) -> list[str]:
        """Words ``first`` to ``last`` (indices) in lower case, white space left out."""
        return [word.lower() for word in self.words[first:last] if not word.isspace()]


class ChineseWords:
    """jieba's words of a text, a line at a time, segmented when first asked for.

    jieba segments each run of Chinese characters, letters and digits on its own, and a line break ends every
    run: a line's words are the words the whole text gives there. Each line is segmented with the line break
    before it, so the white space that opens it is aligned as in the whole text. Only the lines that hold a
    candidate name or sentence are segmented.
    """

    def __init__(self, canon: str) -> None:
        self.canon = canon
        self._lines: dict[int, tuple[list[str], list[int]]] = {}

    def _line_of(self, offset: int) -> int:
        """Where the line holding ``offset`` begins (a line break begins the line after it)."""
        return self.canon.rfind("\n", 0, offset + 1) + 1

    def _line(self, begins: int) -> tuple[list[str], list[int]]:
        words = self._lines.get(begins)
        if words is None:
            start = max(begins - 1, 0)  # with the line break before it
            end = self.canon.find("\n", begins)
            end = len(self.canon) if end < 0 else end
            piece = self.canon[start:end]
            aligned, starts = aligned_words([word for word in _jieba().cut(piece, cut_all=False) if word], piece)
            words = self._lines[begins] = (aligned, [start + offset for offset in starts])
        return words

    def _lines_over(self, start: int, end: int) -> Iterable[int]:
        begins = self._line_of(start)
        while True:
            yield begins
            following = self.canon.find("\n", begins)
            if following < 0 or following >= end:
                return
            begins = following + 1

    def tokenizer(self, start: int, end: int) -> list[str]:
        """The words between two offsets, as :func:`word_tokens` gives them over the whole text's words."""
        return [word for begins in self._lines_over(start, end) for word in word_tokens(*self._line(begins))(start, end)]

    def over(self, spans: Iterable[tuple[int, int]], *, split_at: Iterable[int] = ()) -> Words:
        """The words of the lines that hold ``spans``, cut at the offsets ``split_at``."""
        lines = sorted({begins for start, end in spans for begins in self._lines_over(start, max(end, start + 1))})
        words: list[str] = []
        starts: list[int] = []
        for begins in lines:
            line_words, line_starts = self._line(begins)
            words.extend(line_words)
            starts.extend(line_starts)
        return Words(*split_words(words, starts, split_at))


@dataclass
class Analysis:
    """The analysed text: what the analysis found (``user_data[MENTIONS]``), and its words on request."""

    user_data: dict[str, Any]
    whole: Optional[Words] = None  # English: every word, from the spaCy Doc
    chinese: Optional[ChineseWords] = None  # Chinese: words by line, segmented on demand
    doc: Optional["Doc"] = None  # English: the spaCy Doc, for the phrase matcher

    def words_over(self, spans: Iterable[tuple[int, int]]) -> Words:
        """Words covering every span (with their positions in the text); in English, all of them."""
        if self.chinese is None:
            assert self.whole is not None
            return self.whole
        mentions = self.user_data.get(MENTIONS) or []
        return self.chinese.over(spans, split_at={offset for m in mentions for offset in m.span})

    @property
    def words(self) -> Words:
        """Every word of the text."""
        if self.chinese is None:
            assert self.whole is not None
            return self.whole
        return self.words_over([(0, len(self.chinese.canon))])


def word_tokens(words: list[str], starts: list[int]) -> Callable[[int, int], list[str]]:
    """The words between two offsets: a word that starts before the window is left out; one that runs past its
    end is cut there (an organ's name starts inside it)."""

    def tokens(start: int, end: int) -> list[str]:
        out = []
        for index in range(bisect.bisect_left(starts, start), len(words)):
            if starts[index] >= end:
                break
            out.append(words[index][: end - starts[index]])
        return [word for word in out if word.strip()]

    return tokens


def aligned_words(words: list[str], text: str) -> tuple[list[str], list[int]]:
    """:func:`words_and_spaces` and :func:`word_starts` at once, for a segmenter whose words are the whole text
    (jieba's are: every character is in exactly one word, white space in words of its own): no search."""
    if "".join(words) != text:
        aligned, spaces = words_and_spaces(words, text)
        return aligned, word_starts(aligned, spaces)
    out: list[str] = []
    starts: list[int] = []
    position = 0
    gap = -1  # where the white space before the next word begins
    for word in words:
        if word.isspace():
            if gap < 0:
                gap = position
            position += len(word)
            continue
        if gap >= 0:
            if out and text[gap] == " ":
                gap += 1  # one space after a word is that word's trailing space, not a token
            if gap < position:
                out.append(text[gap:position])
                starts.append(gap)
            gap = -1
        out.append(word)
        starts.append(position)
        position += len(word)
    if gap >= 0:
        if out and text[gap] == " ":
            gap += 1
        if gap < position:
            out.append(text[gap:position])
            starts.append(gap)
    return out, starts


def word_starts(words: Iterable[str], spaces: Iterable[bool]) -> list[int]:
    """Where each word begins, from the words and whether one space follows each (spaCy's ``Token.idx``)."""
    starts, position = [], 0
    for word, space in zip(words, spaces):
        starts.append(position)
        position += len(word) + space
    return starts


def split_words(words: list[str], starts: list[int], offsets: Iterable[int]) -> tuple[list[str], list[int]]:
    """The words cut at every offset that falls inside one (jieba's 请市 before 住建局): each mention is then
    whole words, and the word before it a word of its own. Only the words an offset falls in are touched."""
    inside: dict[int, list[int]] = {}
    for offset in sorted(offsets):
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and starts[index] < offset < starts[index] + len(words[index]):
            inside.setdefault(index, []).append(offset)
    if not inside:
        return words, starts
    out_words, out_starts = list(words), list(starts)
    for index in sorted(inside, reverse=True):
        start, word = starts[index], words[index]
        bounds = [start, *inside[index], start + len(word)]
        out_words[index:index + 1] = [word[a - start:b - start] for a, b in zip(bounds, bounds[1:])]
        out_starts[index:index + 1] = bounds[:-1]
    return out_words, out_starts


def chinese_words(context: Any) -> "ChineseWords":
    """The Chinese words of a stage context's text (:class:`safetydocs.stages.Context`): those segmented already,
    or a new store of them, kept on the context."""
    if context.analysis is None or context.analysis.chinese is None:
        context.analysis = Analysis({}, chinese=ChineseWords(context.canon))
    return context.analysis.chinese


def analyse(text: str, canon: str, *, language: str, words: Optional["ChineseWords"] = None) -> Analysis:
    """The words of the canonical text and the mentions of bodies in it; the original text rides along for
    the mentions' exact text. ``words``: Chinese words of ``canon`` segmented already (the tokenizer's)."""
    if language == "zh":
        from .extract.departments import find_mentions

        words = words if words is not None and words.canon == canon else ChineseWords(canon)
        mentions = find_mentions(text, canon=canon, language="zh", tokenizer=words.tokenizer)
        return Analysis({SOURCE_TEXT: text, CANONICAL_TEXT: canon, MENTIONS: mentions}, chinese=words)
    from .extract.departments import find_mentions

    mentions = find_mentions(text, canon=canon, language=language)
    analysis = english_words(canon, cuts={offset for m in mentions for offset in m.span})
    analysis.user_data.update({SOURCE_TEXT: text, MENTIONS: mentions})
    return analysis


def english_words(canon: str, *, cuts: Iterable[int]) -> Analysis:
    """The English words of ``canon`` as :func:`analyse` gives them, cut at ``cuts`` (where the department rules'
    mentions began and ended), without running the rules again."""
    from spacy.attrs import IDX, LENGTH

    doc = pipeline("en").make_doc(canon)
    doc.user_data[CANONICAL_TEXT] = canon
    doc = split_doc(doc, set(cuts))
    # the words from the Doc's offset and length arrays: a Token object per word costs more than the slices
    offsets = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    return Analysis({CANONICAL_TEXT: canon}, whole=Words([canon[a:a + n] for a, n in offsets], [a for a, _ in offsets]),
                    doc=doc)


def mentions_of(doc: "Doc") -> list:
    """The department component's mentions of a Doc (:class:`~safetydocs.extract.departments.Mention`), from the
    plain rows it keeps in ``doc.user_data``."""
    from .stages import mentions_of as read

    return read({"mentions": doc.user_data.get(MENTIONS)})


@lru_cache(maxsize=8)
def phrase_matcher(language: str, key: str, phrases: tuple[str, ...]) -> "PhraseMatcher":
    """A PhraseMatcher for cue phrases, matched on lower-cased tokens."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline(language)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add(key, list(nlp.tokenizer.pipe(phrases)))
    return matcher


_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB", "SENT_START")


def split_doc(doc: Doc, offsets: set[int]) -> Doc:
    """Split the tokens that a mention boundary falls inside (jieba's 请市 before 住建局), so that
    every span in ``doc.spans`` is exactly its mention and the word before it is a token of its own.

    A Doc that holds only its words (the pipeline's: this component runs right after the tokenizer) is built
    again from the split words, in one pass over arrays; spaCy's retokenizer moves the whole Doc for each split,
    which made a 200-page plan's hundreds of splits quadratic. A Doc that other components annotated is
    retokenized."""
    import numpy
    from spacy.attrs import IDX, LENGTH, SPACY
    from spacy.tokens import Doc

    if not offsets or not len(doc):
        return doc
    ordered = numpy.array(sorted(offsets))
    columns = doc.to_array([IDX, LENGTH, SPACY]).astype(numpy.int64)
    starts, lengths, spaced = columns[:, 0], columns[:, 1], columns[:, 2]
    # the offsets strictly inside each token: ordered[first:last]
    first = numpy.searchsorted(ordered, starts, side="right")
    last = numpy.searchsorted(ordered, starts + lengths, side="left")
    split = numpy.nonzero(first < last)[0]
    if not len(split):
        return doc
    if not doc.spans and not any(doc.has_annotation(name) for name in _ANNOTATIONS):
        text = doc.user_data.get(CANONICAL_TEXT) or doc.text
        word_starts = starts.tolist()
        words, cut_starts = split_words([text[a:a + n] for a, n in zip(word_starts, lengths.tolist())],
                                        word_starts, offsets)
        # a piece of a split word has no space after it; the last piece keeps the word's
        spaced_after = {a + n for a, n, space in zip(word_starts, lengths.tolist(), spaced.tolist()) if space}
        spaces = [a + len(w) in spaced_after for a, w in zip(cut_starts, words)]
        return Doc(doc.vocab, words=words, spaces=spaces, user_data=doc.user_data)
    cuts: list[tuple[Any, list[int]]] = [
        (doc[i], [int(o) - int(starts[i]) for o in ordered[first[i]:last[i]]]) for i in split.tolist()]
    with doc.retokenize() as retokenizer:
        for token, inside in cuts:
            bounds = [0, *inside, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            # No parser runs here: each piece heads itself.
            retokenizer.split(token, orths, heads=[(token, i) for i in range(len(orths))])
    return doc
