#!/usr/bin/env python3
"""One md5 per table of a Chronicle store (every column, row ids included, rows sorted).

Two stores with the same lines hold the same rows: used to check that a change to the
ingest path leaves the store unchanged (docs/BENCHMARKS.md, stop 15).

    python3 tools/store_dump.py A.db > a.txt; python3 tools/store_dump.py B.db > b.txt; diff a.txt b.txt
"""
import hashlib
import sqlite3
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    total = hashlib.md5()
    tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    for (table,) in tables:
        rows = sorted(repr(r) for r in db.execute(f'SELECT * FROM "{table}"'))
        digest = hashlib.md5("\n".join(rows).encode()).hexdigest()
        total.update(digest.encode())
        print(f"{table:20s} {len(rows):9d} {digest}")
    print("ALL", total.hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main())
