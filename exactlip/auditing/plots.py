"""The audit's plots (matplotlib, Agg canvas; no pyplot state, no display needed).

* ``ratios.png``: per estimator, every instance's ratio estimate / exact on a log
  scale; a point where the exact value is known, a vertical bar ``[e/upper, e/lower]``
  where the exact bracket stayed open; the median as a horizontal tick; violated
  orderings as red crosses.
* ``ratio_vs_seconds.png``: ratio against the estimator's seconds (both logarithmic),
  one colour per estimator, bars for open brackets, and the exact solves' seconds at
  ratio 1 for comparison.
"""

from __future__ import annotations

import math

import numpy as np

from .result import VIOLATED, AuditResult

PLOTS = ("ratios.png", "ratio_vs_seconds.png")
KIND_COLORS = {"upper": "tab:blue", "lower": "tab:orange", "heuristic": "tab:gray"}
MIN_SECONDS = 1e-5


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(figure)
    return figure


def _limits(result: AuditResult) -> tuple[float, float]:
    """Finite, positive range of every ratio end (with room), for clipping 0 and ∞."""
    ends = [
        v
        for inst in result.instances
        for row in inst.estimates
        for v in (row.ratio_low, row.ratio_high)
        if v is not None and 0 < v < math.inf
    ]
    if not ends:
        return 0.5, 2.0
    low, high = min(min(ends), 1.0), max(max(ends), 1.0)
    return low / 1.6, high * 1.6


def _clip(value: float, bottom: float, top: float) -> float:
    return min(max(value, bottom), top)


def plot_ratios(result: AuditResult, path) -> None:
    names = list(result.suite.estimators)
    figure = _figure(max(6.0, 0.9 * len(names) + 2.0), 4.8)
    ax = figure.add_subplot(1, 1, 1)
    bottom, top = _limits(result)
    rng = np.random.default_rng(0)
    for x, name in enumerate(names):
        rows = [inst.estimates[x] for inst in result.instances]
        rated = [r for r in rows if r.ratio_low is not None]
        if not rated:
            continue
        color = KIND_COLORS.get(rated[0].kind, "black")
        jitter = rng.uniform(-0.18, 0.18, size=len(rated))
        for dx, row in zip(jitter, rated):
            low, high = _clip(row.ratio_low, bottom, top), _clip(row.ratio_high, bottom, top)
            if row.ratio_low == row.ratio_high:
                ax.plot(x + dx, low, "o", ms=3.5, color=color, alpha=0.6, mec="none")
            else:
                ax.plot([x + dx, x + dx], [low, high], "-", lw=1.2, color=color, alpha=0.6)
                ax.plot([x + dx - 0.04, x + dx + 0.04], [low, low], "-", lw=1.0, color=color, alpha=0.6)
                ax.plot([x + dx - 0.04, x + dx + 0.04], [high, high], "-", lw=1.0, color=color, alpha=0.6)
            if row.ordering == VIOLATED:
                ax.plot(x + dx, _clip(row.ratio_low, bottom, top), "x", ms=9, mew=2, color="red")
        summary = result.summaries[x]
        if summary.ratio_median is not None:
            m_low, m_high = (_clip(v, bottom, top) for v in summary.ratio_median)
            if m_low == m_high:
                ax.plot([x - 0.32, x + 0.32], [m_low, m_low], "-", lw=2.2, color="black")
            else:
                ax.fill_between([x - 0.32, x + 0.32], [m_low, m_low], [m_high, m_high], color="black", alpha=0.25, lw=0)
    ax.axhline(1.0, color="black", lw=0.8, ls="--")
    ax.set_yscale("log")
    ax.set_ylim(bottom, top)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=30, ha="right")
    ax.set_ylabel("estimate / exact constant (log)")
    ax.set_title(f"{result.suite.name}: estimator ratios over {len(result.instances)} instances")
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", ls="none", color=c, label=f"{k} bound" if k != "heuristic" else k) for k, c in KIND_COLORS.items()]
    handles.append(Line2D([], [], color="black", lw=2.2, label="median"))
    handles.append(Line2D([], [], color="gray", lw=1.2, label="open exact bracket (interval)"))
    if result.violations:
        handles.append(Line2D([], [], marker="x", ls="none", color="red", mew=2, label="ordering violated"))
    ax.legend(handles=handles, fontsize=7, loc="best")
    ax.grid(True, axis="y", which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, format="png")


def plot_ratio_vs_seconds(result: AuditResult, path) -> None:
    names = list(result.suite.estimators)
    figure = _figure(7.5, 5.0)
    ax = figure.add_subplot(1, 1, 1)
    bottom, top = _limits(result)
    markers = "os^vD<>pPhX*"
    colors = [f"C{i % 10}" for i in range(len(names))]
    for x, name in enumerate(names):
        rows = [inst.estimates[x] for inst in result.instances if inst.estimates[x].ratio_low is not None]
        if not rows:
            continue
        seconds = np.array([max(r.seconds, MIN_SECONDS) for r in rows])
        low = np.array([_clip(r.ratio_low, bottom, top) for r in rows])
        high = np.array([_clip(r.ratio_high, bottom, top) for r in rows])
        point = low == high
        marker, color = markers[x % len(markers)], colors[x]
        ax.plot(seconds[point], low[point], marker, ls="none", ms=4.5, color=color, alpha=0.7, label=name)
        if (~point).any():
            ax.vlines(seconds[~point], low[~point], high[~point], color=color, alpha=0.7, lw=1.2, label=None if point.any() else name)
    exact_seconds = [max(inst.exact_seconds, MIN_SECONDS) for inst in result.instances if inst.exact.status == "optimal"]
    if exact_seconds:
        ax.plot(exact_seconds, np.ones(len(exact_seconds)), "k*", ms=7, alpha=0.6, label="exact solve (optimal)")
    ax.axhline(1.0, color="black", lw=0.8, ls="--")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(bottom, top)
    ax.set_xlabel("seconds (log)")
    ax.set_ylabel("estimate / exact constant (log)")
    ax.set_title(f"{result.suite.name}: ratio versus time")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    figure.tight_layout()
    figure.savefig(path, format="png")


def write_plots(result: AuditResult, staging) -> None:
    """Draw both plots into files of ``staging`` (see :class:`~exactlip.auditing.report.Staging`)."""
    plot_ratios(result, staging.path_for(PLOTS[0]))
    plot_ratio_vs_seconds(result, staging.path_for(PLOTS[1]))
