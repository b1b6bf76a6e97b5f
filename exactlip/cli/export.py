"""``exactlip export MODEL [box] [norms] --out PATH.mps|PATH.lp [--solve]``: write the
exact MIP and its JSON sidecar ``PATH.json`` (see :mod:`exactlip.export`)."""

from __future__ import annotations

import json

from .options import add_box_options, add_norm_options, box_from_arguments, norm_arguments


def register(commands) -> None:
    parser = commands.add_parser("export", help="write the exact MIP as .mps or .lp with a JSON sidecar")
    parser.add_argument("model", help="a .onnx or .npz network")
    add_box_options(parser)
    add_norm_options(parser)
    parser.add_argument("--out", required=True, help="output file, ending in .mps or .lp; the sidecar is the same name .json")
    parser.add_argument("--bounds", help="bound method for the MIP's big-M constants (default: the engine's)")
    solver = parser.add_argument_group("solving (optional)")
    solver.add_argument("--solve", action="store_true", help="also solve it and record the optimum in the sidecar")
    solver.add_argument("--backend", default="highs", help="backend for --solve (default highs)")
    solver.add_argument("--time-limit", type=float, help="seconds for --solve")
    parser.add_argument("--json", action="store_true", help="print the sidecar as JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..export import export_mip
    from ..network.load import load_network

    network = load_network(args.model)
    result = export_mip(
        args.model,
        box_from_arguments(args, network.input_dim),
        args.out,
        **norm_arguments(args),
        bounds=args.bounds,
        solve=args.solve,
        backend=args.backend,
        time_limit=args.time_limit,
    )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    sizes = result.sidecar["sizes"]
    print(f"wrote      {result.model_path} and {result.sidecar_path}")
    print(f"MIP        {sizes['variables']} variables, {sizes['binaries']} binaries, {sizes['constraints']} constraints")
    solution = result.sidecar["solution"]
    if solution is not None:
        print(f"optimum    {solution['mip_objective']!r} ({solution['mip_status']}, {solution['mip_backend']})")
        print(f"lipschitz  {solution['lipschitz_value']!r} ({solution['lipschitz_status']})")
    return 0
