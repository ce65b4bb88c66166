"""A plan issued as the 附件 of a 印发通知 (meta.notice): the notice, then the plan laid out as GB/T 9704-2012 7.4
lays out an attachment ("附件" 3号黑体 顶格 on the first line, its title centred on the third)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

import govreport
from govreport.proofread import check_file

from .conftest import SAMPLES, dump
from .test_plans import PLAN_OUTLINE, outline

NOTICE = SAMPLES / "community_health_education_plan_notice.yaml"
WORK_PLAN = SAMPLES / "health_work_plan_2015.yaml"

# 通知的各部分，按印出的顺序（标题和附件说明由方案标题“凤凰社区2015年健康教育实施方案”生成）。
NOTICE_LINES = [
    "凤居发〔2015〕3号",
    "# 关于印发《凤凰社区2015年健康教育实施方案》的通知",
    "辖区各单位、各居民小组：",
    "现将《凤凰社区2015年健康教育实施方案》印发给你们，请结合实际，认真贯彻执行。",
    "附件：凤凰社区2015年健康教育实施方案",
    "红花岗区老城街道凤凰社区居民委员会",
    "2015年3月2日",
    "---",
    "附件",
    "# 凤凰社区2015年健康教育实施方案",
    "为落实市、区政府提出的“双创一巩固”工作目标要求，根据《国家卫生城市标准》和《国家文明城市标准》，结合社区实际，特制定本方案。",
    "## 一、工作的开展",
]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def render(source: Path | dict, fmt: str, tmp_path: Path | None = None) -> bytes:
    if isinstance(source, dict):
        assert tmp_path is not None
        source = dump(source, tmp_path / "plan.json")
    return govreport.render(govreport.load(source), fmt)


def test_the_notice_comes_first_then_the_plan_as_its_attachment():
    text = render(NOTICE, "md").decode()
    assert lines(text)[:len(NOTICE_LINES)] == NOTICE_LINES
    assert outline(text) == PLAN_OUTLINE  # the plan itself, unchanged
    # the signature and date are the notice's: the plan ends with its last chapter
    assert lines(text)[-1] == "对在检查中发现问题不及时整改的，将进行通报，并列入年度考核评比工作。"
    assert text.count("红花岗区老城街道凤凰社区居民委员会") == 1


def test_the_notice_may_have_its_own_text_and_date(tmp_path):
    data = yaml.safe_load(NOTICE.read_text(encoding="utf-8"))
    data["meta"]["notice"] = {"recipients": "各社区卫生服务站", "date": "2015-03-05",
                              "paragraphs": ["现将《凤凰社区2015年健康教育实施方案》印发给你们，请认真组织实施。",
                                             "实施中遇到的问题，请及时报社区居委会。"]}
    got = lines(render(data, "md", tmp_path).decode())
    assert got[:8] == [
        "# 关于印发《凤凰社区2015年健康教育实施方案》的通知",  # no 发文字号: the title stands first
        "各社区卫生服务站：",
        "现将《凤凰社区2015年健康教育实施方案》印发给你们，请认真组织实施。",
        "实施中遇到的问题，请及时报社区居委会。",
        "附件：凤凰社区2015年健康教育实施方案",
        "红花岗区老城街道凤凰社区居民委员会",
        "2015年3月5日",
        "---",
    ]


def test_a_work_plan_is_issued_the_same_way(tmp_path):
    data = yaml.safe_load(WORK_PLAN.read_text(encoding="utf-8"))
    data["meta"]["notice"] = {"recipients": "各村卫生室"}
    title = data["meta"].get("title") or f"{data['meta']['organization']}{data['meta']['year']}年工作计划"
    got = lines(render(data, "md", tmp_path).decode())
    assert got[:3] == [f"# 关于印发《{title}》的通知", "各村卫生室：",
                       f"现将《{title}》印发给你们，请结合实际，认真贯彻执行。"]
    assert got[3] == f"附件：{title}"
    assert got[got.index("---") + 1:got.index("---") + 3] == ["附件", f"# {title}"]


def _paragraphs(data: bytes) -> list:
    return list(docx.Document(io.BytesIO(data)).paragraphs)


def _east_asian_font(paragraph) -> str:
    fonts = paragraph.runs[0]._r.find(qn("w:rPr")).find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


def test_the_docx_puts_the_plan_on_a_new_page_under_a_black_attachment_label():
    paragraphs = _paragraphs(render(NOTICE, "docx"))
    texts = [p.text for p in paragraphs]
    label = texts.index("附件")
    mark = paragraphs[label]
    assert mark._p.pPr.find(qn("w:pageBreakBefore")) is not None
    assert mark.style.name == "附件标识" and _east_asian_font(mark) == "黑体"
    assert mark.runs[0]._r.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "32"  # 三号
    assert mark.style.paragraph_format.first_line_indent in (None, 0)  # 顶格
    # the plan's title on the third line, centred in the title's style
    assert texts[label + 1] == "" and texts[label + 2] == "凤凰社区2015年健康教育实施方案"
    assert paragraphs[label + 2].style.name == "公文标题"
    # before the page break: the notice, its 附件说明 one line below the text, then its signature and date
    notice = texts[:label]
    assert notice[0] == "凤居发〔2015〕3号"
    assert notice[2] == "关于印发《凤凰社区2015年\n健康教育实施方案》的通知"  # broken after the year, two lines of 12
    at = notice.index("附件：凤凰社区2015年健康教育实施方案")
    assert notice[at - 1] == "" and notice[at - 2].startswith("现将《凤凰社区2015年健康教育实施方案》印发给你们")
    assert notice[-2:] == ["红花岗区老城街道凤凰社区居民委员会", "2015年3月2日"]
    assert paragraphs[notice.index("辖区各单位、各居民小组：")]._p.pPr.find(qn("w:ind")).get(qn("w:firstLine")) == "0"
    # no second signature after the plan
    assert texts.count("2015年3月2日") == 1


def test_the_html_shows_the_notice_and_the_attachment():
    page = render(NOTICE, "html").decode()
    page = page[page.index("<article"):]  # the page's <title> names the notice too
    order = ["凤居发〔2015〕3号", "关于印发《凤凰社区2015年", "辖区各单位、各居民小组：", "附件：凤凰社区2015年健康教育实施方案",
             '<p class="appendix-label">附件</p>', "一、工作的开展"]
    places = [page.index(text) for text in order]
    assert places == sorted(places)


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_the_rendered_notice_checks_clean(tmp_path, fmt):
    out = tmp_path / f"通知.{fmt}"
    out.write_bytes(render(NOTICE, fmt))
    assert [f"{f.where} {f.message}" for f in check_file(out)] == []
