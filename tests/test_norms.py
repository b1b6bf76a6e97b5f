import itertools

import numpy as np
import pytest

from exactlip.errors import NormError, ShapeError
from exactlip.norms import dual_norm_value, parse_norm, resolve_norm_spec
from tests.oracle import operator_norm


@pytest.mark.parametrize("name,expected", [("linf", "linf"), ("inf", "linf"), (np.inf, "linf"), ("L1", "l1"), (1, "l1")])
def test_parse_norm_accepts_aliases(name, expected):
    assert parse_norm(name) == expected


@pytest.mark.parametrize("name", ["l2", 2, "l_2"])
def test_l2_is_refused_with_the_exact_norms_named(name):
    with pytest.raises(NormError, match="not computed exactly.*'linf', 'l1'"):
        parse_norm(name)


def test_unknown_norm_names_the_argument_and_allowed_values():
    with pytest.raises(NormError, match=r"output_norm='lmax'.*allowed: 'linf', 'l1'"):
        parse_norm("lmax", "output_norm")


def test_output_specifications_that_conflict_or_are_malformed():
    with pytest.raises(NormError, match="give c or margin, not both"):
        resolve_norm_spec("linf", 3, margin=(0, 1), c=[1, 0, 0])
    with pytest.raises(NormError, match="output_norm='l7'"):
        resolve_norm_spec("linf", 3, output_norm="l7", c=[1, 0, 0])
    with_c = resolve_norm_spec("linf", 3, output_norm="l1", c=[1, 0, 0])
    assert with_c.kind == "vector" and with_c.c.tolist() == [1.0, 0.0, 0.0]
    with pytest.raises(ShapeError, match="c has 2 entries but the network has 3 outputs"):
        resolve_norm_spec("linf", 3, c=[1, 0])
    with pytest.raises(NormError, match="out of range"):
        resolve_norm_spec("linf", 3, margin=(0, 3))
    with pytest.raises(NormError, match="two different outputs"):
        resolve_norm_spec("linf", 3, margin=(1, 1))


def test_defaults():
    assert resolve_norm_spec("l1", 1).kind == "vector"
    assert resolve_norm_spec("linf", 4).kind == "rows"
    assert resolve_norm_spec("linf", 4, output_norm="l1").kind == "signs"
    spec = resolve_norm_spec("linf", 4, margin=(2, 0))
    assert spec.c.tolist() == [-1.0, 0.0, 1.0, 0.0]


@pytest.mark.parametrize("norm", ["linf", "l1"])
@pytest.mark.parametrize("output_norm", ["linf", "l1"])
def test_best_direction_is_the_operator_norm(norm, output_norm):
    rng = np.random.default_rng(3)
    for m, n in [(2, 3), (4, 2), (5, 5)]:
        jac = rng.standard_normal((m, n))
        spec = resolve_norm_spec(norm, m, output_norm=output_norm)
        value, c = spec.best_direction(jac)
        assert value == pytest.approx(operator_norm(jac, norm, output_norm), rel=1e-12)
        assert dual_norm_value(c @ jac, norm) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("shape", [(18, 3), (3, 18), (18, 18)])
def test_output_l1_beyond_enumeration_is_attained_and_exact_or_below(shape):
    """(18, 3) and (3, 18) are enumerated on the short side: exact. (18, 18) uses the
    ascent, which must be attained by a sign vector and never exceed the maximum."""
    rng = np.random.default_rng(4)
    jac = rng.standard_normal(shape)
    spec = resolve_norm_spec("linf", shape[0], output_norm="l1")
    value, c = spec.best_direction(jac)
    assert set(np.abs(c)) == {1.0} and c[0] == 1.0
    assert dual_norm_value(c @ jac, "linf") == pytest.approx(value)
    xs = np.array(list(itertools.product((1.0, -1.0), repeat=shape[1])))
    exact = float(np.abs(xs @ jac.T).sum(axis=1).max())
    if min(shape[0] - 1, shape[1]) <= 16:
        assert value == pytest.approx(exact, rel=1e-12)
    else:
        assert 0.9 * exact <= value <= exact + 1e-9


@pytest.mark.parametrize("kind_args", [{"output_norm": "linf"}, {"output_norm": "l1"}, {"c": [0.5, -2.0, 1.0]}])
def test_direction_binaries_round_trip_and_range_is_exact(kind_args):
    spec = resolve_norm_spec("linf", 3, **kind_args)
    offset, basis = spec.direction_offset_and_basis()
    k = basis.shape[1]
    members = []
    for s in itertools.product((0.0, 1.0), repeat=k):
        s = np.array(s)
        if spec.kind == "rows" and s.sum() != 1:
            continue
        c = offset + basis @ s
        assert np.array_equal(spec.binaries_of_direction(c), s)
        members.append(c)
    matrix = np.random.default_rng(5).standard_normal((6, 3))
    lo, hi = spec.direction_range(matrix)
    values = np.array([matrix @ c for c in members])
    assert np.allclose(lo, values.min(axis=0)) and np.allclose(hi, values.max(axis=0))


def test_estimators_may_ask_for_l2():
    assert parse_norm("l2", exact=False) == "l2"
    with pytest.raises(NormError, match="allowed: 'linf', 'l1', 'l2'"):
        parse_norm("fro", exact=False)
    assert dual_norm_value(np.array([3.0, -4.0]), "l2") == pytest.approx(5.0)
