"""Shared pieces of the benchmark scripts: timing repeats and writing results."""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path

import numpy as np

import exactlip

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    import os

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "exactlip": exactlip.__version__,
        "date": time.strftime("%Y-%m-%d"),
    }


def median(values) -> float:
    return float(statistics.median(values))


def random_network(seed: int, widths: list[int], bias_scale: float = 0.5) -> exactlip.Network:
    """He-scaled Gaussian weights, Gaussian biases (the tests' generator, fixed seeds)."""
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((widths[i + 1], widths[i])) * np.sqrt(2.0 / widths[i]) for i in range(len(widths) - 1)]
    biases = [bias_scale * rng.standard_normal(widths[i + 1]) for i in range(len(widths) - 1)]
    return exactlip.Network(weights, biases, name="random-" + "-".join(map(str, widths)))


def write_results(name: str, rows: list[dict], columns: list[tuple[str, str]], title: str) -> tuple[Path, Path]:
    """``results/<name>.json`` (rows + machine) and ``results/<name>.md`` (a table)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    json_path = RESULTS / f"{name}.json"
    json_path.write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2) + "\n")
    lines = [f"# {title}", "", f"Machine: {machine()}", ""]
    lines.append("| " + " | ".join(header for _, header in columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            cells.append(f"{value:.4g}" if isinstance(value, float) else str(value))
        lines.append("| " + " | ".join(cells) + " |")
    md_path = RESULTS / f"{name}.md"
    md_path.write_text("\n".join(lines) + "\n")
    return json_path, md_path
