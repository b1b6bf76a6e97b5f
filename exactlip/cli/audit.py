"""``exactlip audit SUITE [--out DIR] [--time-limit S] [--threads N] [--quiet] [--json]``.

Runs the suite (see :mod:`exactlip.auditing.suite` for the TOML/JSON format): the exact
constant and every chosen estimator on each instance. Prints one line per estimator
(median/min/max ratio estimate/exact, median seconds, orderings held), draws a progress
bar over the instances on stderr unless ``--quiet``, and with ``--out`` writes
``instances.csv``, ``audit.json``, ``report.md`` and the PNG plots there.

Exit code 0 when every certified estimate kept its ordering and every estimator ran;
1 when a certified ordering was violated (an upper-bound estimate below the exact
lower bound, or a lower-bound estimate above the exact upper bound: a bug) or an
estimator raised, each named on stderr; 2 for a malformed suite. Violations by
uncertified values (greedy SeqLip, power-iteration AutoLip) are reported, not failed.
Ctrl-C stops the whole audit (exit code 130) and writes nothing.
"""

from __future__ import annotations

import json
import sys


def register(commands) -> None:
    parser = commands.add_parser("audit", help="audit Lipschitz estimators against the exact constant over a suite")
    parser.add_argument("suite", help="a suite file (.toml or .json), e.g. benchmarks/suites/default.toml")
    parser.add_argument("--out", metavar="DIR", help="folder for instances.csv, audit.json, report.md and the plots (created)")
    parser.add_argument("--time-limit", type=float, help="seconds per exact solve (overrides the suite's exact.time_limit)")
    parser.add_argument("--threads", type=int, help="solver threads (overrides the suite's exact.threads)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar on stderr")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON instead of the table")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..auditing import audit
    from ..auditing.report import verdict_lines

    try:
        result = audit(args.suite, out=args.out, progress=not args.quiet, time_limit=args.time_limit, threads=args.threads)
    except KeyboardInterrupt:
        print("exactlip: interrupted", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(result.to_dict(), indent=1, allow_nan=False))
    else:
        print(result.table())
        for name, path in result.files.items():
            print(f"wrote {path}")
    if result.violations or result.errors:
        for line in verdict_lines(result):
            print(f"exactlip: {line}", file=sys.stderr)
    return 0 if result.ok else 1
