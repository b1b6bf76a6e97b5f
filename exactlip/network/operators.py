"""Affine operators of convolutional networks as (sparse) matrices on flattened tensors.

A tensor of shape ``(C, *spatial)`` (one example, no batch dimension) is flattened
row-major, as ``torch.flatten`` and numpy do: element ``(c, i_1, …, i_d)`` sits at
``c·P + ravel(i_1, …, i_d)`` with ``P = ∏ spatial``. Every operator here is an affine
map ``y = A x + a`` between flattened tensors and is returned as an :class:`Affine`
(``matrix`` ``A`` — a scipy CSR array, or a dense array for ``Linear`` —, ``bias``
``a`` and the output shape). The matrices are built by index arithmetic on whole
arrays (one numpy pass per kernel tap or per axis, never a Python loop over pixels).

* Convolution (zero padding ``(b_a, e_a)`` per spatial axis ``a``, stride ``s``,
  dilation ``δ``, groups ``g``): output size ``o_a = ⌊(n_a + b_a + e_a − δ_a(k_a−1) − 1)/s_a⌋ + 1``
  and ``y[co, o] = bias[co] + Σ_{ci ∈ group(co), t} W[co, ci, t] x[ci, o·s − b + t·δ]``,
  terms outside the input being zero.
* Average pooling: separable, ``A = I_C ⊗ A_1 ⊗ … ⊗ A_d`` with one 1-D pooling matrix
  per axis, because both the window sum and the divisor factor over the axes. As in
  torch, the divisor is the size of the window clipped to the padded input when padded
  zeros count (``count_include_pad``; ``k_a`` unless ``ceil_mode`` lets a window run
  past it) and the number of real inputs in the window otherwise;
  ``divisor_override`` replaces it. Windows starting in the end padding are dropped.
  Adaptive pooling uses the windows ``[⌊i n/o⌋, ⌈(i+1) n/o⌉)``.
* Per-channel affine maps (batch normalisation in evaluation mode:
  ``y = γ (x − μ)/sqrt(σ² + ε) + β``) and elementwise maps (``x·c``, ``x + c``) are
  diagonal.
* Matrix products with a constant on either side act on the last two axes:
  ``X B = (I ⊗ Bᵀ) vec(X)`` and ``C X = (I ⊗ C ⊗ I) vec(X)`` (row-major ``vec``).
* Data movement (reshape, transpose, slicing, concatenation) is a selection matrix
  built from where each output element comes from (:func:`selection`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from ..errors import ShapeError


@dataclass(frozen=True)
class Affine:
    """``y = matrix @ x + bias`` on flattened tensors; ``out_shape`` is the shape of ``y``."""

    matrix: object
    bias: np.ndarray
    out_shape: tuple[int, ...]


def _csr(values, rows, cols, shape) -> sp.csr_array:
    matrix = sp.coo_array((values, (rows, cols)), shape=shape).tocsr()
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    return matrix


def _per_axis(value, dims: int, what: str) -> tuple[int, ...]:
    values = tuple(int(v) for v in value) if isinstance(value, (tuple, list, np.ndarray)) else (int(value),) * dims
    if len(values) != dims:
        raise ShapeError(f"{what} has {len(values)} entries for {dims} spatial dimension(s)")
    return values


def padding_pairs(padding, dims: int) -> tuple[tuple[int, int], ...]:
    """``(begin, end)`` per spatial axis from an int, ``dims`` ints (both sides) or ``dims`` pairs."""
    if isinstance(padding, (tuple, list)) and padding and isinstance(padding[0], (tuple, list)):
        pairs = tuple((int(b), int(e)) for b, e in padding)
        if len(pairs) != dims:
            raise ShapeError(f"padding has {len(pairs)} pairs for {dims} spatial dimension(s)")
        return pairs
    return tuple((p, p) for p in _per_axis(padding, dims, "padding"))


def _out_size(n: int, kernel: int, stride: int, pad: tuple[int, int], dilation: int, what: str) -> int:
    size = (n + pad[0] + pad[1] - dilation * (kernel - 1) - 1) // stride + 1
    if size <= 0:
        raise ShapeError(f"{what}: an input of size {n} with padding {pad} is smaller than the (dilated) kernel {kernel}")
    return size


def conv(weight, bias, in_shape: Sequence[int], *, stride=1, padding=0, dilation=1, groups: int = 1) -> Affine:
    """A ``d``-dimensional convolution with zero padding (``weight``: ``[C_out, C_in/groups, *kernel]``).

    ``padding`` is given as by :func:`padding_pairs`; ``bias`` may be None.
    """
    weight = np.asarray(weight, dtype=np.float64)
    dims = weight.ndim - 2
    in_shape = tuple(int(s) for s in in_shape)
    if dims < 1 or len(in_shape) != dims + 1:
        raise ShapeError(f"a {dims}-d convolution needs an input of shape (C, {dims} spatial sizes), got {in_shape}")
    c_out, c_in_group = weight.shape[:2]
    kernel = weight.shape[2:]
    c_in, spatial = in_shape[0], in_shape[1:]
    if groups < 1 or c_out % groups or c_in != c_in_group * groups:
        raise ShapeError(
            f"convolution weight {list(weight.shape)} with groups={groups} does not fit an input of {c_in} channel(s)"
        )
    stride, dilation = _per_axis(stride, dims, "stride"), _per_axis(dilation, dims, "dilation")
    pads = padding_pairs(padding, dims)
    out_spatial = tuple(
        _out_size(spatial[a], kernel[a], stride[a], pads[a], dilation[a], "convolution") for a in range(dims)
    )
    p_in, p_out = math.prod(spatial), math.prod(out_spatial)
    out_channels = np.arange(c_out)
    first_in = (out_channels // (c_out // groups)) * c_in_group  # first input channel of each output channel's group
    rows, cols, values = [], [], []
    for tap in np.ndindex(*kernel):
        outs, ins = [], []
        for a in range(dims):
            o = np.arange(out_spatial[a])
            i = o * stride[a] - pads[a][0] + tap[a] * dilation[a]
            inside = (i >= 0) & (i < spatial[a])
            outs.append(o[inside])
            ins.append(i[inside])
        if any(o.size == 0 for o in outs):
            continue
        out_flat = np.ravel_multi_index(np.meshgrid(*outs, indexing="ij"), out_spatial).ravel()
        in_flat = np.ravel_multi_index(np.meshgrid(*ins, indexing="ij"), spatial).ravel()
        shape = (c_out, c_in_group, out_flat.size)
        rows.append(np.broadcast_to(out_channels[:, None, None] * p_out + out_flat, shape).ravel())
        in_channel = first_in[:, None, None] + np.arange(c_in_group)[None, :, None]
        cols.append(np.broadcast_to(in_channel * p_in + in_flat, shape).ravel())
        values.append(np.broadcast_to(weight[(slice(None), slice(None)) + tap][:, :, None], shape).ravel())
    if not values:
        rows, cols, values = [np.zeros(0, dtype=np.int64)] * 2 + [np.zeros(0)]
    matrix = _csr(np.concatenate(values), np.concatenate(rows), np.concatenate(cols), (c_out * p_out, c_in * p_in))
    bias_vector = np.zeros(c_out * p_out) if bias is None else np.repeat(np.asarray(bias, dtype=np.float64), p_out)
    return Affine(matrix, bias_vector, (c_out,) + out_spatial)


def _pool_axis(n: int, kernel: int, stride: int, pad: tuple[int, int], divisor: str, ceil_mode: bool) -> sp.csr_array:
    """The 1-D pooling matrix ``[o, n]`` of one axis; ``divisor``: "window" (the window
    clipped to the padded input), "inputs" (the real inputs in it) or "none" (a sum)."""
    if ceil_mode:  # torch: round up, but no window may start in the end padding
        out = -(-(n + pad[0] + pad[1] - kernel) // stride) + 1
        if (out - 1) * stride >= n + pad[0]:
            out -= 1
    else:
        out = _out_size(n, kernel, stride, pad, 1, "average pooling")
    starts = np.arange(out) * stride - pad[0]
    i = starts[:, None] + np.arange(kernel)[None, :]
    inside = (i >= 0) & (i < n)
    counts = inside.sum(axis=1)
    if np.any(counts == 0):
        raise ShapeError(f"average pooling: padding {pad} leaves a window of size {kernel} without any input")
    if divisor == "window":
        sizes = (np.minimum(starts + kernel, n + pad[1]) - starts).astype(np.float64)
    elif divisor == "inputs":
        sizes = counts.astype(np.float64)
    else:
        sizes = np.ones(out)
    rows = np.broadcast_to(np.arange(out)[:, None], i.shape)[inside]
    values = np.broadcast_to((1.0 / sizes)[:, None], i.shape)[inside]
    return _csr(values, rows, i[inside], (out, n))


def _kron_channels(channels: int, axis_matrices: Sequence[sp.csr_array]) -> sp.csr_array:
    matrix = sp.eye_array(channels, format="csr")
    for axis_matrix in axis_matrices:
        matrix = sp.kron(matrix, axis_matrix, format="csr")
    return sp.csr_array(matrix)


def avg_pool(
    in_shape: Sequence[int],
    kernel,
    *,
    stride=None,
    padding=0,
    count_include_pad: bool = True,
    ceil_mode: bool = False,
    divisor: float | None = None,
) -> Affine:
    """Average pooling over the spatial axes of ``(C, *spatial)`` with torch's semantics
    (``stride`` defaults to the kernel size; ``divisor`` is torch's ``divisor_override``)."""
    in_shape = tuple(int(s) for s in in_shape)
    dims = len(in_shape) - 1
    if dims < 1:
        raise ShapeError(f"average pooling needs an input of shape (C, spatial…), got {in_shape}")
    kernel = _per_axis(kernel, dims, "kernel size")
    stride = kernel if stride is None else _per_axis(stride, dims, "stride")
    pads = padding_pairs(padding, dims)
    mode = "none" if divisor else ("window" if count_include_pad else "inputs")
    axes = [_pool_axis(in_shape[a + 1], kernel[a], stride[a], pads[a], mode, ceil_mode) for a in range(dims)]
    matrix = _kron_channels(in_shape[0], axes)
    if divisor:
        matrix = sp.csr_array(matrix / float(divisor))
    out_shape = (in_shape[0],) + tuple(m.shape[0] for m in axes)
    return Affine(matrix, np.zeros(matrix.shape[0]), out_shape)


def adaptive_avg_pool(in_shape: Sequence[int], out_size) -> Affine:
    """Adaptive average pooling to ``out_size`` per spatial axis (windows ``[⌊i n/o⌋, ⌈(i+1) n/o⌉)``)."""
    in_shape = tuple(int(s) for s in in_shape)
    dims = len(in_shape) - 1
    sizes = _per_axis(out_size, dims, "output size")
    axes = []
    for n, o in zip(in_shape[1:], sizes):
        if o < 1:
            raise ShapeError(f"adaptive average pooling: output size {o} must be positive")
        starts = (np.arange(o) * n) // o
        ends = -((-(np.arange(o) + 1) * n) // o)
        lengths = ends - starts
        rows = np.repeat(np.arange(o), lengths)
        cols = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends)])
        axes.append(_csr(np.repeat(1.0 / lengths, lengths), rows, cols, (o, n)))
    matrix = _kron_channels(in_shape[0], axes)
    return Affine(matrix, np.zeros(matrix.shape[0]), (in_shape[0],) + sizes)


def channel_affine(scale, shift, in_shape: Sequence[int]) -> Affine:
    """``y[c, …] = scale[c] x[c, …] + shift[c]`` on ``(C, *rest)``."""
    in_shape = tuple(int(s) for s in in_shape)
    scale, shift = np.asarray(scale, dtype=np.float64).reshape(-1), np.asarray(shift, dtype=np.float64).reshape(-1)
    if not in_shape or scale.size != in_shape[0] or shift.size != in_shape[0]:
        raise ShapeError(f"{scale.size} channel scale(s) and {shift.size} shift(s) do not fit a tensor of shape {in_shape}")
    rest = math.prod(in_shape[1:])
    return Affine(sp.diags_array(np.repeat(scale, rest), format="csr"), np.repeat(shift, rest), in_shape)


def batch_norm(mean, var, eps: float, gamma, beta, in_shape: Sequence[int]) -> Affine:
    """Batch normalisation in evaluation mode: ``γ (x − μ)/sqrt(σ² + ε) + β`` per channel
    (``gamma``/``beta`` None: 1 and 0)."""
    mean, var = np.asarray(mean, dtype=np.float64), np.asarray(var, dtype=np.float64)
    gamma = np.ones_like(mean) if gamma is None else np.asarray(gamma, dtype=np.float64)
    beta = np.zeros_like(mean) if beta is None else np.asarray(beta, dtype=np.float64)
    scale = gamma / np.sqrt(var + float(eps))
    return channel_affine(scale, beta - mean * scale, in_shape)


def diagonal(factor, offset, shape: Sequence[int]) -> Affine:
    """``y = factor ⊙ x + offset`` with both already broadcast to the tensor's size."""
    factor = np.asarray(factor, dtype=np.float64).reshape(-1)
    return Affine(sp.diags_array(factor, format="csr"), np.asarray(offset, dtype=np.float64).reshape(-1), tuple(shape))


def broadcast_to(value, shape: Sequence[int], what: str) -> np.ndarray:
    """``value`` broadcast (numpy rules) to exactly ``shape``, flattened; the tensor must not grow."""
    value = np.asarray(value, dtype=np.float64)
    shape = tuple(int(s) for s in shape)
    try:
        if np.broadcast_shapes(value.shape, shape) != shape:
            raise ValueError
    except ValueError:
        raise ShapeError(f"{what}: a constant of shape {list(value.shape)} does not broadcast to the tensor's shape {list(shape)}") from None
    return np.broadcast_to(value, shape).reshape(-1).copy()


def linear(weight, bias, in_shape: Sequence[int]) -> Affine:
    """``y = x Wᵀ + b`` on the last axis of ``in_shape`` (a torch ``Linear``)."""
    weight = np.asarray(weight, dtype=np.float64)
    in_shape = tuple(int(s) for s in in_shape)
    if not in_shape or in_shape[-1] != weight.shape[1]:
        raise ShapeError(f"a linear map with {weight.shape[1]} inputs receives a tensor of shape {list(in_shape)}")
    bias = np.zeros(weight.shape[0]) if bias is None else np.asarray(bias, dtype=np.float64).reshape(-1)
    prefix = math.prod(in_shape[:-1])
    out_shape = in_shape[:-1] + (weight.shape[0],)
    if prefix == 1:
        return Affine(weight, bias, out_shape)
    return Affine(sp.kron(sp.eye_array(prefix), sp.csr_array(weight), format="csr"), np.tile(bias, prefix), out_shape)


def matmul_constant_right(in_shape: Sequence[int], constant) -> Affine:
    """``X @ B`` for data ``X`` of shape ``(…, m, k)`` (or ``(k,)``) and a constant 2-D ``B``."""
    constant = np.asarray(constant, dtype=np.float64)
    if constant.ndim != 2:
        raise ShapeError(f"the constant factor of a matrix product must be 2-D, got shape {list(constant.shape)}")
    return linear(constant.T, None, in_shape)


def matmul_constant_left(constant, in_shape: Sequence[int]) -> Affine:
    """``C @ X`` for a constant 2-D ``C`` ``(q, m)`` and data ``X`` of shape ``(…, m, k)`` or ``(m,)``."""
    constant = np.asarray(constant, dtype=np.float64)
    in_shape = tuple(int(s) for s in in_shape)
    if constant.ndim != 2:
        raise ShapeError(f"the constant factor of a matrix product must be 2-D, got shape {list(constant.shape)}")
    if len(in_shape) == 1:
        return linear(constant, None, in_shape)
    if len(in_shape) < 2 or in_shape[-2] != constant.shape[1]:
        raise ShapeError(f"a constant of shape {list(constant.shape)} cannot multiply a tensor of shape {list(in_shape)}")
    prefix, k = math.prod(in_shape[:-2]), in_shape[-1]
    matrix = sp.kron(sp.eye_array(prefix), sp.kron(sp.csr_array(constant), sp.eye_array(k)), format="csr")
    out_shape = in_shape[:-2] + (constant.shape[0], k)
    return Affine(sp.csr_array(matrix), np.zeros(matrix.shape[0]), out_shape)


def selection(sources: np.ndarray, in_size: int) -> sp.csr_array:
    """The 0/1 matrix with ``y[i] = x[sources[i]]`` (``sources`` flattened, ``< 0``: no input)."""
    sources = np.asarray(sources, dtype=np.int64).reshape(-1)
    rows = np.flatnonzero(sources >= 0)
    return _csr(np.ones(rows.size), rows, sources[rows], (sources.size, int(in_size)))


def is_identity(sources: np.ndarray, in_size: int) -> bool:
    """Whether a selection keeps every element in place (a pure reshape)."""
    sources = np.asarray(sources).reshape(-1)
    return sources.size == in_size and bool(np.array_equal(sources, np.arange(in_size)))
