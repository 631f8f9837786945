"""Access to the language data and trained models under ``models/``.

In a wheel the folder is installed as ``safetydocs/_models`` (hatch
force-include); in a source checkout it is the top-level ``models/``.
Files are parsed once per process and cached.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def models_dir() -> Path:
    # SAFETYDOCS_MODELS: a whole models folder to use instead of the shipped one (a copy retrained by
    # `safetydocs train --out`, as benchmarks/bench_review_learning.py compares)
    chosen = os.environ.get("SAFETYDOCS_MODELS")
    if chosen:
        if not Path(chosen).is_dir():
            raise FileNotFoundError(f"SAFETYDOCS_MODELS={chosen}: not a folder")
        return Path(chosen)
    packaged = Path(str(resources.files("safetydocs"))) / "_models"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "models"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("safetydocs language data not found (expected safetydocs/_models or ./models)")


def data_path(relative: str) -> Path:
    return models_dir() / relative


@lru_cache(maxsize=None)
def load_yaml(relative: str) -> Any:
    import yaml  # lazy: only when language data is first needed

    # libyaml's loader where PyYAML was built with it (its wheels are): the language data loads ten times faster,
    # a second of every cold start otherwise
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with data_path(relative).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader, C or Python


@lru_cache(maxsize=None)
def load_jsonl(relative: str) -> tuple[dict[str, Any], ...]:
    rows = []
    with data_path(relative).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("//"):
                rows.append(json.loads(line))
    return tuple(rows)
