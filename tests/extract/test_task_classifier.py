"""The task classifier's features: scikit-learn's feature hashing, without scikit-learn at run time."""
from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest

from safetydocs.extract import task_classifier

PIECES = [
    SimpleNamespace(tokens=["各", "乡镇", "要", "开展", "隐患", "排查"], rule=0.8, cue_in_sentence=True),
    SimpleNamespace(tokens=["The", "Department", "of  Labour", "SHALL", "inspect"], rule=None, cue_in_sentence=False),
    SimpleNamespace(tokens=["𠀀", "ab"], rule=0.5, cue_in_sentence=False),
    SimpleNamespace(tokens=[], rule=None, cue_in_sentence=True),
]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_features_are_scikit_learns_hashing(language):
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    n = task_classifier.N_FEATURES
    chars = HashingVectorizer(analyzer="char", ngram_range=(1, 3), n_features=n, alternate_sign=False, norm=None,
                              lowercase=True)
    symbols = HashingVectorizer(analyzer=lambda items: items, n_features=n, alternate_sign=False, norm=None)
    expected = normalize(hstack([
        chars.transform([task_classifier._piece_text(p, language) for p in PIECES]),
        symbols.transform([task_classifier._symbols(p) for p in PIECES]),
    ]).tocsr())
    got = task_classifier.featurize(PIECES, language=language)
    assert got.shape == expected.shape
    assert abs(got - expected).max() < 1e-12


def test_scores_match_the_sparse_product():
    import numpy as np

    classifier = task_classifier.load_classifier("zh")
    dense = np.zeros(2 * task_classifier.N_FEATURES, dtype=np.float32)
    dense[classifier.indices] = classifier.weights
    scores = task_classifier.featurize(PIECES, language="zh") @ dense + classifier.intercept
    expected = 1.0 / (1.0 + np.exp(-np.asarray(scores).ravel()))
    assert np.allclose(classifier.predict(PIECES), expected, atol=1e-6)


def test_parsing_imports_neither_scikit_learn_nor_scipy():
    code = ("import sys, safetydocs; safetydocs.parse_text('各乡镇要开展隐患排查，县应急局牵头。', lang='zh'); "
            "safetydocs.parse_text('The Department of Labour shall inspect every site.', lang='en'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
