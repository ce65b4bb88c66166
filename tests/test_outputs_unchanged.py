"""Every sample, in every format of its kind and with every example county folder, renders to the recorded bytes.

A change meant to keep behaviour (a refactoring, a faster path) must leave
these hashes alone. A change meant to alter documents updates them on
purpose: ``GOVREPORT_RECORD_OUTPUTS=1 pytest tests/test_outputs_unchanged.py``
rewrites the record, and the diff of ``tests/fixtures/output_hashes.json``
shows which documents changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import govreport

from .conftest import ROOT, SAMPLES

RECORD = Path(__file__).parent / "fixtures" / "output_hashes.json"
COUNTIES = {
    "performance_evaluation": [(), ("三亚市",), ("海南省",)],
    "self_evaluation": [()],
    "work_summary": [(), ("秀山县",)],
    "implementation_plan": [()],
    "work_plan": [()],
}
DATA = ("*.json", "*.yaml")  # every sample, whatever it is written in


def cases() -> list[tuple[str, str | None, tuple[str, ...]]]:
    found = []
    for sample in sorted(p for pattern in DATA for p in SAMPLES.glob(pattern)):
        kind = govreport.load(sample).kind.name
        for as_kind in [None, *(k for k, entry in govreport.KINDS.items() if kind in entry.derived_from)]:
            for counties in COUNTIES[as_kind or kind]:
                found.append((sample.name, as_kind, counties))
    return found


def hashes(sample: str, as_kind: str | None, counties: tuple[str, ...]) -> dict[str, str]:
    report = govreport.load(SAMPLES / sample, as_kind, [ROOT / "templates" / c for c in counties])
    return {fmt: hashlib.sha256(govreport.render(report, fmt)).hexdigest() for fmt in report.kind.formats}


def key(sample: str, as_kind: str | None, counties: tuple[str, ...]) -> str:
    return " ".join([sample, as_kind or "-", *counties])


@pytest.fixture(scope="module")
def record() -> dict[str, dict[str, str]]:
    if os.environ.get("GOVREPORT_RECORD_OUTPUTS"):
        fresh = {key(*case): hashes(*case) for case in cases()}
        RECORD.write_text(json.dumps(fresh, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return json.loads(RECORD.read_text(encoding="utf-8"))


def test_the_record_covers_every_case(record):
    assert sorted(record) == sorted(key(*case) for case in cases())


@pytest.mark.parametrize("case", cases(), ids=lambda case: key(*case))
def test_outputs_are_the_recorded_bytes(case, record):
    assert hashes(*case) == record[key(*case)]
