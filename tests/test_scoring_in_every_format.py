"""The scoring profile reaches the Markdown and HTML score tables as it reaches the DOCX and Excel forms."""

from __future__ import annotations

import re

import govreport

from .conftest import SAMPLES

CHIZHOU = SAMPLES / "self_evaluation_chizhou.yaml"  # 池州市: 产出50、效益30、满意度10, one indicator not applicable


def test_markdown_shows_not_applicable_subtotals_and_the_note():
    text = govreport.render(govreport.load(CHIZHOU), "md").decode("utf-8")
    row = next(line for line in text.splitlines() if line.startswith("|") and "“一站式”结算率" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[6] == "/" and "未纳入“一站式”结算试点范围" in cells[7]  # 得分 “/”, the reason beside it
    subtotals = re.findall(r"^\| (\S+指标)小计 \| \| \| \| \| (\d+) \|", text, flags=re.M)
    assert subtotals == [("产出指标", "50"), ("效益指标", "30"), ("满意度指标", "10")]  # the profile's weights
    assert "折算为百分制得分" in text.split("自评等级")[1].split("\n\n")[1]  # the note stands under the table


def test_html_shows_the_same():
    page = govreport.render(govreport.load(CHIZHOU), "html").decode("utf-8")
    assert page.count("小计</td>") == 3 and '<p class="caption">注：' in page
    # the 绩效指标 label spans its heading row, the 8 indicators and the 3 subtotals
    assert '<th rowspan="12">绩效指标</th>' in page
