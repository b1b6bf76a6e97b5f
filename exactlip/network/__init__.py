"""Network representation and importers (torch, ONNX, npz)."""

from .ir import Network

__all__ = ["Network"]
