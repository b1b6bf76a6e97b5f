"""Robustness certificates: how far the prediction at a point provably stays the same.

For the predicted class ``y`` and every other class ``j`` the margin ``g_j = f_y − f_j``
loses at most ``L_j ||x − x0||`` over a ball, ``L_j`` its Lipschitz constant over the
ball's box; a radius is certified when every margin, less the rounding of the deployed
arithmetic, outlasts that loss. The largest certified radius is found by bisection
with the exact constants of :func:`exactlip.lipschitz`, a class that bound propagation
already certifies being spared its solve.

Modules, one job each:

* :mod:`.problem` — the centre, the margins and the decision rule at one radius;
* :mod:`.rounding` — rigorous bounds on float32/float64 evaluation error;
* :mod:`.screen` — cheap certified margin constants (bound propagation);
* :mod:`.evaluators` — deciding one radius, exactly or with an estimator;
* :mod:`.search` — the bisection for the largest certified radius;
* :mod:`.attack` — a projected-gradient attack, the independent check;
* :mod:`.result` — the typed results; :mod:`.api` — :func:`certify`.
"""

from ..errors import CertificateConsistencyError
from .api import DEFAULT_ESTIMATORS, certify
from .problem import LIPSCHITZ_REL_SLACK, MARGIN_ABS_SLACK
from .result import AttackResult, ClassBound, EstimatorRadius, Evaluation, RobustnessCertificate
from .rounding import ARITHMETICS, rounding_bound

__all__ = [
    "ARITHMETICS",
    "AttackResult",
    "CertificateConsistencyError",
    "ClassBound",
    "DEFAULT_ESTIMATORS",
    "EstimatorRadius",
    "Evaluation",
    "LIPSCHITZ_REL_SLACK",
    "MARGIN_ABS_SLACK",
    "RobustnessCertificate",
    "certify",
    "rounding_bound",
]
