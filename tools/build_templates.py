"""Build the built-in DOCX templates of every kind from the layout profile (templates/gbt9704.yaml),
and the letterhead shell of the 三亚市 example folder.

The .docx files it writes are committed: they are the templates a county opens
in Word to see the styles it may change. Run it again after changing the profile:

    python tools/build_templates.py
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.hdrftr import FooterPart

from govreport.kinds import KINDS
from govreport.rendering.closing import character_spacing
from govreport.rendering.rows import CELL_PADDING, FORM, FORM_COLUMNS
from govreport.vocabulary.gbt9704 import profile

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "src" / "govreport" / "templates"
PROFILE = profile()
STYLE_IDS = {
    "title": "GRTitle", "heading1": "GRHeading1", "heading2": "GRHeading2",
    "heading3": "GRHeading3", "heading4": "GRHeading4", "body": "GRBody", "signature": "GRSignature", "date": "GRDate",
    "appendix": "GRAppendix", "table_title": "GRTableTitle", "table_note": "GRTableNote",
    "table_cell": "GRTableCell", "table_subtitle": "GRTableSubtitle", "spacer": "GRSpacer",
}
STYLE_NAMES = {
    "title": "公文标题", "heading1": "一级标题", "heading2": "二级标题", "heading3": "三级标题", "heading4": "四级标题",
    "body": "公文正文", "signature": "落款署名", "date": "成文日期", "appendix": "附件标识",
    "table_title": "附表标题", "table_note": "附表单位", "table_cell": "附表文字",
    "table_subtitle": "附表副标题", "spacer": "表间距",
}
TYPE_AREA = PROFILE["page"]["width"] - PROFILE["page"]["margin_left"] - PROFILE["page"]["margin_right"]
# Body-size text is condensed so that chars_per_line characters fill a line (see character_spacing).
BODY_SPACING = character_spacing(PROFILE)


def rpr(font: str, size: float, bold: bool = False, spacing: int = 0) -> str:
    latin = PROFILE["latin_font"]
    half_points = round(size * 2)
    return (
        f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{font}" w:cs="{latin}"/>'
        + ("<w:b/>" if bold else "")
        + (f'<w:spacing w:val="{spacing}"/>' if spacing else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )


def style_ppr(spec: dict, in_table: bool = False) -> str:
    # Punctuation may pass the right edge: Word's default, written out because LibreOffice reads it inverted,
    # as "no hanging punctuation" — and a mark it hangs at the end of a justified line is lost from the PDF.
    parts = ['<w:overflowPunct w:val="1"/>']
    if spec.get("snap_to_grid") is False or in_table:
        parts.append('<w:snapToGrid w:val="0"/>')
    if spec.get("outline") is not None:
        parts.append(f'<w:outlineLvl w:val="{spec["outline"]}"/>')
    if in_table:
        parts.append('<w:spacing w:line="300" w:lineRule="exact" w:before="0" w:after="0"/>')
    else:
        line = spec.get("line", PROFILE["page"]["line_spacing"])
        parts.append(f'<w:spacing w:line="{line}" w:lineRule="exact" w:before="0" w:after="0"/>')
    size_twips = round(spec["size"] * 20)
    if spec.get("indent_chars"):
        chars = spec["indent_chars"]
        parts.append(f'<w:ind w:firstLineChars="{chars * 100}" w:firstLine="{chars * size_twips}"/>')
    elif spec.get("right_chars"):
        chars = spec["right_chars"]
        parts.append(f'<w:ind w:rightChars="{chars * 100}" w:right="{chars * size_twips}"/>')
    else:
        parts.append('<w:ind w:firstLine="0" w:firstLineChars="0"/>')
    parts.append(f'<w:jc w:val="{spec["align"]}"/>')
    order = ["overflowPunct", "snapToGrid", "spacing", "ind", "jc", "outlineLvl"]  # schema order inside pPr
    parts.sort(key=lambda x: next(i for i, tag in enumerate(order) if f"<w:{tag}" in x))
    return "".join(parts)


def add_styles(document: docx.document.Document) -> None:
    body = PROFILE["styles"]["body"]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr_default.clear()
    rpr_default.append(parse_xml(f"<w:rPr {nsdecls('w')}>" + rpr(body["font"], body["size"])[7:]))
    for key, spec in PROFILE["styles"].items():
        style = document.styles.add_style(STYLE_NAMES[key], WD_STYLE_TYPE.PARAGRAPH)
        element = style.element
        element.set(qn("w:styleId"), STYLE_IDS[key])
        element.append(parse_xml(f"<w:qFormat {nsdecls('w')}/>"))
        element.append(parse_xml(f"<w:pPr {nsdecls('w')}>{style_ppr(spec, key == 'table_cell')}</w:pPr>"))
        spacing = BODY_SPACING if spec["size"] == body["size"] and key != "title" else 0
        element.append(parse_xml(
            f"<w:rPr {nsdecls('w')}>" + rpr(spec["font"], spec["size"], spacing=spacing)[7:]
        ))


def paragraph(style: str, text: str = "", page_break: bool = False, keep_next: bool = False, props: str = "") -> str:
    """A paragraph of ``style``; ``props`` are paragraph properties after the page-flow ones (w:ind, w:jc)."""
    spec = PROFILE["styles"][style]
    extra = ("<w:keepNext/>" if keep_next else "") + ("<w:pageBreakBefore/>" if page_break else "") + props
    run = f"<w:r>{rpr(spec['font'], spec['size'])}<w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r>" if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS[style]}"/>{extra}</w:pPr>{run}</w:p>'


def tag(text: str) -> str:
    """A paragraph that holds only a docxtpl paragraph-level tag ({%p … %})."""
    return f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def cell(text: str, width: int | str, span: int = 1, bold: bool = False, align: str = "center",
         vmerge: str = "", shade: bool = False, open_edges: tuple[str, ...] | str = ()) -> str:
    """A table cell; ``open_edges`` (top, bottom) drops those borders so cells read as one column label.

    ``width`` may be a Jinja expression (widths worked out per report), and ``open_edges`` Jinja that
    writes the dropped edges.
    """
    spec = PROFILE["styles"]["table_cell"]
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>'
    if open_edges:
        edges = open_edges if isinstance(open_edges, str) else "".join(f'<w:{edge} w:val="nil"/>' for edge in open_edges)
        props += f"<w:tcBorders>{edges}</w:tcBorders>"
    if shade:
        props += '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
    props += '<w:vAlign w:val="center"/>'
    run = (f"<w:r>{rpr(spec['font'], spec['size'], bold)}<w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r>"
           if text else "")
    return (f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"GRTableCell\"/>"
            f"<w:jc w:val=\"{align}\"/></w:pPr>{run}</w:p></w:tc>")


def loop_cell(items: str, width: int | str, span: int = 1, vmerge: str = "") -> str:
    """A cell holding one paragraph per item of a list in the context ({%p for %} inside the cell)."""
    spec = PROFILE["styles"]["table_cell"]
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
    props += (f'<w:vMerge w:val="{vmerge}"/>' if vmerge else "") + '<w:vAlign w:val="center"/>'
    text = (f'<w:p><w:pPr><w:pStyle w:val="GRTableCell"/><w:jc w:val="both"/></w:pPr>'
            f"<w:r>{rpr(spec['font'], spec['size'])}<w:t xml:space=\"preserve\">{{{{ item }}}}</w:t></w:r></w:p>")
    return (f"<w:tc><w:tcPr>{props}</w:tcPr>{tag(f'{{%p for item in {items} %}}')}{text}{tag('{%p endfor %}')}</w:tc>")


def row(cells: list[str], header: bool = False) -> str:
    props = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tag_row(text: str, columns: int) -> str:
    """A row whose first cell holds a docxtpl row tag ({%tr … %})."""
    return row([cell(text, TYPE_AREA, span=columns)])


def table(widths: list[int] | list[str], rows: list[str]) -> str:
    """A table across the type area; ``widths`` may be Jinja expressions, which add up to the type area."""
    total = sum(widths) if all(isinstance(w, int) for w in widths) else TYPE_AREA
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:left w:w="{CELL_PADDING // 2}" w:type="dxa"/><w:right w:w="{CELL_PADDING // 2}" w:type="dxa"/>'
        "</w:tblCellMar>"
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def funds_tables() -> list[str]:
    """附件 资金使用情况表: the sources, then the uses (rendering/appendix.py), each a printed table."""
    return [
        tag('{%p if "funds" in appendix %}'),
        paragraph("appendix", '{{ appendix["funds"] }}', page_break=True),
        tag("{%p for t in funds_tables %}"),
        *printed_table("t"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
    ]


# "/" (nothing to explain) sits centred like the other short cells; an explanation reads from the left.
DEVIATION_ALIGN = "{% if r.deviation|cell == not_applicable %}center{% else %}left{% endif %}"
# The figures of a score row, written by the filters; the execution row's 分值 comes from the figures too.
TARGET, ACTUAL = "{{ r.indicator|target_text }}", "{{ r.indicator|actual_text }}"
WEIGHT, SCORE, DEVIATION = "{{ r.weight|number }}", "{{ r.score|cell('amount') }}", "{{ r.deviation|cell }}"
# A 一级指标's subtotal, after its last row when the scoring profile requires subtotals.
SUBTOTAL_NAME, SUBTOTAL_WEIGHT, SUBTOTAL_SCORE = (
    "{{ r.subtotal.name }}小计", "{{ r.subtotal.weight|number }}", "{{ r.subtotal.score|amount }}")
# Indicators not applicable: which, and how the total comes of the rest (rendering/rows.py score_note).
SCORE_NOTE = ("{%p if score_note %}", "{{ score_note }}", "{%p endif %}")


def grid_width(grid: str, first: int, last: int | None = None) -> str:
    """The width of columns first..last (0-based) of a table whose column widths the context holds in ``grid``."""
    last = first if last is None else last
    return f"{{{{ {grid}[{first}] }}}}" if first == last else f"{{{{ {grid}[{first}:{last + 1}]|sum }}}}"


def group_edges(level: str) -> str:
    """Jinja for the borders a 一级/二级 label drops inside its group, so the group reads as one band.

    Every row writes its label: a merged cell would leave it blank on the page a long group continues on.
    """
    return (f'{{% if not r.first_of_{level} %}}<w:top w:val="nil"/>{{% endif %}}'
            f'{{% if not r.last_of_{level} %}}<w:bottom w:val="nil"/>{{% endif %}}')


def score_table() -> list[str]:
    """附件 绩效指标评分表 (rendering/appendix.py), a printed table with its note."""
    return [
        tag('{%p if "scores" in appendix %}'),
        paragraph("appendix", '{{ appendix["scores"] }}', page_break=True),
        *printed_table("score_table"),
        tag("{%p endif %}"),
    ]


def section_mark(landscape: bool) -> str:
    """A paragraph ending a section; rendering/sections.py fills the mark with the document's own page setup."""
    orient = ' w:orient="landscape"' if landscape else ""
    return f'<w:p><w:pPr><w:pStyle w:val="GRSpacer"/><w:sectPr><w:pgSz{orient}/></w:sectPr></w:pPr></w:p>'


def printed_cell(heading: bool) -> str:
    """A cell ``c`` of a printed table (rendering/printed.py): its width and span, the borders a group label
    drops inside its group, shading in a heading row, alignment and weight; its row ``row`` may keep with the next."""
    spec = PROFILE["styles"]["table_cell"]
    edges = ('{% if c.open_top or c.open_bottom %}<w:tcBorders>{% if c.open_top %}<w:top w:val="nil"/>{% endif %}'
             '{% if c.open_bottom %}<w:bottom w:val="nil"/>{% endif %}</w:tcBorders>{% endif %}')
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if heading else ""
    props = ('<w:tcW w:w="{{ c.width }}" w:type="dxa"/>{% if c.span > 1 %}<w:gridSpan w:val="{{ c.span }}"/>{% endif %}'
             f'{edges}{shade}<w:vAlign w:val="center"/>')
    run = rpr(spec["font"], spec["size"], bold=True).replace("<w:b/>", "{% if c.bold %}<w:b/>{% endif %}")
    text = f'{{% if c.text %}}<w:r>{run}<w:t xml:space="preserve">{{{{ c.printed }}}}</w:t></w:r>{{% endif %}}'
    return (f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="GRTableCell"/>'
            '{% if row.keep_next %}<w:keepNext/>{% endif %}<w:jc w:val="{{ c.align }}"/></w:pPr>'
            f"{text}</w:p></w:tc>")


def printed_table(name: str) -> list[str]:
    """Every table a report prints in its text, the Jinja expression ``name`` (rendering/printed.py): title,
    caption, heading rows repeated on each page, rows of spanning cells, the note; the grid and the widths are
    worked out per table, so rows and cells are plain Jinja loops rather than docxtpl's. A table too wide for
    the portrait page stands on a landscape page of its own."""
    heads = (f"{{% for row in {name}.heads %}}"
             + row(["{% for c in row.cells %}" + printed_cell(True) + "{% endfor %}"], header=True) + "{% endfor %}")
    rows = (f"{{% for row in {name}.rows %}}"
            + row(["{% for c in row.cells %}" + printed_cell(False) + "{% endfor %}"]) + "{% endfor %}")
    grid = f'{{% for w in {name}.widths %}}<w:gridCol w:w="{{{{ w }}}}"/>{{% endfor %}}'
    frame = table([1], [heads + rows]).replace('<w:gridCol w:w="1"/>', grid)
    frame = frame.replace('<w:tblW w:w="1"', f'<w:tblW w:w="{{{{ {name}.widths|sum }}}}"')
    return [
        tag(f"{{%p if {name}.landscape %}}"), section_mark(False), tag("{%p endif %}"),
        tag(f"{{%p if {name}.title %}}"), paragraph("table_title", f"{{{{ {name}.title }}}}", keep_next=True),
        tag("{%p endif %}"),
        tag(f"{{%p if {name}.caption %}}"), paragraph("table_note", f"{{{{ {name}.caption }}}}", keep_next=True),
        tag("{%p endif %}"),
        frame,
        tag(f"{{%p if {name}.note %}}"), paragraph("table_note", f"{{{{ {name}.note }}}}"), tag("{%p endif %}"),
        tag(f"{{%p if {name}.landscape %}}"), section_mark(True), tag("{%p else %}"), paragraph("table_note"),
        tag("{%p endif %}"),
    ]


def body_table() -> list[str]:
    """A table of the body (rendering/body_table.py), printed as every other table is."""
    return printed_table("b.table")


def outline_xml(title: str = "{{ title }}", new_page: bool = False) -> list[str]:
    """The title, the numbered blocks a content template collected, then signature and date."""
    levels = [("1", "heading1"), ("2", "heading2"), ("3", "heading3"), ("4", "heading4")]
    parts = [paragraph("title", title, page_break=new_page), paragraph("body"), tag("{%p for b in blocks %}")]
    if title == "{{ title }}":  # the title's lines, broken where title_lines chose
        broken = ('{% for line in title_lines %}{% if not loop.first %}</w:t><w:br/><w:t xml:space="preserve">'
                  "{% endif %}{{ line }}{% endfor %}")
        parts[0] = parts[0].replace("{{ title }}", broken)
    for i, (level, style) in enumerate(levels):
        keyword = "if" if i == 0 else "elif"
        parts += [tag(f"{{%p {keyword} b.level == {level} %}}"),
                  paragraph(style, "{{ b.number }}{{ b.text }}").replace(
                      "</w:pPr>", "{% if not b.alone or loop.last %}<w:keepNext/>{% endif %}</w:pPr>", 1)]
    # The last paragraph, the blank lines and the signature keep together: a signature never stands alone on a page.
    # A paragraph longer than a page is let split without widow control: LibreOffice otherwise moves it whole to
    # the next page, leaving most of a page empty; Word splits it either way.
    last_keeps = paragraph("body", "{{ b.text }}").replace(
        "</w:pPr>", '{% if loop.last %}<w:keepNext/>{% endif %}{% if b.page_long %}<w:widowControl w:val="0"/>{% endif %}'
                    "</w:pPr>")
    parts += [tag("{%p elif b.table %}"), *body_table(), tag("{%p else %}"), last_keeps, tag("{%p endif %}"),
              tag("{%p endfor %}")]
    # Signature and date stand where GB/T 9704 7.3.5 puts them: indents worked out per report (rendering/closing.py).
    signature = '<w:ind w:rightChars="0" w:right="{{ closing.signature[loop.index0] }}"/>'
    date = ('<w:ind w:leftChars="0" w:left="{{ closing.date_left }}" w:rightChars="0" w:right="{{ closing.date_right }}"/>'
            '<w:jc w:val="{{ closing.date_align }}"/>')
    parts += [paragraph("body", keep_next=True), paragraph("body", keep_next=True),
              tag("{%p for line in signature_lines %}"), paragraph("signature", "{{ line }}", keep_next=True, props=signature),
              tag("{%p endfor %}"), paragraph("date", "{{ date }}", props=date)]
    return parts


def attachments_xml() -> list[str]:
    """Text appendices a county template adds (doc.attach), after the tables, each on a new page."""
    return [
        tag("{%p for a in attachments %}"),
        paragraph("appendix", "{{ a.label }}", page_break=True),
        paragraph("table_title", "{{ a.title }}"),
        paragraph("body"),
        tag("{%p for text in a.paragraphs %}"),
        paragraph("body", "{{ text }}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
    ]


def outline_document_xml() -> str:
    """The document every kind written by outline prints with (templates/report.docx): the outline, then text
    appendices. Issued as the 附件 of a 印发通知 (``notice``, rendering/outline.py): the notice (发文字号, title,
    主送机关, text, 附件说明 one line below the text 左空二字, signature and date), then on a new page the document
    as GB/T 9704-2012 lays out an attachment: "附件" in 3号黑体 顶格 on the first line, its title centred on the
    third, then the text without a closing of its own. A document not signed (a plan's meta.signed false) ends with
    its text."""
    outline = outline_xml()
    closing_at = outline.index(tag("{%p for line in signature_lines %}")) - 2  # the two blank lines before it
    head, blocks, closing = outline[:2], outline[2:closing_at], outline[closing_at:]
    flush = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
    notice = [
        tag("{%p if notice.number %}"),
        paragraph("body", "{{ notice.number }}", props=flush + '<w:jc w:val="center"/>'),
        paragraph("body"),
        tag("{%p endif %}"),
        *head,
        paragraph("body", "{{ notice.recipients }}", props=flush),
        tag("{%p for text in notice.paragraphs %}"),
        paragraph("body", "{{ text }}"),
        tag("{%p endfor %}"),
        paragraph("body"),
        paragraph("body", "{{ notice.attachment }}", keep_next=True),
        *closing,
        paragraph("appendix", "附件", page_break=True),
        paragraph("body"),
        paragraph("title", "{{ notice.title }}"),
        paragraph("body"),
    ]
    return "".join([tag("{%p if notice %}"), *notice, tag("{%p else %}"), *head, tag("{%p endif %}"),
                    *blocks, tag("{%p if not notice and (signature_lines or date) %}"), *closing, tag("{%p endif %}"),
                    *attachments_xml()])


def performance_evaluation_xml() -> str:
    return "".join(outline_xml() + funds_tables() + score_table() + attachments_xml())


def form_cell(text: str, grid: str, first: int, last: int | None = None, **options) -> str:
    """A cell of the form's columns first..last (0-based) in the table whose widths are ``grid``."""
    span = (first if last is None else last) - first + 1
    return cell(text, grid_width(grid, first, last), span=span, **options)


def form_loop_cell(items: str, grid: str, first: int, last: int) -> str:
    """A ``loop_cell`` over the form's columns first..last (0-based) in the table whose widths are ``grid``."""
    return loop_cell(items, grid_width(grid, first, last), last - first + 1)


# A 项目资金 row's figures in column order, each through its filter ("/" where 分值 and 得分 do not apply).
FUND_FIGURES = ("initial|amount", "budget|amount", "spent|amount", "weight|cell('number')", "rate|percent",
                "score|cell('amount')")


def self_evaluation_form() -> list[str]:
    header = {"bold": True, "shade": True}
    fund_heads = [f"{{{{ fund_heads[{i}] }}}}" for i in range(6)]
    form, listing = "form_widths", "indicator_widths"
    project, parties, fund, goals = FORM.project, FORM.parties, FORM.fund, FORM.goals
    indicator, subtotal, total, grade = FORM.indicator, FORM.subtotal, FORM.total, FORM.grade
    summary = table([grid_width(form, i) for i in range(FORM_COLUMNS)], [
        row([form_cell("项目名称", form, *project[0], **header),
             form_cell("{{ project }}", form, *project[1], align="left")]),
        row([form_cell("主管部门", form, *parties[0], **header),
             form_cell("{{ data.meta.department }}", form, *parties[1], align="left"),
             form_cell("实施单位", form, *parties[2], **header),
             form_cell("{{ implementer }}", form, *parties[3], align="left")]),
        row([form_cell("项目资金（{{ fig.funds.unit }}）", form, *fund[0], vmerge="restart", **header),
             form_cell("", form, *fund[1], **header)]
            + [form_cell(h, form, *span, **header) for h, span in zip(fund_heads, fund[2:], strict=True)]),
        tag_row("{%tr for f in fund_rows %}", FORM_COLUMNS),
        row([form_cell("", form, *fund[0], vmerge="continue"), form_cell("{{ f.name }}", form, *fund[1], align="left")]
            + [form_cell(f"{{{{ f.{key} }}}}", form, *span) for key, span in zip(FUND_FIGURES, fund[2:], strict=True)]),
        tag_row("{%tr endfor %}", FORM_COLUMNS),
        row([form_cell("年度总体目标", form, *goals[0], vmerge="restart", **header),
             form_cell("预期目标", form, *goals[1], **header), form_cell("实际完成情况", form, *goals[2], **header)]),
        row([form_cell("", form, *goals[0], vmerge="continue"),
             form_loop_cell("goals_expected", form, *goals[1]), form_loop_cell("goals_actual", form, *goals[2])]),
    ])
    indicators = table([grid_width(listing, i) for i in range(FORM_COLUMNS)], [
        row([form_cell("绩效指标", listing, *indicator[0], open_edges=("bottom",), **header)]
            + [form_cell(f"{{{{ indicator_heads[{i}] }}}}", listing, *span, **header)
               for i, span in enumerate(indicator[1:])],
            header=True),
        tag_row("{%tr for r in score_rows %}", FORM_COLUMNS),
        row([form_cell("", listing, *indicator[0], shade=True, open_edges=("top", "bottom")),
             form_cell("{{ r.level1 }}", listing, *indicator[1], open_edges=group_edges("level1")),
             form_cell("{{ r.level2 }}", listing, *indicator[2], open_edges=group_edges("level2")),
             form_cell("{{ r.name }}", listing, *indicator[3], align="left"),
             form_cell(TARGET, listing, *indicator[4]), form_cell(ACTUAL, listing, *indicator[5]),
             form_cell(WEIGHT, listing, *indicator[6]), form_cell(SCORE, listing, *indicator[7]),
             form_cell(DEVIATION, listing, *indicator[8], align=DEVIATION_ALIGN)]),
        tag_row("{%tr if r.subtotal %}", FORM_COLUMNS),
        row([form_cell("", listing, *subtotal[0], shade=True, open_edges=("top", "bottom")),
             form_cell(SUBTOTAL_NAME, listing, *subtotal[1], bold=True),
             form_cell(SUBTOTAL_WEIGHT, listing, *subtotal[2], bold=True),
             form_cell(SUBTOTAL_SCORE, listing, *subtotal[3], bold=True), form_cell("", listing, *subtotal[4])]),
        tag_row("{%tr endif %}", FORM_COLUMNS),
        tag_row("{%tr endfor %}", FORM_COLUMNS),
        row([form_cell("总分", listing, *total[0], bold=True),
             form_cell("{{ fig.weight_total|number }}", listing, *total[1], bold=True),
             form_cell("{{ fig.total|amount }}", listing, *total[2], bold=True), form_cell("", listing, *total[3])]),
        row([form_cell("自评等级", listing, *grade[0], bold=True),
             form_cell("{{ fig.grade }}", listing, *grade[1], bold=True)]),
    ])
    return [
        paragraph("table_title", "项目支出绩效自评表"),
        paragraph("table_subtitle", "{{ year_label }}"),
        summary,
        paragraph("spacer"),
        indicators,
        tag(SCORE_NOTE[0]),
        paragraph("table_note", SCORE_NOTE[1]),
        tag(SCORE_NOTE[2]),
        paragraph("table_note", "填报单位：{{ signature }}　　填报日期：{{ date }}"),
    ]


def self_evaluation_xml() -> str:
    return "".join(self_evaluation_form() + outline_xml("{{ report_title }}", new_page=True) + attachments_xml())


def footer_xml(align: str) -> str:
    spec = PROFILE["page_number"]
    props = rpr(spec["font"], spec["size"])
    one_char = round(spec["size"] * 20)
    indent = f'<w:ind w:{"right" if align == "right" else "left"}="{one_char}"/>'
    dash = spec["dash"]
    return (
        f"<w:ftr {nsdecls('w')}><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/>{indent}"
        f"<w:jc w:val=\"{align}\"/></w:pPr>"
        f"<w:r>{props}<w:t xml:space=\"preserve\">{dash} </w:t></w:r>"
        f"<w:r>{props}<w:fldChar w:fldCharType=\"begin\"/></w:r>"
        f"<w:r>{props}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        f"<w:r>{props}<w:fldChar w:fldCharType=\"separate\"/></w:r>"
        f"<w:r>{props}<w:t>1</w:t></w:r>"
        f"<w:r>{props}<w:fldChar w:fldCharType=\"end\"/></w:r>"
        f"<w:r>{props}<w:t xml:space=\"preserve\"> {dash}</w:t></w:r></w:p></w:ftr>"
    )


def add_footer(document: docx.document.Document, kind: str, align: str) -> str:
    part = document.part
    footer = FooterPart.new(part.package)
    footer._element = parse_xml(footer_xml(align))
    return f'<w:footerReference {nsdecls("w", "r")} w:type="{kind}" r:id="{part.relate_to(footer, RT.FOOTER)}"/>'


def section_xml(document: docx.document.Document) -> str:
    page = PROFILE["page"]
    refs = add_footer(document, "default", PROFILE["page_number"]["odd"])
    refs += add_footer(document, "even", PROFILE["page_number"]["even"])
    return (
        f"<w:sectPr {nsdecls('w', 'r')}>{refs}"
        f'<w:pgSz w:w="{page["width"]}" w:h="{page["height"]}"/>'
        f'<w:pgMar w:top="{page["margin_top"]}" w:right="{page["margin_right"]}" '
        f'w:bottom="{page["margin_bottom"]}" w:left="{page["margin_left"]}" '
        f'w:header="{page["header"]}" w:footer="{page["footer"]}" w:gutter="0"/>'
        # A line grid only: a negative w:charSpace makes the cell narrower than a 16 pt character, and LibreOffice
        # then sets each character in two cells (14 to a line); the 28 come from the styles' condensed spacing.
        f'<w:docGrid w:type="lines" w:linePitch="{page["line_pitch"]}"/>'
        "</w:sectPr>"
    )


def build(body_xml: str, label: str) -> bytes:
    document = docx.Document()
    add_styles(document)
    document.settings.odd_and_even_pages_header_footer = True
    body = document.element.body
    for child in list(body):
        body.remove(child)
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>"):
        body.append(element)
    body.append(parse_xml(section_xml(document)))
    props = document.core_properties
    props.author = "govreport"
    props.title = label
    props.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


BUILDS = {  # the kinds with a document of their own; the others print with the outline document (templates/report.docx)
    "performance_evaluation": performance_evaluation_xml,
    "self_evaluation": self_evaluation_xml,
}


RED = "FF0000"


def letterhead_xml() -> str:
    """GB/T 9704 红头: the issuing office's mark in red, the document number, a red rule as wide as the type area."""
    mark = rpr(PROFILE["styles"]["title"]["font"], 42).replace("</w:rPr>", f'<w:color w:val="{RED}"/></w:rPr>')
    number = rpr(PROFILE["styles"]["body"]["font"], 16)
    centred = '<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>'
    return (
        f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="1984" w:after="0" w:line="840" w:lineRule="exact"/>'
        f"{centred}</w:pPr><w:r>{mark}<w:t>{{{{ data.meta.department }}}}文件</w:t></w:r></w:p>"
        + paragraph("body") + paragraph("body")
        + f'<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="18" w:space="11" w:color="{RED}"/></w:pBdr>'
        f"{centred}</w:pPr><w:r>{number}<w:t>{{{{ data.meta.doc_number or \"\" }}}}</w:t></w:r></w:p>"
        + paragraph("body") + paragraph("body")
    )


def letterhead_shell() -> bytes:
    from govreport.templatetools.scaffold import starter_shell

    document = docx.Document(io.BytesIO(starter_shell(KINDS["performance_evaluation"])))
    placeholder = document.element.body[0]
    for element in parse_xml(f"<w:body {nsdecls('w')}>{letterhead_xml()}</w:body>"):
        placeholder.addprevious(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    for folder, body in BUILDS.items():
        target = ROOT / folder / "report.docx"
        target.write_bytes(build(body(), KINDS[folder].label))
        print(f"wrote {target.relative_to(REPO)}")
    target = ROOT / "report.docx"
    target.write_bytes(build(outline_document_xml(), "公文"))
    print(f"wrote {target.relative_to(REPO)}")
    target = REPO / "templates" / "三亚市" / "performance_evaluation" / "shell.docx"
    target.write_bytes(letterhead_shell())
    print(f"wrote {target.relative_to(REPO)}")
