"""The audit's typed data: instances, one row per estimator, summaries, the whole result.

A ratio compares an estimate ``e`` with the exact constant ``L``: ``e / L`` (1.0 = exact;
``0/0`` counts as 1, ``e/0`` as infinite). When the exact solve did not close its
bracket ``[lower, upper]``, the ratio is only known to lie in
``[e / upper, e / lower]`` and is reported as that interval (``ratio`` is then None).
In JSON an infinite end of an interval is ``null``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..domain import Box
from ..network.ir import Network
from ..result import LipschitzResult, finite_or_none, jsonable

HELD, VIOLATED, NOT_CHECKED = "held", "violated", "n/a"



@dataclass(frozen=True, eq=False)
class Instance:
    """One question: a network, a box (an ℓ∞ ball around a centre) and a norm target."""

    index: int
    id: str
    network_name: str
    network_source: str
    network: Network
    box_name: str
    point: int
    label: int | None
    center: np.ndarray
    radius: float
    clip: tuple[float, float] | None
    box: Box
    norm_index: int
    norm: str
    output_norm: str | None
    c: np.ndarray | None
    margin: tuple[int, int] | None
    target: str

    @property
    def question(self) -> dict:
        """Keyword arguments shared by :func:`exactlip.lipschitz` and :func:`exactlip.estimate`."""
        return {"norm": self.norm, "output_norm": self.output_norm, "c": self.c, "margin": self.margin}

    def to_dict(self) -> dict:
        return jsonable(
            {
                "index": self.index,
                "id": self.id,
                "network": self.network_name,
                "network_path": self.network_source,
                "network_widths": list(self.network.widths),
                "box": self.box_name,
                "point": self.point,
                "label": self.label,
                "center": self.center,
                "radius": self.radius,
                "clip": None if self.clip is None else list(self.clip),
                "lower": self.box.lower,
                "upper": self.box.upper,
                "norm": self.norm,
                "output_norm": self.output_norm,
                "c": self.c,
                "margin": None if self.margin is None else list(self.margin),
                "target": self.target,
            }
        )


@dataclass(frozen=True)
class EstimateRow:
    """One estimator on one instance, against the exact bracket.

    * ``value``: the estimate (None when the estimator raised; ``error`` says why);
    * ``ratio_low``/``ratio_high``: ``value / exact`` as an interval (equal ends when the
      exact value is known; ``inf`` when the exact lower bound is 0); None without a bracket;
    * ``ordering``: ``"held"`` or ``"violated"`` for ``upper`` estimators (value ≥ exact
      lower bound) and ``lower`` ones (value ≤ exact upper bound), with relative slack
      ``tolerance``; ``"n/a"`` for heuristics, errors and failed exact solves. A
      violation by a ``certified`` value is a bug; by an uncertified one (greedy SeqLip,
      power-iteration AutoLip) it only shows that no guarantee was claimed.
    """

    method: str
    kind: str
    certified: bool
    local: bool
    value: float | None
    seconds: float
    ratio_low: float | None
    ratio_high: float | None
    ordering: str
    error: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """The ratio when it is a single number (exact value known), else None."""
        if self.ratio_low is None or self.ratio_low != self.ratio_high:
            return None
        return self.ratio_low

    @property
    def violated(self) -> bool:
        return self.ordering == VIOLATED

    @property
    def bug(self) -> bool:
        """A certified bound on the wrong side of the exact bracket."""
        return self.ordering == VIOLATED and self.certified

    def to_dict(self) -> dict:
        return jsonable(
            {
                "method": self.method,
                "kind": self.kind,
                "certified": self.certified,
                "local": self.local,
                "value": self.value,
                "seconds": self.seconds,
                "ratio": finite_or_none(self.ratio),
                "ratio_low": finite_or_none(self.ratio_low),
                "ratio_high": finite_or_none(self.ratio_high),
                "ordering": self.ordering,
                "error": self.error,
                "details": self.details,
            }
        )


@dataclass(frozen=True, eq=False)
class InstanceResult:
    """An instance, its exact bracket (and the seconds it took) and every estimator's row."""

    instance: Instance
    exact: LipschitzResult
    exact_seconds: float
    estimates: tuple[EstimateRow, ...]

    @property
    def bracket(self) -> tuple[float, float]:
        """``(lower, upper)`` of the exact constant; ``upper`` is inf when unknown."""
        upper = math.inf if self.exact.upper is None else float(self.exact.upper)
        if self.exact.status == "optimal" and self.exact.value is not None:
            return float(self.exact.value), float(self.exact.value)
        return float(self.exact.lower), upper

    def to_dict(self) -> dict:
        return {
            **self.instance.to_dict(),
            "exact": {**self.exact.to_dict(), "seconds": self.exact_seconds},
            "estimates": [row.to_dict() for row in self.estimates],
        }


def _interval_stat(rows: list[EstimateRow], stat) -> tuple[float, float] | None:
    """``stat`` of the ratios, as an interval: the statistic (median, min, max) is
    monotone in each ratio, so applying it to the low ends and to the high ends
    brackets its true value."""
    if not rows:
        return None
    return float(stat([r.ratio_low for r in rows])), float(stat([r.ratio_high for r in rows]))


@dataclass(frozen=True)
class EstimatorSummary:
    """One estimator over every instance.

    ``ratio_median``/``ratio_min``/``ratio_max`` are intervals ``(low, high)`` that
    contain the statistic of the true ratios (equal ends when every exact value is
    known); None when no instance has a ratio. ``held``/``checked`` count the ordering
    checks; ``violations`` those that failed with a certified value (bugs),
    ``uncertified_violations`` those that failed with an uncertified one; ``errors``
    the instances where the estimator raised.
    """

    method: str
    kind: str
    instances: int
    with_ratio: int
    ratio_median: tuple[float, float] | None
    ratio_min: tuple[float, float] | None
    ratio_max: tuple[float, float] | None
    seconds_median: float | None
    held: int
    checked: int
    violations: int
    uncertified_violations: int
    errors: int

    @classmethod
    def of(cls, method: str, rows: list[EstimateRow]) -> "EstimatorSummary":
        rated = [r for r in rows if r.ratio_low is not None]
        timed = [r.seconds for r in rows if r.error is None]
        return cls(
            method=method,
            kind=rows[0].kind if rows else "",
            instances=len(rows),
            with_ratio=len(rated),
            ratio_median=_interval_stat(rated, np.median),
            ratio_min=_interval_stat(rated, min),
            ratio_max=_interval_stat(rated, max),
            seconds_median=float(np.median(timed)) if timed else None,
            held=sum(r.ordering == HELD for r in rows),
            checked=sum(r.ordering in (HELD, VIOLATED) for r in rows),
            violations=sum(r.bug for r in rows),
            uncertified_violations=sum(r.violated and not r.certified for r in rows),
            errors=sum(r.error is not None for r in rows),
        )

    def to_dict(self) -> dict:
        def pair(p):
            return None if p is None else [finite_or_none(p[0]), finite_or_none(p[1])]

        return {
            "method": self.method,
            "kind": self.kind,
            "instances": self.instances,
            "with_ratio": self.with_ratio,
            "ratio_median": pair(self.ratio_median),
            "ratio_min": pair(self.ratio_min),
            "ratio_max": pair(self.ratio_max),
            "seconds_median": self.seconds_median,
            "ordering_held": self.held,
            "ordering_checked": self.checked,
            "violations": self.violations,
            "uncertified_violations": self.uncertified_violations,
            "errors": self.errors,
        }


@dataclass(frozen=True, eq=False)
class AuditResult:
    """Everything an audit found: the suite, every instance's result and the summaries.

    ``ok`` is False when a certified estimate violated the ordering (a bug in that
    estimator or in the engine) or an estimator raised. ``violations`` lists every
    violated ordering, certified or not; ``bugs`` the certified ones. ``files`` maps
    output names to the paths written.
    """

    suite: object
    instances: tuple[InstanceResult, ...]
    summaries: tuple[EstimatorSummary, ...]
    seconds: float
    started: str
    machine: dict
    files: dict = field(default_factory=dict)

    @property
    def violations(self) -> list[tuple[InstanceResult, EstimateRow]]:
        return [(inst, row) for inst in self.instances for row in inst.estimates if row.violated]

    @property
    def errors(self) -> list[tuple[InstanceResult, EstimateRow]]:
        return [(inst, row) for inst in self.instances for row in inst.estimates if row.error is not None]

    @property
    def bugs(self) -> list[tuple[InstanceResult, EstimateRow]]:
        return [(inst, row) for inst, row in self.violations if row.bug]

    @property
    def ok(self) -> bool:
        return not self.bugs and not self.errors

    def exact_statuses(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for inst in self.instances:
            counts[inst.exact.status] = counts.get(inst.exact.status, 0) + 1
        return counts

    def table(self) -> str:
        """The terminal summary table (see :func:`exactlip.auditing.report.summary_table`)."""
        from .report import summary_table

        return summary_table(self)

    def to_dict(self) -> dict:
        from .. import __version__

        return {
            "exactlip": __version__,
            "started": self.started,
            "seconds": self.seconds,
            "machine": self.machine,
            "suite": self.suite.to_dict(),
            "suite_source": jsonable(self.suite.raw),
            "exact_statuses": self.exact_statuses(),
            "ok": self.ok,
            "violations": [
                {"instance": inst.instance.id, "method": row.method, "kind": row.kind, "certified": row.certified, "value": row.value,
                 "exact_lower": inst.exact.lower, "exact_upper": inst.exact.upper}
                for inst, row in self.violations
            ],
            "errors": [{"instance": inst.instance.id, "method": row.method, "error": row.error} for inst, row in self.errors],
            "summary": [s.to_dict() for s in self.summaries],
            "instances": [inst.to_dict() for inst in self.instances],
            "files": {k: str(v) for k, v in self.files.items()},
        }
