"""`govreport check` on real published reports no one here wrote, held to findings judged by hand.

tests/fixtures/corpus/ holds the texts (index.yaml: kind, title, address of each) and judged.yaml:
every finding judged a defect or a false alarm, and the defects check misses. A judged defect that
is no longer found, a false alarm that comes back, or a finding nobody has judged fails here, so a
change to the checks is judged on real documents before it lands.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from govreport.proofread import check_file

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
INDEX = yaml.safe_load((CORPUS / "index.yaml").read_text(encoding="utf-8"))["files"]
JUDGED = yaml.safe_load((CORPUS / "judged.yaml").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def _key(kind: str, where: str, message: str) -> tuple[str, str, str]:
    return kind, where, message


def _judged(name: str, defect: bool) -> Counter[tuple[str, str, str]]:
    return Counter(_key(e["kind"], e["where"], e["message"]) for e in JUDGED["findings"].get(name, [])
                   if e["defect"] is defect)


def _found(name: str) -> Counter[tuple[str, str, str]]:
    return Counter(_key(f.kind, f.where, f.message) for f in check_file(CORPUS / name))


def test_the_corpus_is_twenty_real_texts_of_five_kinds_each_with_its_address():
    assert sorted(entry["file"] for entry in INDEX) == FILES
    assert len(FILES) >= 20
    assert len({entry["kind"] for entry in INDEX}) >= 5
    assert all(entry["address"].startswith(("http://", "https://")) and entry["title"] for entry in INDEX)
    for name in FILES:
        assert len((CORPUS / name).read_text(encoding="utf-8")) > 150, name


@pytest.mark.parametrize("name", FILES)
def test_findings_are_the_judged_defects(name):
    found = _found(name)
    defects = _judged(name, True)
    missing = defects - found
    assert not missing, f"judged defects no longer found: {sorted(missing)}"
    returned = found & _judged(name, False)
    assert not returned, f"judged false alarms are back: {sorted(returned)}"
    unjudged = found - defects
    assert not unjudged, f"findings nobody has judged (add them to judged.yaml): {sorted(unjudged)}"


def test_precision_and_recall_on_the_corpus():
    """Precision: found defects ÷ findings. Recall: found defects ÷ (found + missed defects)."""
    findings = true = 0
    for name in FILES:
        found = _found(name)
        findings += sum(found.values())
        true += sum((found & _judged(name, True)).values())
    missed = len(JUDGED["missed"])
    assert findings and true / findings >= 0.95
    assert true / (true + missed) >= 0.80
    assert all((CORPUS / m["file"]).exists() and m["why"] for m in JUDGED["missed"])
