"""A plan's closing (署名 and 成文日期) may be left out on purpose (meta.signed: false), as seed 002 第4篇 has none;
a missing date is still refused when the data does not say so, and a plan issued by a notice is always dated."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

import govreport
from govreport.cli import main

from .conftest import SAMPLES, dump

PIAN4 = SAMPLES / "community_health_education_plan_pian4.yaml"
PLAN = SAMPLES / "community_health_education_plan.yaml"
NOTICE = SAMPLES / "community_health_education_plan_notice.yaml"
LAST = "社区卫生服务中心每月举办健康教育讲座应不少于1次。"  # the last sentence of 第4篇


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_4th_plan_ends_with_its_last_sentence_as_the_original():
    report = govreport.load(PIAN4)
    text = govreport.render(report, "md").decode()
    assert text.rstrip().endswith("\n" + LAST)
    assert "昆都仑区富原社区卫生服务中心" not in text and "2012年2月" not in text
    paragraphs = [p.text for p in docx.Document(io.BytesIO(govreport.render(report, "docx"))).paragraphs]
    assert paragraphs[-1] == LAST  # no blank lines, signature or date after it


def test_a_missing_date_is_refused_unless_the_plan_says_it_is_unsigned(tmp_path):
    data = _load(PLAN)
    del data["meta"]["date"]
    source = dump(data, tmp_path / "plan.json")
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 2, result.output
    assert "meta.date" in result.output and "缺少必填字段" in result.output  # as any required field
    data["meta"]["date"] = None
    result = CliRunner().invoke(main, ["validate", str(dump(data, tmp_path / "plan.json"))])
    assert result.exit_code == 2 and "meta.date：缺少成文日期" in result.output and "signed: false" in result.output
    del data["meta"]["date"]
    data["meta"]["signed"] = False
    assert [p.severity for p in govreport.validate(dump(data, tmp_path / "plan.json"))] == ["warning"]  # meta.region


def test_an_unsigned_plan_with_a_date_prints_no_closing(tmp_path):
    data = _load(PLAN)
    data["meta"]["signed"] = False
    text = govreport.render(govreport.load(dump(data, tmp_path / "plan.json")), "md").decode()
    assert text.rstrip().endswith("对在检查中发现问题不及时整改的，将进行通报，并列入年度考核评比工作。")
    assert "2015年3月2日" not in text


def test_a_notice_is_always_signed_and_dated(tmp_path):
    data = _load(NOTICE)
    data["meta"]["signed"] = False
    result = CliRunner().invoke(main, ["validate", str(dump(data, tmp_path / "a.json"))])
    assert result.exit_code == 2 and "meta.signed：以印发通知印发时须有通知的落款和成文日期" in result.output
    data = _load(NOTICE)
    del data["meta"]["date"]
    result = CliRunner().invoke(main, ["validate", str(dump(data, tmp_path / "b.json"))])
    assert result.exit_code == 2 and "meta.date" in result.output and "缺少必填字段" in result.output
    data["meta"]["date"] = None
    result = CliRunner().invoke(main, ["validate", str(dump(data, tmp_path / "c.json"))])
    assert result.exit_code == 2 and "meta.date：印发通知缺少成文日期" in result.output


@pytest.mark.parametrize("plan_date", [True, False])
def test_a_notice_dated_itself_needs_no_plan_date(tmp_path, plan_date):
    data = _load(NOTICE)
    data["meta"]["notice"]["date"] = "2015-03-06"
    if not plan_date:
        del data["meta"]["date"]
    text = govreport.render(govreport.load(dump(data, tmp_path / "plan.json")), "md").decode()
    assert "红花岗区老城街道凤凰社区居民委员会  \n2015年3月6日\n" in text
