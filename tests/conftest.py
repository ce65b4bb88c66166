"""Shared fixtures: the contract example and a way to vary it."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govreport.vocabulary.words import heading_number_at_start

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CONTRACT = SAMPLES / "performance_evaluation.json"


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture
def example() -> dict[str, Any]:
    """A fresh, mutable copy of the contract example (shared/spec/examples)."""
    return copy.deepcopy(read(CONTRACT))


def unnumbered(text: str) -> bool:
    """Whether generated text may stand as a paragraph: one opening with a heading number (“1、”) is refused."""
    return heading_number_at_start(text.strip()) is None


def dump(data: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path
