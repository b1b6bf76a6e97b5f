"""AutoLip on torch modules: MLPs, convolutions, BatchNorm, pooling and residual graphs."""

import math

import numpy as np
import pytest
import torch

import exactlip
from exactlip.estimators.autolip import autolip_bound, power_iteration


def _spectral(matrix: np.ndarray) -> float:
    return float(np.linalg.svd(matrix, compute_uv=False)[0])


def _conv_matrix(conv: torch.nn.Module, in_shape) -> np.ndarray:
    """The unrolled matrix of a convolution's linear part, column by column (independent
    of exactlip: each column is the response to one input basis vector)."""
    numel = int(np.prod(in_shape))
    cols = []
    with torch.no_grad():
        zero = conv(torch.zeros((1,) + in_shape, dtype=torch.float64))
        for j in range(numel):
            e = torch.zeros(numel, dtype=torch.float64)
            e[j] = 1.0
            cols.append((conv(e.reshape((1,) + in_shape)) - zero).reshape(-1).numpy())
    return np.array(cols).T


def test_mlp_equals_product_of_spectral_norms_and_fuses_c():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 7), torch.nn.ReLU(), torch.nn.Linear(7, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))
    ws = [m.weight.detach().double().numpy() for m in model if isinstance(m, torch.nn.Linear)]
    (e,) = exactlip.estimate(model, methods=["autolip"])
    assert e.value == pytest.approx(np.prod([_spectral(w) for w in ws]), rel=1e-10)
    assert e.certified
    c = np.array([1.0, -1.0, 0.5])
    (ec,) = exactlip.estimate(model, c=c, methods=["autolip"])
    assert ec.details["fused_direction"]
    assert ec.value == pytest.approx(np.linalg.norm(ws[2].T @ c) * _spectral(ws[1]) * _spectral(ws[0]), rel=1e-10)


def _conv_net():
    torch.manual_seed(1)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = torch.nn.Conv2d(2, 3, 3, stride=1, padding=1)
            self.bn = torch.nn.BatchNorm2d(3)
            self.conv2 = torch.nn.Conv2d(3, 3, 3, stride=2, padding=1)
            self.pool = torch.nn.MaxPool2d(2, stride=1)
            self.fc = torch.nn.Linear(3 * 2 * 2, 2)
            self.act = torch.nn.LeakyReLU(0.1)

        def forward(self, x):
            y = torch.relu(self.bn(self.conv1(x)))
            y = y + self.conv1(x)  # residual-style addition of two branches
            y = self.act(self.conv2(y))
            y = torch.sigmoid(self.pool(y))
            return self.fc(torch.flatten(y, 1))

    net = Net().double().eval()
    with torch.no_grad():
        net.bn.running_var.uniform_(0.5, 2.0)
        net.bn.weight.uniform_(-2.0, 2.0)
    return net


def test_conv_power_iteration_matches_unrolled_svd():
    net = _conv_net()
    shape = (2, 6, 6)
    power = autolip_bound(net, shape, operator_norm="power", power_tol=1e-14, power_iterations=5000)
    svd = autolip_bound(net, shape, operator_norm="svd")
    assert svd[1] and not power[1]
    assert sorted(power[2]["power_iteration_nodes"]) == ["conv1", "conv1_1", "conv2"]
    by_node = {row["node"]: row["lipschitz"] for row in svd[2]["nodes"]}
    conv1 = _spectral(_conv_matrix(net.conv1, shape))
    conv2 = _spectral(_conv_matrix(net.conv2, (3, 6, 6)))
    bn = float((net.bn.weight.detach() / torch.sqrt(net.bn.running_var + net.bn.eps)).abs().max())
    assert by_node["conv1"] == pytest.approx(conv1, rel=1e-10)
    assert by_node["conv2"] == pytest.approx(conv2, rel=1e-10)
    assert by_node["bn"] == pytest.approx(bn, rel=1e-10)
    for row in power[2]["nodes"]:
        assert row["lipschitz"] <= by_node[row["node"]] * (1 + 1e-10)  # power iteration converges from below
        assert row["lipschitz"] == pytest.approx(by_node[row["node"]], rel=1e-4)
    # the graph rule by hand: relu(bn(conv1 x)) + conv1 x, then leaky relu, max-pool (k=2, s=1: 4 windows), sigmoid
    fc = _spectral(net.fc.weight.detach().numpy())
    expected = (bn * conv1 + conv1) * conv2 * 1.0 * math.sqrt(4) * 0.25 * fc
    assert svd[0] == pytest.approx(expected, rel=1e-10)


def test_estimate_accepts_a_conv_module_with_input_shape_and_only_autolip_by_default():
    net = _conv_net()
    results = exactlip.estimate(net, input_shape=(2, 6, 6))
    assert [r.method for r in results] == ["autolip"]
    with pytest.raises(exactlip.OptionError, match="'seqlip' needs a feed-forward ReLU network"):
        exactlip.estimate(net, input_shape=(2, 6, 6), methods=["seqlip"])


def test_power_iteration_on_a_known_matrix():
    rng = np.random.default_rng(2)
    W = rng.standard_normal((30, 20))
    lin = torch.nn.Linear(20, 30).double()
    with torch.no_grad():
        lin.weight.copy_(torch.from_numpy(W))
    value, iterations = power_iteration(lin, (20,), tol=1e-15, iterations=20000)
    assert value == pytest.approx(_spectral(W), rel=1e-6)
    assert value <= _spectral(W) * (1 + 1e-12)


def test_unsupported_layers_are_named():
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.GELU(), torch.nn.Linear(4, 1))
    with pytest.raises(exactlip.UnsupportedLayerError, match="GELU"):
        exactlip.estimate(model, methods=["autolip"])


def test_residual_broadcast_counts_copies():
    class Res(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(3, 3)

        def forward(self, x):
            return self.fc(x) + x[:, :1]  # the first input coordinate broadcast to 3 outputs

    torch.manual_seed(3)
    model = Res().double()
    value, certified, _ = autolip_bound(model, (3,))
    assert certified
    assert value == pytest.approx(_spectral(model.fc.weight.detach().numpy()) + math.sqrt(3), rel=1e-10)


def test_circulant_bound_certifies_power_iteration_nodes():
    from exactlip.estimators.autolip import circulant_conv_bound

    torch.manual_seed(4)
    for conv, shape in [
        (torch.nn.Conv2d(2, 3, 3, stride=2, padding=1).double(), (2, 7, 7)),
        (torch.nn.Conv2d(4, 4, 3, padding=2, dilation=2, groups=2).double(), (4, 5, 5)),
        (torch.nn.Conv1d(3, 2, 4, padding=0).double(), (3, 9)),
    ]:
        exact = _spectral(_conv_matrix(conv, shape))
        assert circulant_conv_bound(conv, shape) >= exact * (1 - 1e-12)
    # stride 1, circular-sized input: the bound is attained
    conv = torch.nn.Conv1d(1, 1, 3, padding=1, padding_mode="circular", bias=False).double()
    assert circulant_conv_bound(conv, (1, 8)) == pytest.approx(_spectral(_conv_matrix(conv, (1, 8))), rel=1e-10)
    net = _conv_net()
    value, certified, details = autolip_bound(net, (2, 6, 6), operator_norm="power", power_iterations=3000)
    svd_value = autolip_bound(net, (2, 6, 6), operator_norm="svd")[0]
    assert not certified
    assert details["certified_upper_bound"] >= svd_value * (1 - 1e-12) >= value * (1 - 1e-9)
    assert details["certified_upper_bound"] <= 3 * svd_value


def test_circulant_bound_with_a_kernel_longer_than_the_period():
    from exactlip.estimators.autolip import circulant_conv_bound

    torch.manual_seed(5)
    conv = torch.nn.Conv1d(2, 2, 5, padding=2, padding_mode="circular", bias=False).double()
    assert circulant_conv_bound(conv, (2, 3)) == pytest.approx(_spectral(_conv_matrix(conv, (2, 3))), rel=1e-10)


def test_avgpool_bound_dominates_the_unrolled_norm():
    from exactlip.estimators.autolip import avgpool_bound

    for pool, shape, dims in [
        (torch.nn.AvgPool2d(2), (2, 6, 6), 2),
        (torch.nn.AvgPool2d(3, stride=1), (1, 5, 5), 2),
        (torch.nn.AvgPool1d(3, stride=2, padding=1), (2, 9), 1),
    ]:
        exact = _spectral(_conv_matrix(pool, shape))
        assert avgpool_bound(pool, dims) >= exact * (1 - 1e-12)
    assert avgpool_bound(torch.nn.AvgPool2d(2), 2) == pytest.approx(_spectral(_conv_matrix(torch.nn.AvgPool2d(2), (1, 4, 4))))
    assert avgpool_bound(torch.nn.AvgPool1d(2, padding=1, count_include_pad=False), 1) is None
