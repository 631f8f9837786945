from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    """The committed samples (written by corpus/samples/make_samples.py)."""
    if not SAMPLES.is_dir():
        pytest.skip("corpus/samples not present")
    return SAMPLES
