"""The command line as a user runs it, the JSON Schema file, and PDF through LibreOffice."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from govreport.cli import main
from govreport.kinds import KINDS

from .conftest import CONTRACT, ROOT

SCHEMAS = ROOT / "schemas"


def test_render_defaults_beside_the_data_named_after_the_report(tmp_path):
    data = tmp_path / "pe.json"
    shutil.copy(CONTRACT, data)
    result = CliRunner().invoke(main, ["render", str(data)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "三亚市民政局2025年健康扶贫保障资金项目绩效评价报告.docx"
    assert out.exists() and out.read_bytes()[:2] == b"PK"


def test_render_markdown_and_yaml_input(tmp_path):
    import yaml

    data = tmp_path / "pe.yaml"
    data.write_text(yaml.safe_dump(json.loads(CONTRACT.read_text(encoding="utf-8")), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 0, result.output
    assert "总得分93.57分" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_help_is_in_chinese():
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0
    assert "用法：" in result.output and "输出格式" in result.output and "选项：" in result.output
    result = CliRunner().invoke(main, ["batch", "--help"])
    assert "[必填]" in result.output and "[默认：1" in result.output and "required" not in result.output


def test_the_installed_command_runs_as_a_process(tmp_path):
    data = tmp_path / "pe.json"
    shutil.copy(CONTRACT, data)
    done = subprocess.run([sys.executable, "-m", "govreport", "validate", str(data)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "govreport", "render", str(bad)], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "JSON 格式错误" in done.stderr


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_file_is_kept_equal_to_the_models(kind):
    printed = CliRunner().invoke(main, ["schema", "--kind", kind]).output
    stored = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert json.loads(printed) == json.loads(stored), "run: govreport schema > schemas/…"
    assert "报告类型" in stored and ("成文日期" in stored or "填报日期" in stored)  # Chinese descriptions for people who edit by hand


@pytest.mark.libreoffice
def test_pdf_through_libreoffice(tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for this test"
    data = tmp_path / "pe.json"
    shutil.copy(CONTRACT, data)
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "93.57" in text and re.search(r"—\s*1\s*—", text) and re.search(r"—\s*8\s*—", text)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "LXGWWenKai" in fonts and "NotoSerifCJK" in fonts  # 楷体 and 仿宋 mapped to CJK faces
