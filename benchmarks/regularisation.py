"""Regularisation study: how each training regime changes the exact local Lipschitz constant,
and how loose the usual upper bounds are on the same networks.

    python benchmarks/regularisation.py [--points 12] [--time-limit 60] [--out DIR]

For every zoo network ``data/zoo/<dataset>-<regime>`` (see :mod:`exactlip.zoo`) and N fixed
test points (evenly spaced through ``<dataset>-test.npz``, the same for every regime), the
question is the ℓ∞ Lipschitz constant of the margin ``f_y − f_j`` between the true class y
and the runner-up j (the largest other logit at the point) over the ℓ∞ ball of radius
``STUDY_RADIUS[dataset]`` clipped to ``[0, 1]``, i.e. ``sup ‖∇(f_y − f_j)‖₁``. Per network:

* ``exact``: :func:`exactlip.lipschitz` (HiGHS, one thread, ``time_limit`` per point). The
  median of the values when every point is optimal; otherwise the bracket
  ``[median of lower, median of upper]`` (the median is monotone, so it holds the median
  of the true constants) and the count of optimal solves;
* upper bounds from :func:`exactlip.estimate` for the same margin and norm: ``naive``
  (native ℓ∞), ``autolip``, ``seqlip``, ``lipsdp`` (LipSDP-Neuron) — all global — and the
  local ``seqlip_local`` and ``lipsdp_local`` over the same ball. AutoLip, SeqLip and
  LipSDP bound the ℓ2 constant ``sup ‖∇(f_y − f_j)‖₂``; exactlip converts it with
  ``‖g‖₁ ≤ √n ‖g‖₂`` (n inputs), which is part of their looseness here. Medians over the
  points; a bound that is not certified at some point (greedy SeqLip on width 32) is
  flagged;
* the test accuracy from the network's card.

Writes ``benchmarks/results/regularisation.{json,md,png}``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

import exactlip
from exactlip.zoo import DATASET_NAMES, REGIME_NAMES, STUDY_RADIUS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, machine, markdown_table, write_json  # noqa: E402

ZOO = Path(__file__).resolve().parent.parent / "data" / "zoo"
POINTS = 12
TIME_LIMIT = 60.0
BOUNDS = {  # column key -> (exactlip.estimate method, label)
    "naive": ("naive", "naive (ℓ∞)"),
    "autolip": ("autolip", "AutoLip"),
    "seqlip": ("seqlip", "SeqLip"),
    "seqlip_local": ("seqlip_local", "SeqLip local"),
    "lipsdp": ("lipsdp_neuron", "LipSDP"),
    "lipsdp_local": ("lipsdp_neuron_local", "LipSDP local"),
}
GLOBAL = {"naive", "autolip", "seqlip", "lipsdp"}


def test_points(dataset: str, zoo: Path = ZOO) -> tuple[np.ndarray, np.ndarray]:
    with np.load(zoo / f"{dataset}-test.npz", allow_pickle=False) as archive:
        return archive["x"], archive["y"]


def chosen_indices(size: int, count: int) -> list[int]:
    """``count`` indices spread evenly over ``range(size)`` (all of them if fewer)."""
    if count >= size:
        return list(range(size))
    return sorted({int(i) for i in np.linspace(0, size - 1, count).round()})


def runner_up(network: exactlip.Network, x: np.ndarray, label: int) -> int:
    logits = network.forward(x[None, :])[0].copy()
    logits[label] = -np.inf
    return int(np.argmax(logits))


def study_network(name: str, radius: float, indices: list[int], zoo: Path = ZOO, time_limit: float = TIME_LIMIT,
                  bounds: dict = BOUNDS, log=print) -> dict:
    """Exact constants and upper bounds at the chosen test points of one zoo network."""
    import json

    dataset = name.split("-", 1)[0]
    network = exactlip.load_network(zoo / f"{name}.npz")
    card = json.loads((zoo / f"{name}.json").read_text())
    xs, ys = test_points(dataset, zoo)
    global_cache: dict[tuple, exactlip.Estimate] = {}
    points = []
    for index in indices:
        x, label = xs[index], int(ys[index])
        other = runner_up(network, x, label)
        box = exactlip.Box.linf_ball(x, radius, clip=(0.0, 1.0))
        res = exactlip.lipschitz(network, box, norm="linf", margin=(label, other), time_limit=time_limit, threads=1)
        record = {
            "index": index,
            "label": label,
            "runner_up": other,
            "correct": bool(np.argmax(network.forward(x[None, :])[0]) == label),
            "status": res.status,
            "value": res.value,
            "lower": res.lower,
            "upper": res.upper,
            "seconds": res.stats.get("seconds_total"),
            "unstable": res.stats.get("unstable_neurons"),
            "bounds": {},
        }
        for key, (method, _) in bounds.items():
            cache_key = (method, label, other)
            if key in GLOBAL and cache_key in global_cache:
                est = global_cache[cache_key]
            else:
                (est,) = exactlip.estimate(network, box, norm="linf", margin=(label, other), methods=[method])
                if key in GLOBAL:
                    global_cache[cache_key] = est
            record["bounds"][key] = {"value": est.value, "certified": est.certified, "seconds": est.seconds}
        points.append(record)
    optimal = [p for p in points if p["status"] == "optimal"]
    row = {
        "name": name,
        "dataset": dataset,
        "regime": name.split("-", 1)[1],
        "radius": radius,
        "test_accuracy": card["test_accuracy"],
        "points": len(points),
        "optimal": len(optimal),
        "exact_median": statistics.median(p["value"] for p in points) if len(optimal) == len(points) else None,
        "exact_median_lower": statistics.median(p["lower"] for p in points),
        "exact_median_upper": statistics.median(p["upper"] for p in points),
        "exact_seconds_median": statistics.median(p["seconds"] for p in points),
        "bounds": {
            key: {
                "median": statistics.median(p["bounds"][key]["value"] for p in points),
                "certified": all(p["bounds"][key]["certified"] for p in points),
                "min_ratio_to_exact_upper": min(p["bounds"][key]["value"] / p["upper"] for p in points),
            }
            for key in bounds
        },
        "ordering_holds": all(
            p["lower"] <= b["value"] * (1 + 1e-9) for p in points for b in p["bounds"].values() if b["certified"]
        ),
        "per_point": points,
    }
    log(
        f"{name}: exact median {format_exact(row)} ({row['optimal']}/{row['points']} optimal, "
        f"median {row['exact_seconds_median']:.2f} s), test accuracy {row['test_accuracy']:.3f}",
        flush=True,
    )
    return row


def format_exact(row: dict) -> str:
    if row["exact_median"] is not None:
        return f"{row['exact_median']:.4g}"
    return f"[{row['exact_median_lower']:.4g}, {row['exact_median_upper']:.4g}]"


def study(datasets=DATASET_NAMES, regimes=REGIME_NAMES, points: int = POINTS, zoo: Path = ZOO,
          time_limit: float = TIME_LIMIT, radius: dict | None = None, bounds: dict = BOUNDS, log=print) -> dict:
    """Run the study over ``datasets × regimes``; returns the JSON-ready payload."""
    radius = dict(STUDY_RADIUS, **(radius or {}))
    start = time.perf_counter()
    rows = []
    for dataset in datasets:
        size = test_points(dataset, zoo)[1].size
        indices = chosen_indices(size, points)
        for regime in regimes:
            rows.append(study_network(f"{dataset}-{regime}", radius[dataset], indices, zoo, time_limit, bounds, log))
    return {
        "machine": machine(),
        "settings": {
            "points_per_network": points,
            "radius": {d: radius[d] for d in datasets},
            "norm": "linf (sup of the l1 norm of the margin's gradient)",
            "margin": "true class minus runner-up logit at the point",
            "time_limit_s": time_limit,
            "threads": 1,
            "bounds": {key: method for key, (method, _) in bounds.items()},
            "l2_methods_converted": "AutoLip, SeqLip and LipSDP bound the l2 constant; exactlip multiplies by sqrt(n)",
        },
        "seconds": time.perf_counter() - start,
        "rows": rows,
    }


def table_rows(payload: dict) -> list[dict]:
    rows = []
    for row in payload["rows"]:
        flat = {
            "dataset": f"{row['dataset']} (r={row['radius']:g})",
            "regime": row["regime"],
            "accuracy": row["test_accuracy"],
            "exact": format_exact(row),
            "optimal": f"{row['optimal']}/{row['points']}",
        }
        for key, bound in row["bounds"].items():
            flat[key] = f"{bound['median']:.4g}" + ("" if bound["certified"] else "*")
        rows.append(flat)
    return rows


def markdown(payload: dict) -> str:
    bounds = payload["settings"]["bounds"]
    columns = [("dataset", "dataset"), ("regime", "regime"), ("accuracy", "test acc."), ("exact", "exact (median)"),
               ("optimal", "optimal")]
    columns += [(key, BOUNDS[key][1] if key in BOUNDS else key) for key in bounds]
    settings = payload["settings"]
    lines = [
        "# Regularisation study: exact local Lipschitz constants of the zoo networks",
        "",
        f"Machine: {payload['machine']}",
        "",
        f"Per network, {settings['points_per_network']} fixed test points; the ℓ∞ Lipschitz constant of the margin "
        "f_true − f_runner-up (= sup ‖∇‖₁) over the ℓ∞ ball of the given radius clipped to [0, 1]. "
        "`exact`: median of exactlip.lipschitz (a bracket [median lower, median upper] when some point hit the "
        f"{settings['time_limit_s']:g} s limit); `optimal`: how many points were solved to optimality. Upper bounds: "
        "medians over the same points from exactlip.estimate with the same margin and norm. naive, AutoLip, SeqLip, "
        "LipSDP (LipSDP-Neuron) are global constants; the local variants use the same ball. AutoLip, SeqLip and "
        "LipSDP work in ℓ2 and are converted with ‖g‖₁ ≤ √n ‖g‖₂ (n = 64, 4, 2 inputs). `*`: not certified at "
        "some point (SeqLip greedy beyond width 20).",
        "",
        *markdown_table(table_rows(payload), columns),
        "",
        f"Total time: {payload['seconds']:.0f} s. Ordering lower ≤ every certified upper bound holds at every point: "
        f"{all(r['ordering_holds'] for r in payload['rows'])}.",
    ]
    return "\n".join(lines) + "\n"


def plot(payload: dict, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    datasets = list(dict.fromkeys(r["dataset"] for r in payload["rows"]))
    keys = list(payload["settings"]["bounds"])
    fig, axes = plt.subplots(1, len(datasets), figsize=(5.2 * len(datasets), 4.6), squeeze=False)
    markers = ["v", "^", "s", "D", "P", "X", "*"]
    for ax, dataset in zip(axes[0], datasets):
        rows = [r for r in payload["rows"] if r["dataset"] == dataset]
        xs = np.arange(len(rows))
        lower = [r["exact_median_lower"] for r in rows]
        upper = [r["exact_median_upper"] for r in rows]
        ax.plot(xs, lower, "o-", color="black", linewidth=2, label="exact (median)", zorder=5)
        if any(u > l * (1 + 1e-6) for l, u in zip(lower, upper)):
            ax.fill_between(xs, lower, upper, color="gray", alpha=0.3, label="exact bracket")
        for key, marker in zip(keys, markers):
            ax.plot(xs, [r["bounds"][key]["median"] for r in rows], marker=marker, linestyle=":", label=BOUNDS.get(key, (key, key))[1])
        ax.set_yscale("log")
        ax.set_xticks(xs, [r["regime"] for r in rows], rotation=30)
        ax.set_title(f"{dataset} (ℓ∞ ball r={rows[0]['radius']:g}, {rows[0]['points']} points)")
        ax.set_ylabel("Lipschitz constant of the margin (ℓ∞ → |·|)")
        ax.grid(True, which="both", alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_outputs(payload: dict, out_dir: Path = RESULTS, name: str = "regularisation") -> dict[str, Path]:
    out_dir = Path(out_dir)
    paths = {"json": write_json(out_dir / f"{name}.json", payload)}
    paths["md"] = out_dir / f"{name}.md"
    paths["md"].write_text(markdown(payload))
    paths["png"] = plot(payload, out_dir / f"{name}.png")
    return paths


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=POINTS, help=f"test points per network (default {POINTS})")
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT, help="seconds per exact solve")
    parser.add_argument("--datasets", default=",".join(DATASET_NAMES))
    parser.add_argument("--regimes", default=",".join(REGIME_NAMES))
    parser.add_argument("--out", default=str(RESULTS), help="output directory (default benchmarks/results)")
    args = parser.parse_args(argv)
    payload = study(args.datasets.split(","), args.regimes.split(","), args.points, time_limit=args.time_limit)
    paths = write_outputs(payload, Path(args.out))
    print(markdown(payload))
    print("wrote " + ", ".join(str(p) for p in paths.values()))
    return payload


if __name__ == "__main__":
    main()
