"""The estimate() entry point, the Estimate type, norm conversions and the CLI command."""

import json

import numpy as np
import pytest

import exactlip
from exactlip.cli import main
from exactlip.estimators import METHODS
from tests.nets import random_box, random_network

MODEL = "data/tiny_regressor.npz"


def test_defaults_global_only_without_a_box_and_all_with_one():
    rng = np.random.default_rng(0)
    net = random_network(rng, [2, 5, 5, 2])
    glob = exactlip.estimate(net, methods=None, options={"lipsdp_neuron": {"solver": "CVXOPT"}})
    assert {e.method for e in glob} == {m.name for m in METHODS.values() if not m.local}
    assert all(not e.local for e in glob)
    box = random_box(rng, 2, 0.3)
    fast = {"clever": {"batches": 5, "batch_size": 16}, "gradient_ascent": {"steps": 3, "samples": 50}}
    full = exactlip.estimate(net, box, options=fast)
    assert [e.method for e in full] == list(METHODS)
    for e in full:
        data = json.loads(json.dumps(e.to_dict()))
        assert data["method"] == e.method and data["value"] == pytest.approx(e.value)
        assert set(data) == {"method", "value", "kind", "certified", "local", "norm", "output_norm", "seconds", "details"}
        assert data["details"]["target"]["norm"] == "l2"
        assert e.seconds >= 0


def test_errors_name_the_method_and_the_allowed_values():
    net = random_network(np.random.default_rng(1), [2, 4, 1])
    with pytest.raises(exactlip.OptionError, match="'fastlip' is local and needs an input box"):
        exactlip.estimate(net, methods=["fastlip"])
    with pytest.raises(exactlip.OptionError, match="unknown estimator 'magic'; allowed: naive, autolip"):
        exactlip.estimate(net, methods=["magic"])
    with pytest.raises(exactlip.OptionError, match="unknown option\\(s\\) for seqlip: width"):
        exactlip.estimate(net, methods=["seqlip"], options={"seqlip": {"width": 3}})
    with pytest.raises(exactlip.NormError, match="norm='l3' is not a known norm"):
        exactlip.estimate(net, norm="l3", methods=["naive"])
    with pytest.raises(exactlip.ShapeError, match="box has 3 coordinates but the network takes 2 inputs"):
        exactlip.estimate(net, random_box(np.random.default_rng(0), 3), methods=["fastlip"])


def test_aliases_and_path_models():
    (e,) = exactlip.estimate(MODEL, methods=["lipsdp"])
    assert e.method == "lipsdp_neuron" and e.output_norm is None
    (n,) = exactlip.estimate(MODEL, norm="linf", methods=["naive_product"])
    assert n.method == "naive" and n.norm == "linf"


def test_l2_methods_convert_with_explicit_factors():
    net = random_network(np.random.default_rng(2), [4, 6, 3])
    (l2,) = exactlip.estimate(net, norm="l2", output_norm="l2", methods=["seqlip"])
    (linf_l1,) = exactlip.estimate(net, norm="linf", output_norm="l1", methods=["seqlip"])
    conv = linf_l1.details["conversion"]["candidates"][0]
    assert conv["input_factor"] == pytest.approx(2.0) and conv["output_factor"] == pytest.approx(np.sqrt(3))
    assert linf_l1.value == pytest.approx(2.0 * np.sqrt(3) * l2.value, rel=1e-12)
    # ℓ2 → ℓ∞ is the maximum over the rows, not the full ℓ2 → ℓ2 value
    (rows,) = exactlip.estimate(net, norm="l2", output_norm="linf", methods=["seqlip"])
    per_row = [exactlip.estimate(net, norm="l2", c=np.eye(3)[j], methods=["seqlip"])[0].value for j in range(3)]
    assert rows.value == pytest.approx(max(per_row), rel=1e-12) and rows.value <= l2.value * (1 + 1e-12)


def test_torch_module_and_import_is_lazy():
    torch = pytest.importorskip("torch")
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    a = exactlip.estimate(model, methods=["naive", "seqlip"])
    b = exactlip.estimate(exactlip.load_network(model), methods=["naive", "seqlip"])
    assert [x.value for x in a] == pytest.approx([x.value for x in b], rel=1e-12)


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_table_and_json(capsys):
    code, out, _ = _run(capsys, "estimate", MODEL, "--methods", "naive,seqlip,fastlip", "--box=-1:1", "--norm", "linf")
    assert code == 0
    assert "naive" in out and "seqlip" in out and "fastlip" in out and "converted:" in out
    code, out, _ = _run(capsys, "estimate", MODEL, "--methods", "seqlip", "--option", "seqlip.max_exact_width=2", "--json")
    data = json.loads(out)
    (e,) = data["estimates"]
    assert e["method"] == "seqlip" and e["details"]["max_exact_width"] == 2 and e["certified"] is False
    api = exactlip.estimate(MODEL, methods=["seqlip"], options={"seqlip": {"max_exact_width": 2}})[0]
    assert e["value"] == pytest.approx(api.value, rel=1e-12)


@pytest.mark.parametrize(
    "argv,match",
    [
        (["estimate", MODEL, "--methods", "fastlip"], "'fastlip' is local and needs an input box"),
        (["estimate", MODEL, "--methods", "nope"], "unknown estimator 'nope'"),
        (["estimate", MODEL, "--option", "seqlip"], "--option takes METHOD.KEY=VALUE"),
        (["estimate", MODEL, "--norm", "l7"], "not a known norm"),
    ],
)
def test_cli_errors_exit_2_with_one_line(capsys, argv, match):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("exactlip: error:") and err.count("\n") == 1 and match in err
