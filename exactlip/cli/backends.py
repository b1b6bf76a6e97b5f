"""``exactlip backends [--json]``: which solver backends are usable here, and why not.

Columns: name (what ``--backend``/``backend=`` takes), version, whether it is usable,
whether it reports progress while solving, and a note (a licence's size limit) or
the reason it is not usable.
"""

from __future__ import annotations

import json


def register(commands) -> None:
    parser = commands.add_parser("backends", help="list the MIP solver backends and whether they are usable here")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..backends import available

    rows = available()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(format_table(rows))
    return 0


def format_table(rows: list[dict]) -> str:
    header = ["name", "version", "available", "progress", "note / why not"]
    body = [
        [
            row["name"],
            row["version"] or "—",
            "yes" if row["available"] else "no",
            row["progress"],
            row["note"] if row["available"] else row["reason"],
        ]
        for row in rows
    ]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(len(header) - 1)]
    lines = []
    for line in [header, *body]:
        cells = [str(cell).ljust(width) for cell, width in zip(line, widths)]
        lines.append("  ".join([*cells, str(line[-1])]).rstrip())
    return "\n".join(lines)
