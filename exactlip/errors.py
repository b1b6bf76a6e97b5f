"""Exception types of exactlip.

Every error derives from :class:`ExactLipError` and also from the builtin that a
caller would naturally catch (``ValueError`` for bad input, ``RuntimeError`` for a
solver failure, ``FileNotFoundError`` for a missing model file), so that
``except ValueError`` keeps working in code that does not know exactlip.
"""

from __future__ import annotations


class ExactLipError(Exception):
    """Base class of every error raised by exactlip."""


class ShapeError(ExactLipError, ValueError):
    """An array has the wrong shape (weights, biases, box bounds, vectors)."""


class NonFiniteError(ExactLipError, ValueError):
    """An array that must be finite holds NaN or infinity."""


class DomainError(ExactLipError, ValueError):
    """An input domain is malformed (lower > upper, negative radius, …)."""


class NormError(ExactLipError, ValueError):
    """A norm name or an output specification (c, margin, output_norm) is invalid."""


class UnsupportedLayerError(ExactLipError, ValueError):
    """A model contains a layer or operator exactlip cannot translate."""


class ModelFileError(ExactLipError, FileNotFoundError):
    """A model path does not exist or has an unknown file type."""


class BackendError(ExactLipError, RuntimeError):
    """A solver backend failed or is not usable for this model."""


class BackendUnavailableError(BackendError):
    """The requested backend is not installed, not licensed, or not licensed for this size."""


class OptionError(ExactLipError, ValueError):
    """An option has a value outside its allowed set or range (backend, bounds, time_limit, …)."""


class CertificateConsistencyError(ExactLipError, RuntimeError):
    """The attack found an adversarial point inside the certified ball: a bug, never a result."""
