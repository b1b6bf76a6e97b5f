"""Time the exact engine on the shipped example and a few random networks.

    python benchmarks/exact_small.py [--repeats 3]

Writes ``benchmarks/results/exact_small.{json,md}``: sizes, unstable neurons,
binaries, constraints, nodes, the median seconds per phase over the repeats, the
value and the status.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import exactlip
from common import median, random_network, write_results

DATA = Path(__file__).resolve().parent.parent / "data"


def cases():
    yield "moons2d.onnx margin(0,1) r=0.1", exactlip.load_network(DATA / "moons2d.onnx"), exactlip.Box.linf_ball(
        [0.5, 0.5], 0.1, clip=(0, 1)
    ), {"norm": "linf", "margin": (0, 1)}
    yield "moons2d.onnx linf→linf r=0.3", exactlip.load_network(DATA / "moons2d.onnx"), exactlip.Box.linf_ball(
        [0.5, 0.5], 0.3, clip=(0, 1)
    ), {"norm": "linf"}
    yield "tiny_regressor.npz l1 [-1,1]^3", exactlip.load_network(DATA / "tiny_regressor.npz"), exactlip.Box(
        -np.ones(3), np.ones(3)
    ), {"norm": "l1"}
    for seed, widths, radius, spec in [
        (0, [2, 20, 20, 2], 0.1, {"norm": "linf", "c": [1.0, -1.0]}),
        (1, [4, 30, 30, 1], 0.1, {"norm": "linf"}),
        (2, [8, 40, 40, 2], 0.05, {"norm": "l1", "output_norm": "linf"}),
        (3, [10, 50, 50, 1], 0.05, {"norm": "linf"}),
        (4, [5, 20, 20, 20, 3], 0.1, {"norm": "linf", "output_norm": "l1"}),
    ]:
        net = random_network(seed, widths)
        center = np.random.default_rng(100 + seed).standard_normal(widths[0])
        yield f"random {'-'.join(map(str, widths))} r={radius}", net, exactlip.Box.linf_ball(center, radius), spec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for name, net, box, spec in cases():
        runs = [exactlip.lipschitz(net, box, **spec) for _ in range(args.repeats)]
        last = runs[-1]
        row = {
            "case": name,
            "widths": "-".join(map(str, net.widths)),
            "hidden_neurons": last.stats["hidden_neurons"],
            "unstable": last.stats["unstable_neurons"],
            "binaries": last.stats["binaries"],
            "variables": last.stats["variables"],
            "constraints": last.stats["constraints"],
            "nodes": last.stats["nodes"],
            "bounds_s": median(r.stats["seconds_bounds"] for r in runs),
            "build_s": median(r.stats["seconds_build"] for r in runs),
            "solve_s": median(r.stats["seconds_solve"] for r in runs),
            "total_s": median(r.stats["seconds_total"] for r in runs),
            "value": last.value,
            "status": last.status,
        }
        rows.append(row)
        print(f"{name:40s} {row['status']:10s} value={row['value']} binaries={row['binaries']} total={row['total_s']:.3f}s")
    columns = [
        ("case", "case"),
        ("hidden_neurons", "hidden"),
        ("unstable", "unstable"),
        ("binaries", "binaries"),
        ("variables", "vars"),
        ("constraints", "rows"),
        ("nodes", "nodes"),
        ("bounds_s", "bounds s"),
        ("build_s", "build s"),
        ("solve_s", "solve s"),
        ("total_s", "total s"),
        ("value", "value"),
        ("status", "status"),
    ]
    paths = write_results("exact_small", rows, columns, f"Exact engine, HiGHS, default formulation (bounds={exactlip.bounds.DEFAULT_BOUNDS!r}; median of {args.repeats})")
    print("wrote", *paths)


if __name__ == "__main__":
    main()
