"""Review in the browser: check, correct and approve a parsed document, and keep every correction.

* :mod:`.corrections`: the corrections a reviewer makes, as typed records, and how each is applied;
* :mod:`.store`: the SQLite review store (the parser's output, the corrections, undo, learned aliases);
* :mod:`.gold`: a reviewed document as a gold file of the corpus, for ``safetydocs train``;
* :mod:`.app`: the web pages (Flask), started by ``safetydocs review``.

Flask is imported only by :mod:`.app`: the store and the gold export work without a web server.
"""
from __future__ import annotations

from .corrections import OPERATIONS, apply_correction, parse_correction
from .store import ReviewStore

__all__ = ["OPERATIONS", "ReviewStore", "apply_correction", "parse_correction"]
