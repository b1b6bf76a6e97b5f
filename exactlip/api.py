"""Public entry points: thin wrappers that validate arguments and call the engine."""

from __future__ import annotations

from .bounds import DEFAULT_BOUNDS
from .domain import Box
from .errors import OptionError
from .exact import solve_exact
from .network.load import load_network
from .norms import resolve_norm_spec
from .result import LipschitzResult


def _check_options(time_limit, threads, samples, input_split=None, region_search=None) -> None:
    for name, seconds in (("input_split", input_split), ("region_search", region_search)):
        if seconds is not None and not (isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and seconds >= 0):
            raise OptionError(f"{name} must be a non-negative number of seconds or None (automatic), got {seconds!r}")
    if time_limit is not None and not (isinstance(time_limit, (int, float)) and time_limit > 0):
        raise OptionError(f"time_limit must be a positive number of seconds or None, got {time_limit!r}")
    if threads is not None and not (isinstance(threads, int) and threads >= 1):
        raise OptionError(f"threads must be a positive integer or None, got {threads!r}")
    if not (isinstance(samples, int) and samples >= 0):
        raise OptionError(f"samples must be a non-negative integer, got {samples!r}")


def lipschitz(
    model,
    box,
    norm: str = "linf",
    output_norm: str | None = None,
    c=None,
    margin: tuple[int, int] | None = None,
    *,
    backend: str = "highs",
    time_limit: float | None = None,
    threads: int | None = None,
    bounds: str = DEFAULT_BOUNDS,
    samples: int = 1024,
    seed: int = 0,
    verbose: bool = False,
    on_progress=None,
    input_shape: tuple[int, ...] | None = None,
    input_split: float | None = None,
    region_search: float | None = None,
) -> LipschitzResult:
    """The exact local Lipschitz constant of a ReLU network over a box.

    ``model``: an :class:`~exactlip.Network`, a torch module or a path to an
    ``.onnx``/``.npz`` file; ``input_shape`` (one input without the batch dimension,
    e.g. ``(1, 8, 8)``) is needed for a torch module that does not start with a
    ``Linear``. ``box``: an :class:`~exactlip.Box` (or ``(lower, upper)``) over the
    flattened input.
    ``norm``: the input norm, ``"linf"`` or ``"l1"``. For a vector output give ``c``
    (constant of the scalar ``x ↦ c·f(x)``) or ``margin=(label, other)`` (of
    ``f_label − f_other``), or else ``output_norm`` (``"linf"``/``"l1"``, default
    ``norm``) for ``sup_{x∈X} sup_{J∈∂f(x)} ||J||_{norm→output_norm}``.

    ``on_progress``: called with :class:`~exactlip.backends.Progress` snapshots
    (incumbent and bound) while the solver runs.

    ``input_split``: seconds for the branch and bound over the input box that runs
    before the MIP (:mod:`exactlip.input_split`; shared among the rows of an operator
    norm), whose boxes on a bound plateau are solved by their own small MIPs; ``0``
    turns it off, ``None`` (default) runs it for the whole ``time_limit`` on networks
    with at most 4 inputs and at least 20 unstable neurons and skips it otherwise. When
    it does not close, the MIP over the whole box gets the time that is left.

    ``region_search``: seconds for the branch and bound over the linear regions in the
    box (:mod:`exactlip.region_search`; chains with a fixed output direction ``c`` or
    ``margin`` only), run before the MIP in the same way; ``0`` turns it off, ``None``
    (default) runs it for half the ``time_limit`` (nine tenths when the interval bound
    is over 5 times the best sampled value: the MIP's relaxation is then about as far
    from the optimum; all of it without a time limit) on networks with more than 4
    inputs and at least one unstable neuron and skips it otherwise. ``threads`` (the
    solver's threads) also sets how many processes share a search still running after
    1 s (:mod:`exactlip.region_workers`); ``None``: one per core this process may use.

    Returns a :class:`~exactlip.LipschitzResult`: a verified ``lower``, a proven
    ``upper``, and ``value`` when they meet (``status == "optimal"``).
    """
    _check_options(time_limit, threads, samples, input_split, region_search)
    network = load_network(model, input_shape=input_shape)
    domain = Box.coerce(box)
    domain.check_dim(network.input_dim)
    spec = resolve_norm_spec(norm, network.output_dim, output_norm=output_norm, c=c, margin=margin)
    return solve_exact(
        network,
        domain,
        spec,
        backend=backend,
        time_limit=time_limit,
        threads=threads,
        bounds=bounds,
        samples=samples,
        seed=seed,
        verbose=verbose,
        on_progress=on_progress,
        input_split=input_split,
        region_search=region_search,
    )
