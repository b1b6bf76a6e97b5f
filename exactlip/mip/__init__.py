"""Solver-neutral MIP encodings of the local Lipschitz constant."""

from .build import Encoding, build_mip
from .model import MilpModel

__all__ = ["Encoding", "MilpModel", "build_mip"]
