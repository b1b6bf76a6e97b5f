"""Whether the ℓ∞→ℓ1 norm of a matrix exceeds a level, by branch and bound over signs.

For a matrix ``X`` (m × n)

    ||X||_{∞→1} = max over v ∈ [-1, 1]^n of ||X v||_1 = max over s ∈ {±1}^m, v ∈ {±1}^n of sᵀ X v,

a bilinear form maximised at vertices, so ``||X||_{∞→1} = ||Xᵀ||_{∞→1}`` and the
maximum is ``max_s ||sᵀ X||_1`` over the ``2^m`` sign vectors of the rows. Computing
it is NP-hard in general; deciding "``> level``?" for the few dozen rows met in the
region search is quick by branch and bound over the rows' signs, heaviest row first.
A node fixes the signs of the first ``t`` rows, with partial sum ``P = Σ_{r<t} s_r X_r``;
by the triangle inequality every completion has

    ||sᵀ X||_1 <= ||P||_1 + Σ_{r>=t} ||X_r||_1,

and the node is dropped when that is ``<= level``. The first row's sign is fixed to +1
(``s`` and ``−s`` give the same norm). At depth m the bound is the value itself. Before
the tree, alternating maximisation (``s = sign(X v)``, ``v = sign(Xᵀ s)``, neither step
lowers ``sᵀXv``) looks for a witness ``v`` with ``||X v||_1 > level``, which settles
most "yes" cases at once; it starts from a given ``v`` (a witness for a nearby matrix,
which often still is one) or else from the signs of the heaviest row. The tree runs
over the rows of ``X`` or of ``Xᵀ``, whichever are fewer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The search gives up (exceeds None) rather than hold more open nodes than this.
MAX_FRONTIER = 4096
WITNESS_ROUNDS = 3


@dataclass(frozen=True)
class Decision:
    """``exceeds``: whether ``||X||_{∞→1} > level``, None when the search gave up;
    ``witness``: a ``v ∈ {±1}^n`` with ``||X v||_1 > level`` when the alternating
    search found one."""

    exceeds: bool | None
    witness: np.ndarray | None = None


def decide_inf_to_one(X: np.ndarray, level: float, start: np.ndarray | None = None, max_frontier: int = MAX_FRONTIER) -> Decision:
    """Whether ``||X||_{∞→1} > level`` (module docstring), the witness search starting
    from ``start`` (signs of X's columns) if given; gives up when the tree would hold
    more than ``max_frontier`` open nodes."""
    X = np.asarray(X, dtype=float)
    if X.size == 0:
        return Decision(0.0 > level)
    v = start if start is not None else np.where(X[np.argmax(np.abs(X).sum(axis=1))] >= 0, 1.0, -1.0)
    for _ in range(WITNESS_ROUNDS):
        total = np.where(X @ v >= 0, 1.0, -1.0) @ X
        v = np.where(total >= 0, 1.0, -1.0)
        if np.abs(total).sum() > level:
            return Decision(True, v)  # ||X v||_1 >= sᵀ X v = ||sᵀ X||_1
    return Decision(_tree_exceeds(X.T if X.shape[0] > X.shape[1] else X, level, max_frontier))


def _tree_exceeds(X: np.ndarray, level: float, max_frontier: int) -> bool | None:
    """The branch and bound over the signs of X's rows, heaviest first."""
    weight = np.abs(X).sum(axis=1)
    order = np.argsort(-weight, kind="stable")
    rest = np.append(np.cumsum(weight[order][::-1])[::-1], 0.0)  # rest[t]: Σ ||X_r||_1 over rows t, t+1, ...
    partial = X[order[:1]]
    for depth in range(1, len(order) + 1):
        alive = np.abs(partial).sum(axis=1) + rest[depth] > level
        if not alive.any():
            return False
        if depth == len(order):
            return True
        if 2 * alive.sum() > max_frontier:
            return None
        partial, row = partial[alive], X[order[depth]]
        partial = np.concatenate([partial + row, partial - row])
    return True
