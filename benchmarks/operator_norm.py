"""Operator norms over output rows: the objective floor against rows solved one by one.

    python benchmarks/operator_norm.py [--time-limit 120]

The ℓ∞→ℓ∞ constant of a 10-class digits network is the largest of its ten row
constants. Both configurations order the rows by their cheap interval bound and skip a
row whose bound cannot beat the best verified value:

* **floor** — ``exactlip.lipschitz(net, box, norm="linf", output_norm="linf")``: every
  solved row gets the best verified value as an objective floor, so its MIP only looks
  for something better (and is infeasible when there is nothing);
* **one by one** — the same order and skipping, but each row solved to its own optimum
  by ``exactlip.lipschitz(net, box, norm="linf", c=e_i)`` (what the engine did before
  the floor), sharing one time limit.

Networks and boxes are the suite's digits group (``networks.digits_instances``). Writes
``benchmarks/results/operator_norm.{json,md}``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import exactlip
import networks
from common import median, write_results
from exactlip.bounds import compute_bounds
from exactlip.exact import interval_upper_bound
from exactlip.norms import resolve_norm_spec


def with_floor(instance, time_limit: float) -> dict:
    start = time.perf_counter()
    result = exactlip.lipschitz(instance.network, instance.box, norm="linf", output_norm="linf", time_limit=time_limit, threads=1)
    stats = result.stats
    return {
        "seconds": time.perf_counter() - start,
        "status": result.status,
        "lower": result.lower,
        "upper": result.upper,
        "rows_solved": stats["subproblems_solved"],
        "rows_below_floor": stats["subproblems_below_floor"],
        "nodes": stats["nodes"],
    }


def one_by_one(instance, time_limit: float) -> dict:
    start = time.perf_counter()
    deadline = start + time_limit
    network, box = instance.network, instance.box
    rows = np.eye(network.output_dim)
    cheap = [interval_upper_bound(compute_bounds(network, box, resolve_norm_spec("linf", len(c), c=c)), "linf") for c in rows]
    best, upper, solved, nodes, statuses = -np.inf, 0.0, 0, 0, []
    for i in np.argsort(cheap)[::-1]:
        if cheap[i] <= best:
            upper = max(upper, cheap[i])
            continue
        remaining = max(deadline - time.perf_counter(), 1e-3)
        result = exactlip.lipschitz(network, box, norm="linf", c=rows[i], time_limit=remaining, threads=1)
        best, upper = max(best, result.lower), max(upper, result.upper)
        solved, nodes = solved + 1, nodes + result.stats["nodes"]
        statuses.append(result.status)
    status = "optimal" if all(s == "optimal" for s in statuses) else "time_limit"
    return {"seconds": time.perf_counter() - start, "status": status, "lower": best, "upper": upper, "rows_solved": solved, "nodes": nodes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()
    rows = []
    for instance in networks.digits_instances():
        floor = with_floor(instance, args.time_limit)
        plain = one_by_one(instance, args.time_limit)
        if floor["status"] == plain["status"] == "optimal":
            assert abs(floor["lower"] - plain["lower"]) <= 1e-6 * abs(plain["lower"]), (floor, plain)
        row = {
            "instance": instance.name,
            "architecture": instance.architecture,
            "radius": instance.radius,
            **{f"floor_{k}": v for k, v in floor.items()},
            **{f"plain_{k}": v for k, v in plain.items()},
            "ratio": plain["seconds"] / floor["seconds"],
        }
        rows.append(row)
        print(f"{instance.name:35s} floor {floor['status']:10s} {floor['seconds']:7.2f}s rows={floor['rows_solved']} "
              f"| one by one {plain['status']:10s} {plain['seconds']:7.2f}s rows={plain['rows_solved']} "
              f"| ratio {row['ratio']:.2f}", flush=True)  # fmt: skip
    columns = [
        ("instance", "instance"),
        ("floor_status", "floor status"),
        ("floor_seconds", "floor s"),
        ("floor_rows_solved", "rows solved"),
        ("floor_rows_below_floor", "below floor"),
        ("floor_lower", "lower"),
        ("floor_upper", "upper"),
        ("plain_status", "one-by-one status"),
        ("plain_seconds", "one-by-one s"),
        ("plain_rows_solved", "rows solved"),
        ("plain_lower", "lower"),
        ("plain_upper", "upper"),
        ("ratio", "ratio"),
    ]
    title = (f"Operator norm ℓ∞→ℓ∞ of the digits networks: objective floor vs rows one by one "
             f"(time limit {args.time_limit} s, median ratio {median([r['ratio'] for r in rows]):.2f})")  # fmt: skip
    for path in write_results("operator_norm", rows, columns, title):
        print("wrote", path)


if __name__ == "__main__":
    main()
