"""The HTTP API of ``govreport serve``: every endpoint and error code, the same bytes as the command line, faults.

Most tests go through Starlette's test client with the application's real
lifetime (worker processes, a warm LibreOffice); the ones about the wire
(a body refused from its headers, a client that vanishes mid-upload) run a
real ``govreport serve`` on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import docx
import httpx
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

import govreport
from govreport.cli import main
from govreport.kinds import KINDS
from govreport.server import ServerConfig, create_app
from govreport.server import office as office_module
from govreport.server.config import check_binding, is_loopback, read_token

from .conftest import CONTRACT, SAMPLES, dump
from .server_helpers import ROOT, free_port, left_files, live_server, sheet_names, workbook_with_two_errors

TEMPLATES = {"三亚市": (ROOT / "templates" / "三亚市").resolve(), "秀山县": (ROOT / "templates" / "秀山县").resolve()}
TOKEN = "a-token-long-enough-to-count"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def server():
    """One application for the module: two workers, one warm LibreOffice, the two example county folders."""
    app = create_app(ServerConfig(templates=TEMPLATES, workers=2, pdf_instances=1))
    with TestClient(app) as client:
        yield client, app.state.server


@pytest.fixture
def client(server):
    return server[0]


@pytest.fixture
def state(server):
    return server[1]


def cli_render(tmp_path: Path, source: Path, fmt: str, *args: str) -> bytes:
    out = tmp_path / f"cli.{fmt}"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def post_file(client: TestClient, path: str, source: Path, name: str | None = None, **params) -> httpx.Response:
    return client.post(path, params=params, files={"file": (name or source.name, source.read_bytes())})


# ---- the same bytes as the command line ----

@pytest.mark.parametrize(("sample", "fmt"), [
    ("performance_evaluation.json", "docx"), ("performance_evaluation.json", "md"), ("performance_evaluation.json", "html"),
    ("self_evaluation.json", "xlsx"), ("self_evaluation.json", "docx"), ("work_summary.json", "docx"),
    ("xiushan_work_summary_2004.json", "html"),
])
def test_render_gives_the_bytes_govreport_render_writes(client, tmp_path, sample, fmt):
    expected = cli_render(tmp_path, SAMPLES / sample, fmt)
    as_file = post_file(client, "/api/v1/render", SAMPLES / sample, format=fmt)
    as_body = client.post("/api/v1/render", params={"format": fmt}, content=(SAMPLES / sample).read_bytes(),
                          headers={"content-type": "application/json"})
    assert as_file.status_code == 200 and as_file.content == expected
    assert as_body.status_code == 200 and as_body.content == expected
    assert as_file.headers["x-govreport-warnings"] == str(len(govreport.load(SAMPLES / sample).warnings))


def test_a_workbook_upload_and_a_county_folder_give_the_command_lines_bytes(client, tmp_path):
    workbook = tmp_path / "数据.xlsx"
    assert CliRunner().invoke(main, ["convert", str(SAMPLES / "sanya_health_poverty_2025.json"), "-o", str(workbook)]).exit_code == 0
    expected = cli_render(tmp_path, workbook, "docx", "-t", str(TEMPLATES["三亚市"]))
    answer = post_file(client, "/api/v1/render", workbook, format="docx", templates="三亚市")
    assert answer.status_code == 200 and answer.content == expected
    assert answer.content != post_file(client, "/api/v1/render", workbook, format="docx").content  # the shell is used


def test_the_file_name_offered_is_the_reports_title(client):
    answer = post_file(client, "/api/v1/render", CONTRACT, format="docx")
    title = govreport.render(govreport.load(CONTRACT), "docx").title
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert f"filename*=UTF-8''{httpx.URL('/' + title).raw_path.decode()[1:]}.docx" in answer.headers["content-disposition"]


@pytest.mark.libreoffice
def test_a_pdf_through_the_warm_libreoffice_reads_as_the_command_lines(client, state, tmp_path):
    expected = cli_render(tmp_path, CONTRACT, "pdf")
    office = state.offices.offices[0]
    answers = [post_file(client, "/api/v1/render", CONTRACT, format="pdf") for _ in range(2)]
    started = office.process.pid
    answers.append(post_file(client, "/api/v1/render", CONTRACT, format="pdf"))
    assert office.process.pid == started  # kept warm: no LibreOffice start per request
    for answer in answers:
        assert answer.status_code == 200 and answer.content[:5] == b"%PDF-"
        assert _pdf_text(answer.content, tmp_path) == _pdf_text(expected, tmp_path)


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


# ---- the HTML preview: the DOCX's headings, numbering, figures and tables ----

class _Text(HTMLParser):
    """Heading and paragraph texts in order, and the tables as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._tag: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "p", "td", "th"):
            self._tag, self._text = tag, ""
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])

    def handle_data(self, data):
        if self._tag:
            self._text += data

    def handle_endtag(self, tag):
        if tag != self._tag:
            return
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self._text.strip())
        else:
            self.blocks.append(self._text.strip())
        self._tag = None


def _html(content: bytes) -> _Text:
    parsed = _Text()
    parsed.feed(content.decode("utf-8"))
    return parsed


def _docx_cells(table) -> list[list[str]]:
    """A DOCX table's rows, a merged cell once, in its first row (python-docx repeats it in every cell it spans)."""
    rows, seen = [], []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if not any(cell._tc is earlier for earlier in seen):
                seen.append(cell._tc)
                cells.append(cell.text.replace("\n", "").strip())  # a heading broken onto two lines is one text
        rows.append(cells)
    return rows


@pytest.mark.parametrize("sample", ["sanya_health_poverty_2025.json", "sanya_mof2020.json", "work_summary.json",
                                    "xiushan_work_summary_2004.json"])
def test_the_html_has_the_docx_paragraphs_headings_and_tables_in_order(sample):
    report = govreport.load(SAMPLES / sample)
    html = _html(govreport.render(report, "html"))
    document = docx.Document(io.BytesIO(govreport.render(report, "docx")))
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    title = html.blocks[0]  # the title's lines, one heading in HTML
    assert "".join(paragraphs[:3]).replace("\n", "").startswith(title)
    body = [b for b in html.blocks[1:] if b]
    assert [p for p in paragraphs if p in body] == body  # every heading (with its number) and paragraph, in order
    assert re.search(r"^一、", body[0] if body[0].startswith("一、") else next(b for b in body if b.startswith("一、")))
    for html_table, docx_table in zip(html.tables, document.tables, strict=True):
        rows = [[c for c in row if c] for row in html_table]
        assert rows == [[c for c in row if c] for row in _docx_cells(docx_table)]


def test_the_self_evaluation_form_in_html_has_the_forms_cells(client):
    report = govreport.load(SAMPLES / "self_evaluation.json")
    html = _html(govreport.render(report, "html"))
    document = docx.Document(io.BytesIO(govreport.render(report, "docx")))
    for html_table, docx_table in zip(html.tables, document.tables, strict=False):
        assert [[c for c in r if c] for r in html_table] == [[c for c in r if c] for r in _docx_cells(docx_table)]
    assert "98.95" in html.tables[1][-2] and "优" in html.tables[1][-1]  # 总分 and 自评等级 as worked out in the sample


def test_data_in_the_html_is_text_never_markup(example):
    example["background"]["overview"] = ["<script>alert(1)</script> & <b>粗体</b>"]
    content = govreport.render(govreport.load(example), "html").decode()
    assert "<script>" not in content and "<b>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;粗体&lt;/b&gt;" in content


def test_render_f_html_on_the_command_line(tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["render", str(CONTRACT), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes() == govreport.render(govreport.load(CONTRACT), "html")
    assert "http" not in out.read_text(encoding="utf-8").replace("http-equiv", "")  # nothing fetched from elsewhere


# ---- validate: every problem, as the command line prints it ----

def test_validate_names_both_cells_with_the_command_lines_lines(client, tmp_path):
    broken, cells = workbook_with_two_errors(tmp_path)
    answer = post_file(client, "/api/v1/validate", broken)
    assert answer.status_code == 200
    result = answer.json()
    assert result["valid"] is False and result["message"] == "错误.xlsx：发现 2 处错误。"
    assert sorted(p["path"] for p in result["problems"]) == sorted(cells)
    assert {p["path"]: p["message"] for p in result["problems"]} == cells
    cli = CliRunner().invoke(main, ["validate", str(broken)])
    printed = [line.strip() for line in cli.output.splitlines() if line.startswith("  ")]
    assert [p["text"] for p in result["problems"]] == printed


def test_render_of_bad_data_is_422_with_every_problem(client, tmp_path):
    broken, cells = workbook_with_two_errors(tmp_path)
    answer = post_file(client, "/api/v1/render", broken, format="docx")
    assert answer.status_code == 422
    error = answer.json()
    assert error["error"] == "invalid_data" and error["message"] == "错误.xlsx：数据有 2 处错误，未生成报告。"
    assert sorted(p["path"] for p in error["problems"]) == sorted(cells)


def test_validate_of_clean_data_passes_and_lists_its_warnings(client):
    answer = post_file(client, "/api/v1/validate", CONTRACT)
    result = answer.json()
    assert answer.status_code == 200 and result["valid"] is True
    assert result["message"] == "performance_evaluation.json：数据检查通过。"
    # the sample fills 所属地区 and 发文字号, which the built-in performance evaluation does not print
    assert [(p["path"], p["severity"]) for p in result["problems"]] == [("meta.region", "warning"), ("meta.doc_number", "warning")]


def test_a_cut_off_json_body_is_422_with_the_command_lines_message(client, tmp_path, monkeypatch):
    cut = b'{"kind": "performance_evaluation", "meta": {"department": "'
    answer = client.post("/api/v1/render", content=cut, headers={"content-type": "application/json"})
    monkeypatch.chdir(tmp_path)
    Path("数据.json").write_bytes(cut)
    printed = CliRunner().invoke(main, ["render", "数据.json"]).output.splitlines()
    assert answer.status_code == 422 and answer.json()["message"] == printed[0] == "数据.json：数据有 1 处错误，未生成报告。"
    assert [p["text"] for p in answer.json()["problems"]] == [line.strip() for line in printed[1:]]
    assert "在第 1 行第 60 列提前结束" in printed[1]  # the 59 characters sent, then nothing


# ---- check ----

def test_check_gives_the_findings_of_govreport_check(client):
    seed = ROOT / "tests" / "fixtures" / "seeds" / "000_simplified.txt"
    answer = post_file(client, "/api/v1/check", seed)
    cli = json.loads(CliRunner().invoke(main, ["check", str(seed), "--json"]).output)
    assert answer.status_code == 200 and answer.json()["file"] == seed.name
    assert answer.json()["findings"] == cli["files"][0]["findings"]
    first = answer.json()["findings"][0]
    assert first["kind"] == "placeholder" and "‹XX›" in first["excerpt"]  # the seed's “投入资金XX万元”


def test_check_of_a_docx_and_with_a_kind_ignored(client, tmp_path):
    document = docx.Document()
    document.add_paragraph("项目资金共XX万元，利用率为2.53%，比去年提高1.04%。")
    path = tmp_path / "旧报告.docx"
    document.save(path)
    kinds = {f["kind"] for f in post_file(client, "/api/v1/check", path).json()["findings"]}
    assert {"placeholder", "points"} <= kinds
    ignored = post_file(client, "/api/v1/check", path, ignore="placeholder").json()["findings"]
    assert "placeholder" not in {f["kind"] for f in ignored} and "points" in {f["kind"] for f in ignored}


def test_check_of_an_unreadable_docx_is_422(client):
    answer = client.post("/api/v1/check", files={"file": ("坏.docx", b"not a zip")})
    assert answer.status_code == 422 and answer.json()["message"].startswith("坏.docx：")



def test_check_of_a_docx_with_a_corrupt_part_is_422(client):
    """A zip whose directory reads but whose document part does not inflate is refused like any broken file."""
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 500)
    data = bytearray(package.getvalue())
    data[40:80] = b"\xff" * 40
    answer = client.post("/api/v1/check", files={"file": ("坏.docx", bytes(data))})
    assert answer.status_code == 422 and answer.json()["message"].startswith("坏.docx：")

# ---- kinds, schema, workbook, templates, health, OpenAPI ----

def test_kinds_lists_formats_and_outlines(client):
    listed = {k["name"]: k for k in client.get("/api/v1/kinds").json()}
    assert list(listed) == list(KINDS)
    assert listed["self_evaluation"]["formats"] == ["docx", "pdf", "xlsx", "html", "md"]
    assert listed["work_summary"]["formats"] == ["docx", "pdf", "html", "md"]
    assert [o["name"] for o in listed["performance_evaluation"]["outlines"]] == ["default", "mof2020"]
    assert [o["short"] for o in listed["performance_evaluation"]["outlines"]] == [
        "项目概述…可持续发展八章", "财预〔2020〕10号附件3参考提纲"]  # vocabulary/words.py OUTLINES
    assert listed["self_evaluation"]["derived_from"] == ["performance_evaluation"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_the_models(client, kind):
    stored = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert client.get(f"/api/v1/schema/{kind}").json() == stored


def test_unknown_kind_is_404_in_chinese(client):
    for path in ("/api/v1/schema/report", "/api/v1/workbook/report"):
        answer = client.get(path)
        assert answer.status_code == 404 and answer.json() == {
            "error": "not_found", "problems": [],
            "message": "未知的报告类型“report”，应为以下之一：performance_evaluation、self_evaluation、work_summary、implementation_plan、work_plan"}


def test_the_blank_workbook_is_excel_templates(client, tmp_path):
    out = tmp_path / "blank.xlsx"
    assert CliRunner().invoke(main, ["excel-template", "--kind", "work_summary", "-o", str(out)]).exit_code == 0
    answer = client.get("/api/v1/workbook/work_summary")
    assert answer.status_code == 200 and answer.headers["content-type"] == XLSX
    assert sheet_names(answer.content) == sheet_names(out.read_bytes())


def test_templates_health_and_openapi(client):
    assert client.get("/api/v1/templates").json() == [{"name": "三亚市"}, {"name": "秀山县"}]
    assert client.get("/api/v1/health").json()["status"] == "ok"
    described = client.get("/api/v1/openapi.json").json()
    assert described["openapi"].startswith("3.1")
    assert {"/api/v1/render", "/api/v1/validate", "/api/v1/check", "/api/v1/kinds", "/api/v1/schema/{kind}"} <= set(described["paths"])
    for schema in ("performance_evaluation", "self_evaluation", "work_summary", "Problem", "Error", "Finding"):
        assert schema in described["components"]["schemas"]
    checked = described["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]
    assert {"text/markdown", "text/plain", "multipart/form-data"} <= set(checked)  # what the endpoint takes
    refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(described))
    assert set(refs) <= set(described["components"]["schemas"])  # every reference resolves


# ---- requests that are wrong ----

@pytest.mark.parametrize(("request_args", "status", "message"), [
    ({"params": {"format": "doc"}}, 400, "不支持的输出格式“doc”，可用：docx、pdf、xlsx、html、md"),
    ({"params": {"templates": "海口市"}}, 400, "服务器上没有名为“海口市”的县级模板目录，可用：三亚市、秀山县"),
    ({"headers": {"content-type": "text/csv"}, "content": b"a,b"}, 415, "不支持的内容类型“text/csv”"),
    ({"files": {"file": ("数据.csv", b"a,b")}}, 415, "不支持的文件类型“.csv”"),
    ({"files": {"other": ("数据.json", b"{}")}}, 400, "表单中没有名为 file 的文件"),
    ({"headers": {"content-type": "multipart/form-data; boundary=xyz"}, "content": b"--xyz\r\nnot a part"}, 400,
     "上传的表单（multipart/form-data）不完整或已损坏"),
    ({"headers": {"content-type": "multipart/form-data"}, "content": b"no boundary at all"}, 400,
     "上传的表单（multipart/form-data）不完整或已损坏"),
])
def test_wrong_requests_are_answered_in_chinese(client, request_args, status, message):
    args = {"files": {"file": ("数据.json", CONTRACT.read_bytes())}, **request_args}
    if "content" in args:
        args.pop("files")
    answer = client.post("/api/v1/render", **args)
    assert answer.status_code == status and answer.json()["message"].startswith(message)
    assert answer.json()["error"] == {400: "bad_request", 415: "unsupported_media_type"}[status]


def test_unknown_addresses_and_methods_are_json_in_chinese(client):
    missing = client.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.json()["message"] == "没有这个地址；API 见 /api/v1/openapi.json"
    wrong = client.get("/api/v1/render")
    assert wrong.status_code == 405 and wrong.json()["message"] == "这个地址不接受此请求方法"


def test_a_kind_the_data_cannot_become_is_422(client):
    answer = post_file(client, "/api/v1/render", SAMPLES / "work_summary.json", kind="self_evaluation")
    assert answer.status_code == 422 and answer.json()["problems"]


def test_an_unknown_outline_is_422(client):
    answer = post_file(client, "/api/v1/render", CONTRACT, outline="mof2030")
    assert answer.status_code == 422 and "没有名为“mof2030”的提纲" in answer.json()["message"]


@pytest.mark.parametrize("entry", ["../../etc", "/etc", "templates/三亚市", str(TEMPLATES["三亚市"]), "海南省"])
def test_a_template_folder_in_the_data_outside_the_configured_ones_is_refused(client, example, entry):
    example["meta"]["templates"] = [entry]
    answer = client.post("/api/v1/render", content=json.dumps(example, ensure_ascii=False, default=str).encode(),
                         headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["problems"] == [{
        "path": "meta.templates[0]", "severity": "error",
        "message": f"服务器上只能使用已配置的县级模板目录：三亚市、秀山县；“{entry}”不是其中之一",
        "text": f"错误　meta.templates[0]：服务器上只能使用已配置的县级模板目录：三亚市、秀山县；“{entry}”不是其中之一"}]


def test_a_configured_folder_named_in_the_data_is_used(client, example, tmp_path):
    example["meta"]["templates"] = ["三亚市"]
    answer = client.post("/api/v1/render", content=json.dumps(example, ensure_ascii=False, default=str).encode(),
                         headers={"content-type": "application/json"})
    del example["meta"]["templates"]
    expected = cli_render(tmp_path, dump(example, tmp_path / "d.json"), "docx", "-t", str(TEMPLATES["三亚市"]))
    assert answer.status_code == 200 and answer.content == expected


def test_an_uploaded_template_folder_is_403_unless_the_operator_allows_it(client, state):
    answer = client.post("/api/v1/render", params={"format": "md"}, files={
        "file": (CONTRACT.name, CONTRACT.read_bytes()), "templates_zip": ("县.zip", b"PK\x05\x06" + bytes(18))})
    assert answer.status_code == 403 and answer.json()["error"] == "forbidden"
    assert answer.json()["message"].startswith("服务器管理员没有允许上传县级模板")
    assert not (state.home / "template-uploads").exists()


# ---- busy, killed workers, killed LibreOffice ----

def test_busy_is_503_with_retry_after():
    with TestClient(create_app(ServerConfig(workers=1, pdf_instances=1, queue=0))) as busy:
        answer = post_file(busy, "/api/v1/render", CONTRACT)
        assert answer.status_code == 503 and answer.headers["retry-after"] == "5"
        assert answer.json() == {"error": "busy", "message": "服务器正忙（排队的请求已满），请稍后再试", "problems": []}


def _long_report() -> bytes:
    """3,000 indicators: about three seconds of rendering, long enough to kill the worker during it."""
    indicator = {"level1": "产出指标", "level2": "数量指标", "op": ">=", "target": 1, "actual": 1, "weight": Decimal("0.03")}
    data = {"kind": "self_evaluation", "meta": {"department": "民政局", "project": "医疗救助", "year": 2025, "date": "2026-01-20"},
            "funds": {"sources": [{"name": "中央财政补助", "budget": 1, "spent": 1}]},
            "indicators": [{**indicator, "name": f"指标{i}"} for i in range(1, 3001)]}
    return json.dumps(data, ensure_ascii=False, default=str).encode()


def test_a_worker_killed_during_a_render_is_503_and_the_next_render_succeeds(client, state):
    answers: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: answers.append(client.post(
        "/api/v1/render", content=_long_report(), headers={"content-type": "application/json"})))
    thread.start()
    deadline = time.monotonic() + 20
    while state.workers.pending == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # the job is in a worker now
    workers = state.workers.processes()
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    thread.join(60)
    assert answers[0].status_code == 503
    assert answers[0].json()["message"] == "处理这份请求的工作进程意外退出，未生成结果；已重新启动，请重试"
    following = post_file(client, "/api/v1/render", CONTRACT)
    assert following.status_code == 200 and following.content == govreport.render(govreport.load(CONTRACT))
    assert not set(state.workers.processes()) & set(workers)


def test_a_slow_report_does_not_hold_up_the_others(client, state):
    """While one worker renders 3,000 indicators, the other answers a small report."""
    finished: dict[str, float] = {}

    def slow() -> None:
        answer = client.post("/api/v1/render", content=_long_report(), headers={"content-type": "application/json"})
        assert answer.status_code == 200
        finished["slow"] = time.monotonic()

    thread = threading.Thread(target=slow)
    thread.start()
    deadline = time.monotonic() + 20
    while state.workers.pending == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    quick = post_file(client, "/api/v1/render", CONTRACT)
    finished["quick"] = time.monotonic()
    thread.join(120)
    assert quick.status_code == 200 and quick.content == govreport.render(govreport.load(CONTRACT))
    assert finished["quick"] < finished["slow"]


def test_a_broken_configured_county_folder_is_500_for_the_operator(tmp_path):
    """A syntax error in a folder the operator configured is not the data's fault: 500, with the template named."""
    county = tmp_path / "坏县"
    (county / "performance_evaluation").mkdir(parents=True)
    (county / "manifest.yaml").write_text('name: 坏县\nversion: "1.0"\n', encoding="utf-8")
    (county / "performance_evaluation" / "sentences.j2").write_text("{% macro funds_paragraph( %}", encoding="utf-8")
    with TestClient(create_app(ServerConfig(templates={"坏县": county}, workers=1, pdf_instances=1))) as broken:
        answer = post_file(broken, "/api/v1/render", CONTRACT, templates="坏县")
    assert answer.status_code == 500 and answer.json()["error"] == "internal"
    assert answer.json()["message"] == "模板目录中的改写有误，未生成报告："
    [problem] = answer.json()["problems"]
    assert problem["path"] == f"{county / 'performance_evaluation' / 'sentences.j2'}:1"
    assert problem["message"].startswith("语法错误：")


@pytest.mark.libreoffice
def test_libreoffice_killed_during_a_pdf_is_a_clear_error_and_the_next_pdf_succeeds(client, state):
    office = state.offices.offices[0]
    assert post_file(client, "/api/v1/render", CONTRACT, format="pdf").status_code == 200  # warm
    answers: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: answers.append(post_file(client, "/api/v1/render", CONTRACT, format="pdf")))
    thread.start()
    deadline = time.monotonic() + 30
    while not list(office.inbox.glob("*.docx")) and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(office.process.pid, signal.SIGKILL)
    thread.join(120)
    assert answers[0].status_code == 503
    assert answers[0].json()["message"] == "LibreOffice 在生成 PDF 时意外退出，未生成 PDF；已重新启动 LibreOffice，请重试"
    following = post_file(client, "/api/v1/render", CONTRACT, format="pdf")
    assert following.status_code == 200 and following.content[:5] == b"%PDF-"


@pytest.mark.libreoffice
def test_a_libreoffice_instance_is_started_afresh_after_its_share_of_documents(client, state, monkeypatch):
    monkeypatch.setattr(office_module, "RECYCLE_AFTER", 1)  # instead of 50, so that memory stays flat
    office = state.offices.offices[0]
    assert post_file(client, "/api/v1/render", CONTRACT, format="pdf").status_code == 200
    first = office.process.pid
    answer = post_file(client, "/api/v1/render", CONTRACT, format="pdf")
    assert answer.status_code == 200 and answer.content[:5] == b"%PDF-"
    assert office.process.pid != first
    assert _group_members(first) == []  # nothing of the old instance is left running


def _group_members(group: int) -> list[int]:
    """Processes of ``group`` still running (not zombies, which only wait to be reaped), after up to 10 s."""
    deadline = time.monotonic() + 10
    while True:
        members = []
        for entry in Path("/proc").iterdir():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                members.append(int(entry.name))
        if not members or time.monotonic() > deadline:
            return members
        time.sleep(0.1)


# ---- nothing kept, nothing logged ----

def test_nothing_of_the_data_is_kept_or_logged(client, state, example, caplog, tmp_path):
    example["meta"]["project"] = "独一无二的测试项目名称"
    body = json.dumps(example, ensure_ascii=False, default=str).encode()
    workbook = tmp_path / "独一无二的文件名.xlsx"
    assert CliRunner().invoke(main, ["convert", str(dump(example, tmp_path / "d.json")), "-o", str(workbook)]).exit_code == 0
    with caplog.at_level(logging.INFO, logger="govreport.server"):
        for fmt in ("docx", "html", "pdf"):
            assert client.post("/api/v1/render", params={"format": fmt}, content=body,
                               headers={"content-type": "application/json"}).status_code == 200
        assert post_file(client, "/api/v1/validate", workbook).status_code == 200
        assert post_file(client, "/api/v1/render", workbook).status_code == 200
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /api/v1/render 200" in logged
    assert "独一无二" not in logged and "meta" not in logged
    assert left_files(state.home) == []


# ---- the access token ----

def test_a_missing_or_wrong_token_is_401_and_the_right_one_passes():
    with TestClient(create_app(ServerConfig(token=TOKEN, workers=1))) as guarded:
        missing = guarded.get("/api/v1/kinds")
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert missing.json()["message"].startswith("缺少访问令牌")
        for wrong in ("Bearer not-the-token", "Bearer " + TOKEN[:-1], "Basic " + TOKEN, TOKEN):
            answer = guarded.get("/api/v1/kinds", headers={"Authorization": wrong})
            assert answer.status_code == 401 and answer.json()["message"] == "访问令牌不正确"
        right = {"Authorization": f"Bearer {TOKEN}"}
        assert guarded.get("/api/v1/kinds", headers=right).status_code == 200
        assert post_file(guarded, "/api/v1/render", CONTRACT).status_code == 401
        assert guarded.post("/api/v1/render", headers=right, files={"file": ("d.json", CONTRACT.read_bytes())}).status_code == 200
        assert guarded.get("/api/v1/health").status_code == 200  # for load balancers
        assert guarded.get("/").status_code == 200  # the page holds no data; it asks for the token


def test_the_token_is_read_from_the_environment_or_a_file(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVREPORT_TOKEN", raising=False)
    monkeypatch.delenv("GOVREPORT_TOKEN_FILE", raising=False)
    assert read_token(None) is None
    monkeypatch.setenv("GOVREPORT_TOKEN", TOKEN)
    assert read_token(None) == TOKEN
    stored = tmp_path / "token"
    stored.write_text("  from-a-file-long-enough\n", encoding="utf-8")
    assert read_token(stored) == "from-a-file-long-enough"
    monkeypatch.setenv("GOVREPORT_TOKEN_FILE", str(stored))
    assert read_token(None) == "from-a-file-long-enough"
    stored.write_text("short", encoding="utf-8")
    with pytest.raises(govreport.GovreportError, match="访问令牌太短"):
        read_token(stored)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True),
                                                ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                                ("::", False), ("example.org", False)])
def test_without_a_token_only_loopback_addresses_are_served(host, loopback):
    assert is_loopback(host) is loopback
    if loopback:
        check_binding(host, None)
    else:
        with pytest.raises(govreport.GovreportError, match="没有设置访问令牌，不能在"):
            check_binding(host, None)
        check_binding(host, TOKEN)


def test_serve_refuses_a_network_address_without_a_token(monkeypatch):
    monkeypatch.delenv("GOVREPORT_TOKEN", raising=False)
    monkeypatch.delenv("GOVREPORT_TOKEN_FILE", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", str(free_port())])
    assert result.exit_code == 2
    assert "没有设置访问令牌，不能在 0.0.0.0 上对外提供服务（只能用 127.0.0.1）" in result.output
    assert "Traceback" not in result.output


def test_serve_says_so_when_the_port_is_taken(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2 and f"端口 {port} 已被占用；请用 --port 换一个端口" in result.output


# ---- on the wire: a real server ----

@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("live"), "--max-upload-mb", "20") as running:
        yield running


def _connect(address: str) -> socket.socket:
    port = int(address.rsplit(":", 1)[1])
    return socket.create_connection(("127.0.0.1", port), timeout=30)


def _head(path: str, length: int | None, media: str = "application/json") -> bytes:
    sized = f"Content-Length: {length}\r\n" if length is not None else "Transfer-Encoding: chunked\r\n"
    return f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {media}\r\n{sized}\r\n".encode()


def _response(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (it does after a 413)."""
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def test_a_100_mb_upload_is_refused_from_its_headers_before_it_is_read(live):
    address, _ = live
    with _connect(address) as connection:
        connection.sendall(_head("/api/v1/render", 100 * 1024 * 1024))
        connection.sendall(b"{" * 65536)  # a start of the body; the rest is never sent
        answer = _response(connection)
    assert answer.startswith(b"HTTP/1.1 413")
    assert "上传的内容超过 20 MB，未处理".encode() in answer


def test_a_100_mb_streamed_upload_is_cut_off_long_before_its_end(live):
    address, _ = live
    sent = 0
    chunk = b"a" * (1024 * 1024)
    with _connect(address) as connection:
        connection.sendall(_head("/api/v1/render", None))
        try:
            while sent < 100 * 1024 * 1024:
                connection.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        connection.settimeout(30)
        try:
            answer = _response(connection)
        except (ConnectionResetError, TimeoutError):
            answer = b""
    assert sent < 100 * 1024 * 1024  # the server stopped reading: it never took the whole body
    assert answer == b"" or answer.startswith(b"HTTP/1.1 413")
    assert httpx.get(address + "/api/v1/health").status_code == 200


def test_a_client_that_disconnects_mid_upload_leaves_nothing_and_the_server_serves_on(live):
    address, temporary = live
    body = CONTRACT.read_bytes()
    form = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.json\"\r\n"
            b"Content-Type: application/json\r\n\r\n" + body * 50)
    for _ in range(3):
        with _connect(address) as connection:
            connection.sendall(_head("/api/v1/render", len(form) + 1000, "multipart/form-data; boundary=b"))
            connection.sendall(form[: len(form) // 2])
        time.sleep(0.2)
    answer = httpx.post(address + "/api/v1/render", files={"file": ("d.json", body)}, timeout=60)
    assert answer.status_code == 200 and answer.content == govreport.render(govreport.load(CONTRACT))
    time.sleep(0.5)
    assert left_files(temporary) == []


def test_the_live_server_answers_malformed_multipart_and_keeps_nothing(live):
    address, temporary = live
    answer = httpx.post(address + "/api/v1/validate", content=b"--zz\r\nContent-Disposition: form-data\r\n\r\nbroken",
                        headers={"content-type": "multipart/form-data; boundary=zz"})
    assert answer.status_code == 400 and answer.json()["error"] == "bad_request"
    assert httpx.get(address + "/api/v1/health").status_code == 200
    assert left_files(temporary) == []


def test_stopping_the_server_removes_its_temporary_folder_and_leaves_no_libreoffice(tmp_path):
    with live_server(tmp_path, "--pdf-instances", "1") as (address, temporary):
        assert httpx.post(address + "/api/v1/render", params={"format": "pdf"},
                          files={"file": ("d.json", CONTRACT.read_bytes())}, timeout=120).status_code == 200 \
            or shutil.which("soffice") is None
        homes = list(temporary.iterdir())
        assert len(homes) == 1 and homes[0].name.startswith("govreport-serve-")
    assert list(temporary.iterdir()) == []
    assert not _processes_under(str(temporary))


def _processes_under(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in command:
            found.append(int(entry.name))
    return found


def test_the_page_is_served_with_its_own_files_only(client):
    page = client.get("/")
    assert page.status_code == 200 and "生成报告" in page.text and "检查已有报告" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in re.findall(r'(?:href|src)="([^"]+)"', page.text):
        if asset == "data:,":  # the empty icon: the browser asks for no /favicon.ico
            continue
        assert asset.startswith("/static/") and client.get(asset).status_code == 200
    assert '<link rel="icon" href="data:,">' in page.text
    for asset in ("/static/app.js", "/static/app.css"):
        assert not re.search(r"https?://", client.get(asset).text)


def test_the_server_writes_nothing_outside_its_temporary_folder(tmp_path):
    """Not even the compiled templates, which a command line run keeps in the user's cache folder."""
    home = tmp_path / "home"
    home.mkdir()
    environment = {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    saved = os.environ.pop("GOVREPORT_CACHE", None)
    try:
        with live_server(tmp_path, env=environment) as (address, _):
            answer = httpx.post(address + "/api/v1/render", files={"file": ("d.json", CONTRACT.read_bytes())},
                                timeout=60)
            assert answer.status_code == 200
    finally:
        if saved is not None:
            os.environ["GOVREPORT_CACHE"] = saved
    assert [p for p in home.rglob("*")] == []


def test_every_output_format_has_its_media_type_and_is_in_the_openapi_description(client):
    from govreport.server.api import MEDIA_TYPES
    from govreport.vocabulary.words import OUTPUT_FORMATS

    assert sorted(MEDIA_TYPES) == sorted(OUTPUT_FORMATS)
    spec = client.get("/api/v1/openapi.json").json()
    [fmt] = [p for p in spec["paths"]["/api/v1/render"]["post"]["parameters"] if p["name"] == "format"]
    assert sorted(fmt["schema"]["enum"]) == sorted(OUTPUT_FORMATS)
