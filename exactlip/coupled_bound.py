"""Whether a cell's regions can beat a level, with the next layer's slopes kept coupled.

The region search (:mod:`exactlip.region_search`) bounds the gradient on a cell that
decides layer ``k`` by boxing each coefficient ``r_i d_i`` of ``z_k = M x + m`` on its
own, ``r`` (the gradient with respect to layer k's output) bounded over all of X. On
the layer before the last hidden one that box is loose: ``r = Wᵀ(e ⊙ s)`` ties every
``r_i`` to the same slopes ``e`` of the last hidden layer (``W`` its weights, ``s =
W_lastᵀ c`` exact), and those slopes are mostly fixed on a small cell though not over X.
Keeping them coupled, the gradient on a region of the cell with layer-k slopes ``d`` is

    g = Σ_j e_j s_j B_j(d),    B_j(d) = Σ_i W_ji d_i M_i,

linear in ``e`` once ``d`` is chosen. So while at most ``OPEN_CORNERS`` neurons of layer
k are open on the cell, for each corner ``d`` of their slopes (α or 1; the decided ones
keep theirs):

1. the corner's part of the cell lies in the outer box ``[lo, hi]`` tightened by the
   half-spaces its slopes give the open neurons (``z_i >= 0`` where ``d_i = 1``,
   ``z_i <= 0`` where ``d_i = α``; :func:`~exactlip.bounds.interval.tighten_box`); an
   inverted box means the part is empty and the corner is skipped;
2. on that part ``z_{k+1} = B(d) x + Σ_i W_ji d_i m_i + b`` is affine, so
   ``e_j ∈ [e_lo_j, e_hi_j]`` from its interval over the corner's box, intersected
   with the engine's bounds over X;
3. the largest ``||g||_{α*}`` over that box is then the largest gradient of a
   coefficient box, ``Σ_j e_j (s_j B_j)`` with ``e_j ∈ [e_lo_j, e_hi_j]``: the region
   search decides the boxes of all the corners against its target at once, with the
   same exact test as on the last hidden layer (the extreme directions enumerated, else
   the ℓ∞→ℓ1 branch and bound of ``box_maximum_decisions``); where a box beats the
   target, it first narrows the box with its kept LP certificates (surrogate
   inequalities of the cell, valid on every part of it) and decides again.

The cell can beat the level only if some corner does. With every neuron of both layers
fixed on the cell the test is exact: the corner's value is the region's gradient norm.
The measured effect is in :mod:`exactlip.region_search`'s docstring.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .bounds import Interval, neuron_states, slope_range, tighten_box

# The test runs while at most this many neurons of the cell's layer are open (2^open boxes,
# decided in one batch; 4 against 3 and 5 in exactlip.region_search's docstring).
OPEN_CORNERS = 4
# A corner is empty when its outer box is inverted by more than this (a thinner sliver is kept).
EMPTY_BY = 1e-9


@dataclass(frozen=True, eq=False)
class Corners:
    """The non-empty parts of a cell, one per corner ``d`` of the open neurons' slopes
    (the first axis of every field): where layer k has the ``slopes[c]`` of corner
    ``c``, ``z_{k+1} = maps[c] x + offsets[c]`` (``maps[c, j] = B_j(d)``), the part
    lies in the outer box ``[lo[c], hi[c]]``, and the next layer's slopes lie in
    ``[e_lo[c], e_hi[c]]``."""

    slopes: np.ndarray
    maps: np.ndarray
    offsets: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    e_lo: np.ndarray
    e_hi: np.ndarray

    def __len__(self) -> int:
        return len(self.slopes)


def corners(
    M: np.ndarray,
    m: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    slopes: np.ndarray,
    alpha: float,
    weight: np.ndarray,
    bias: np.ndarray,
    next_bounds: Interval,
    next_alpha: float,
) -> Corners | None:
    """The non-empty parts of a cell (module docstring), so that each of its regions
    has ``g = Σ_j e_j s_j maps[c, j]`` for one corner ``c`` and ``e`` in its box; the
    caller decides the largest norm over each. The cell has ``z_k = M x + m`` on the
    outer box ``[lo, hi]`` with layer-k ``slopes`` (NaN where open, negative slope
    ``alpha``); the next layer has ``weight``, ``bias``, the engine's pre-activation
    bounds ``next_bounds`` and negative slope ``next_alpha``. None when more than
    ``OPEN_CORNERS`` neurons are open."""
    open_ = np.flatnonzero(np.isnan(slopes))
    if len(open_) > OPEN_CORNERS:
        return None
    known = np.flatnonzero(~np.isnan(slopes))
    through_known = weight[:, known] * slopes[known]
    decided_map, decided_offset = through_known @ M[known], through_known @ m[known] + bias
    corner_slopes = np.array(list(itertools.product((1.0, alpha), repeat=len(open_)))).reshape(2 ** len(open_), len(open_))
    side = np.where(corner_slopes == 1.0, 1.0, -1.0)  # side * z_i >= 0 for the open i
    c_lo, c_hi = tighten_box(-side[:, :, None] * M[open_], side * m[open_], lo, hi)
    kept = np.flatnonzero(~(c_lo > c_hi + EMPTY_BY).any(axis=1))
    corner_slopes, c_lo = corner_slopes[kept], c_lo[kept]
    c_hi = np.maximum(c_hi[kept], c_lo)
    through = corner_slopes[:, None, :] * weight[:, open_]  # [corner, j, i] = W_ji d_i
    maps = decided_map + through @ M[open_]
    offsets = decided_offset + through @ m[open_]
    # each corner's interval of z_{k+1} over its box, in centre–radius form (as Interval.affine)
    mid = np.einsum("cjx,cx->cj", maps, 0.5 * (c_lo + c_hi)) + offsets
    rad = np.einsum("cjx,cx->cj", np.abs(maps), 0.5 * (c_hi - c_lo))
    z = Interval(np.maximum(mid - rad, next_bounds.lower), np.minimum(mid + rad, next_bounds.upper))
    e_lo, e_hi = slope_range(neuron_states(z), next_alpha)
    every = np.tile(slopes, (len(kept), 1))
    every[:, open_] = corner_slopes
    return Corners(every, maps, offsets, c_lo, c_hi, e_lo, e_hi)
