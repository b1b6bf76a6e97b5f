"""The zoo: small ReLU classifiers trained under six regimes, shipped in ``data/zoo/``.

Datasets ``digits`` (64-32-32-10), ``iris`` (4-16-16-3) and ``synthetic`` (2-16-16-2),
each trained ``plain`` and with ``l2``, ``l1``, ``fgsm``, ``pgd`` and ``lipschitz``
regularisation (:mod:`exactlip.zoo.regimes`); all inputs live in ``[0, 1]^n``. Files:
``<dataset>-<regime>.{onnx,npz,json}`` and ``<dataset>-test.npz`` (keys ``x``, ``y``).
Rebuild with ``python -m exactlip.zoo`` (or ``make data``); training needs torch and
scikit-learn, reading the files needs neither.
"""

from .catalog import ARCHITECTURES, MODEL_NAMES, STUDY_RADIUS
from .datasets import DATASET_NAMES
from .regimes import REGIME_NAMES

__all__ = ["ARCHITECTURES", "DATASET_NAMES", "MODEL_NAMES", "REGIME_NAMES", "STUDY_RADIUS"]
