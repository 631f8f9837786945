"""``safetydocs.ChineseTokenizer.v1``: jieba's words of the text's canonical form (simplified characters, ASCII
punctuation; :func:`~safetydocs.structure.normalize.canonical`), each token the original characters at the same
offsets. They are the words the components' rules read: segmented a line at a time and kept for the text, so the
departments and tasks components do not segment it again.

spaCy's own Chinese tokenizer with jieba segments the text as written: traditional characters and full-width
letters or digits give other words, and it aligns its words to the text by searching, which is quadratic in the
length of the text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from spacy.util import registry

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


@registry.tokenizers("safetydocs.ChineseTokenizer.v1")
def create_chinese_tokenizer() -> Callable[["Language"], "ChineseTokenizer"]:
    def create(nlp: "Language") -> "ChineseTokenizer":
        return ChineseTokenizer(nlp.vocab)

    return create


class ChineseTokenizer:
    def __init__(self, vocab: "Vocab") -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> "Doc":
        from spacy.tokens import Doc

        from . import context_for
        from ..analysis import chinese_words

        if not text:
            return Doc(self.vocab, words=[])
        words = chinese_words(context_for(text, "zh")).over([(0, len(text))])
        return doc_from_pieces(self.vocab, text, zip(words.starts, (s + len(w) for w, s in zip(words.words,
                                                                                                 words.starts))))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator["Doc"]:
        for text in texts:
            yield self(text)

    # Nothing to keep: the words come from jieba's dictionary, loaded by jieba.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> "ChineseTokenizer":
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        from pathlib import Path

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(b"")

    def from_disk(self, path: Any, **kwargs: Any) -> "ChineseTokenizer":
        return self


def doc_from_pieces(vocab: "Vocab", text: str, pieces: Iterable[tuple[int, int]]) -> "Doc":
    """A Doc of ``text`` whose tokens are the (start, end) pieces, in order and apart; what lies between two is a
    token too, except one space after a token, which is its trailing space (as spaCy writes it)."""
    from spacy.tokens import Doc

    bounds: list[tuple[int, int]] = []
    position = 0
    for start, end in pieces:
        if start < position or end <= start:
            continue
        if start > position:
            bounds.append((position, start))
        bounds.append((start, end))
        position = end
    if position < len(text):
        bounds.append((position, len(text)))
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in bounds:
        piece = text[start:end]
        if piece == " " and words and not spaces[-1]:
            spaces[-1] = True
            continue
        if words and not spaces[-1] and piece.startswith(" ") and not piece.isspace():
            spaces[-1] = True
            piece = piece[1:]
        words.append(piece)
        spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)
