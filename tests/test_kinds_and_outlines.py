"""The kinds registry on the command line, and the 财预〔2020〕10号 outline over evaluation data."""

from __future__ import annotations

import re

from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.format.title import title_lines

from .conftest import SAMPLES, read
from .test_render import open_docx, paragraphs

MOF = SAMPLES / "sanya_mof2020.json"
MOF_CHAPTERS = ["一、基本情况", "二、绩效评价工作开展情况", "三、综合评价情况及评价结论", "四、绩效评价指标分析",
                "五、主要经验及做法、存在的问题及原因分析", "六、有关建议", "七、其他需要说明的问题"]


def test_kinds_lists_every_kind_with_formats_outlines_and_derivations():
    result = CliRunner().invoke(main, ["kinds"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split("　")[0] for line in lines if not line.startswith(" ")] == [
        "performance_evaluation", "self_evaluation", "work_summary", "implementation_plan", "work_plan"]
    assert "    格式：docx、md、html、xlsx、pdf" in lines
    assert "    提纲 mof2020：财预〔2020〕10号附件3参考提纲，附资金使用情况表和绩效评价指标评分表" in lines
    assert "    也可由 performance_evaluation 的数据生成：govreport render 数据文件 --kind self_evaluation" in lines


def level1(text: list[str]) -> list[str]:
    return [t for t in text if re.match(r"^[一二三四五六七八九十]+、", t)]


def test_mof2020_outline_from_the_data():
    document = open_docx(read(MOF))
    text = paragraphs(document)
    assert level1(text) == MOF_CHAPTERS
    assert [t for t in text if t.startswith("（")][:5] == [
        "（一）项目概况", "（二）项目绩效目标", "（一）绩效评价目的、对象和范围",
        "（二）绩效评价原则、评价指标体系、评价方法和评价标准", "（三）绩效评价工作过程"]
    # the funds table carries each source's 到位数 and 执行数, which the outline's paragraphs give only in total
    assert "附件1" in text and "附件2" in text
    assert document.tables[-1].rows[0].cells[0].text == "一级指标"


def test_mof2020_figures_agree_with_the_default_outline(example):
    text = paragraphs(open_docx(example))
    example["meta"]["outline"] = "mof2020"
    mof = paragraphs(open_docx(example))
    # 产出 20 + 9 + 10 + 9.20 = 48.20 of 50; 效益 15 + 11.25 = 26.25 of 30; 满意度 10 of 10; execution 9.12
    assert ("经综合评价，该项目总得分93.57分，评价等级为“优”。其中预算执行率得分9.12分（分值10分），产出指标得分48.20分（分值50分），"
            "效益指标得分26.25分（分值30分），满意度指标得分10.00分（分值10分）。7项绩效指标中4项完成、取得满分。评分情况详见附件。") in mof
    assert "评价指标体系由产出指标（50分）、效益指标（30分）、满意度指标（10分）构成，共设三级指标7项，另设预算执行率（10分），满分100分，详见附件。" in mof
    analysis = mof[mof.index("四、绩效评价指标分析") + 1:mof.index("五、主要经验及做法、存在的问题及原因分析")]
    assert [t for t in analysis if t.startswith("（")] == [
        "（一）产出指标完成情况", "（二）效益指标完成情况", "（三）满意度指标完成情况", "（四）项目资金管理情况"]
    sentence = "2.健康教育覆盖人次：年度指标值≥20,000人次，实际完成18,000人次，完成率90.00%，得分9.00分（分值10分）。偏差原因及改进措施：第四季度台风影响，部分乡镇活动延期至次年。"
    assert sentence in text and sentence in mof
    # nothing for 七 in the contract example: the chapter is left out, numbering closes up
    assert level1(mof)[-1] == "六、有关建议"
    assert "（一）绩效评价原则、评价指标体系、评价方法和评价标准" in mof


def test_outline_option_on_the_command_line(tmp_path):
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["render", str(SAMPLES / "sanya_health_poverty_2025.json"), "--outline", "mof2020",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert level1(paragraphs(open_docx_file(out)))[:4] == MOF_CHAPTERS[:4]


def open_docx_file(path):
    import docx

    return docx.Document(str(path))


def test_unknown_outline_is_refused_without_output(tmp_path):
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["render", str(SAMPLES / "work_summary.json"), "--outline", "mof2020", "-o", str(out)])
    assert result.exit_code == 2 and "年度工作总结没有名为“mof2020”的提纲，可用：default" in result.output
    assert not out.exists()


def test_validate_refuses_an_unknown_outline_as_render_does():
    result = CliRunner().invoke(main, ["validate", str(SAMPLES / "performance_evaluation.json"), "--outline", "bogus"])
    assert result.exit_code == 2
    assert "项目绩效评价报告没有名为“bogus”的提纲，可用：default、mof2020" in result.output
    assert "数据检查通过" not in result.output
    errors = [p for p in govreport.validate(SAMPLES / "work_summary.json", outline="mof2020") if p.severity == "error"]
    assert [p.message for p in errors] == ["年度工作总结没有名为“mof2020”的提纲，可用：default"]
    assert not any(p.severity == "error" for p in govreport.validate(SAMPLES / "performance_evaluation.json",
                                                                     outline="mof2020"))


def test_mof2020_markdown_has_the_funds_and_score_appendices():
    markdown = govreport.render(govreport.load(read(MOF)), "md").decode()
    assert "## 附件1　资金使用情况表" in markdown and "## 附件2　绩效指标评分表" in markdown
    assert "## 七、其他需要说明的问题" in markdown


def test_titles_break_after_a_phrase_that_fits():
    assert title_lines("短标题") == ["短标题"]
    assert title_lines("秀山土家族苗族自治县卫生项目办公室2004年工作总结", ["秀山土家族苗族自治县卫生项目办公室"]) == [
        "秀山土家族苗族自治县卫生项目办公室", "2004年工作总结"]
    # the longest boundary that still fits on the first line wins
    title = "三亚市民政局2025年健康扶贫保障资金项目绩效评价报告"
    assert title_lines(title, ["三亚市民政局", "三亚市民政局2025年健康扶贫保障资金项目"]) == [
        "三亚市民政局2025年健康扶贫保障资金项目", "绩效评价报告"]
    assert title_lines("一" * 30, ["一" * 25]) == ["一" * 30]  # no boundary fits: left to the word processor
