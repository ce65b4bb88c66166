"""Stage 3 — compute: pure functions on Decimal, one module per group of figures."""

from .evaluation import EvaluationFigures, evaluate
from .scoring import ScoringProfile

__all__ = ["EvaluationFigures", "ScoringProfile", "evaluate"]
