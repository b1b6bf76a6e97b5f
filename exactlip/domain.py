"""Input domains: axis-aligned boxes ``X = [lower, upper]``.

An ℓ∞ ball ``{x : ||x - center||_∞ <= radius}`` is a box, and so is its
intersection with a data range ``[clip_lo, clip_hi]``; every domain exactlip
accepts is therefore a :class:`Box`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._arrays import as_float_array
from .errors import DomainError, ShapeError


@dataclass(frozen=True, eq=False)
class Box:
    """The box ``{x : lower <= x <= upper}`` (coordinate-wise, closed).

    Both bounds are finite float64 vectors of the same length; ``lower == upper``
    in a coordinate is allowed (that coordinate is fixed).
    """

    lower: np.ndarray
    upper: np.ndarray

    def __init__(self, lower, upper):
        lo = as_float_array(lower, "lower", ndim=1)
        hi = as_float_array(upper, "upper", ndim=1)
        if lo.shape != hi.shape:
            raise ShapeError(f"lower has shape {lo.shape} but upper has shape {hi.shape}")
        if lo.size == 0:
            raise ShapeError("a box needs at least one coordinate")
        wrong = np.flatnonzero(lo > hi)
        if wrong.size:
            i = int(wrong[0])
            raise DomainError(
                f"lower > upper in {wrong.size} coordinate(s), first at index {i}: "
                f"lower[{i}]={float(lo[i])!r} > upper[{i}]={float(hi[i])!r}"
            )
        object.__setattr__(self, "lower", lo)
        object.__setattr__(self, "upper", hi)

    @classmethod
    def linf_ball(cls, center, radius: float, clip: tuple[float, float] | None = None) -> "Box":
        """The ℓ∞ ball of ``radius`` around ``center``, intersected with ``[clip[0], clip[1]]``.

        Raises DomainError for a negative radius, a reversed clip range, or a ball that
        misses the clip range entirely.
        """
        c = as_float_array(center, "center", ndim=1)
        r = float(as_float_array(radius, "radius", ndim=0))
        if r < 0:
            raise DomainError(f"radius must be >= 0, got {r!r}")
        lo, hi = c - r, c + r
        if clip is not None:
            try:
                clip_lo, clip_hi = (float(v) for v in clip)
            except (TypeError, ValueError):
                raise DomainError(f"clip must be a pair (low, high), got {clip!r}") from None
            if not clip_lo <= clip_hi:
                raise DomainError(f"clip must satisfy low <= high, got {clip!r}")
            lo, hi = np.maximum(lo, clip_lo), np.minimum(hi, clip_hi)
            outside = np.flatnonzero(lo > hi)
            if outside.size:
                i = int(outside[0])
                raise DomainError(
                    f"the ball misses the clip range {clip!r}: center[{i}]={float(c[i])!r} "
                    f"is farther than radius {r!r} from it"
                )
        return cls(lo, hi)

    @classmethod
    def coerce(cls, box) -> "Box":
        """``box`` itself if it is a Box, else a Box from a pair ``(lower, upper)``."""
        if isinstance(box, cls):
            return box
        try:
            lower, upper = box
        except (TypeError, ValueError):
            raise DomainError(f"box must be an exactlip.Box or a pair (lower, upper), got {type(box).__name__}") from None
        return cls(lower, upper)

    @property
    def dim(self) -> int:
        return int(self.lower.size)

    @property
    def center(self) -> np.ndarray:
        return 0.5 * (self.lower + self.upper)

    def contains(self, x, tol: float = 0.0) -> bool:
        x = np.asarray(x, dtype=np.float64)
        return bool(np.all(x >= self.lower - tol) and np.all(x <= self.upper + tol))

    def sample(self, count: int, rng: np.random.Generator) -> np.ndarray:
        """``count`` points drawn uniformly from the box, shape ``[count, dim]``."""
        return self.lower + (self.upper - self.lower) * rng.random((count, self.dim))

    def sample_towards_faces(self, count: int, rng: np.random.Generator) -> np.ndarray:
        """``count`` points of the box, shape ``[count, dim]``: each point draws a share
        ``q`` uniform in [0, 1] and moves each coordinate, with probability ``q``, from a
        uniform value to one of its two bounds (either with equal odds). The points range
        from uniform interior points (``q`` near 0) to vertices (``q`` near 1): a ReLU
        network's largest Jacobian norm over a box is often attained on a face where
        most coordinates sit at a bound, which uniform samples never reach."""
        unit = rng.random((count, self.dim))
        snapped = rng.random((count, self.dim)) < rng.random((count, 1))
        bounds = np.where(unit < 0.5, self.lower, self.upper)  # exact: lower + (upper − lower) may round past upper
        return np.where(snapped, bounds, self.lower + (self.upper - self.lower) * unit)

    def check_dim(self, input_dim: int) -> None:
        """Raise ShapeError unless the box lives in the network's input space."""
        if self.dim != input_dim:
            raise ShapeError(f"box has {self.dim} coordinates but the network takes {input_dim} inputs")

    def to_dict(self) -> dict:
        return {"lower": self.lower.tolist(), "upper": self.upper.tolist()}
