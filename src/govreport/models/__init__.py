"""Stage 2 — validate: Pydantic models of each report kind (the public data contract)."""

from .performance_evaluation import PerformanceEvaluation

__all__ = ["PerformanceEvaluation"]
