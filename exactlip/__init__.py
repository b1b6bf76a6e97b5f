"""exactlip: exact local Lipschitz constants of ReLU networks by mixed-integer programming."""

from .api import lipschitz
from .auditing import audit
from .domain import Box
from .errors import (
    BackendError,
    BackendUnavailableError,
    CertificateConsistencyError,
    DomainError,
    ExactLipError,
    ModelFileError,
    NonFiniteError,
    NormError,
    OptionError,
    ShapeError,
    UnsupportedLayerError,
)
from .estimators import Estimate, estimate
from .network import Network
from .network.load import load_network
from .result import LipschitzResult
from .robustness import RobustnessCertificate, certify

__version__ = "0.1.0"

__all__ = [
    "BackendError",
    "BackendUnavailableError",
    "Box",
    "CertificateConsistencyError",
    "DomainError",
    "Estimate",
    "ExactLipError",
    "LipschitzResult",
    "ModelFileError",
    "Network",
    "NonFiniteError",
    "NormError",
    "OptionError",
    "RobustnessCertificate",
    "ShapeError",
    "UnsupportedLayerError",
    "__version__",
    "audit",
    "certify",
    "estimate",
    "lipschitz",
    "load_network",
]
