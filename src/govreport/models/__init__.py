"""Stage 2 — validate: Pydantic models of each report kind (the public data contract)."""

from .performance_evaluation import PerformanceEvaluation
from .self_evaluation import SelfEvaluation
from .work_summary import WorkSummary

__all__ = ["PerformanceEvaluation", "SelfEvaluation", "WorkSummary"]
