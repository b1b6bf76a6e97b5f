import numpy as np
import pytest

from exactlip import Box, DomainError, NonFiniteError, ShapeError


def test_linf_ball_with_clip():
    box = Box.linf_ball([0.05, 0.5], 0.1, clip=(0.0, 1.0))
    assert np.allclose(box.lower, [0.0, 0.4]) and np.allclose(box.upper, [0.15, 0.6])


def test_zero_radius_is_a_point():
    box = Box.linf_ball([1.0, 2.0], 0.0)
    assert np.array_equal(box.lower, box.upper)


@pytest.mark.parametrize(
    "make,error,match",
    [
        (lambda: Box([0.0, 1.0], [1.0, 0.5]), DomainError, r"lower\[1\]=1.0 > upper\[1\]=0.5"),
        (lambda: Box([0.0], [1.0, 2.0]), ShapeError, "lower has shape"),
        (lambda: Box([np.nan], [1.0]), NonFiniteError, "lower holds 1 non-finite"),
        (lambda: Box([0.0], [np.inf]), NonFiniteError, "upper"),
        (lambda: Box([[0.0]], [[1.0]]), ShapeError, "1-dimensional"),
        (lambda: Box.linf_ball([0.0], -0.1), DomainError, "radius must be >= 0"),
        (lambda: Box.linf_ball([5.0], 0.1, clip=(0.0, 1.0)), DomainError, "misses the clip range"),
        (lambda: Box.linf_ball([0.5], 0.1, clip=(1.0, 0.0)), DomainError, "low <= high"),
    ],
)
def test_bad_boxes_raise_clear_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_errors_are_also_value_errors():
    with pytest.raises(ValueError):
        Box([1.0], [0.0])


def test_coerce_accepts_a_box_or_a_pair_and_names_anything_else():
    box = Box([0.0], [1.0])
    assert Box.coerce(box) is box
    assert np.array_equal(Box.coerce(([0.0, 1.0], [2.0, 3.0])).upper, [2.0, 3.0])
    with pytest.raises(DomainError, match="box must be an exactlip.Box or a pair"):
        Box.coerce(3.0)


def test_samples_towards_the_faces_stay_in_the_box_and_range_from_interior_to_vertices():
    box = Box(np.array([-1.0, 0.0, 2.0, -0.5, 0.0]), np.array([1.0, 0.5, 3.0, 0.5, 4.0]))
    points = box.sample_towards_faces(4000, np.random.default_rng(0))
    assert points.shape == (4000, 5)
    assert np.all(points >= box.lower) and np.all(points <= box.upper)
    on_bound = (points == box.lower) | (points == box.upper)
    at_bounds = on_bound.sum(axis=1)
    # every count of coordinates at a bound occurs, from none (interior) to all (a vertex)
    assert set(at_bounds.tolist()) == set(range(6))
    # both bounds of every coordinate are reached, about equally often
    at_lower, at_upper = (points == box.lower).sum(axis=0), (points == box.upper).sum(axis=0)
    assert np.all(np.abs(at_lower - at_upper) < 0.2 * (at_lower + at_upper))
    # about half of all coordinates sit at a bound (the share q is uniform on [0, 1])
    assert 0.45 < on_bound.mean() < 0.55
    assert np.array_equal(points, box.sample_towards_faces(4000, np.random.default_rng(0)))
