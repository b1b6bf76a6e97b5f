import json

import numpy as np
import pytest
import torch

import exactlip
from exactlip import Box
from tests.nets import random_box, random_network
from tests.oracle import oracle_lipschitz


def test_torch_sequential_gives_the_same_answer_as_its_network():
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 10), torch.nn.ReLU(), torch.nn.Linear(10, 10), torch.nn.ReLU(), torch.nn.Linear(10, 2)
    )
    lo, hi = np.full(3, -0.5), np.full(3, 0.5)
    result = exactlip.lipschitz(model, Box(lo, hi), norm="linf", output_norm="l1")
    net = exactlip.load_network(model)
    assert result.status == "optimal"
    assert result.value == pytest.approx(oracle_lipschitz(net, Box(lo, hi), norm="linf", output_norm="l1"), rel=1e-6)


def test_shipped_onnx_and_npz_agree():
    box = Box.linf_ball([0.5, 0.5], 0.1)
    a = exactlip.lipschitz("data/moons2d.onnx", box, norm="linf", margin=(0, 1))
    b = exactlip.lipschitz("data/moons2d.npz", box, norm="linf", margin=(0, 1))
    assert a.status == b.status == "optimal"
    assert a.value == pytest.approx(b.value, rel=1e-12)


def test_box_as_a_pair_and_result_to_dict_is_json():
    rng = np.random.default_rng(0)
    net = random_network(rng, [2, 6, 1])
    result = exactlip.lipschitz(net, ([-1.0, -1.0], [1.0, 1.0]), norm="l1")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["status"] == "optimal" and data["value"] == pytest.approx(result.value)
    assert len(data["witness"]) == 2 and len(data["pattern"]) == 1 and len(data["pattern"][0]) == 6
    for key in ("variables", "binaries", "constraints", "nodes", "seconds_bounds", "seconds_build", "seconds_solve"):
        assert key in data["stats"]


def test_time_limit_returns_a_bracket_not_a_value():
    rng = np.random.default_rng(1)
    net = random_network(rng, [10, 60, 60, 60, 1], bias_scale=0.1)
    box = Box(np.full(10, -1.0), np.full(10, 1.0))
    result = exactlip.lipschitz(net, box, norm="linf", time_limit=0.2)
    assert result.status == "time_limit"
    assert result.value is None
    assert result.upper is not None and result.lower <= result.upper
    assert result.lower >= result.stats["sampled_lower"]
    jac = net.jacobian(result.witness)
    assert np.abs(jac).sum() == pytest.approx(result.lower, rel=1e-12)


@pytest.mark.parametrize(
    "kwargs,error,match",
    [
        ({"time_limit": -1}, exactlip.OptionError, "time_limit must be a positive"),
        ({"threads": 0}, exactlip.OptionError, "threads must be a positive integer"),
        ({"backend": "cplex"}, exactlip.OptionError, r"backend='cplex' is not known; allowed: 'auto', 'highs'"),
        ({"bounds": "magic"}, exactlip.OptionError, "bounds='magic' is not available"),
        ({"norm": "l2"}, exactlip.NormError, "not computed exactly"),
        ({"norm": "linf", "output_norm": "max"}, exactlip.NormError, "output_norm='max'"),
        ({"samples": -5}, exactlip.OptionError, "samples must be"),
    ],
)
def test_bad_options_raise_clear_errors(kwargs, error, match):
    rng = np.random.default_rng(2)
    net = random_network(rng, [2, 4, 2])
    with pytest.raises(error, match=match):
        exactlip.lipschitz(net, random_box(rng, 2), **kwargs)


def test_box_of_the_wrong_dimension():
    rng = np.random.default_rng(3)
    with pytest.raises(exactlip.ShapeError, match="box has 3 coordinates but the network takes 2 inputs"):
        exactlip.lipschitz(random_network(rng, [2, 4, 1]), random_box(rng, 3))


def test_missing_model_file():
    with pytest.raises(exactlip.ModelFileError, match="no_such_model.onnx"):
        exactlip.lipschitz("no_such_model.onnx", Box([0.0], [1.0]))


def test_import_does_not_load_frameworks_or_solvers():
    import subprocess
    import sys

    code = (
        "import sys, exactlip; "
        "print(sorted(m for m in ('torch', 'onnx', 'highspy', 'gurobipy', 'pulp', 'cvxpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
