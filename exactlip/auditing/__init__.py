"""Audit Lipschitz estimators against the exact constant over a suite of instances.

``exactlip.audit(suite_or_path, out=None)`` runs the exact engine and each chosen
estimator on every instance of a suite (:mod:`.suite`: the file format), compares them
(:mod:`.run`), and writes a report (:mod:`.report`, :mod:`.plots`). The command line is
``exactlip audit SUITE --out DIR``.

The package is ``exactlip.auditing``; ``exactlip.audit`` is its entry-point function.
"""

from .api import audit
from .result import AuditResult, EstimateRow, EstimatorSummary, Instance, InstanceResult
from .suite import BoxEntry, ExactOptions, NetworkEntry, NormEntry, Suite, SuiteError, load_suite, parse_suite

__all__ = [
    "AuditResult",
    "BoxEntry",
    "EstimateRow",
    "EstimatorSummary",
    "ExactOptions",
    "Instance",
    "InstanceResult",
    "NetworkEntry",
    "NormEntry",
    "Suite",
    "SuiteError",
    "audit",
    "load_suite",
    "parse_suite",
]
