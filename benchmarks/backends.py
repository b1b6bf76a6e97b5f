"""Solve seconds per MIP backend on the shipped networks and a few random nets.

    python benchmarks/backends.py [--repeats 3] [--backends highs,gurobi,pulp]

Every usable backend of ``exactlip.backends.available()`` (or the ones named) solves
the same cases, all small enough for Gurobi's size-limited licence, in the same run.
Per case and backend: the median over the repeats of the engine's solver seconds
(``stats["seconds_solve"]`` of :func:`exactlip.lipschitz`, every MIP it solved, model
hand-over included) and its ratio to HiGHS's, and whether the values agree with
HiGHS's to 1e-6 relative; and the median seconds of one bare ``backend.solve`` of the
exported joint MIP (the instance ``exactlip export`` writes). Writes
``benchmarks/results/backends.{json,md}``.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np

import exactlip
from common import RESULTS, median, random_network, write_results
from exactlip.backends import SolveOptions, available, get_backend
from exactlip.bounds import compute_bounds
from exactlip.mip import build_mip
from exactlip.norms import resolve_norm_spec

DATA = Path(__file__).resolve().parent.parent / "data"
TIME_LIMIT = 300.0
AGREE = 1e-6


def cases():
    moons = exactlip.load_network(DATA / "moons2d.onnx")
    tiny = exactlip.load_network(DATA / "tiny_regressor.npz")
    yield "moons2d margin r=0.1", moons, exactlip.Box.linf_ball([0.5, 0.5], 0.1, clip=(0, 1)), {"norm": "linf", "margin": (0, 1)}
    yield "moons2d ∞→∞ r=0.3", moons, exactlip.Box.linf_ball([0.5, 0.5], 0.3, clip=(0, 1)), {"norm": "linf"}
    yield "moons2d ∞→1 [0,1]²", moons, exactlip.Box([0, 0], [1, 1]), {"norm": "linf", "output_norm": "l1"}
    yield "moons2d margin [-1,2]²", moons, exactlip.Box([-1, -1], [2, 2]), {"norm": "linf", "margin": (0, 1)}
    yield "tiny_regressor l1 [-1,1]³", tiny, exactlip.Box(-np.ones(3), np.ones(3)), {"norm": "l1"}
    yield "tiny_regressor linf [-3,3]³", tiny, exactlip.Box(-3 * np.ones(3), 3 * np.ones(3)), {"norm": "linf"}
    for seed, widths, radius, spec in [
        (0, [2, 20, 20, 2], 0.1, {"norm": "linf", "c": [1.0, -1.0]}),
        (2, [8, 40, 40, 2], 0.05, {"norm": "l1", "output_norm": "linf"}),
        (4, [5, 20, 20, 20, 3], 0.1, {"norm": "linf", "output_norm": "l1"}),
        (4, [5, 20, 20, 20, 3], 0.2, {"norm": "linf", "output_norm": "l1"}),
        (7, [6, 30, 30, 30, 1], 0.2, {"norm": "linf"}),
    ]:
        net = random_network(seed, widths)
        center = np.random.default_rng(100 + seed).standard_normal(widths[0])
        label = "c" if "c" in spec else f"{spec['norm']}→{spec.get('output_norm') or spec['norm']}"
        yield f"random {'-'.join(map(str, widths))} {label} r={radius}", net, exactlip.Box.linf_ball(center, radius), spec


def bare_mip(net, box, spec):
    args = dict(spec)
    norm_spec = resolve_norm_spec(args.pop("norm"), net.output_dim, **args)
    return build_mip(net, box, compute_bounds(net, box, norm_spec), norm_spec).model


def geometric_mean(values) -> float | None:
    values = [v for v in values if v is not None and v > 0]
    return math.exp(sum(map(math.log, values)) / len(values)) if values else None


def _table(rows: list[dict], columns: list[tuple[str, str]]) -> list[str]:
    cell = lambda v: "–" if v is None else f"{v:.4g}" if isinstance(v, float) else str(v)  # noqa: E731
    lines = ["| " + " | ".join(h for _, h in columns) + " |", "|" + "---|" * len(columns)]
    return lines + ["| " + " | ".join(cell(row.get(k)) for k, _ in columns) + " |" for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backends", help="comma-separated backend names (default: every usable one)")
    args = parser.parse_args()
    usable = [row["name"] for row in available() if row["available"]]
    names = usable if args.backends is None else [n.strip() for n in args.backends.split(",")]
    if "highs" not in names:
        names.insert(0, "highs")
    rows = []
    for case, net, box, spec in cases():
        model = bare_mip(net, box, spec)
        row = {"case": case, "variables": model.num_cols, "binaries": model.num_integer, "constraints": model.num_rows}
        values = {}
        for name in names:
            runs = [exactlip.lipschitz(net, box, **spec, backend=name, time_limit=TIME_LIMIT) for _ in range(args.repeats)]
            backend = get_backend(name)
            bare = [backend.solve(model, SolveOptions(time_limit=TIME_LIMIT)).seconds for _ in range(args.repeats)]
            row[f"{name} s"] = median(r.stats["seconds_solve"] for r in runs)
            row[f"{name} mip s"] = median(bare)
            row[f"{name} status"] = runs[-1].status
            values[name] = runs[-1].value
        reference = values["highs"]
        for name in names:
            row[f"{name} ×"] = row[f"{name} s"] / row["highs s"] if row["highs s"] > 0 else None
            row[f"{name} mip ×"] = row[f"{name} mip s"] / row["highs mip s"]
        row["agree"] = all(
            v is not None and reference is not None and abs(v - reference) <= AGREE * abs(reference) for v in values.values()
        ) and all(row[f"{n} status"] == "optimal" for n in names)
        row["value"] = reference
        rows.append(row)
        print(f"{case:34s} " + "  ".join(f"{n} {row[f'{n} s']:.3f}s" for n in names) + f"  agree={row['agree']}")
    summary = {"case": "geometric mean", "agree": all(r["agree"] for r in rows)}
    for name in names:
        for key in (f"{name} s", f"{name} ×", f"{name} mip s", f"{name} mip ×"):
            summary[key] = geometric_mean(r[key] for r in rows)
    rows.append(summary)
    columns = [("case", "case"), ("variables", "vars"), ("binaries", "binaries"), ("constraints", "rows")]
    for name in names:
        columns += [(f"{name} s", f"{name} s"), (f"{name} ×", "× highs")]
    columns += [("agree", "all agree, optimal"), ("value", "value")]
    title = (
        f"Solver seconds per backend (engine's seconds_solve, median of {args.repeats}; × = ratio to HiGHS, "
        "geometric mean in the last row)"
    )
    paths = write_results("backends", rows, columns, title)
    mip_columns = [("case", "case")]
    for name in names:
        mip_columns += [(f"{name} mip s", f"{name} s"), (f"{name} mip ×", "× highs")]
    notes = [
        "",
        f"## One bare solve of the joint exported MIP (median of {args.repeats})",
        "",
        *_table(rows, mip_columns),
        "",
        "Seconds are the engine's solver time for `exactlip.lipschitz(..., backend=NAME)`: every MIP it solved "
        "(vector ℓ∞ outputs are split into one MIP per row; region cuts and strict-margin re-solves count), "
        "including handing the model to the solver. PuLP backends write an MPS file and start a CBC/solver "
        "process per solve, which dominates on the small cases. `vars`/`binaries`/`rows` are the joint exported MIP's; "
        "the second table times one bare `backend.solve` of that MIP (no start, no engine).",
        "",
        "The machine has 2 CPUs and other work ran beside the benchmark: expect ±30 % noise on single cells.",
    ]
    with open(paths[1], "a") as handle:
        handle.write("\n".join(notes) + "\n")
    print("wrote", *paths, "(results dir:", RESULTS, ")")


if __name__ == "__main__":
    main()
