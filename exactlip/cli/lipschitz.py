"""``exactlip lipschitz MODEL [box] [norms] [solver] [--json] [--quiet]``: the exact constant.

A solve that ends without a closed bracket exits 0 and says so in its status. While
the solver runs, a progress line (incumbent, bound, gap, nodes, seconds) is drawn on
stderr when stderr is a terminal, unless ``--json`` or ``--quiet`` is given. Ctrl-C
during the solve ends it with status ``interrupted`` and the bracket so far; Ctrl-C
outside the solve exits with code 130.
"""

from __future__ import annotations

import json
import shutil
import sys

from .options import add_box_options, add_norm_options, box_from_arguments, norm_arguments


def register(commands) -> None:
    parser = commands.add_parser("lipschitz", help="compute the exact local Lipschitz constant over a box")
    parser.add_argument("model", help="a .onnx or .npz network")
    add_box_options(parser)
    add_norm_options(parser)
    solver = parser.add_argument_group("solver")
    solver.add_argument(
        "--backend", default="highs", help="MIP backend: highs (default), gurobi, pulp, pulp:SOLVER or auto (see `exactlip backends`)"
    )
    solver.add_argument("--time-limit", type=float, help="seconds; a time-limited run reports its bracket")
    solver.add_argument("--threads", type=int, help="solver threads, and processes sharing a region search (default: one per core)")
    solver.add_argument(
        "--input-split",
        type=float,
        metavar="SECONDS",
        help="seconds for the input-box branch and bound before the MIP (0 = off; default: the whole time limit with at most 4 inputs and at least 20 unstable neurons, else off)",
    )
    solver.add_argument(
        "--region-search",
        type=float,
        metavar="SECONDS",
        help="seconds for the branch and bound over linear regions before the MIP (0 = off; default: half the time limit, nine tenths when the interval bound is over 5x the sampled value, with more than 4 inputs and an unstable neuron, else off)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress line on stderr")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..api import lipschitz
    from ..network.load import load_network

    network = load_network(args.model)
    box = box_from_arguments(args, network.input_dim)
    display = ProgressLine() if show_progress(args) else None
    try:
        result = lipschitz(
            network,
            box,
            **norm_arguments(args),
            backend=args.backend,
            time_limit=args.time_limit,
            threads=args.threads,
            input_split=args.input_split,
            region_search=args.region_search,
            on_progress=display,
        )
    except KeyboardInterrupt:
        print("exactlip: interrupted", file=sys.stderr)
        return 130
    finally:
        if display is not None:
            display.close()
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print_result(result, args.model)
    return 0


def print_result(result, model: str) -> None:
    stats = result.stats
    print(f"model      {model}")
    print(f"norm       {result.norm['norm']} → {_target(result.norm)}")
    print(f"status     {result.status}")
    if result.value is not None:
        print(f"value      {result.value:.12g}")
    upper = "—" if result.upper is None else f"{result.upper:.12g}"
    print(f"bracket    [{result.lower:.12g}, {upper}]")
    print(
        f"MIP        {stats['variables']} variables, {stats['binaries']} binaries, "
        f"{stats['constraints']} constraints, {stats['unstable_neurons']}/{stats['hidden_neurons']} unstable neurons, "
        f"{stats['nodes']} nodes"
    )
    print(
        f"seconds    bounds {stats['seconds_bounds']:.3f}, build {stats['seconds_build']:.3f}, "
        f"solve {stats['seconds_solve']:.3f}, total {stats['seconds_total']:.3f}"
    )
    if result.message and result.status != "optimal":
        print(f"note       {result.message}")


def _target(norm: dict) -> str:
    if norm["margin"] is not None:
        return f"margin f[{norm['margin'][0]}] - f[{norm['margin'][1]}]"
    if norm["kind"] == "vector":
        return "c·f" if norm["output_norm"] is None else "scalar output"
    return str(norm["output_norm"])


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def show_progress(args) -> bool:
    return not (args.json or args.quiet) and stderr_is_terminal()


class ProgressLine:
    """A one-line tqdm display of :class:`~exactlip.backends.Progress` snapshots on stderr."""

    def __init__(self, stream=None):
        from tqdm import tqdm

        # shutil falls back to 100×24 where a terminal reports no size (0×0); tqdm would
        # then draw nothing at all
        size = shutil.get_terminal_size((100, 24))
        self.bar = tqdm(
            total=None, file=stream or sys.stderr, bar_format="{desc}", leave=False, ncols=size.columns, nrows=size.lines
        )
        self.bar.set_description_str("solving …")

    def __call__(self, progress) -> None:
        self.bar.set_description_str(describe_progress(progress))

    def close(self) -> None:
        self.bar.close()


def describe_progress(progress) -> str:
    incumbent = "—" if progress.incumbent is None else f"{progress.incumbent:.8g}"
    bound = "—" if progress.bound is None else f"{progress.bound:.8g}"
    parts = [f"solving  incumbent {incumbent}", f"bound {bound}"]
    if progress.incumbent is not None and progress.bound is not None:
        gap = abs(progress.bound - progress.incumbent) / max(abs(progress.bound), 1e-12)
        parts.append(f"gap {100 * gap:.3g}%")
    parts += [f"nodes {progress.nodes}", f"{progress.seconds:.1f}s"]
    return "  ".join(parts)
