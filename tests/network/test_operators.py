"""Every operator of the torch importer, checked through the imported Network: its forward
pass and Jacobian equal torch's (autograd) at random points to 1e-9, in float64."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from exactlip.network import operators as ops
from exactlip.network.from_torch import network_from_torch

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional


def check_against_torch(module, input_shape, points: int = 3, seed: int = 0, directions: int | None = None):
    """Forward values and Jacobians of the imported network equal torch's at random points
    (the whole Jacobian, or its products with ``directions`` random vectors on each side)."""
    torch.manual_seed(seed)
    module = module.double().eval()
    network = network_from_torch(module, input_shape=input_shape)
    xs = np.random.default_rng(seed).standard_normal((points,) + tuple(input_shape))
    flat = xs.reshape(points, -1)
    for x, x_flat in zip(xs, flat):
        inp = torch.from_numpy(x)[None]
        with torch.no_grad():
            expected = module(inp).reshape(-1).numpy()
        np.testing.assert_allclose(network.forward(x_flat), expected, rtol=1e-9, atol=1e-9)
        fn = lambda t: module(t.reshape(inp.shape)).reshape(-1)  # noqa: E731
        if directions is None:
            jac = torch.autograd.functional.jacobian(fn, torch.from_numpy(x_flat))
            np.testing.assert_allclose(network.jacobian(x_flat), jac.numpy(), rtol=1e-9, atol=1e-9)
            continue
        jac = network.jacobian(x_flat)
        rng = np.random.default_rng(seed + 1)
        for _ in range(directions):
            v, u = rng.standard_normal(jac.shape[1]), rng.standard_normal(jac.shape[0])
            _, jv = torch.autograd.functional.jvp(fn, torch.from_numpy(x_flat), torch.from_numpy(v))
            _, uj = torch.autograd.functional.vjp(fn, torch.from_numpy(x_flat), torch.from_numpy(u))
            np.testing.assert_allclose(jac @ v, jv.numpy(), rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(u @ jac, uj.numpy(), rtol=1e-9, atol=1e-9)
    return network


class Lambda(nn.Module):
    """A module computing ``fn(self, x)``, so functional code is traced by torch.fx."""

    def __init__(self, fn, **tensors):
        super().__init__()
        self.fn = fn
        for key, value in tensors.items():
            if isinstance(value, nn.Module):
                setattr(self, key, value)
            else:
                self.register_buffer(key, value)

    def forward(self, x):
        return self.fn(self, x)


def _randomise_batchnorm(bn):
    with torch.no_grad():
        bn.running_mean.uniform_(-1.0, 1.0)
        bn.running_var.uniform_(0.3, 2.0)
        if bn.affine:
            bn.weight.uniform_(-2.0, 2.0)
            bn.bias.uniform_(-1.0, 1.0)
    return bn


# ----- convolutions ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "conv, shape",
    [
        (lambda: nn.Conv2d(2, 4, 3, stride=2, padding=1), (2, 6, 5)),
        (lambda: nn.Conv2d(2, 4, (2, 3), stride=(1, 2), padding=(2, 0), dilation=(2, 1), groups=2, bias=False), (2, 5, 7)),
        (lambda: nn.Conv2d(3, 6, 3, padding="same", dilation=2, groups=3), (3, 5, 4)),
        (lambda: nn.Conv2d(3, 2, 2, padding="same"), (3, 4, 4)),
        (lambda: nn.Conv2d(1, 2, 3, padding="valid", stride=3), (1, 7, 8)),
        (lambda: nn.Conv1d(2, 3, 3, stride=2, padding=2, dilation=2), (2, 9)),
        (lambda: nn.Conv1d(4, 4, 2, groups=4), (4, 5)),
    ],
    ids=["stride-pad", "rect-dilation-groups-nobias", "same-dilated-depthwise", "same-even-kernel", "valid-stride3", "conv1d", "conv1d-depthwise"],
)
@pytest.mark.filterwarnings("ignore:Using padding='same'")
def test_convolution(conv, shape):
    torch.manual_seed(0)
    check_against_torch(conv(), shape)


def test_functional_convolution_and_linear():
    weight, bias = torch.randn(3, 2, 2, 2, dtype=torch.float64), torch.randn(3, dtype=torch.float64)
    lin_w = torch.randn(2, 3 * 3 * 3, dtype=torch.float64)
    module = Lambda(
        lambda self, x: F.linear(torch.flatten(F.relu(F.conv2d(x, self.w, self.b, stride=1, padding=1)), 1), self.lw),
        w=weight, b=bias, lw=lin_w,
    )
    check_against_torch(module, (2, 2, 2))


def test_convolution_on_a_real_image_size_stays_sparse():
    torch.manual_seed(0)
    conv = nn.Conv2d(3, 8, 3, padding=1)
    network = check_against_torch(nn.Sequential(conv, nn.ReLU()), (3, 16, 16), points=1, directions=3)
    weight = network.weights[0]
    assert sp.issparse(weight) and weight.shape == (8 * 256, 3 * 256)
    assert weight.nnz == 8 * 3 * (14 * 14 * 9 + 4 * 14 * 6 + 4 * 4)  # interior, edges, corners


# ----- pooling ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "pool, shape",
    [
        (lambda: nn.AvgPool2d(2), (2, 4, 6)),
        (lambda: nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=True), (2, 5, 6)),
        (lambda: nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False), (2, 5, 6)),
        (lambda: nn.AvgPool2d((2, 3), stride=(1, 2), padding=(1, 1)), (1, 4, 5)),
        (lambda: nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True), (2, 6, 6)),
        (lambda: nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False), (1, 6, 7)),
        (lambda: nn.AvgPool2d(2, stride=1, padding=1, divisor_override=3), (1, 3, 3)),
        (lambda: nn.AvgPool1d(3, stride=2, padding=1, count_include_pad=False), (2, 8)),
        (lambda: nn.AdaptiveAvgPool2d((2, 3)), (2, 5, 7)),
        (lambda: nn.AdaptiveAvgPool2d((None, 1)), (1, 3, 4)),
        (lambda: nn.AdaptiveAvgPool1d(3), (2, 7)),
    ],
    ids=["k2", "pad-include", "pad-exclude", "rect", "ceil", "ceil-exclude", "divisor", "1d", "adaptive", "adaptive-none", "adaptive-1d"],
)
def test_average_pooling(pool, shape):
    check_against_torch(pool(), shape)


# ----- batch norm, normalisation, elementwise ---------------------------------------------
def test_batchnorm_folds_into_the_convolution():
    torch.manual_seed(1)
    model = nn.Sequential(nn.Conv2d(2, 3, 2), _randomise_batchnorm(nn.BatchNorm2d(3)), nn.ReLU(), nn.Flatten(), nn.Linear(12, 2))
    network = check_against_torch(model, (2, 3, 3))
    assert network.widths == [18, 12, 2]  # conv and batch norm are one layer


@pytest.mark.parametrize(
    "bn, shape",
    [
        (lambda: nn.BatchNorm1d(4), (4,)),
        (lambda: nn.BatchNorm1d(3), (3, 5)),
        (lambda: nn.BatchNorm1d(3, affine=False), (3, 2)),
        (lambda: nn.BatchNorm2d(2, eps=1e-3), (2, 2, 3)),
    ],
    ids=["bn1d-flat", "bn1d-seq", "bn1d-no-affine", "bn2d"],
)
def test_batchnorm(bn, shape):
    check_against_torch(_randomise_batchnorm(bn()), shape)


def test_input_normalisation_with_per_channel_mean_and_std():
    mean = torch.tensor([0.485, 0.456, 0.406], dtype=torch.float64).reshape(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225], dtype=torch.float64).reshape(1, 3, 1, 1)
    module = Lambda(lambda self, x: (x - self.mean) / self.std, mean=mean, std=std)
    check_against_torch(module, (3, 2, 2))


@pytest.mark.parametrize(
    "fn",
    [
        lambda self, x: 2.0 * x + 1.0,
        lambda self, x: 1.0 - x / 4,
        lambda self, x: -x * self.c,
        lambda self, x: torch.add(x, self.c, alpha=3.0) - torch.sub(self.c, x),
        lambda self, x: torch.mul(torch.div(x, self.c), 0.5).neg(),
        lambda self, x: x.sub(self.c).add(2).mul(self.c).div(3.0),
    ],
    ids=["affine", "rsub-div", "neg-mul", "torch-add-sub", "torch-mul-div-neg", "methods"],
)
def test_elementwise_arithmetic_with_constants(fn):
    c = torch.tensor([[1.5], [-0.5]], dtype=torch.float64)
    check_against_torch(Lambda(fn, c=c), (2, 3))


# ----- data movement ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "fn, shape",
    [
        (lambda self, x: torch.flatten(x, 1), (2, 3, 2)),
        (lambda self, x: x.view(x.size(0), -1), (2, 3)),
        (lambda self, x: x.reshape(-1), (2, 2)),
        (lambda self, x: x.unflatten(1, (2, 3)).flatten(2), (6,)),
        (lambda self, x: x.permute(0, 2, 1).reshape(1, -1), (2, 3)),
        (lambda self, x: x.transpose(1, 2).contiguous(), (2, 3)),
        (lambda self, x: x[:, 1:, ::2], (3, 5)),
        (lambda self, x: torch.cat([x, -x, self.c], dim=1), (2, 3)),
        (lambda self, x: x.unsqueeze(1).squeeze(1), (4,)),
    ],
    ids=["flatten", "view-size", "reshape-flat", "unflatten", "permute", "transpose", "slice", "cat", "unsqueeze"],
)
def test_data_movement(fn, shape):
    c = torch.ones((1, 1, shape[-1]), dtype=torch.float64) if len(shape) == 2 else torch.ones(1)
    check_against_torch(Lambda(fn, c=c), shape)


def test_pure_reshapes_add_no_layer():
    module = nn.Sequential(nn.Flatten(), nn.Unflatten(1, (3, 2)), nn.Flatten(), nn.Linear(6, 2))
    network = check_against_torch(module, (2, 3))
    assert network.widths == [6, 2]
    np.testing.assert_array_equal(network.weights[0], module[3].weight.detach().numpy())


# ----- activations and residual blocks ----------------------------------------------------
def test_leaky_relu_in_all_spellings():
    torch.manual_seed(2)
    fc1, fc2, fc3 = nn.Linear(3, 5), nn.Linear(5, 4), nn.Linear(4, 2)
    module = Lambda(
        lambda self, x: self.fc3(F.leaky_relu(self.fc2(nn.functional.leaky_relu(self.fc1(x), negative_slope=0.2)), 0.05).relu()),
        fc1=fc1, fc2=fc2, fc3=fc3,
    )
    network = check_against_torch(module, (3,))
    assert network.negative_slopes == (0.2, 0.05, 0.0)
    module = nn.Sequential(nn.Linear(3, 4), nn.LeakyReLU(-0.5), nn.Linear(4, 1))
    assert check_against_torch(module, (3,)).negative_slopes == (-0.5,)


class Residual(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.block = nn.Sequential(nn.Linear(width, width), nn.ReLU(), nn.Linear(width, width))

    def forward(self, x):
        return x + self.block(x)


def test_residual_mlp_becomes_skip_edges():
    torch.manual_seed(3)
    module = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), Residual(5), nn.ReLU(), Residual(5), nn.Linear(5, 2))
    network = check_against_torch(module, (4,))
    # layers: relu(4→5), block relu, relu(x + block), block relu, output; the block's input skips its hidden layer
    assert network.widths == [4, 5, 5, 5, 5, 2]
    assert set(network.skips) == {(2, 0), (4, 2)}


def test_convolutional_residual_block_with_batchnorm():
    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(2, 2, 3, padding=1)
            self.bn1 = _randomise_batchnorm(nn.BatchNorm2d(2))
            self.conv2 = nn.Conv2d(2, 2, 3, padding=1, bias=False)
            self.bn2 = _randomise_batchnorm(nn.BatchNorm2d(2))

        def forward(self, x):
            out = F.relu(self.bn1(self.conv1(x)))
            out = self.bn2(self.conv2(out))
            out += x
            return F.relu(out)

    torch.manual_seed(4)
    module = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), Block(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2, 3))
    network = check_against_torch(module, (1, 4, 4))
    assert network.widths == [16, 32, 32, 32, 3]
    assert set(network.skips) == {(2, 0)}


# ----- the operator module directly ------------------------------------------------------
def test_selection_and_identity():
    matrix = ops.selection(np.array([2, -1, 0]), 3)
    np.testing.assert_array_equal(matrix.toarray(), [[0, 0, 1], [0, 0, 0], [1, 0, 0]])
    assert ops.is_identity(np.arange(4), 4) and not ops.is_identity(np.array([1, 0]), 2)


def test_operator_shape_errors_say_what_is_wrong():
    with pytest.raises(ValueError, match="groups=3 does not fit an input of 4 channel"):
        ops.conv(np.ones((3, 1, 2, 2)), None, (4, 3, 3), groups=3)
    with pytest.raises(ValueError, match="smaller than the \\(dilated\\) kernel"):
        ops.conv(np.ones((1, 1, 3)), None, (1, 2))
    with pytest.raises(ValueError, match=r"does not broadcast to the tensor's shape \[1, 2\]"):
        ops.broadcast_to(np.ones(3), (1, 2), "mul")
    with pytest.raises(ValueError, match="without any input"):
        ops.avg_pool((1, 2), 2, stride=1, padding=((3, 0),))
