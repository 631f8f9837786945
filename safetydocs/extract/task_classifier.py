"""The trained sentence classifier behind running-text task detection.

A logistic regression over hashed features of a sentence or clause: jieba /
spaCy word unigrams and bigrams, character 1–3-grams, and what the cue-word
rules said. Hashing needs no stored vocabulary, so a model is only its weights:
``models/<lang>/task_classifier.npz`` (non-zero weights as plain arrays, read
with ``allow_pickle=False``: loading a model cannot run code) and
``task_classifier.json`` (thresholds, feature settings, cross-validated scores).
``safetydocs train`` writes both; see :mod:`safetydocs.train`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional, Sequence

from ..resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    from .tasks import Piece

N_FEATURES = 2 ** 18
FEATURE_VERSION = 1


def _piece_text(piece: "Piece", language: str) -> str:
    return ("" if language == "zh" else " ").join(piece.tokens)


def _symbols(piece: "Piece") -> list[str]:
    words = [f"w:{t}" for t in piece.tokens]
    bigrams = [f"b:{a}_{b}" for a, b in zip(piece.tokens, piece.tokens[1:])]
    rule = "r:none" if piece.rule is None else ("r:strong" if piece.rule >= 0.75 else "r:weak")
    extra = [rule, "r:sentence_cue" if piece.cue_in_sentence else "r:no_sentence_cue",
             f"r:first:{piece.tokens[0] if piece.tokens else ''}"]
    return words + bigrams + extra


def _identity(items: list[str]) -> list[str]:
    return items


@lru_cache(maxsize=1)
def _vectorizers() -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import HashingVectorizer

    chars = HashingVectorizer(analyzer="char", ngram_range=(1, 3), n_features=N_FEATURES,
                              alternate_sign=False, norm=None, lowercase=True)
    symbols = HashingVectorizer(analyzer=_identity, n_features=N_FEATURES, alternate_sign=False, norm=None)
    return chars, symbols


def featurize(pieces: Sequence["Piece"], *, language: str) -> Any:
    """A sparse matrix, one L2-normalised row per piece."""
    from scipy.sparse import hstack
    from sklearn.preprocessing import normalize

    chars, symbols = _vectorizers()
    matrix = hstack([chars.transform([_piece_text(p, language) for p in pieces]),
                     symbols.transform([_symbols(p) for p in pieces])]).tocsr()
    return normalize(matrix)


@dataclass
class TaskClassifier:
    language: str
    indices: Any  # int32 feature indices with a non-zero weight
    weights: Any  # float32 weights
    intercept: float
    threshold: float  # accept on the model alone at or above this probability
    rule_threshold: float  # accept a piece the rules call a demand at or above this one
    meta: dict
    _dense: Any = None

    def predict(self, pieces: Sequence["Piece"]) -> Any:
        import numpy as np

        if self._dense is None:
            # A dense weight vector (2 MB) makes scoring one sparse product per document.
            self._dense = np.zeros(2 * N_FEATURES, dtype=np.float32)
            self._dense[self.indices] = self.weights
        scores = featurize(pieces, language=self.language) @ self._dense + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(scores).ravel()))

    def accepts(self, probability: float, *, rule: Optional[float]) -> bool:
        return probability >= self.threshold or (rule is not None and probability >= self.rule_threshold)


def model_files(language: str, folder: Any = None) -> tuple[Any, Any]:
    from pathlib import Path

    base = Path(folder) / language if folder is not None else data_path(language)
    return base / "task_classifier.npz", base / "task_classifier.json"


def save_classifier(classifier: TaskClassifier, folder: Any) -> None:
    """Write the weights (npz) and settings (json) atomically."""
    import os
    import tempfile

    import numpy as np

    weights_path, meta_path = model_files(classifier.language, folder)
    weights_path.parent.mkdir(parents=True, exist_ok=True)
    meta = dict(classifier.meta, threshold=classifier.threshold, rule_threshold=classifier.rule_threshold,
                intercept=classifier.intercept, n_features=2 * N_FEATURES, feature_version=FEATURE_VERSION)
    handle, temp = tempfile.mkstemp(dir=weights_path.parent, suffix=".npz")
    os.close(handle)
    np.savez_compressed(temp, indices=classifier.indices.astype("int32"), weights=classifier.weights.astype("float32"))
    os.chmod(temp, 0o644)  # mkstemp makes files private; a model is data to share
    os.replace(temp, weights_path)
    handle, temp = tempfile.mkstemp(dir=meta_path.parent, suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(meta, out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")
    os.chmod(temp, 0o644)
    os.replace(temp, meta_path)


def read_classifier(language: str, folder: Any = None) -> Optional[TaskClassifier]:
    import numpy as np

    weights_path, meta_path = model_files(language, folder)
    if not (weights_path.is_file() and meta_path.is_file()):
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("feature_version") != FEATURE_VERSION:
        return None  # a model of an older feature layout: rules only until retrained
    with np.load(weights_path, allow_pickle=False) as arrays:
        indices, weights = arrays["indices"], arrays["weights"]
    return TaskClassifier(language=language, indices=indices, weights=weights, intercept=float(meta["intercept"]),
                          threshold=float(meta["threshold"]), rule_threshold=float(meta["rule_threshold"]), meta=meta)


@lru_cache(maxsize=2)
def load_classifier(language: str) -> Optional[TaskClassifier]:
    """The shipped model for ``language``, or None (then the rules decide alone)."""
    return read_classifier(language)
