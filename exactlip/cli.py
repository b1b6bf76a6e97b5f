"""Command line: ``exactlip lipschitz MODEL [box] [norms] [solver] [--json]``.

Bad input ends with exit code 2 and one line ``exactlip: error: …`` on stderr; a
solve that ends without a closed bracket exits 0 and says so in its status.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from .domain import Box
from .errors import ExactLipError, ShapeError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit code 2, as argparse does, without the usage block
        self.exit(2, f"exactlip: error: {message}\n")


def _floats(text: str, option: str) -> np.ndarray:
    try:
        return np.array([float(v) for v in text.split(",") if v.strip() != ""], dtype=np.float64)
    except ValueError:
        raise ShapeError(f"{option} must be comma-separated numbers, got {text!r}") from None


def _box_from_pairs(text: str, input_dim: int) -> Box:
    """``LO:HI,LO:HI,…`` (one pair per coordinate, or one pair for all)."""
    pairs = []
    for item in text.split(","):
        parts = item.split(":")
        if len(parts) != 2:
            raise ShapeError(f"--box takes LO:HI pairs separated by commas, got {item!r}")
        try:
            pairs.append((float(parts[0]), float(parts[1])))
        except ValueError:
            raise ShapeError(f"--box bounds must be numbers, got {item!r}") from None
    if len(pairs) == 1:
        pairs = pairs * input_dim
    lower, upper = zip(*pairs)
    return Box(lower, upper)


def _box(args, input_dim: int) -> Box:
    if args.box is not None:
        if args.center is not None or args.radius is not None:
            raise ShapeError("give either --box or --center/--radius, not both")
        return _box_from_pairs(args.box, input_dim)
    if args.center is None or args.radius is None:
        raise ShapeError("give the input box: --box LO:HI,… or --center C1,C2,… with --radius R")
    center = _floats(args.center, "--center")
    if center.size == 1 and input_dim > 1:
        center = np.full(input_dim, center[0])
    clip = None if args.clip is None else tuple(_floats(args.clip, "--clip"))
    if clip is not None and len(clip) != 2:
        raise ShapeError(f"--clip takes LO,HI, got {args.clip!r}")
    return Box.linf_ball(center, args.radius, clip=clip)


def _print_human(result, model: str) -> None:
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


def _cmd_lipschitz(args) -> int:
    from .api import lipschitz
    from .network.load import load_network

    network = load_network(args.model)
    box = _box(args, network.input_dim)
    margin = None if args.margin is None else tuple(int(v) for v in _floats(args.margin, "--margin"))
    c = None if args.c is None else _floats(args.c, "--c")
    result = lipschitz(
        network,
        box,
        norm=args.norm,
        output_norm=args.output_norm,
        c=c,
        margin=margin,
        backend=args.backend,
        time_limit=args.time_limit,
        threads=args.threads,
    )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        _print_human(result, args.model)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="exactlip", description="Exact local Lipschitz constants of ReLU networks.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    lip = commands.add_parser("lipschitz", help="compute the exact local Lipschitz constant over a box")
    lip.add_argument("model", help="a .onnx or .npz network")
    box = lip.add_argument_group("input box")
    box.add_argument("--box", help="LO:HI per coordinate, comma-separated (one pair applies to all)")
    box.add_argument("--center", help="centre of an ℓ∞ ball, comma-separated (one value applies to all)")
    box.add_argument("--radius", type=float, help="radius of the ℓ∞ ball")
    box.add_argument("--clip", help="LO,HI data range to intersect the ball with")
    norms = lip.add_argument_group("norms")
    norms.add_argument("--norm", default="linf", help="input norm: linf or l1 (default linf)")
    norms.add_argument("--output-norm", help="output norm for vector outputs: linf or l1 (default: --norm)")
    norms.add_argument("--c", help="output direction c (constant of c·f), comma-separated")
    norms.add_argument("--margin", help="LABEL,OTHER: constant of f[LABEL] - f[OTHER]")
    solver = lip.add_argument_group("solver")
    solver.add_argument("--backend", default="highs", help="MIP backend (default highs)")
    solver.add_argument("--time-limit", type=float, help="seconds; a time-limited run reports its bracket")
    solver.add_argument("--threads", type=int, help="solver threads")
    lip.add_argument("--json", action="store_true", help="print the result as JSON")
    lip.set_defaults(run=_cmd_lipschitz)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ExactLipError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"exactlip: error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
