"""Suite files: a valid TOML/JSON suite parses into typed entries; every malformed key
is refused with a message naming the file, the key with its index and the allowed values."""

from __future__ import annotations

import copy
import json
import re

import numpy as np
import pytest

from exactlip.auditing.run import plan, warm_up
from exactlip.auditing.suite import ExactOptions, SuiteError, load_suite, parse_suite
from exactlip.errors import ModelFileError, OptionError
from exactlip.network.from_npz import save_npz
from tests.nets import random_network

from .conftest import base_suite, write_suite

TOML = """
name = "toml-suite"
description = "two boxes"
estimators = ["naive", "lipsdp", "fastlip", "sampling"]
seed = 3
tolerance = 1e-5

[exact]
time_limit = 5
threads = 2
bounds = "interval"

[estimator_options.sampling]
count = 50

[[networks]]
path = "../nets/cls.npz"
name = "classifier"

[[boxes]]
name = "points"
centers = {file = "../data/points.npz", indices = [0, 2, 5]}
radii = [0.05, 0.1]
clip = [0.0, 1.0]

[[boxes]]
name = "manual"
centers = [[0.5, 0.5]]
labels = [2]
radius = 0.2

[[norms]]
norm = "linf"
margin = "true-vs-runner-up"

[[norms]]
norm = "L1"
c = [1.0, -1.0, 0.0]

[[norms]]
norm = "linf"
margin = [0, 2]
"""


def test_toml_suite_parses_into_typed_entries(workdir):
    (workdir / "suites").mkdir()
    path = workdir / "suites" / "s.toml"
    path.write_text(TOML)
    suite = load_suite(path)
    assert suite.name == "toml-suite" and suite.description == "two boxes" and suite.seed == 3 and suite.tolerance == 1e-5
    assert suite.estimators == ("naive", "lipsdp_neuron", "fastlip", "sampling")
    assert suite.estimator_options == {"sampling": {"count": 50}}
    assert suite.exact == ExactOptions(time_limit=5.0, threads=2, backend="highs", bounds="interval", samples=1024)
    (net,) = suite.networks
    assert net.name == "classifier" and net.path == workdir / "nets" / "cls.npz" and net.boxes is None
    points, manual = suite.boxes
    data = np.load(workdir / "data" / "points.npz")
    np.testing.assert_array_equal(points.points, data["x"][[0, 2, 5]])
    assert points.indices == (0, 2, 5) and points.labels == (0, 2, 2) and points.radii == (0.05, 0.1) and points.clip == (0.0, 1.0)
    assert manual.indices == (0,) and manual.labels == (2,) and manual.radii == (0.2,) and manual.clip is None
    assert [n.norm for n in suite.norms] == ["linf", "l1", "linf"]
    assert suite.norms[0].margin == "true-vs-runner-up" and suite.norms[1].c == (1.0, -1.0, 0.0) and suite.norms[2].margin == (0, 2)
    echo = json.loads(json.dumps(suite.to_dict()))
    assert echo["boxes"][0]["centers"] == {"file": "../data/points.npz", "resolved": str(workdir / "data" / "points.npz"), "indices": [0, 2, 5]}
    # 1 network × (3 points × 2 radii + 1 point × 1 radius) × 3 norms
    instances = plan(suite)
    assert len(instances) == 21
    first = instances[0]
    assert first.label == 0 and first.margin[0] == 0 and first.margin[1] in (1, 2)
    scores = first.network.forward(first.center)
    assert first.margin[1] == max((1, 2), key=lambda j: scores[j])
    assert instances[-1].margin == (0, 2) and instances[-1].box_name == "manual"


def test_json_suite_and_mapping_agree(workdir):
    path = write_suite(workdir, base_suite())
    from_file = load_suite(path)
    from_mapping = parse_suite(base_suite(), base_dir=workdir / "suites")
    assert from_file.to_dict() == {**from_mapping.to_dict(), "path": str(path)}
    assert len(plan(from_file)) == 8


def test_file_errors(workdir, tmp_path):
    with pytest.raises(SuiteError, match="suite file not found: .*nope.toml"):
        load_suite(tmp_path / "nope.toml")
    bad = tmp_path / "s.yaml"
    bad.write_text("x")
    with pytest.raises(SuiteError, match="unknown suite file type '.yaml'; allowed suffixes: .toml, .json"):
        load_suite(bad)
    broken = tmp_path / "s.toml"
    broken.write_text("name = \n")
    with pytest.raises(SuiteError, match="s.toml: not valid TOML"):
        load_suite(broken)
    broken_json = tmp_path / "s.json"
    broken_json.write_text("{")
    with pytest.raises(SuiteError, match="s.json: not valid JSON"):
        load_suite(broken_json)
    listed = tmp_path / "list.json"
    listed.write_text("[]")
    with pytest.raises(SuiteError, match="list.json: top level: must be a table with keys name, description, networks"):
        load_suite(listed)


def _set(path: str, value):
    """A mutation setting ``path`` (dotted, with [i] indices; value ``DELETE`` removes it)."""

    def mutate(suite):
        parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
        node = suite
        for part in parts[:-1]:
            node = node[int(part[1:-1])] if part.startswith("[") else node[part]
        last = parts[-1]
        key = int(last[1:-1]) if last.startswith("[") else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = value

    return mutate


DELETE = object()

ERRORS = [
    ("color", "red", r"suite: color: unknown key; allowed keys: name, description, networks, boxes, norms, estimators"),
    ("networks", DELETE, r"suite: networks: missing; give a non-empty list"),
    ("networks", [], r"suite: networks: must be a non-empty list, got \[\]"),
    ("boxes", "x", r"suite: boxes: must be a non-empty list, got 'x'"),
    ("norms", DELETE, r"suite: norms: missing"),
    ("estimators", DELETE, r"suite: estimators: missing"),
    ("description", 3, r"suite: description: must be a string, got 3"),
    ("name", "", r"suite: name: must be a non-empty string"),
    ("seed", -1, r"suite: seed: must be an integer >= 0, got -1"),
    ("tolerance", 0.7, r"suite: tolerance: must be in \[0, 0.5\)"),
    ("tolerance", "big", r"suite: tolerance: must be a finite number, got 'big'"),
    # networks
    ("networks.[0].weights", 1, r"networks\[0\].weights: unknown key; allowed keys: path, name, boxes"),
    ("networks.[0].path", DELETE, r"networks\[0\].path: missing; give the .onnx or .npz file"),
    ("networks.[0].path", "../nets/cls.pt", r"networks\[0\].path: '../nets/cls.pt' has suffix '.pt'; allowed suffixes: .onnx, .npz"),
    ("networks.[0].boxes", "points", r"networks\[0\].boxes: must be a non-empty list of box names; allowed: points"),
    ("networks.[0].boxes", ["pts"], r"networks\[0\].boxes\[0\]: 'pts' is not a box name; allowed: points"),
    ("networks.[0].name", 7, r"networks\[0\].name: must be a non-empty string, got 7"),
    ("networks", ["../nets/cls.npz", "../nets/cls.npz"], r"networks\[1\].name: 'cls' is already the name of networks\[0\]"),
    ("networks.[0]", 5, r"networks\[0\]: must be a table with keys path, name, boxes, got 5"),
    # boxes
    ("boxes.[0].size", 1, r"boxes\[0\].size: unknown key; allowed keys: name, centers, labels, radii, radius, clip"),
    ("boxes.[0].centers", DELETE, r"boxes\[0\].centers: missing; give a list of points or"),
    ("boxes.[0].centers", "here", r"boxes\[0\].centers: must be a non-empty list of points or a table \{file, indices\}"),
    ("boxes.[0].centers", [[0.1, 0.2], [0.3]], r"boxes\[0\].centers: every centre needs the same number of coordinates, got lengths \[2, 1\]"),
    ("boxes.[0].centers", [[0.1, "a"]], r"boxes\[0\].centers\[0\]\[1\]: must be a finite number, got 'a'"),
    ("boxes.[0].radii", [0.1, -0.2], r"boxes\[0\].radii\[1\]: must be a positive number, got -0.2"),
    ("boxes.[0].radii", [], r"boxes\[0\].radii: must be a non-empty list of numbers, got \[\]"),
    ("boxes.[0].radius", 0.1, r"boxes\[0\].radii: give exactly one of radii \(a list\) and radius \(a number\)"),
    ("boxes.[0].radii", DELETE, r"boxes\[0\].radii: give exactly one of radii"),
    ("boxes.[0].clip", [0.0], r"boxes\[0\].clip: must be 2 numbers, got \[0.0\]"),
    ("boxes.[0].clip", [1.0, 0.0], r"boxes\[0\].clip: must be \[low, high\] with low <= high, got \[1.0, 0.0\]"),
    ("boxes.[0].labels", [0, 1], r"boxes\[0\].labels: labels come from the centres' file \(key y\)"),
    ("boxes", [{"centers": [[0.1, 0.2]], "labels": [0, 1], "radius": 0.1}], r"boxes\[0\].labels: must be a list of 1 class indices"),
    ("boxes", [{"centers": [[0.1, 0.2]], "labels": [-1], "radius": 0.1}], r"boxes\[0\].labels\[0\]: must be an integer >= 0, got -1"),
    (
        "boxes",
        [{"name": "a", "centers": [[0.1, 0.2]], "radius": 0.1}, {"name": "a", "centers": [[0.1, 0.2]], "radius": 0.1}],
        r"boxes\[1\].name: 'a' is already the name of boxes\[0\]; names must be unique",
    ),
    # centres from a file
    ("boxes.[0].centers.rows", 1, r"boxes\[0\].centers.rows: unknown key; allowed keys: file, indices, x, y"),
    ("boxes.[0].centers.indices", DELETE, r"boxes\[0\].centers.indices: missing; a centres table needs file and indices"),
    ("boxes.[0].centers.file", "../data/points.csv", r"boxes\[0\].centers.file: '../data/points.csv' has suffix '.csv'; allowed suffixes: .npz"),
    ("boxes.[0].centers.file", "../data/none.npz", r"boxes\[0\].centers.file: data file not found: .*data/none.npz"),
    ("boxes.[0].centers.indices", [0, 6], r"boxes\[0\].centers.indices\[1\]: 6 is out of range; .*points.npz has 6 points \(allowed 0 … 5\)"),
    ("boxes.[0].centers.indices", [], r"boxes\[0\].centers.indices: must be a non-empty list of row numbers in \[0, 5\]"),
    ("boxes.[0].centers.indices", [True], r"boxes\[0\].centers.indices\[0\]: must be an integer >= 0, got True"),
    ("boxes.[0].centers.x", "inputs", r"boxes\[0\].centers.x: .*points.npz has no array 'inputs'; it holds x, y"),
    ("boxes.[0].centers.y", "labels", r"boxes\[0\].centers.y: .*points.npz has no array 'labels'; it holds x, y"),
    # norms
    ("norms.[0].norm", "l2", r"norms\[0\].norm: 'l2' is not a norm the exact engine supports; allowed: linf, l1"),
    ("norms.[0].norm", DELETE, r"norms\[0\].norm: missing; allowed: linf, l1"),
    ("norms.[1].output_norm", "l3", r"norms\[1\].output_norm: 'l3' is not a norm the exact engine supports; allowed: linf, l1"),
    ("norms.[0].scale", 2, r"norms\[0\].scale: unknown key; allowed keys: norm, output_norm, margin, c"),
    ("norms.[0].margin", "true-vs-best", r"norms\[0\].margin: 'true-vs-best' is not a margin; allowed: 'true-vs-runner-up', 'predicted-vs-runner-up' or a pair"),
    ("norms.[0].margin", [1, 1], r"norms\[0\].margin: the two classes must differ, got \[1, 1\]"),
    ("norms.[0].c", [1, -1], r"norms\[0\].margin: give at most one of margin and c"),
    ("norms.[1].c", [1, "x", 0], r"norms\[1\].c\[1\]: must be a finite number, got 'x'"),
    # estimators
    ("estimators", ["naive", "magic"], r"estimators\[1\]: unknown estimator 'magic'; allowed: naive, autolip, seqlip, .* \(aliases: lipsdp"),
    ("estimators", ["naive", 3], r"estimators\[1\]: 3 is not an estimator name; allowed: naive, autolip"),
    ("estimators", ["lipsdp", "naive", "lipsdp_neuron"], r"estimators\[2\]: 'lipsdp_neuron' repeats 'lipsdp_neuron' \(estimators\[0\]\)"),
    ("estimator_options", {"magic": {}}, r"estimator_options.magic: unknown estimator; allowed: naive, seqlip, fastlip"),
    ("estimator_options", {"autolip": {}}, r"estimator_options.autolip: 'autolip' is not among the suite's estimators; allowed: naive"),
    ("estimator_options", {"sampling": 5}, r"estimator_options.sampling: must be a table of keyword options, got 5"),
    ("estimator_options", [1], r"estimator_options: must be a table of tables, one per estimator, got \[1\]"),
    # exact
    ("exact.time_limit", 0, r"exact.time_limit: must be a positive number, got 0"),
    ("exact.threads", 0, r"exact.threads: must be an integer >= 1, got 0"),
    ("exact.backend", "cplex", r"exact.backend: backend='cplex' is not known; allowed: 'auto', 'highs', 'gurobi', 'pulp', 'pulp:SOLVER'"),
    ("exact.bounds", "tight", r"exact.bounds: 'tight' is not a bound method; allowed: interval, linear, lp"),
    ("exact.samples", -1, r"exact.samples: must be an integer >= 0, got -1"),
    ("exact.gap", 0.1, r"exact.gap: unknown key; allowed keys: time_limit, threads, backend, bounds, samples"),
]


@pytest.mark.parametrize("path, value, message", ERRORS, ids=[f"{p}={v!r}"[:60] for p, v, _ in ERRORS])
def test_every_malformed_key_is_named(workdir, path, value, message):
    suite = copy.deepcopy(base_suite())
    _set(path, value)(suite)
    with pytest.raises(SuiteError, match=message) as info:
        parse_suite(suite, base_dir=workdir / "suites")
    assert isinstance(info.value, OptionError) and isinstance(info.value, ValueError)


def test_errors_name_the_suite_file(workdir):
    suite = base_suite()
    suite["boxes"][0]["radii"] = [0]
    path = write_suite(workdir, suite, "named.json")
    with pytest.raises(SuiteError, match=re.escape(f"{path}: boxes[0].radii[0]: must be a positive number, got 0")):
        load_suite(path)


def test_missing_network_file_names_the_path(workdir):
    suite = base_suite()
    suite["networks"][0]["path"] = "../nets/absent.onnx"
    with pytest.raises(ModelFileError, match=r"networks\[0\].path: network file not found: .*nets/absent.onnx") as info:
        parse_suite(suite, base_dir=workdir / "suites")
    assert isinstance(info.value, FileNotFoundError)


def test_planning_errors(workdir):
    """Checks that need the networks (dimensions, labels, classes, c's length) or a run (options)."""
    save_npz(random_network(np.random.default_rng(1), [3, 4, 1]), workdir / "nets" / "reg3.npz")
    suite = base_suite()
    suite["networks"] = [{"path": "../nets/reg3.npz"}]
    with pytest.raises(SuiteError, match=r"networks\[0\] \(reg3, 3 inputs\) with box 'points' \(2 coordinates\): dimensions differ; list the boxes"):
        plan(parse_suite(suite, base_dir=workdir / "suites"))

    def planned(**norm):
        s = base_suite()
        s["norms"] = [norm]
        return plan(parse_suite(s, base_dir=workdir / "suites"))

    with pytest.raises(SuiteError, match=r"norms\[0\] on networks\[0\] \(cls\), box 'points' point 0: margin \[0, 3\] names a class >= the network's 3 outputs"):
        planned(norm="linf", margin=[0, 3])
    with pytest.raises(SuiteError, match=r"norms\[0\] .*: c has 2 entries but the network has 3 outputs"):
        planned(norm="linf", c=[1, -1])
    assert [i.margin[1] != i.margin[0] for i in planned(norm="linf", margin="predicted-vs-runner-up")] == [True] * 4

    no_labels = base_suite()
    no_labels["boxes"] = [{"name": "points", "centers": [[0.2, 0.3]], "radius": 0.1}]
    with pytest.raises(SuiteError, match="margin 'true-vs-runner-up' needs labels .* or use 'predicted-vs-runner-up'"):
        plan(parse_suite(no_labels, base_dir=workdir / "suites"))

    scalar = base_suite()
    scalar["networks"] = [{"path": "../nets/hard.npz"}]
    scalar["boxes"] = [{"name": "points", "centers": [[0.0] * 10], "radius": 0.1}]
    with pytest.raises(SuiteError, match="margin 'true-vs-runner-up' needs at least 2 outputs; the network has 1"):
        plan(parse_suite(scalar, base_dir=workdir / "suites"))

    options = base_suite()
    options["estimators"] = ["naive", "sampling"]
    options["estimator_options"] = {"sampling": {"points": 10}}
    with pytest.raises(SuiteError, match=r"estimator_options.sampling: unknown option\(s\) for sampling: points; allowed: count"):
        warm_up(parse_suite(options, base_dir=workdir / "suites"))


def test_default_suite_is_valid():
    """The shipped default suite parses and plans (running it is a benchmark, not a test)."""
    suite = load_suite("benchmarks/suites/default.toml")
    assert suite.estimators == (
        "naive", "autolip", "seqlip", "lipsdp_neuron", "fastlip", "bound_propagation", "liplp", "sampling", "gradient_ascent"
    )
    instances = plan(suite)
    assert len(instances) == 104
    assert all(i.norm == "linf" and i.margin[0] == i.label != i.margin[1] for i in instances)
