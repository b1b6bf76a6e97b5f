"""Command line: ``exactlip <command> …``, one module per command.

Each command module has ``register(commands)``, which adds its sub-parser and sets
``run`` to a function ``args -> exit code``. Bad input ends with exit code 2 and one
line ``exactlip: error: …`` on stderr.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import ExactLipError
from .options import attach_negative_values
from . import audit, backends, certify, estimate, export, lipschitz


class ErrorLineParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line and exit code 2."""

    def error(self, message):
        self.exit(2, f"exactlip: error: {message}\n")


COMMANDS = [lipschitz, backends, export, estimate, audit, certify]


def build_parser() -> argparse.ArgumentParser:
    parser = ErrorLineParser(prog="exactlip", description="Exact local Lipschitz constants of ReLU networks.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=ErrorLineParser)
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(attach_negative_values(sys.argv[1:] if argv is None else list(argv)))
    try:
        return args.run(args)
    except ExactLipError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"exactlip: error: {message}", file=sys.stderr)
        return 2
