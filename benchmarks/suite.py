"""The benchmark suite: time the exact engine against the interval-only formulation.

    python benchmarks/suite.py [--groups sweep,digits,width] [--time-limit 120]
                               [--repeats 1] [--threads 1] [--quick] [--out DIR]
                               [--default JSON] [--baseline JSON] [--only TEXT]

Each instance (see ``networks.py``) is solved by ``exactlip.lipschitz`` twice in the
same process: with the *default* formulation (no formulation keywords, plus the
``--default`` keywords) and with the *baseline* (``--baseline``, by default
``{"bounds": "interval", "input_split": 0, "region_search": 0}``: LipMIP's method), each under the per-instance time limit. Writes
``<out>/<name>.json`` (every row, the run's settings and the machine; rewritten after
each instance, so an interrupted run keeps what it measured) and ``<out>/<name>.md``
(summary per group, the comparison with the reference LipMIP-on-Gurobi figure, the
speed-up ratios, the issue's targets and the per-instance tables). Two optimal values
that differ by more than 1e-6 relative, or brackets that exclude each other, are
flagged as DISAGREEMENT on stderr and at the top of the Markdown.
"""

from __future__ import annotations

import os

# One thread everywhere, like the reference's one-thread Gurobi: BLAS threads fight the
# solver (and any other load) for the cores and make timings noisy. Set before numpy loads;
# an explicit environment variable wins.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

import exactlip  # noqa: E402
import networks  # noqa: E402
from common import RESULTS, format_cell, machine, markdown_table, median, write_json

# LipMIP's method: the MIP alone (no input-box or region search), interval bounds.
DEFAULT_BASELINE = {"bounds": "interval", "input_split": 0, "region_search": 0}
AGREE_RTOL = 1e-6
AGREE_ATOL = 1e-9
SLOW_BASELINE_SECONDS = 1.0
# The reference: LipMIP's replicas of these sweeps on Gurobi 13, one thread.
REFERENCE = {
    "seconds": 35.0,
    "instances": 33,
    "solver": "reference LipMIP (interval bounds) on Gurobi 13, one thread",
    "hardest": "depth 8 random-init 11 s, digits 64-20-20-10 r=0.1 5.3 s, input dim 16 4.2 s",
}
REFERENCE_DIGITS_ARCH = "64-20-20-10"
# Issue target: optimal in under 60 s each.
TARGET_60S = (("64-50-50-10", 0.05), ("64-100-100-10", 0.02))
TARGET_SPEEDUP = 10.0
RUN_KEYS = (
    "unstable", "binaries", "variables", "constraints", "nonzeros", "nodes", "bounds_s", "split_s", "regions_s", "build_s",
    "solve_s", "certify_s", "other_s", "total_s", "wall_s", "value", "lower", "upper", "status", "bounds_method", "backend", "message",
)  # fmt: skip


# --- running ----------------------------------------------------------------------------
def formulation_info() -> dict:
    """What "default" means today: the ``bounds`` default of ``exactlip.lipschitz`` and the
    methods ``exactlip.bounds.BOUND_METHODS`` offers (read at run time)."""
    from exactlip.bounds import BOUND_METHODS

    params = inspect.signature(exactlip.lipschitz).parameters
    return {
        "default_bounds": params["bounds"].default if "bounds" in params else None,
        "bound_methods": list(BOUND_METHODS),
        "lipschitz_keywords": [p for p in params if p not in ("model", "box")],
    }


def run_config(instance: networks.Instance, kwargs: dict, *, time_limit, threads, repeats: int, backend="highs") -> dict:
    """Solve ``instance`` ``repeats`` times with ``kwargs``: the last run's sizes and
    answer, the median of each timing. An exception becomes ``status="error"``."""
    runs, walls = [], []
    kwargs = {"backend": backend, "time_limit": time_limit, "threads": threads, **kwargs}
    for _ in range(repeats):
        started = time.perf_counter()
        try:
            result = exactlip.lipschitz(instance.network, instance.box, **instance.objective, **kwargs)
        except Exception as exc:  # recorded and shouted, never silently dropped
            return {"status": "error", "message": f"{type(exc).__name__}: {exc}", "wall_s": time.perf_counter() - started}
        walls.append(time.perf_counter() - started)
        runs.append(result)
    last = runs[-1]
    stats = last.stats

    def med(key):
        return median(r.stats[key] for r in runs) if key in stats else None

    phases = (
        "seconds_bounds", "seconds_input_split", "seconds_region_search", "seconds_build", "seconds_solve", "seconds_certify",
    )  # fmt: skip
    # what the phases do not account for: sampling, backend choice, result assembly
    other = median(r.stats["seconds_total"] - sum(r.stats.get(k, 0.0) for k in phases) for r in runs)

    return {
        "unstable": stats.get("unstable_neurons"),
        "binaries": stats.get("binaries"),
        "variables": stats.get("variables"),
        "constraints": stats.get("constraints"),
        "nonzeros": stats.get("nonzeros"),
        "nodes": stats.get("nodes"),
        "bounds_s": med("seconds_bounds"),
        "split_s": med("seconds_input_split"),
        "regions_s": med("seconds_region_search"),
        "build_s": med("seconds_build"),
        "solve_s": med("seconds_solve"),
        "certify_s": med("seconds_certify"),
        "other_s": other,
        "total_s": med("seconds_total"),
        "wall_s": median(walls),
        "value": last.value,
        "lower": last.lower,
        "upper": last.upper,
        "status": last.status,
        "bounds_method": stats.get("bounds_method"),
        "backend": stats.get("backend"),
        "message": last.message,
        "stats": stats,
    }


def compare(default: dict, baseline: dict) -> dict:
    """Speed-up ratio baseline/default (total seconds) and the agreement check."""
    out = {"ratio": None, "ratio_censored": False, "agree": None, "disagreement": ""}
    if default["status"] == "error" or baseline["status"] == "error":
        return out
    if default.get("total_s") and baseline.get("total_s") is not None:
        out["ratio"] = baseline["total_s"] / default["total_s"]
        # a baseline stopped by the time limit only gives a lower bound on the ratio
        out["ratio_censored"] = baseline["status"] != "optimal" and default["status"] == "optimal"
    problems = []
    tol = lambda a, b: AGREE_RTOL * max(abs(a), abs(b)) + AGREE_ATOL  # noqa: E731
    if default["status"] == baseline["status"] == "optimal":
        a, b = default["value"], baseline["value"]
        if abs(a - b) > tol(a, b):
            problems.append(f"optimal values differ: default {a!r} vs baseline {b!r} (rel {abs(a - b) / max(abs(a), abs(b)):.2e})")
    for lo_name, lo_run, up_name, up_run in (("default", default, "baseline", baseline), ("baseline", baseline, "default", default)):
        lo, up = lo_run.get("lower"), up_run.get("upper")
        if lo is not None and up is not None and lo > up + tol(lo, up):
            problems.append(f"{lo_name} verified lower {lo!r} > {up_name} proven upper {up!r}")
    out["agree"] = not problems
    out["disagreement"] = "; ".join(problems)
    return out


def instance_row(instance: networks.Instance) -> dict:
    return {
        "group": instance.group,
        "name": instance.name,
        "architecture": instance.architecture,
        "radius": instance.radius,
        "input_dim": instance.input_dim,
        "hidden_neurons": instance.hidden_neurons,
        "objective": {k: list(v) if isinstance(v, (tuple, list)) else v for k, v in instance.objective.items()},
        "center": instance.center.tolist(),
        "meta": instance.meta,
    }


def git_revision() -> str | None:
    try:
        here = Path(__file__).resolve().parent
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=here, capture_output=True, text=True)
        return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def run_suite(
    instances: list,
    *,
    default: dict | None = None,
    baseline: dict | None = None,
    time_limit: float | None = 120.0,
    threads: int | None = 1,
    repeats: int = 1,
    backend: str = "highs",
    out_dir: Path = RESULTS,
    name: str = "suite",
    log=print,
) -> dict:
    """Time every instance with both configurations; write ``<out_dir>/<name>.{json,md}``.
    Returns the JSON payload (settings, machine, rows, summary)."""
    default = {} if default is None else dict(default)
    baseline = dict(DEFAULT_BASELINE) if baseline is None else dict(baseline)
    out_dir = Path(out_dir)
    settings = {
        "time_limit": time_limit,
        "threads": threads,
        "repeats": repeats,
        "backend": backend,
        "default_kwargs": default,
        "baseline_kwargs": baseline,
        **formulation_info(),
        "git": git_revision(),
        "highspy": _version("highspy"),
        "torch": _version("torch"),
        "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "load_average_start": _load_average(),
    }
    log(f"default = lipschitz(**{default}) [bounds default {settings['default_bounds']!r}]; "
        f"baseline = lipschitz(**{baseline}); methods {settings['bound_methods']}; "
        f"backend {backend}, time limit {time_limit} s, threads {threads}, repeats {repeats}")  # fmt: skip
    warm_up([default, baseline], threads, backend)
    rows = []
    payload = {"machine": machine(), "settings": settings, "complete": False, "rows": rows}
    started = time.perf_counter()
    for i, instance in enumerate(instances, 1):
        log(f"[{i}/{len(instances)}] {instance.group:6s} {instance.name:34s}", end=" ", flush=True)
        runs = {
            label: run_config(instance, kwargs, time_limit=time_limit, threads=threads, repeats=repeats, backend=backend)
            for label, kwargs in (("default", default), ("baseline", baseline))
        }
        row = {**instance_row(instance), **runs, **compare(runs["default"], runs["baseline"])}
        rows.append(row)
        log(_progress_line(row), flush=True)
        if row["agree"] is False:
            print(f"DISAGREEMENT on {instance.name}: {row['disagreement']}", file=sys.stderr, flush=True)
        write_json(out_dir / f"{name}.json", payload)
    payload["complete"] = True
    settings["load_average_end"] = _load_average()
    payload["seconds"] = time.perf_counter() - started
    payload["summary"] = summarize(rows)
    write_json(out_dir / f"{name}.json", payload)
    write_markdown(out_dir / f"{name}.md", payload)
    log(f"wrote {out_dir / (name + '.json')} and {out_dir / (name + '.md')} ({payload['seconds']:.1f} s)")
    return payload


def warm_up(configs, threads, backend="highs") -> None:
    """One untimed tiny solve per configuration, so that the first timed instance does not
    pay for lazy imports and the solver's first start."""
    net = exactlip.Network([np.array([[1.0, -1.0], [0.5, 1.0]]), np.array([[1.0, -2.0]])], [np.array([0.1, -0.2]), np.zeros(1)])
    for kwargs in configs:
        exactlip.lipschitz(net, exactlip.Box(-np.ones(2), np.ones(2)), **{"backend": backend, "threads": threads, **kwargs})


def _load_average() -> list[float] | None:
    """1/5/15-minute load averages: other work on the machine inflates timings."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _version(module: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return None


def _progress_line(row: dict) -> str:
    def part(run):
        if run["status"] == "error":
            return f"ERROR {run['message']}"
        return f"{run['status']:10s} {run['total_s']:8.3f}s bin={run['binaries']}"

    ratio = "" if row["ratio"] is None else f" ratio={'≥' if row['ratio_censored'] else ''}{row['ratio']:.2f}"
    flag = "  DISAGREE" if row["agree"] is False else ""
    return f"default {part(row['default'])} | baseline {part(row['baseline'])}{ratio}{flag}"


# --- summarising ------------------------------------------------------------------------
def _seconds(rows, label, key="total_s"):
    return [r[label][key] for r in rows if r[label].get(key) is not None]


def group_summary(rows: list[dict]) -> dict:
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    out = {"instances": len(rows)}
    for label in ("default", "baseline"):
        seconds = _seconds(rows, label)
        out[label] = {
            "optimal": sum(r[label]["status"] == "optimal" for r in rows),
            "time_limit": sum(r[label]["status"] == "time_limit" for r in rows),
            "other": sum(r[label]["status"] not in ("optimal", "time_limit") for r in rows),
            "total_s": float(sum(seconds)),
            "wall_s": float(sum(_seconds(rows, label, "wall_s"))),
            "median_s": median(seconds) if seconds else None,
            "max_s": max(seconds) if seconds else None,
        }
    out["median_ratio"] = median(ratios) if ratios else None
    out["disagreements"] = sum(r["agree"] is False for r in rows)
    return out


def is_reference_instance(row: dict) -> bool:
    """Groups (a) and digits 64-20-20-10: what the issue's reference figure covers
    (the suite's own draw of the sweep; further draws are replicas of it)."""
    if row["group"] == "sweep":
        return row["meta"].get("draw", 0) == 0
    return row["group"] == "digits" and row["architecture"] == REFERENCE_DIGITS_ARCH


def summarize(rows: list[dict]) -> dict:
    groups = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    ref_rows = [r for r in rows if is_reference_instance(r)]
    slow = [r for r in rows if (r["baseline"].get("total_s") or 0.0) > SLOW_BASELINE_SECONDS and r["ratio"] is not None]
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    target_rows = []
    for arch, radius in TARGET_60S:
        for r in rows:
            if r["group"] == "digits" and r["architecture"] == arch and np.isclose(r["radius"], radius):
                d = r["default"]
                ok = d["status"] == "optimal" and d["wall_s"] < 60.0
                target_rows.append({"name": r["name"], "status": d["status"], "wall_s": d["wall_s"], "met": ok})
    ref = group_summary(ref_rows) if ref_rows else None
    return {
        "groups": {g: group_summary(rs) for g, rs in groups.items()},
        "all": group_summary(rows),
        "reference": None
        if ref is None
        else {
            **REFERENCE,
            "measured_instances": len(ref_rows),
            "default_wall_s": ref["default"]["wall_s"],
            "baseline_wall_s": ref["baseline"]["wall_s"],
            "default_all_optimal": ref["default"]["optimal"] == len(ref_rows),
            "baseline_all_optimal": ref["baseline"]["optimal"] == len(ref_rows),
            "met": ref["default"]["optimal"] == len(ref_rows) and ref["default"]["wall_s"] <= REFERENCE["seconds"],
        },
        "speedup": {
            "median_all": median(ratios) if ratios else None,
            "instances": len(ratios),
            "median_baseline_over_1s": median([r["ratio"] for r in slow]) if slow else None,
            "min_baseline_over_1s": min(r["ratio"] for r in slow) if slow else None,
            "instances_baseline_over_1s": len(slow),
            "target": TARGET_SPEEDUP,
            "met": (min(r["ratio"] for r in slow) >= TARGET_SPEEDUP) if slow else None,
        },
        "targets_60s": target_rows,
        "disagreements": [{"name": r["name"], "detail": r["disagreement"]} for r in rows if r["agree"] is False],
        "errors": [
            {"name": r["name"], "config": label, "message": r[label]["message"]}
            for r in rows
            for label in ("default", "baseline")
            if r[label]["status"] == "error"
        ],
        "not_optimal": [
            {"name": r["name"], "config": label, "status": r[label]["status"], "lower": r[label].get("lower"), "upper": r[label].get("upper")}
            for r in rows
            for label in ("default", "baseline")
            if r[label]["status"] not in ("optimal", "error")
        ],
    }


# --- Markdown ---------------------------------------------------------------------------
def _verdict(met) -> str:
    return "n/a (no such instance)" if met is None else "met" if met else "not met"


def _flatten(row: dict, label: str) -> dict:
    flat = {k: row[k] for k in ("group", "name", "architecture", "radius", "input_dim", "hidden_neurons")}
    flat.update({k: row[label].get(k) for k in RUN_KEYS})
    ratio = row["ratio"]
    flat["ratio"] = None if ratio is None else ("≥" if row["ratio_censored"] else "") + format_cell(float(ratio))
    flat["agree"] = {True: "yes", False: "**NO**", None: "–"}[row["agree"]]
    return flat


INSTANCE_COLUMNS = [
    ("name", "instance"), ("architecture", "arch"), ("radius", "r"), ("input_dim", "d"), ("hidden_neurons", "hidden"),
    ("unstable", "unstable"), ("binaries", "bin"), ("variables", "vars"), ("constraints", "rows"),
    ("bounds_s", "bounds s"), ("split_s", "split s"), ("regions_s", "regions s"), ("build_s", "build s"), ("solve_s", "solve s"), ("certify_s", "certify s"),
    ("other_s", "other s"), ("total_s", "total s"),
    ("nodes", "nodes"), ("value", "value"), ("status", "status"), ("lower", "lower"), ("upper", "upper"),
]  # fmt: skip


def _group_table(summary: dict) -> list[str]:
    rows = []
    for group, s in [*summary["groups"].items(), ("all", summary["all"])]:
        d, b = s["default"], s["baseline"]
        rows.append(
            {
                "group": group, "n": s["instances"], "d_opt": d["optimal"], "d_tl": d["time_limit"],
                "d_total": d["total_s"], "d_median": d["median_s"], "d_max": d["max_s"],
                "b_opt": b["optimal"], "b_tl": b["time_limit"], "b_total": b["total_s"], "b_median": b["median_s"],
                "b_max": b["max_s"], "ratio": s["median_ratio"], "dis": s["disagreements"],
            }
        )  # fmt: skip
    columns = [
        ("group", "group"), ("n", "n"), ("d_opt", "default optimal"), ("d_tl", "default time limit"),
        ("d_total", "default total s"), ("d_median", "default median s"), ("d_max", "default max s"),
        ("b_opt", "baseline optimal"), ("b_tl", "baseline time limit"), ("b_total", "baseline total s"),
        ("b_median", "baseline median s"), ("b_max", "baseline max s"), ("ratio", "median ratio"), ("dis", "disagreements"),
    ]  # fmt: skip
    return markdown_table(rows, columns)


def _network_table(rows: list[dict]) -> list[str]:
    seen = {}
    for r in rows:
        key = (r["group"], r["architecture"], r["meta"].get("init", ""), r["meta"].get("draw", 0))
        if key not in seen:
            meta = r["meta"]
            seen[key] = {
                "group": r["group"], "architecture": r["architecture"], "init": meta.get("init", "trained"),
                "seed": meta.get("seed"), "epochs": meta.get("epochs"), "draw": meta.get("draw", 0), "train": meta.get("train_accuracy"),
                "test": meta.get("test_accuracy"),
            }  # fmt: skip
    columns = [("group", "group"), ("architecture", "arch"), ("init", "init"), ("seed", "seed"), ("epochs", "epochs"),
               ("draw", "draw"),
               ("train", "train acc"), ("test", "test acc")]  # fmt: skip
    return markdown_table(list(seen.values()), columns)


def write_markdown(path: Path, payload: dict) -> Path:
    settings, summary, rows = payload["settings"], payload["summary"], payload["rows"]
    same = settings["default_kwargs"] == {} and settings["baseline_kwargs"] == {"bounds": settings["default_bounds"]}
    lines = [
        f"# Benchmark suite: exact engine, default vs interval-only formulation ({settings['backend']})",
        "",
        f"Run {payload['machine']['date']}, git `{settings['git']}`, highspy {settings['highspy']}, "
        f"torch {settings['torch']}; {payload['machine']['cpus']} CPUs, {payload['machine']['platform']}, "
        f"Python {payload['machine']['python']}.",
        f"Per call: time limit {settings['time_limit']} s, threads {settings['threads']}, "
        f"median of {settings['repeats']} repeat(s); BLAS threads {settings.get('blas_threads')}; "
        f"whole run {payload.get('seconds', 0.0):.0f} s; load average (1/5/15 min) at start "
        f"{settings.get('load_average_start')}, at end {settings.get('load_average_end')}.",
        "",
        f"* **default** = `exactlip.lipschitz(..., **{settings['default_kwargs']})` — `bounds` defaults to "
        f"`{settings['default_bounds']!r}`; `BOUND_METHODS` = {settings['bound_methods']}",
        f"* **baseline** = `exactlip.lipschitz(..., **{settings['baseline_kwargs']})`",
        "* ratio = baseline total s / default total s (`≥`: the baseline stopped at the time limit).",
        "* total s is `result.stats['seconds_total']`; split s is the input-box search before the MIP, "
        "including the MIPs of the boxes it hands over (binaries then = the largest such MIP's); regions s is the search "
        "over linear regions before the MIP; other s = total − bounds − split − regions − build − solve − certify "
        "(sampling, backend choice, assembly); end-to-end s (reference comparison) is the wall clock around the call.",
        "",
    ]
    if same:
        lines += ["> Today the default formulation *is* the baseline: the ratios measure run-to-run noise only.", ""]
    if summary["disagreements"]:
        lines += ["## ⚠ DISAGREEMENTS", ""]
        lines += [f"* **{d['name']}**: {d['detail']}" for d in summary["disagreements"]] + [""]
    if summary["errors"]:
        lines += ["## ⚠ Errors", ""] + [f"* {e['name']} ({e['config']}): {e['message']}" for e in summary["errors"]] + [""]
    lines += ["## Per group", "", *_group_table(summary), ""]
    ref = summary["reference"]
    if ref is not None:
        lines += [
            "## Against the reference",
            "",
            f"Groups (a) sweep + digits {REFERENCE_DIGITS_ARCH}: {ref['measured_instances']} instances here "
            f"(the reference counts {ref['instances']}).",
            "",
            "| | end-to-end s | all optimal |",
            "|---|---|---|",
            f"| {ref['solver']} | about {ref['seconds']:g} | yes |",
            f"| exactlip default, {settings['backend']} | {ref['default_wall_s']:.2f} | {'yes' if ref['default_all_optimal'] else 'no'} |",
            f"| exactlip baseline, {settings['backend']} | {ref['baseline_wall_s']:.2f} | {'yes' if ref['baseline_all_optimal'] else 'no'} |",
            "",
            f"Reference's hardest: {ref['hardest']}. Target (default ≤ reference, all optimal): "
            f"**{'met' if ref['met'] else 'not met'}**.",
            "",
        ]
    sp = summary["speedup"]
    lines += [
        "## Speed-up (baseline / default)",
        "",
        f"* median over all {sp['instances']} instances: {format_cell(sp['median_all'])}",
        f"* median over the {sp['instances_baseline_over_1s']} instances where the baseline takes > "
        f"{SLOW_BASELINE_SECONDS:g} s: {format_cell(sp['median_baseline_over_1s'])} (minimum "
        f"{format_cell(sp['min_baseline_over_1s'])}; target ≥ {sp['target']:g} on each: "
        f"**{_verdict(sp['met'])}**)",
        "",
    ]
    if summary["targets_60s"]:
        lines += ["## Digits targets (optimal in < 60 s)", ""]
        lines += [
            f"* {t['name']}: {t['status']} in {t['wall_s']:.2f} s — **{'met' if t['met'] else 'not met'}**"
            for t in summary["targets_60s"]
        ] + [""]
    if summary["not_optimal"]:
        lines += ["## Not optimal", ""]
        lines += [
            f"* {t['name']} ({t['config']}): {t['status']}, bracket [{format_cell(t['lower'])}, {format_cell(t['upper'])}]"
            for t in summary["not_optimal"]
        ] + [""]
    lines += ["## Default formulation, per instance", "", *markdown_table([_flatten(r, "default") for r in rows], INSTANCE_COLUMNS), ""]
    base_columns = INSTANCE_COLUMNS + [("ratio", "ratio"), ("agree", "agree")]
    lines += ["## Baseline formulation, per instance", "", *markdown_table([_flatten(r, "baseline") for r in rows], base_columns), ""]
    lines += ["## Networks", "", *_network_table(rows), ""]
    path.write_text("\n".join(lines))
    return path


# --- command line -----------------------------------------------------------------------
def select_instances(groups, quick: bool = False, only: str | None = None, digits_points: int = 1, sweep_draws: int = 1) -> list:
    if quick:
        instances = networks.quick_instances(groups)
    else:
        options = {"digits": {"points": digits_points}, "sweep": {"draws": sweep_draws}}
        instances = []
        for group in groups:
            instances += networks.GROUPS[group](**options.get(group, {}))
    if only:
        instances = [i for i in instances if only.lower() in i.name.lower()]
    return instances


def _json_dict(text: str) -> dict:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError(f"expected a JSON object of keyword arguments, got {text!r}")
    return value


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", default=",".join(networks.GROUPS), help="comma-separated: " + ",".join(networks.GROUPS))
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per call (default 120)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1, help="solver threads (default 1, like the reference)")
    parser.add_argument("--backend", default="highs", help="solver backend for both configurations (default highs)")
    parser.add_argument("--quick", action="store_true", help="a handful of small instances, for smoke testing")
    parser.add_argument("--only", default=None, help="keep instances whose name contains this text")
    parser.add_argument("--digits-points", type=int, default=1, help="test points per digits network and radius")
    parser.add_argument(
        "--sweep-draws", type=int, default=1, help="independent draws (weights and data) of every sweep instance (default 1)"
    )
    parser.add_argument("--default", type=_json_dict, default={}, help="extra keywords of the default configuration")
    parser.add_argument("--baseline", type=_json_dict, default=dict(DEFAULT_BASELINE), help="keywords of the baseline")
    parser.add_argument("--out", type=Path, default=RESULTS, help="output directory (default benchmarks/results)")
    parser.add_argument("--name", default=None, help="output file stem (default suite, or suite_quick with --quick)")
    args = parser.parse_args(argv)
    args.groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    unknown = [g for g in args.groups if g not in networks.GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {unknown}; allowed: {', '.join(networks.GROUPS)}")
    for option in ("repeats", "digits_points", "sweep_draws"):
        if getattr(args, option) < 1:
            parser.error(f"--{option.replace('_', '-')} must be >= 1, got {getattr(args, option)}")
    if args.name is None:
        args.name = "suite_quick" if args.quick else "suite"
    return args


def main(argv=None) -> dict:
    args = parse_args(argv)
    print("building networks ...", flush=True)
    instances = select_instances(args.groups, args.quick, args.only, args.digits_points, args.sweep_draws)
    if not instances:
        raise SystemExit("no instance selected")
    payload = run_suite(
        instances,
        default=args.default,
        baseline=args.baseline,
        time_limit=args.time_limit,
        threads=args.threads,
        repeats=args.repeats,
        backend=args.backend,
        out_dir=args.out,
        name=args.name,
    )
    summary = payload["summary"]
    for group, s in summary["groups"].items():
        print(
            f"{group:7s} n={s['instances']:2d}  default {s['default']['total_s']:8.2f}s "
            f"({s['default']['optimal']} optimal)  baseline {s['baseline']['total_s']:8.2f}s "
            f"({s['baseline']['optimal']} optimal)  median ratio {format_cell(s['median_ratio'])}"
        )
    if summary["disagreements"]:
        print(f"{len(summary['disagreements'])} DISAGREEMENT(S) — see the Markdown", file=sys.stderr)
    return payload


if __name__ == "__main__":
    main()
