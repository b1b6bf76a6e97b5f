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


def markdown_table(rows: list[dict], columns: list[tuple[str, str]]) -> list[str]:
    """A Markdown table, one line per row; floats to 4 significant digits, None as ``–``."""
    lines = ["| " + " | ".join(header for _, header in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(format_cell(row.get(key)) for key, _ in columns) + " |")
    return lines


def format_cell(value) -> str:
    if value is None:
        return "–"
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def write_json(path: Path, payload: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n")
    return path


def write_results(
    name: str, rows: list[dict], columns: list[tuple[str, str]], title: str, out_dir: Path | None = None
) -> tuple[Path, Path]:
    """``<out_dir>/<name>.json`` (rows + machine) and ``<out_dir>/<name>.md`` (a table);
    ``out_dir`` defaults to ``benchmarks/results``."""
    out_dir = RESULTS if out_dir is None else Path(out_dir)
    json_path = write_json(out_dir / f"{name}.json", {"machine": machine(), "rows": rows})
    lines = [f"# {title}", "", f"Machine: {machine()}", "", *markdown_table(rows, columns)]
    md_path = out_dir / f"{name}.md"
    md_path.write_text("\n".join(lines) + "\n")
    return json_path, md_path
