"""A hostile or broken workbook is refused in Chinese, naming the file and the part, sheet or cell: exit code 2, no
traceback, no hang, nothing written. Each one is a valid workbook from ``govreport convert`` with members rewritten.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.cli import main
from govreport.errors import DataError, TemplateFault
from govreport.rendering.package import checked_docx
from govreport.workbook.read import read_workbook

from .conftest import CONTRACT, ROOT

SHEET = "xl/worksheets/sheet2.xml"  # 资金来源: A1:F4 of the contract example
STRINGS = "xl/sharedStrings.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XXE = b'<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
LAUGHS = b"<!DOCTYPE x [<!ENTITY a0 \"haha\">" + b"".join(
    b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10)) + b"]>"
MEMORY_LIMIT = 1 << 30  # a reader that builds what a bomb unpacks to dies here instead of passing


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("wb") / "pe.xlsx"
    assert CliRunner().invoke(main, ["convert", str(CONTRACT), "-o", str(out)]).exit_code == 0
    return out.read_bytes()


def _members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return {name: source.read(name) for name in source.namelist()}


def _rezipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return out.getvalue()


def _rewritten(package: bytes, **changes: Callable[[bytes], bytes]) -> bytes:
    """``package`` with members rewritten, keyed by part (``_`` for ``/``, ``__`` for ``.``)."""
    members = _members(package)
    for key, change in changes.items():
        name = key.replace("__", ".").replace("_", "/")
        members[name] = change(members.get(name, b""))
    return _rezipped(members)


def _with_shared_strings(package: bytes, strings: bytes) -> bytes:
    """A2 of 资金来源 (中央财政补助) taken from a shared-strings part, as Excel writes text, holding ``strings``."""
    members = _members(package)
    members[SHEET] = re.sub(rb'<c r="A2"[^>]*><is><t>[^<]*</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>', members[SHEET])
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    members[STRINGS] = strings
    return _rezipped(members)


def _strings(prolog: bytes, text: bytes) -> bytes:
    return prolog + b'<sst xmlns="%s" count="1" uniqueCount="1"><si><t>%s</t></si></sst>' % (MAIN.encode(), text)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in its own process, with a memory ceiling; the time limit makes a hang fail, not a slow run."""
    return subprocess.run([sys.executable, "-m", "govreport", *args], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, preexec_fn=_limited)


def _refused(tmp_path: Path, package: bytes) -> str:
    """What ``render`` and ``convert`` say about ``package``; both exit with 2, no traceback, nothing written."""
    path = tmp_path / "项目.xlsx"
    path.write_bytes(package)
    kept = tmp_path / "已有.json"
    kept.write_bytes(b'{"kept": true}')
    render = _run("render", str(path), "-o", str(tmp_path / "out.docx"))
    convert = _run("convert", str(path), "-o", str(kept), "--force")
    for result in (render, convert):
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert f"{path}：数据有" in result.stderr
    assert not (tmp_path / "out.docx").exists() and kept.read_bytes() == b'{"kept": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["已有.json", "项目.xlsx"]  # no temporary file left either
    return render.stderr


def test_the_workbook_itself_renders(tmp_path, workbook):
    path = tmp_path / "项目.xlsx"
    path.write_bytes(workbook)
    result = _run("render", str(path), "-o", str(tmp_path / "out.docx"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.docx").exists()


def test_external_entity_in_a_sheet(tmp_path, workbook):
    package = _rewritten(workbook, xl_worksheets_sheet2__xml=lambda x: XXE + x.replace(b"<t>&#20013;", b"<t>&secret;&#20013;"))
    assert "错误　xl/worksheets/sheet2.xml（“资金来源”表）：含有 DTD 或实体声明" in _refused(tmp_path, package)


def test_external_entity_in_shared_strings(tmp_path, workbook):
    package = _with_shared_strings(workbook, _strings(XXE, b"&secret;"))
    assert "错误　xl/sharedStrings.xml：含有 DTD 或实体声明" in _refused(tmp_path, package)


def test_billion_laughs_in_shared_strings(tmp_path, workbook):
    package = _with_shared_strings(workbook, _strings(LAUGHS, b"&a9;"))
    assert "错误　xl/sharedStrings.xml：含有 DTD 或实体声明" in _refused(tmp_path, package)


def test_a_dtd_hidden_in_utf16(tmp_path, workbook):
    def utf16(sheet: bytes) -> bytes:
        return ('<?xml version="1.0" encoding="UTF-16"?>' + XXE.decode() + sheet.decode()).encode("utf-16")

    assert "xl/worksheets/sheet2.xml（“资金来源”表）：含有 DTD 或实体声明" in _refused(tmp_path, _rewritten(workbook, xl_worksheets_sheet2__xml=utf16))


def test_a_sheet_cut_in_half(tmp_path, workbook):
    package = _rewritten(workbook, xl_worksheets_sheet3__xml=lambda x: x[: len(x) // 2])
    message = _refused(tmp_path, package)
    assert re.search(r"错误　xl/worksheets/sheet3\.xml（“资金用途”表）：XML 有误（第 1 行第 \d+ 列），文件不完整或已损坏", message)


def test_a_sheet_that_inflates_past_50_mb(tmp_path, workbook):
    filler = b"<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>" + b"x" * (60 << 20) + b"</t></is></c></row>"
    package = _rewritten(workbook, xl_worksheets_sheet3__xml=lambda x: x.replace(b"</sheetData>", filler + b"</sheetData>"))
    assert len(package) < 200_000  # a small file…
    assert "错误　xl/worksheets/sheet3.xml：解压后超过 50 MB，不像是一份正常的文件，已拒绝" in _refused(tmp_path, package)


def test_a_shared_string_that_inflates_past_50_mb(tmp_path, workbook):
    package = _with_shared_strings(workbook, _strings(b"", b"x" * (60 << 20)))
    assert "错误　xl/sharedStrings.xml：解压后超过 50 MB" in _refused(tmp_path, package)


def test_a_directory_that_understates_a_size(tmp_path, workbook):
    """Sizes patched small in both zip headers: the part inflates past them, and the mismatch refuses the file."""
    package = bytearray(_rewritten(workbook, xl_worksheets_sheet3__xml=lambda x: x + b" " * 5_000_000))
    name = b"xl/worksheets/sheet3.xml"
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = package.find(signature)
        while start != -1:
            header = 46 if signature == b"PK\x01\x02" else 30
            if package[start + header: start + header + len(name)] == name:
                package[start + offset: start + offset + 4] = (1000).to_bytes(4, "little")
            start = package.find(signature, start + 4)
    assert "不是有效的 Excel 工作簿" in _refused(tmp_path, bytes(package))


@pytest.mark.parametrize("damage", ["truncated", "not a zip"])
def test_broken_packages(tmp_path, workbook, damage):
    package = workbook[: len(workbook) // 2] if damage == "truncated" else b"PK\x03\x04 not really"
    assert "错误　不是有效的 Excel 工作簿（.xlsx）" in _refused(tmp_path, package)


def test_a_sheet_listed_without_its_part(tmp_path, workbook):
    """openpyxl leaves such a sheet out silently; its rows would be lost."""
    package = _rezipped({n: d for n, d in _members(workbook).items() if n != "xl/worksheets/sheet7.xml"})
    assert "错误　“问题”表：工作簿列有此表，但文件中缺少它的内容（xl/worksheets/sheet7.xml）" in _refused(tmp_path, package)


def test_a_cell_that_names_a_missing_shared_string(tmp_path, workbook):
    package = _with_shared_strings(workbook, _strings(b"", b"only one"))
    package = _rewritten(package, xl_worksheets_sheet2__xml=lambda x: x.replace(b'<v>0</v>', b'<v>7</v>', 1))
    assert "错误　“资金来源”表：无法读取：xl/worksheets/sheet2.xml 的内容不符合 Excel 工作簿的格式" in _refused(tmp_path, package)


@pytest.mark.parametrize("column", ["G", "AN", "AO", "XFD"])  # 7th, 40th, 41st and the last column Excel has
def test_a_filled_cell_beyond_the_columns_is_refused(tmp_path, workbook, column):
    def far(sheet: bytes) -> bytes:
        return sheet.replace(b'</row><row r="4">', b'<c r="%s3" t="n"><v>5</v></c></row><row r="4">' % column.encode())

    problems = _problems(_rewritten(workbook, xl_worksheets_sheet2__xml=far))
    assert problems == [f"资金来源!{column}3：此列不是本表的列，内容不会被读取；请删除，或移到相应的列（最近的是“允许超预算”列）"]


def test_a_header_beyond_column_40_is_refused_like_any_unknown_header(tmp_path, workbook):
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    book["绩效指标"]["AZ1"] = "分数"
    book["绩效指标"]["AZ2"] = 5
    out = io.BytesIO()
    book.save(out)
    assert _problems(out.getvalue()) == ["绩效指标!AZ1：未知的列“分数”，是否应为“分值”？"]


@pytest.mark.parametrize(("sheet", "cell", "nearest"), [("基本信息", "D5", "说明"), ("文字段落", "D3", "小节")])
def test_text_beside_the_key_value_and_paragraph_columns_is_refused(workbook, sheet, cell, nearest):
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    book[sheet][cell] = "补充说明"
    out = io.BytesIO()
    book.save(out)
    assert _problems(out.getvalue()) == [f"{sheet}!{cell}：此列不是本表的列，内容不会被读取；请删除，或移到相应的列（最近的是“{nearest}”列）"]


def test_a_stale_dimension_does_not_hide_rows(workbook):
    """A sheet that says it spans A1:A1 (other programs leave such) is read to its last row all the same."""
    package = _rewritten(workbook, xl_worksheets_sheet3__xml=lambda x: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', x))
    uses = read_workbook(package)["implementation"]["funds"]["uses"]
    assert [(u["name"], u["amount"]) for u in uses] == [
        ("医疗救助", Decimal("652.4")), ("基层医疗设施改善", Decimal("325.6")), ("健康教育与宣传", Decimal("116.0"))]


def test_more_cells_than_any_project_has_are_refused_quickly(tmp_path, workbook):
    """A million formatted but empty cells (17 bytes each): more than any project's data, refused, not ground through."""
    def formatted(sheet: bytes) -> bytes:
        cells = b"".join(b'<row r="%d">%s</row>' % (r, b'<c r="C%d" s="1"/>' % r * 100) for r in range(5, 10_005))
        return sheet.replace(b"</sheetData>", cells + b"</sheetData>")

    message = _refused(tmp_path, _rewritten(workbook, xl_worksheets_sheet3__xml=formatted))
    assert "错误　“资金用途”表：内容过多（单元格、格式等超过 100 万项），不像是一个项目的数据" in message


def test_a_million_column_widths_are_not_kept_in_memory(tmp_path, workbook):
    """Two million <col> elements before the data (44 MB unpacked, 140 KB packed): read in bounded memory, then refused."""
    def widths(sheet: bytes) -> bytes:
        return sheet.replace(b"<sheetData>", b"<cols>" + b'<col min="1" max="1"/>' * 2_000_000 + b"</cols><sheetData>", 1)

    assert "内容过多" in _refused(tmp_path, _rewritten(workbook, xl_worksheets_sheet3__xml=widths))


def test_dates_in_chinese_excel_formats_are_dates(workbook):
    """A date shown with built-in format 31 (yyyy"年"m"月"d"日", Chinese Excel) is read as the date, not its serial number."""
    def builtin(styles: bytes) -> bytes:
        styles = re.sub(rb'<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>', b"", styles)
        return styles.replace(b'numFmtId="164"', b'numFmtId="31"')

    assert b'numFmtId="164"' in _members(workbook)["xl/styles.xml"]
    data = read_workbook(_rewritten(workbook, xl_styles__xml=builtin))
    assert data["meta"]["date"] == dt.date(2026, 1, 20)


def _uses(rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["资金用途", "金额"])
    for _ in range(rows):
        sheet.append(["医疗救助", 1])
    out = io.BytesIO()
    book.save(out)
    return _members(out.getvalue())["xl/worksheets/sheet1.xml"]


def test_the_row_limit_counts_data_rows_not_the_header(workbook):
    at_limit = read_workbook(_rewritten(workbook, xl_worksheets_sheet3__xml=lambda _: _uses(5000)))
    assert len(at_limit["implementation"]["funds"]["uses"]) == 5000
    problems = _problems(_rewritten(workbook, xl_worksheets_sheet3__xml=lambda _: _uses(5001)))
    # rows 2‥5001 are the 5,000 data rows read; row 5002 is the first one past the limit
    assert "“资金用途”表：超过 5000 行数据（表头不计），不像是一个项目的数据；只读取了前 5000 行，第 5002 行起未读取" in problems


def test_blank_rows_past_the_limit_are_not_data(workbook):
    def blank_tail(sheet: bytes) -> bytes:
        rows = b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (r, r) for r in range(5, 9000))
        return sheet.replace(b"</sheetData>", rows + b"</sheetData>")

    data = read_workbook(_rewritten(workbook, xl_worksheets_sheet3__xml=blank_tail))
    assert len(data["implementation"]["funds"]["uses"]) == 3


def _problems(package: bytes) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_workbook(package, "项目.xlsx")
    return [f"{p.path}：{p.message}" for p in caught.value.problems]


MUTABLE = ("xl/workbook.xml", "xl/styles.xml", SHEET, "[Content_Types].xml", "xl/_rels/workbook.xml.rels")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(MUTABLE), at=st.floats(0, 1), cut=st.booleans(),
       garbage=st.sampled_from([b"", b"x", b'"', b"<", b"999999999", b"-1", b"ZZZZ99", b"&amp;", b"\xff", b"s", b"e"]))
def test_damaged_parts_are_read_or_refused_never_crash(workbook, part, at, cut, garbage):
    """Any part cut short or with a few bytes replaced: the data comes back or a DataError names the trouble."""
    members = _members(workbook)
    content = members[part]
    position = int(at * len(content))
    members[part] = content[:position] if cut else content[:position] + garbage + content[position + len(garbage):]
    try:
        read_workbook(_rezipped(members), "项目.xlsx")
    except DataError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


def test_docx_shells_share_the_package_checks(workbook):
    """The same reading guards a county's DOCX shell: a part cut short or a DTD in UTF-16 is refused by name."""
    shell = (ROOT / "templates" / "三亚市" / "performance_evaluation" / "shell.docx").read_bytes()
    members = _members(shell)
    document = members["word/document.xml"]
    cut = _rezipped({**members, "word/document.xml": document[: len(document) // 2]})
    with pytest.raises(TemplateFault, match=r"外壳 的 word/document\.xml XML 有误"):
        checked_docx(cut, "外壳")
    body = document.split(b"?>", 1)[1].decode()
    hidden = ('<?xml version="1.0" encoding="UTF-16"?>' + XXE.decode() + body).encode("utf-16")
    with pytest.raises(TemplateFault, match=r"外壳 的 word/document\.xml 含有 DTD 或实体声明"):
        checked_docx(_rezipped({**members, "word/document.xml": hidden}), "外壳")
