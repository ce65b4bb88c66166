"""The public compiled DOCX engine, `govreport batch`, PDF conversion in groups and the font report."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docxtpl import DocxTemplate

import govreport
import govreport.docx
import govreport.pdf
from govreport.cli import main
from govreport.fonts import font_report, is_cjk_face, pdf_faces

from .conftest import CONTRACT, SAMPLES

FORM_CONTEXT = {
    "org": "三亚市民政局",
    "name": "A&B <医疗> 救助",
    "note": "第一行\n第二行",
    "rows": [{"item": "门诊", "count": 5000}, {"item": "住院", "count": 3000}],
    "amount": "12345.6",
}


def _form() -> bytes:
    """A caller's own form in docxtpl's tag syntax: a header, paragraphs, a {%tr%} loop, a filter."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ org }}"
    document.add_paragraph("申报项目：{{ name }}")
    document.add_paragraph("说明：{{ note }}")
    document.add_paragraph("金额：{{ amount|amount }}万元")
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "类别", "人次"
    table.cell(1, 0).text = "{%tr for r in rows %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ r.item }}", "{{ r.count }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _texts(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells + [document.sections[0].header.paragraphs[0].text]


def test_compiled_form_matches_docxtpl_and_escapes_data():
    form = govreport.docx.compile(_form())
    ours = form.render(FORM_CONTEXT)
    reference = DocxTemplate(io.BytesIO(_form()))
    reference.render(FORM_CONTEXT, jinja_env=govreport.docx.sandbox())
    theirs = io.BytesIO()
    reference.save(theirs)
    assert _texts(ours) == _texts(theirs.getvalue())
    texts = _texts(ours)
    assert "申报项目：A&B <医疗> 救助" in texts
    assert "金额：12,345.60万元" in texts
    assert texts[-5:] == ["门诊", "5000", "住院", "3000", "三亚市民政局"]
    body = docx.Document(io.BytesIO(ours)).element.body.xml
    assert "A&amp;B &lt;医疗&gt;" in body and "<w:br/>" in body  # escaped; the newline is a line break


def test_compiled_form_is_reusable_and_reproducible(tmp_path):
    path = tmp_path / "form.docx"
    path.write_bytes(_form())
    form = govreport.docx.compile(path)
    first = form.render(FORM_CONTEXT)
    other = form.render({**FORM_CONTEXT, "name": "另一个"})
    assert form.render(FORM_CONTEXT) == first
    assert "申报项目：另一个" in _texts(other)


def test_compiled_form_is_sandboxed_and_strict():
    document = docx.Document()
    document.add_paragraph("{{ name.__class__.__mro__ }}")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(govreport.TemplateFault, match="沙箱"):
        govreport.docx.compile(buffer.getvalue()).render({"name": "x"})
    with pytest.raises(govreport.TemplateFault, match="不存在的变量"):
        govreport.docx.compile(_form()).render({"org": "x"})
    with pytest.raises(govreport.TemplateFault, match="不是有效的 Word 文档"):
        govreport.docx.compile(b"PK not really")


def test_template_code_in_data_is_not_run():
    result = govreport.docx.compile(_form()).render({**FORM_CONTEXT, "name": "{{ 7*7 }}{% if 1 %}x{% endif %}"})
    assert "申报项目：{{ 7*7 }}{% if 1 %}x{% endif %}" in _texts(result)


@pytest.fixture
def mixed_folder(tmp_path):
    """JSON, YAML and XLSX data, one broken file, one file that is not data."""
    folder = tmp_path / "in"
    (folder / "县区").mkdir(parents=True)
    shutil.copy(CONTRACT, folder / "pe.json")
    shutil.copy(SAMPLES / "work_summary.json", folder / "县区" / "ws.json")
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(SAMPLES / "self_evaluation.json"), "-o", str(folder / "se.yaml")]).exit_code == 0
    assert runner.invoke(main, ["convert", str(SAMPLES / "sanya_mof2020.json"), "-o", str(folder / "mof.xlsx")]).exit_code == 0
    (folder / "broken.json").write_text('{"kind": "performance_evaluation", "meta": {}}', encoding="utf-8")
    (folder / "readme.txt").write_text("not data", encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_isolates_a_failure_and_lists_it(tmp_path, mixed_folder, jobs):
    out = tmp_path / "out"
    out.mkdir()
    (out / "broken.docx").write_bytes(b"last year's")
    result = CliRunner().invoke(main, ["batch", str(mixed_folder), "-o", str(out), "--jobs", jobs])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["broken.docx", "mof.docx", "pe.docx", "se.docx", "ws.docx"]
    assert (out / "broken.docx").read_bytes() == b"last year's"
    assert "已生成 4 份，失败 1 份" in result.output
    assert "broken.json：数据有 7 处错误" in result.output and "meta.department：缺少必填字段" in result.output
    assert govreport.render(govreport.load(CONTRACT)) == (out / "pe.docx").read_bytes()


def test_batch_takes_globs_and_exits_0_when_all_render(tmp_path, mixed_folder):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(mixed_folder / "*.json"), str(mixed_folder / "*.yaml"),
                                       "-o", str(out), "-f", "md"])
    assert result.exit_code == 1  # broken.json is among *.json
    result = CliRunner().invoke(main, ["batch", str(mixed_folder / "p*.json"), str(mixed_folder / "*.yaml"),
                                       "-o", str(out), "-f", "md"])
    assert result.exit_code == 0, result.output
    assert "总得分93.57分" in (out / "pe.md").read_text(encoding="utf-8")


def test_batch_with_nothing_to_do(tmp_path):
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "*.json"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "没有可生成的数据文件" in result.output


def test_same_stems_in_different_folders_get_distinct_names(tmp_path):
    from govreport.batch import output_names

    sources = [tmp_path / "a" / "data.json", tmp_path / "b" / "data.json", tmp_path / "c" / "other.json"]
    assert output_names(sources) == ["a-data", "b-data", "other"]
    assert output_names([tmp_path / "a" / "b.json", tmp_path / "a" / "b.yaml"]) == ["b-json", "b-yaml"]


def test_missing_libreoffice_is_one_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(govreport.pdf.shutil, "which", lambda name: None)
    result = CliRunner().invoke(main, ["batch", str(CONTRACT), "-o", str(tmp_path / "out"), "-f", "pdf"])
    assert result.exit_code == 2 and "apt-get install libreoffice-writer-nogui" in result.output


def test_font_report_warns_when_a_chinese_face_falls_back_to_a_latin_one(monkeypatch):
    monkeypatch.setattr("govreport.fonts.resolved_face", lambda name: "DejaVu Serif")
    pdf = b"<< /Type /Font /BaseFont /ABCDEF+DejaVuSerif >> << /BaseFont /LiberationSerif-Bold >>"
    report = font_report(pdf, govreport.render(govreport.load(CONTRACT)))
    assert report.faces == ["DejaVuSerif", "LiberationSerif-Bold"]
    assert report.substitutions["仿宋_GB2312"] == "DejaVu Serif"
    assert any("“仿宋_GB2312”回退为西文字体“DejaVu Serif”" in w for w in report.warnings)
    assert any("没有使用任何中文字体" in w for w in report.warnings)
    assert is_cjk_face("NotoSerifCJKjp-Regular") and is_cjk_face("UKaiCN") and not is_cjk_face("LiberationSerif")
    assert pdf_faces(b"/BaseFont/XYZABC+NotoSansCJKsc-Bold") == ["NotoSansCJKsc-Bold"]


@pytest.mark.libreoffice
def test_batch_docx_and_pdf_in_one_run_with_one_libreoffice_start(tmp_path, mixed_folder, monkeypatch):
    (mixed_folder / "broken.json").unlink()
    starts = []
    real_run, real_popen = subprocess.run, subprocess.Popen

    def counting(command, *args, **kwargs):
        if "soffice" in Path(command[0]).name:
            starts.append(command)
        return real_popen(command, *args, **kwargs)

    monkeypatch.setattr(govreport.pdf.subprocess, "Popen", counting)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(mixed_folder), "-o", str(out), "-f", "docx", "-f", "pdf"])
    assert result.exit_code == 0, result.output
    assert len(starts) == 1 and sum(str(a).endswith(".docx") for a in starts[0]) == 4
    assert sorted(p.name for p in out.iterdir()) == [f"{n}.{s}" for n in ("mof", "pe", "se", "ws") for s in ("docx", "pdf")]
    text = real_run(["pdftotext", str(out / "pe.pdf"), "-"], capture_output=True, text=True).stdout
    assert "三亚市民政局2025年健康扶贫保障资金项目" in text.replace(" ", "")
    assert "PDF 字体：" in result.output and "CJK" in result.output
    assert "回退为西文字体" not in result.output


def test_templates_compiled_in_an_earlier_run_still_escape_data(tmp_path, example):
    """The second process takes the prepared and compiled templates from the disk cache; & < > must still be
    escaped, and the output is the same whether the cache is filled, damaged or off."""
    import json
    import os
    import sys

    example["meta"]["project"] = "A&B<C>项目"
    data = tmp_path / "amp.json"
    data.write_text(json.dumps(example, ensure_ascii=False, default=str), encoding="utf-8")
    env = {**os.environ, "GOVREPORT_CACHE": str(tmp_path / "cache")}
    for run in range(2):
        out = tmp_path / f"r{run}.docx"
        done = subprocess.run([sys.executable, "-m", "govreport", "render", str(data), "-o", str(out)],
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "A&B<C>项目" in docx.Document(str(out)).paragraphs[0].text + docx.Document(str(out)).core_properties.title
    cached = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir() if not p.name.startswith("__jinja2"))
    assert cached == ["parts", "prepared"]
    assert (tmp_path / "r0.docx").read_bytes() == (tmp_path / "r1.docx").read_bytes()
    for stored in (tmp_path / "cache").iterdir():  # a damaged cache is rebuilt, never trusted
        if not stored.name.startswith("__jinja2"):
            stored.write_bytes(b"damaged")
    for run, setting in ((2, str(tmp_path / "cache")), (3, "")):  # "" turns the cache off
        out = tmp_path / f"r{run}.docx"
        done = subprocess.run([sys.executable, "-m", "govreport", "render", str(data), "-o", str(out)],
                              env={**env, "GOVREPORT_CACHE": setting}, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes() == (tmp_path / "r0.docx").read_bytes()
