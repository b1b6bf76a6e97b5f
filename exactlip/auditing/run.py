"""Run an audit: expand a suite into instances, solve each exactly, run every estimator.

For each instance the exact engine gives a certified bracket ``lower ≤ L ≤ upper``
(closed when ``status == "optimal"``); each estimator gives a value ``e`` and is
compared with it:

* ratio ``e / L``, or the interval ``[e / upper, e / lower]`` when the bracket is open;
* ordering: an ``upper`` estimator must satisfy ``e ≥ lower``, a ``lower`` one
  ``e ≤ upper``, each up to a relative slack ``tol · max(|e|, |bound|)`` (plus 1e-12);
  a violation is a bug in the estimator or in the engine and is reported as such.

Every check that can fail before the first solve (files, dimensions, labels, margins)
runs in :func:`plan`, so a malformed suite fails in seconds, not after minutes.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
import platform
import sys
import time

import numpy as np

from ..api import lipschitz
from ..domain import Box
from ..errors import ExactLipError, OptionError
from ..estimators.api import METHODS, estimate
from ..network.ir import Network
from ..network.load import load_network
from .result import HELD, NOT_CHECKED, VIOLATED, AuditResult, EstimateRow, EstimatorSummary, Instance, InstanceResult
from .suite import BoxEntry, NormEntry, Suite, SuiteError

# statuses whose bracket [lower, upper] is meaningful
BRACKET_STATUSES = ("optimal", "time_limit", "interrupted", "unverified")


def ratio(value: float, constant: float) -> float:
    """``value / constant`` with ``0/0 = 1`` and ``value/0 = inf``."""
    if constant > 0:
        return value / constant
    return 1.0 if value == 0 else math.inf


def ratio_interval(value: float, lower: float, upper: float) -> tuple[float, float]:
    """The ratio ``value / L`` for every ``L`` in ``[lower, upper]`` (decreasing in L)."""
    low = 0.0 if math.isinf(upper) else ratio(value, upper)
    return low, ratio(value, lower)


def ordering(kind: str, value: float, lower: float, upper: float, tolerance: float) -> str:
    """``held``/``violated`` for upper and lower bounds against the exact bracket."""
    if kind == "upper":
        return HELD if value >= lower - tolerance * max(abs(value), abs(lower)) - 1e-12 else VIOLATED
    if kind == "lower":
        if math.isinf(upper):
            return HELD
        return HELD if value <= upper + tolerance * max(abs(value), abs(upper)) + 1e-12 else VIOLATED
    return NOT_CHECKED


# ----- planning -------------------------------------------------------------------------
def _margin(rule, network, center: np.ndarray, label: int | None, where: str) -> tuple[int, int] | None:
    if rule is None or isinstance(rule, tuple):
        if rule is not None and max(rule) >= network.output_dim:
            raise SuiteError(f"{where}: margin {list(rule)} names a class >= the network's {network.output_dim} outputs")
        return rule
    if network.output_dim < 2:
        raise SuiteError(f"{where}: margin {rule!r} needs at least 2 outputs; the network has {network.output_dim}")
    scores = np.asarray(network.forward(center), dtype=np.float64).reshape(-1)
    if rule == "true-vs-runner-up":
        if label is None:
            raise SuiteError(
                f"{where}: margin 'true-vs-runner-up' needs labels (key y of the centres' file, or labels = [...]); "
                "or use 'predicted-vs-runner-up'"
            )
        if not 0 <= label < network.output_dim:
            raise SuiteError(f"{where}: label {label} is not a class of a network with {network.output_dim} outputs")
        true = int(label)
    else:
        true = int(np.argmax(scores))
    others = scores.copy()
    others[true] = -np.inf
    return true, int(np.argmax(others))


def _target_text(entry: NormEntry, margin: tuple[int, int] | None) -> str:
    if margin is not None:
        return f"{entry.norm}, f[{margin[0]}]-f[{margin[1]}]"
    return entry.describe()


def warm_up(suite: Suite) -> None:
    """Run the exact engine and every estimator once on a 1-1-1 network.

    This imports what they need (torch, cvxpy, highspy) before anything is timed, so the
    first instance's seconds measure work, not imports; and an unknown or malformed
    estimator option fails now, naming ``estimator_options.METHOD``, instead of on every
    instance. Other errors here are left for the real instances to record.
    """
    probe = Network([np.ones((1, 1)), np.ones((1, 1))], [np.zeros(1), np.zeros(1)], name="probe")
    box = Box([-1.0], [1.0])
    lipschitz(probe, box, norm="linf", backend=suite.exact.backend, threads=suite.exact.threads, samples=8)
    for name in suite.estimators:
        options = suite.estimator_options.get(name)
        try:
            estimate(probe, box, norm="linf", methods=[name], options=None if options is None else {name: options}, seed=suite.seed)
        except OptionError as exc:
            if options is None:
                continue
            raise SuiteError(f"{_origin(suite)}: estimator_options.{name}: {exc}") from None
        except ExactLipError:
            continue


def plan(suite: Suite) -> list[Instance]:
    """Every instance of ``suite`` in order: network, box, centre, radius, norm entry.

    Loads each network once and checks that its boxes have its input dimension, that
    margins name existing classes and that labels are known where a rule needs them.
    """
    instances: list[Instance] = []
    for n, net_entry in enumerate(suite.networks):
        network = load_network(net_entry.path, name=net_entry.name)
        boxes: list[BoxEntry] = [suite.box(b) for b in net_entry.boxes] if net_entry.boxes is not None else list(suite.boxes)
        for box_entry in boxes:
            if box_entry.dim != network.input_dim:
                raise SuiteError(
                    f"{_origin(suite)}: networks[{n}] ({net_entry.name}, {network.input_dim} inputs) with box "
                    f"{box_entry.name!r} ({box_entry.dim} coordinates): dimensions differ; list the boxes that fit in "
                    f"networks[{n}].boxes (allowed: {', '.join(b.name for b in suite.boxes if b.dim == network.input_dim) or 'none'})"
                )
            for k, (point, center) in enumerate(zip(box_entry.indices, box_entry.points)):
                label = None if box_entry.labels is None else box_entry.labels[k]
                for radius in box_entry.radii:
                    box = Box.linf_ball(center, radius, clip=box_entry.clip)
                    for m, norm_entry in enumerate(suite.norms):
                        where = f"{_origin(suite)}: norms[{m}] on networks[{n}] ({net_entry.name}), box {box_entry.name!r} point {point}"
                        if norm_entry.c is not None and len(norm_entry.c) != network.output_dim:
                            raise SuiteError(f"{where}: c has {len(norm_entry.c)} entries but the network has {network.output_dim} outputs")
                        margin = _margin(norm_entry.margin, network, center, label, where)
                        target = _target_text(norm_entry, margin)
                        instances.append(
                            Instance(
                                index=len(instances),
                                id=f"{net_entry.name} | {box_entry.name}#{point} r={radius:g} | {target}",
                                network_name=net_entry.name,
                                network_source=net_entry.source,
                                network=network,
                                box_name=box_entry.name,
                                point=int(point),
                                label=label,
                                center=center,
                                radius=float(radius),
                                clip=box_entry.clip,
                                box=box,
                                norm_index=m,
                                norm=norm_entry.norm,
                                output_norm=norm_entry.output_norm,
                                c=None if norm_entry.c is None else np.array(norm_entry.c),
                                margin=margin,
                                target=target,
                            )
                        )
    return instances


def _origin(suite: Suite) -> str:
    return str(suite.path) if suite.path is not None else suite.name


# ----- running --------------------------------------------------------------------------
def run_instance(instance: Instance, suite: Suite) -> InstanceResult:
    """Solve one instance exactly, then run every estimator of the suite on it."""
    opts = suite.exact
    start = time.perf_counter()
    exact = lipschitz(
        instance.network,
        instance.box,
        **instance.question,
        backend=opts.backend,
        time_limit=opts.time_limit,
        threads=opts.threads,
        bounds=opts.bounds,
        samples=opts.samples,
        seed=suite.seed,
    )
    exact_seconds = time.perf_counter() - start
    if exact.status == "interrupted":  # Ctrl-C inside the solver: stop the audit, not just this solve
        raise KeyboardInterrupt
    has_bracket = exact.status in BRACKET_STATUSES
    lower = float(exact.lower)
    upper = math.inf if exact.upper is None else float(exact.upper)
    if exact.status == "optimal" and exact.value is not None:
        lower = upper = float(exact.value)
    rows = []
    for name in suite.estimators:
        method = METHODS[name]
        try:
            (est,) = estimate(
                instance.network,
                instance.box,
                **instance.question,
                methods=[name],
                options={name: suite.estimator_options[name]} if name in suite.estimator_options else None,
                seed=suite.seed,
            )
        except ExactLipError as exc:
            rows.append(EstimateRow(name, method.kind, False, method.local, None, 0.0, None, None, NOT_CHECKED, error=f"{type(exc).__name__}: {exc}"))
            continue
        low = high = None
        check = NOT_CHECKED
        if has_bracket:
            low, high = ratio_interval(est.value, lower, upper)
            check = ordering(est.kind, est.value, lower, upper, suite.tolerance)
        details = {k: v for k, v in est.details.items() if k != "target"}  # the instance states the target
        rows.append(EstimateRow(name, est.kind, est.certified, est.local, est.value, est.seconds, low, high, check, details=details))
    return InstanceResult(instance, exact, exact_seconds, tuple(rows))


def machine() -> dict:
    from .. import __version__

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "exactlip": __version__,
    }


@contextlib.contextmanager
def torch_threads(count: int):
    """Limit torch's intra-op threads to ``count`` while the block runs (if torch is
    imported), then restore them. The audited networks are tiny: on this project's
    2-core machine, gradient ascent on a 64-32-32-10 network took 0.3-0.5 s with one
    thread and 1-6 s with two under load from other processes."""
    torch = sys.modules.get("torch")
    before = torch.get_num_threads() if torch is not None else None
    if torch is not None:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        if torch is not None:
            torch.set_num_threads(before)


def run_suite(suite: Suite, progress: bool = False, on_instance=None) -> AuditResult:
    """Run every instance of ``suite``; ``progress`` draws a tqdm bar on stderr;
    ``on_instance(InstanceResult)`` is called after each instance.

    The exact engine and the estimators share ``suite.exact.threads`` (default 1): it is
    the solver's thread count and, while the audit runs, torch's (see :func:`torch_threads`).
    """
    started = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    start = time.perf_counter()
    instances = plan(suite)
    warm_up(suite)  # imports torch when an estimator needs it
    with torch_threads(suite.exact.threads or 1):
        results = _run_all(suite, instances, progress, on_instance)
    summaries = tuple(EstimatorSummary.of(name, [r.estimates[i] for r in results]) for i, name in enumerate(suite.estimators))
    return AuditResult(
        suite=suite,
        instances=tuple(results),
        summaries=summaries,
        seconds=time.perf_counter() - start,
        started=started,
        machine=machine(),
    )


def _run_all(suite: Suite, instances: list[Instance], progress: bool, on_instance) -> list[InstanceResult]:
    from tqdm import tqdm

    results = []
    with tqdm(total=len(instances), desc="audit", unit="instance", file=sys.stderr, disable=not progress, dynamic_ncols=True) as bar:
        for instance in instances:
            bar.set_postfix_str(instance.id, refresh=False)
            result = run_instance(instance, suite)
            results.append(result)
            if on_instance is not None:
                on_instance(result)
            bar.update(1)
    return results
