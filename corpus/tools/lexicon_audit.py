"""List the language-data entries that no training document supports and no general source covers.

    python corpus/tools/lexicon_audit.py            # every unsupported entry, by file and section
    python corpus/tools/lexicon_audit.py --dev      # and whether the development texts use it

An entry that only the development (or seed) texts use was added for them: delete it. An entry that nothing uses
is either general language data (then name its source under the file's `_sources`) or a guess (delete it).
tests/test_data.py fails while any entry is unsupported.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.lexicon_support import data_files, is_regex, unsupported  # noqa: E402

from safetydocs.structure.normalize import canonical  # noqa: E402


def _dev_text() -> str:
    texts = [canonical(json.loads(p.read_text(encoding="utf-8"))["text"]) for p in (ROOT / "corpus" / "dev").glob("*.json")]
    return "\n".join(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", action="store_true", help="mark entries that the development texts use")
    args = parser.parse_args()
    dev = _dev_text() if args.dev else ""
    total = 0
    for name in data_files():
        rows = unsupported(name)
        total += len(rows)
        for section, entry in rows:
            mark = ""
            if args.dev:
                if is_regex(section):
                    used = bool(re.search(entry, dev, re.IGNORECASE)) if entry else False
                else:
                    used = canonical(entry) in dev or canonical(entry).lower() in dev.lower()
                mark = "  [dev only]" if used else ""
            print(f"{name}\t{section}\t{entry}{mark}")
    print(f"{total} unsupported entries", file=sys.stderr)


if __name__ == "__main__":
    main()
