"""Time every estimator on the shipped networks, and LipSDP / SeqLip against width.

    python benchmarks/estimators.py [--repeats 3] [--quick]

Writes ``benchmarks/results/estimators.{json,md}``:

1. for each shipped network (``data/moons2d.onnx``, ``data/tiny_regressor.npz``) and a
   few norm questions, every estimator's value, kind, certification and median seconds,
   next to the exact constant where exactlip computes one (ℓ1/ℓ∞);
2. median seconds of LipSDP-Neuron, LipSDP-Layer (CVXOPT) and SeqLip (exact up to width
   20, greedy beyond) on random ``[10, w, w, 1]`` networks as the width w grows.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

import exactlip
from common import RESULTS, machine, markdown_table, median, random_network, write_json

DATA = Path(__file__).resolve().parent.parent / "data"
FAST_LOWER = {"clever": {"batches": 50, "batch_size": 128}}


def shipped_cases():
    moons = exactlip.load_network(DATA / "moons2d.onnx")
    tiny = exactlip.load_network(DATA / "tiny_regressor.npz")
    moons_box = exactlip.Box.linf_ball([0.5, 0.5], 0.1, clip=(0.0, 1.0))
    wide_box = exactlip.Box(np.zeros(2), np.ones(2))
    tiny_box = exactlip.Box(-np.ones(3), np.ones(3))
    yield "moons2d.onnx", moons, moons_box, "ℓ∞ ball r=0.1 at (0.5,0.5)", {"norm": "linf", "margin": (0, 1)}
    yield "moons2d.onnx", moons, moons_box, "ℓ∞ ball r=0.1 at (0.5,0.5)", {"norm": "l2", "margin": (0, 1)}
    yield "moons2d.onnx", moons, wide_box, "[0,1]²", {"norm": "l2"}
    yield "moons2d.onnx", moons, wide_box, "[0,1]²", {"norm": "linf"}
    yield "tiny_regressor.npz", tiny, tiny_box, "[-1,1]³", {"norm": "l2"}
    yield "tiny_regressor.npz", tiny, tiny_box, "[-1,1]³", {"norm": "linf"}


def _describe(spec: dict) -> str:
    text = spec["norm"]
    if spec.get("margin") is not None:
        return f"{text}, margin {spec['margin'][0]}-{spec['margin'][1]}"
    return f"{text} → {spec.get('output_norm', spec['norm'])}"


def shipped_rows(repeats: int) -> list[dict]:
    rows = []
    for name, net, box, box_text, spec in shipped_cases():
        exact = None
        if spec["norm"] != "l2":
            result = exactlip.lipschitz(net, box, **spec)
            exact = result.value if result.status == "optimal" else None
        runs = [exactlip.estimate(net, box, **spec, options=FAST_LOWER, seed=r) for r in range(repeats)]
        for i, first in enumerate(runs[0]):
            rows.append(
                {
                    "network": name,
                    "box": box_text,
                    "norm": _describe(spec),
                    "method": first.method,
                    "kind": first.kind,
                    "certified": first.certified,
                    "scope": "local" if first.local else "global",
                    "value": first.value,
                    "exact": exact,
                    "ratio_to_exact": None if exact is None else first.value / exact,
                    "seconds": median(run[i].seconds for run in runs),
                    "converted": "conversion" in first.details,
                }
            )
    return rows


def _timed(fn, repeats: int):
    values, seconds = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        values.append(fn())
        seconds.append(time.perf_counter() - start)
    return values[0], median(seconds)


def scaling_rows(repeats: int, quick: bool) -> list[dict]:
    rows = []
    widths = [8, 12, 16] if quick else [8, 12, 16, 20, 40, 80, 100]
    sdp_widths = seq_widths = widths
    for width in widths:
        net = random_network(width, [10, width, width, 1])
        row = {"width": width, "network": f"[10, {width}, {width}, 1]", "hidden_neurons": 2 * width}
        if width in seq_widths:
            est, secs = _timed(lambda: exactlip.estimate(net, methods=["seqlip"])[0], repeats)
            row.update({"seqlip": est.value, "seqlip_exact": est.certified, "seqlip_seconds": secs})
        if width in sdp_widths:
            for variant in ("lipsdp_neuron", "lipsdp_layer"):
                est, secs = _timed(lambda v=variant: exactlip.estimate(net, methods=[v])[0], repeats if width <= 40 else 1)
                row.update({variant: est.value, f"{variant}_seconds": secs, f"{variant}_certified": est.certified})
        row["naive"] = exactlip.estimate(net, methods=["naive"])[0].value
        rows.append(row)
    return rows


SHIPPED_COLUMNS = [
    ("network", "network"),
    ("box", "box"),
    ("norm", "norm"),
    ("method", "method"),
    ("kind", "kind"),
    ("certified", "certified"),
    ("scope", "scope"),
    ("value", "value"),
    ("exact", "exact"),
    ("ratio_to_exact", "value / exact"),
    ("seconds", "median s"),
]
SCALING_COLUMNS = [
    ("network", "network"),
    ("naive", "naive"),
    ("seqlip", "SeqLip"),
    ("seqlip_exact", "SeqLip exact"),
    ("seqlip_seconds", "SeqLip s"),
    ("lipsdp_neuron", "LipSDP-Neuron"),
    ("lipsdp_neuron_seconds", "Neuron s"),
    ("lipsdp_layer", "LipSDP-Layer"),
    ("lipsdp_layer_seconds", "Layer s"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="small widths only (a smoke run)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="output directory (default benchmarks/results)")
    args = parser.parse_args()
    shipped = shipped_rows(args.repeats)
    scaling = scaling_rows(args.repeats, args.quick)
    write_json(args.out / "estimators.json", {"machine": machine(), "shipped": shipped, "scaling": scaling})
    lines = [
        "# Estimators on the shipped networks and versus width",
        "",
        f"Machine: {machine()}",
        "",
        f"## Shipped networks (median of {args.repeats} runs; exact = exactlip.lipschitz where ℓ1/ℓ∞)",
        "",
        *markdown_table(shipped, SHIPPED_COLUMNS),
        "",
        "## Scaling with width: random [10, w, w, 1] networks, global ℓ2 bounds",
        "",
        f"Median seconds of {args.repeats} runs (one run for LipSDP past width 40). LipSDP with CVXOPT,"
        " certified a posteriori; SeqLip exact up to width 20 (2^w activation patterns per pair), greedy"
        " (not certified) beyond.",
        "",
        *markdown_table(scaling, SCALING_COLUMNS),
    ]
    (args.out / "estimators.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
