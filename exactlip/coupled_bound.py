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

1. ``e_j ∈ [e_lo_j, e_hi_j]`` from interval bounds on ``z_{k+1}`` over the cell's outer
   box ``[lo, hi]``: the decided neurons add the affine map ``Σ_i W_ji d_i (M_i x + m_i)``
   exactly, the open ones their activation's interval; intersected with the engine's
   bounds over X (the same for every corner, so a relaxation for each);
2. the largest ``||g||_{α*}`` over that box is then the largest gradient of a
   coefficient box, ``Σ_j e_j (s_j B_j)`` with ``e_j ∈ [e_lo_j, e_hi_j]``: the region
   search decides it against its target with the same exact test as on the last hidden
   layer (sign vectors or corners enumerated by ``cell_bound``, else the ℓ∞→ℓ1 branch
   and bound of ``box_maximum_decision``).

The cell can beat the level only if some corner does. With every neuron of both layers
fixed on the cell the test is exact: the corner's value is the region's gradient norm.
The measured effect is in :mod:`exactlip.region_search`'s docstring.
"""

from __future__ import annotations

import itertools

import numpy as np

from .bounds import Interval, neuron_states, slope_range
from .bounds.interval import affine_sum

# The test runs while at most this many neurons of the cell's layer are open (2^open boxes).
OPEN_CORNERS = 3


def corner_boxes(
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
    s: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """``(rows, e_lo, e_hi)``: ``rows[corner, j] = s_j B_j(d)`` for each corner ``d`` of
    the open slopes and the box ``[e_lo, e_hi]`` of the next layer's slopes over the
    cell (module docstring), so that the cell's regions have ``g = Σ_j e_j rows[corner,
    j]`` for some corner; the caller decides the largest norm over each box. The cell
    has ``z_k = M x + m`` on the outer box ``[lo, hi]`` with layer-k ``slopes`` (NaN
    where open, negative slope ``alpha``); the next layer has ``weight``, ``bias``, the
    engine's pre-activation bounds ``next_bounds`` and negative slope ``next_alpha``;
    ``s = W_lastᵀ c``. None when more than ``OPEN_CORNERS`` neurons are open."""
    open_ = np.flatnonzero(np.isnan(slopes))
    if len(open_) > OPEN_CORNERS:
        return None
    known = np.flatnonzero(~np.isnan(slopes))
    box = Interval(lo, hi)
    through_known = weight[:, known] * slopes[known]
    decided_map = through_known @ M[known]
    terms = [(decided_map, box)]
    if len(open_):
        terms.append((weight[:, open_], box.affine(M[open_], m[open_]).activate(alpha)))
    z = affine_sum(terms, through_known @ m[known] + bias)
    e_lo, e_hi = slope_range(neuron_states(Interval(np.maximum(z.lower, next_bounds.lower), np.minimum(z.upper, next_bounds.upper))), next_alpha)
    corners = np.array(list(itertools.product((1.0, alpha), repeat=len(open_))))
    rows = s[:, None] * decided_map + np.einsum("ci,ji,id->cjd", corners, s[:, None] * weight[:, open_], M[open_])
    return rows, e_lo, e_hi
