"""Whatever the data, govreport's own output checks clean.

For each kind, hypothesis writes valid data files — texts that begin with
years and figures or carry ``& < > {{``, numbers across the whole allowed
range, lists of every length — renders them as Markdown and DOCX, and
``govreport check`` (the proofread API) must find nothing but the
placeholders the data itself contains. Rendering valid data raises nothing,
or at most the project's own errors.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.errors import GovreportError
from govreport.models.common import within_range
from govreport.proofread import check_file
from govreport.vocabulary.scoring import RATINGS

# models/common.py: fewer than 16 whole digits, at most 6 places and 15 significant digits; money to the cent.
# A source stays under a quarter of the largest amount, so that four of them add up to a total in range too.
LARGEST_SOURCE = Decimal("2499999999999.99")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters a sentence is built from: none of them makes a placeholder, a heading number, a date or a
# 共…其中 / 占 / 提高 clause, so whatever the checker finds is govreport's own doing.
BODY = "工作项目资金管理服务建设推进落实情况医疗卫生乡镇群众组织实施培训保障机制制度基层能力水平"
PREFIXES = ("", "", "2026年", "2026年3月", "12.5万元", "3个", "100%", "1.5倍", "0.6", "&", "<b>", "A&B<C>", "{{ 名称 }}",
            "{%", "“引号”", "《实施方案》", "——", "（注）", "·")
ENDS = ("", "。", "；", "！", "……")


def texts(prefixes: tuple[str, ...] = PREFIXES, ends: tuple[str, ...] = ENDS) -> st.SearchStrategy[str]:
    body = st.text(alphabet=BODY + "，、：", min_size=1, max_size=14).filter(lambda s: s[0] not in "，、：")
    return st.builds(lambda p, b, e: p + b + e, st.sampled_from(prefixes), body, st.sampled_from(ends))


# Names stand inside generated sentences (其中中央财政补助588.60万元、…): a name holding a figure and a unit
# would be read as one more part of the total, by any reader.
names = texts(tuple(p for p in PREFIXES if not any(c.isdigit() for c in p)), ("",))


def numbers(low: Decimal, high: Decimal | None = None, most_places: int = 6) -> st.SearchStrategy[Decimal]:
    """Decimals from ``low`` to ``high`` (or the edge of the range) with 0 to ``most_places`` places."""

    def with_places(places: int) -> st.SearchStrategy[Decimal]:
        edge = Decimal(10) ** (15 - places) - Decimal(10) ** -places  # 15 significant digits
        return st.decimals(max(low, -edge), edge if high is None else min(high, edge), places=places)

    return st.integers(0, most_places).flatmap(with_places)


def in_range(value: Decimal) -> bool:
    try:
        within_range(value)
    except ValueError:
        return False
    return True


amounts = numbers(Decimal(0))
signed = numbers(Decimal(-10) ** 15)
money = numbers(Decimal(0), LARGEST_SOURCE, most_places=2)
paragraphs = st.lists(texts(), max_size=3)


def split(total: Decimal, pieces: int, draw: Any) -> list[Decimal]:
    """``pieces`` amounts (each ≥ 0, to the cent) that add up to ``total`` exactly."""
    cuts = sorted(draw(st.lists(st.decimals(0, total, places=2), min_size=pieces - 1, max_size=pieces - 1)))
    edges = [Decimal(0), *cuts, total]
    return [b - a for a, b in pairwise(edges)]


@st.composite
def weights(draw: Any, total: int) -> list[Decimal]:
    count = draw(st.integers(1, 8))
    tenths = sorted(draw(st.sets(st.integers(1, total * 10 - 1), min_size=count - 1, max_size=count - 1)))
    edges = [0, *tenths, total * 10]
    return [Decimal(b - a) / 10 for a, b in pairwise(edges)]


@st.composite
def indicator(draw: Any, weight: Decimal) -> dict[str, Any]:
    op = draw(st.sampled_from([">=", "=", "<=", "qualitative", "≥", "≤"]))
    item: dict[str, Any] = {"level1": draw(st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"])),
                            "level2": draw(names), "name": draw(names), "op": op, "weight": weight}
    if op == "qualitative":
        rating = draw(st.sampled_from(RATINGS))
        ratio = draw(st.decimals(rating.low, rating.high, places=2).filter(rating.admits))
        item.update(target=draw(names), actual=draw(names), rating=rating.name)
        if rating.ratio_required or draw(st.booleans()):
            item["ratio"] = ratio
    else:
        target, actual = draw(signed), draw(signed)
        lower_is_better = op in ("<=", "≤")
        if (target <= 0 and actual > target) if lower_is_better else (actual < target < 0):
            item["score"] = draw(st.decimals(0, weight, places=2))  # no ratio has a meaning: the evaluator scores
        item.update(target=target, actual=actual, unit=draw(st.sampled_from(["", "人次", "%", "元", "万元", "个"])))
    if draw(st.booleans()):
        item["deviation"] = draw(texts())
    return item


@st.composite
def indicators(draw: Any, scored: bool) -> list[dict[str, Any]]:
    return [draw(indicator(w)) for w in draw(weights(90 if scored else 100))]


@st.composite
def source(draw: Any, received: bool | None) -> dict[str, Any]:
    """到位数 ≤ 预算数 and 执行数 ≤ 到位数 (or ≤ 预算数 without one); ``received`` None: the data may leave it out."""
    budget = draw(money)
    got = draw(st.decimals(0, budget, places=2))
    item: dict[str, Any] = {"name": draw(names), "budget": budget}
    if received or (received is None and draw(st.booleans())):
        item["received"] = got
    item["spent"] = draw(st.decimals(0, got, places=2))
    if draw(st.booleans()):
        item["initial_budget"] = draw(money)
    return item


def meta_date(draw: Any) -> dict[str, Any]:
    return {"year": draw(st.integers(1949, 2100)), "date": draw(st.dates(dt.date(1949, 1, 1), dt.date(2100, 12, 31))).isoformat(),
            "date_style": draw(st.sampled_from(["arabic", "chinese"]))}


@st.composite
def performance_evaluations(draw: Any) -> dict[str, Any]:
    sources = draw(st.lists(source(received=True), min_size=1, max_size=4).filter(lambda s: any(x["budget"] for x in s)))
    spent = sum((s["spent"] for s in sources), Decimal(0))
    uses = [{"name": draw(names), "amount": a} for a in split(spent, draw(st.integers(1, 4)), draw)] if draw(st.booleans()) else []
    scored = draw(st.booleans())
    causes, measures = draw(st.booleans()), draw(st.booleans())  # for every problem or for none (checks/performance_evaluation.py)
    problems = [{"problem": draw(texts()), **({"cause": draw(texts())} if causes else {}),
                 **({"measure": draw(texts())} if measures else {})} for _ in range(draw(st.integers(0, 12)))]
    return {
        "kind": "performance_evaluation",
        "meta": {"department": draw(names), "project": draw(names), "evaluator": draw(names), **meta_date(draw),
                 "outline": draw(st.sampled_from(["default", "mof2020"]))},
        "background": {"basis": draw(paragraphs), "overview": draw(paragraphs), "objectives": draw(paragraphs)},
        "implementation": {
            "funds": {"unit": draw(st.sampled_from(["万元", "元"])), "sources": sources, "uses": uses},
            "progress": draw(paragraphs), "effects": draw(paragraphs),
            "beneficiaries": [{"name": draw(names), "count": draw(amounts), "unit": draw(st.sampled_from(["人", "人次", "户"]))}
                              for _ in range(draw(st.integers(0, 3)))],
        },
        "targets": {"expected": draw(paragraphs), "indicators": draw(indicators(scored)), "execution_scored": scored},
        "compliance": {"review": draw(paragraphs), "findings": draw(st.none() | st.lists(
            st.fixed_dictionaries({"description": texts(), "amount": money, "rectified": st.booleans()}), max_size=3))},
        "problems": problems,
        "lessons": {"experiences": draw(paragraphs), "recommendations": draw(paragraphs)},
        "sustainability": {"plans": draw(paragraphs), "risks": [{"risk": draw(texts()), "response": draw(texts())}
                                                                for _ in range(draw(st.integers(0, 3)))]},
        "other": draw(paragraphs),
    }


@st.composite
def self_evaluations(draw: Any) -> dict[str, Any]:
    scored = draw(st.booleans())
    return {
        "kind": "self_evaluation",
        "meta": {"department": draw(names), "project": draw(names), **meta_date(draw)},
        "funds": {"unit": draw(st.sampled_from(["万元", "元"])),
                  "sources": draw(st.lists(source(received=None), min_size=1, max_size=4).filter(
                      lambda s: any(x["budget"] for x in s)))},
        "goals": {"expected": draw(paragraphs), "actual": draw(paragraphs)},
        "indicators": draw(indicators(scored)),
        "execution_scored": scored,
        "overview": draw(paragraphs),
        "problems": [{"problem": draw(texts()), "measure": draw(texts())} for _ in range(draw(st.integers(0, 12)))],
    }


@st.composite
def metric(draw: Any) -> dict[str, Any]:
    unit = draw(st.sampled_from(["", "人次", "个", "%", "万元"]))
    item: dict[str, Any] = {"name": draw(names), "unit": unit, "digits": draw(st.integers(0, 4))}
    form = draw(st.sampled_from(["value", "share", "parts", "change"]))
    if form == "parts" and unit != "%":
        item["parts"] = [{"name": draw(names), "value": v} for v in draw(st.lists(amounts, min_size=2, max_size=4))]
        total = sum((p["value"] for p in item["parts"]), Decimal(0))
        if draw(st.booleans()) and in_range(total):  # a stated total must itself be in range
            item["value"] = total
    elif form == "share" and unit != "%":
        whole = draw(numbers(Decimal("0.000001")))
        item.update(value=draw(numbers(Decimal(0), whole)), of=whole, share_label=draw(names))
    else:
        item["value"] = draw(signed)
        if form == "change":
            item.update(previous=draw(signed), previous_label=draw(names))
    return item


@st.composite
def work_summaries(draw: Any) -> dict[str, Any]:
    achievements = [{"heading": draw(texts()), "paragraphs": draw(paragraphs), "metrics": draw(st.lists(metric(), max_size=3))}
                    for _ in range(draw(st.integers(1, 12)))]
    return {
        "kind": "work_summary",
        "meta": {"organization": draw(names), **meta_date(draw)},
        "intro": draw(paragraphs),
        "achievements": achievements,
        "problems": draw(st.lists(texts(), max_size=12)),
        "plans": draw(st.lists(texts(), max_size=12)),
    }


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


QUOTED = re.compile(r"“(.+)”$")


def own_findings(data: dict[str, Any]) -> list[str]:
    """What ``govreport check`` finds in the Markdown and DOCX of ``data``, less the placeholders the data itself holds."""
    problems = [str(p) for p in govreport.validate(data) if p.severity == "error"]
    assert problems == [], problems  # the strategies write valid data only
    report = govreport.load(data)
    written = strings(data)
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("md", "docx"):
            try:
                content = govreport.render(report, fmt)
            except GovreportError:
                continue
            path = Path(folder) / f"r.{fmt}"
            path.write_bytes(content)
            for f in check_file(path):
                quoted = QUOTED.search(f.message)
                if f.kind == "placeholder" and quoted and any(quoted.group(1) in s for s in written):
                    continue
                found.append(f"{fmt} {f.where} {f.message} {f.excerpt}")
    return found


@SETTINGS
@given(performance_evaluations())
def test_any_performance_evaluation_checks_clean(data):
    assert own_findings(data) == []


@SETTINGS
@given(self_evaluations())
def test_any_self_evaluation_checks_clean(data):
    assert own_findings(data) == []


@SETTINGS
@given(work_summaries())
def test_any_work_summary_checks_clean(data):
    assert own_findings(data) == []
