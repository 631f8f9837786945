"""What ``safetydocs review`` does, as library calls: add files, export gold and aliases, serve the pages."""
from __future__ import annotations

import ipaddress
import json
import os
import threading
import webbrowser
from pathlib import Path
from typing import Callable, Optional

import yaml

from ..errors import SafetydocsError
from .gold import gold_id, gold_record
from .store import ReviewStore

DEFAULT_STORE = "safetydocs-review.sqlite"
# A short name whose place is a bare level (县应急局, 市住建局) names the body of whatever place the notice is
# about: it is an alias only inside its document, which the coreference step already handles, never a global one.
_RELATIVE_PLACES = tuple("省市县区镇乡街")


def add_files(store: ReviewStore, paths: list[str], *, reviewer: str,
              report: Callable[[str], None] = print) -> list[int]:
    """Parse and store each document under ``paths`` (files, folders, globs and zip archives, as ``batch`` finds
    them); a document that fails is reported in one line and the others go on."""
    from ..batch import discover
    from ..errors import NoInput
    from ..ingest import read_bytes
    from ..pipeline import parse_raw

    empty: list[str] = []
    problems: list = []
    sources = discover(tuple(paths), empty=empty, problems=problems)
    for problem in problems:
        report(f"error: {problem.reason}")
    for text in empty:
        report(f"error: {NoInput(text)}")
    added = []
    for source in sources:
        try:
            data = source.read()
            document = parse_raw(read_bytes(data, name=source.name))
        except SafetydocsError as exc:
            report(f"error: {exc}")
            continue
        added.append(store.add(document, data=data, file_name=Path(source.member or source.path).name,
                               reviewer=reviewer))
    return added


def export_gold(store: ReviewStore, *, out: Path) -> list[Path]:
    """Every reviewed document as a gold file in ``out`` (``<lang>-<kind>-reviewed-<n>.json``), written atomically."""
    from ..export import write_atomic

    written = []
    for doc_id in store.reviewed_ids():
        document = store.corrected(doc_id)
        history = [h for h in store.history(doc_id) if not h.undone]
        mark = [h for h in history if h.op == "document.reviewed"][-1]
        name = gold_id(document, number=doc_id)
        record = gold_record(document, gold_id=name, reviewer=mark.reviewer, reviewed_at=mark.at[:10],
                             corrections=len([h for h in history if h.op != "document.reviewed"]))
        path = Path(out) / f"{name}.json"
        write_atomic(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    return written


def learned_aliases(store: ReviewStore) -> dict[str, dict[str, str]]:
    """language -> {alias: name} from the merges in force, leaving out names relative to a document's place."""
    table: dict[str, dict[str, str]] = {}
    for alias, name, language in store.aliases():
        if language == "zh" and alias.startswith(_RELATIVE_PLACES):
            continue
        table.setdefault(language, {})[alias] = name
    return table


def export_aliases(store: ReviewStore, *, models: Path) -> list[Path]:
    """Add the learned aliases to ``models/<lang>/aliases.yaml`` (entries already there are kept)."""
    from ..export import write_atomic

    written = []
    for language, found in learned_aliases(store).items():
        path = Path(models) / language / "aliases.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
        data = data or {}
        learned = dict(data.get("learned") or {})
        learned.update(found)
        data["learned"] = dict(sorted(learned.items()))
        data.setdefault("_sources", {"learned": "merges of two department names made by reviewers in the review "
                                                "store (safetydocs review export-gold --aliases)"})
        write_atomic(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        written.append(path)
    return written


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(store: ReviewStore, *, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True,
          reviewer: str = "", ledger=None, require_login: Optional[bool] = None,
          ready: Optional[Callable[[str], None]] = None) -> None:
    """Run the review pages until interrupted (a threaded WSGI server; one SQLite connection per thread).

    Beyond loopback, accounts are required (``require_login`` defaults to that) and there must be one.
    """
    from werkzeug.serving import make_server

    from ..errors import NotAllowed
    from .app import create_app

    if require_login is None:
        require_login = not is_loopback(host)
    if require_login and (ledger is None or not ledger.has_users()):
        raise NotAllowed(f"{host}:{port}", "listening beyond this machine needs accounts: add one first with "
                                           "`safetydocs users add NAME --role admin`")
    app = create_app(store=store, reviewer=reviewer, ledger=ledger, require_login=require_login)
    server = make_server(host, port, app, threaded=True)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_port}/"
    if ready:
        ready(url)
    if open_browser and not os.environ.get("SAFETYDOCS_NO_BROWSER"):
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()
    finally:
        server.server_close()
