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
import re
from functools import lru_cache
from dataclasses import dataclass
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


_WHITE_SPACES = re.compile(r"\s\s+")


def _char_grams(text: str) -> list[str]:
    """Character 1–3-grams of the lower-cased text, runs of white space made one space: the features of
    scikit-learn's ``HashingVectorizer(analyzer="char", ngram_range=(1, 3), lowercase=True)``, in its order."""
    text = _WHITE_SPACES.sub(" ", text.lower())
    return [*text, *(text[i:i + 2] for i in range(len(text) - 1)), *(text[i:i + 3] for i in range(len(text) - 2))]


def _hashed(features: list[str]) -> Any:
    """Each feature's column: MurmurHash3 (32-bit, seed 0) of its UTF-8 bytes, absolute value modulo the width —
    scikit-learn's feature hashing, so models trained with it score the same. The hash is the ``murmurhash``
    package's, which spaCy already installs; scikit-learn (and SciPy under it, 1.6 s to import) stays a
    training-time dependency."""
    import numpy as np
    from murmurhash.mrmr import hash as murmur

    # N_FEATURES is a power of two, so abs(-2**31) % N_FEATURES is 0, as scikit-learn defines that case.
    return np.abs(np.array(list(map(murmur, features)), dtype=np.int64)) % N_FEATURES


def hashed_rows(pieces: Sequence["Piece"], *, language: str) -> list[tuple[Any, Any]]:
    """One (columns, values) pair per piece: counts of hashed character n-grams (columns below N_FEATURES) and
    symbols (columns from N_FEATURES), the row scaled to unit length."""
    import numpy as np

    rows = []
    for piece in pieces:
        columns = np.concatenate([_hashed(_char_grams(_piece_text(piece, language))),
                                  _hashed(_symbols(piece)) + N_FEATURES])
        columns, counts = np.unique(columns, return_counts=True)
        values = counts.astype(np.float64)
        length = np.sqrt(np.dot(values, values))
        rows.append((columns, values / length if length else values))
    return rows


def featurize(pieces: Sequence["Piece"], *, language: str) -> Any:
    """A sparse matrix, one L2-normalised row per piece (for training; needs SciPy)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    rows = hashed_rows(pieces, language=language)
    indptr = np.cumsum([0, *(len(columns) for columns, _ in rows)])
    columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0)
    return csr_matrix((values, columns, indptr), shape=(len(rows), 2 * N_FEATURES))


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
        scores = np.array([np.dot(values, self._dense[columns]) for columns, values
                           in hashed_rows(pieces, language=self.language)], dtype=np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))

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
