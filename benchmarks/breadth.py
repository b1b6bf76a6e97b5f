"""The exact engine on the shipped convolutional and residual digits classifiers.

    python benchmarks/breadth.py [--time-limit 60] [--points 3]

For ``data/digits_cnn.onnx`` and ``data/digits_resmlp.onnx`` (from
``data/generate_breadth.py``), at radii 0.01, 0.02 and 0.05 around the first test
points of ``data/zoo/digits-test.npz`` that the network classifies correctly: the ℓ∞
constant of the margin between the true class and the runner-up at the centre, over
the ℓ∞ ball clipped to ``[0, 1]``. Writes ``benchmarks/results/breadth.{json,md}``:
parameters, hidden neurons, unstable neurons, binaries, constraints, seconds for
bounds / build / solve, the value (or bracket) and the status.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

import exactlip
from common import write_results
from exactlip.network.from_onnx import network_from_onnx

DATA = Path(__file__).resolve().parent.parent / "data"
MODELS = ("digits_cnn", "digits_resmlp")
RADII = (0.01, 0.02, 0.05)


def test_points(network, count: int):
    """``(index, centre, label, runner-up)`` of the first ``count`` correctly classified test points."""
    with np.load(DATA / "zoo" / "digits-test.npz") as archive:
        x, y = archive["x"], archive["y"]
    points = []
    for i in range(len(y)):
        logits = network.forward(x[i])
        if int(np.argmax(logits)) == int(y[i]):
            points.append((i, x[i], int(y[i]), int(np.argsort(logits)[-2])))
        if len(points) == count:
            break
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--points", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for name in MODELS:
        network = network_from_onnx(DATA / f"{name}.onnx")
        card = json.loads((DATA / f"{name}.json").read_text())
        for radius in RADII:
            for index, center, label, other in test_points(network, args.points):
                box = exactlip.Box.linf_ball(center, radius, clip=(0.0, 1.0))
                result = exactlip.lipschitz(network, box, norm="linf", margin=(label, other), time_limit=args.time_limit)
                stats = result.stats
                row = {
                    "model": name,
                    "architecture": card["architecture"],
                    "parameters": card["parameters"],
                    "hidden_neurons": network.num_hidden_neurons,
                    "skip_edges": len(network.skips),
                    "radius": radius,
                    "test_index": index,
                    "margin": f"{label}-{other}",
                    "unstable": stats["unstable_neurons"],
                    "binaries": stats["binaries"],
                    "constraints": stats["constraints"],
                    "bounds_s": stats["seconds_bounds"],
                    "build_s": stats["seconds_build"],
                    "solve_s": stats["seconds_solve"],
                    "total_s": stats["seconds_total"],
                    "value": result.value,
                    "lower": result.lower,
                    "upper": result.upper,
                    "status": result.status,
                }
                rows.append(row)
                print(f"{name:14s} r={radius:<5} #{index:<3} {result.status:10s} value={result.value} "
                      f"unstable={row['unstable']} binaries={row['binaries']} solve={row['solve_s']:.2f}s", flush=True)
    columns = [
        ("model", "model"),
        ("parameters", "params"),
        ("hidden_neurons", "hidden"),
        ("radius", "radius"),
        ("test_index", "test #"),
        ("margin", "margin"),
        ("unstable", "unstable"),
        ("binaries", "binaries"),
        ("constraints", "rows"),
        ("bounds_s", "bounds s"),
        ("build_s", "build s"),
        ("solve_s", "solve s"),
        ("value", "value"),
        ("status", "status"),
    ]
    title = (
        f"Exact ℓ∞ margin constants of the shipped CNN and residual MLP on digits (HiGHS, "
        f"time limit {args.time_limit:g} s, bounds={exactlip.bounds.DEFAULT_BOUNDS!r})"
    )
    paths = write_results("breadth", rows, columns, title)
    print("wrote", *paths)


if __name__ == "__main__":
    main()
