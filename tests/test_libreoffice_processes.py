"""No LibreOffice process outlives the command that started it, and a timeout says what happened.

A stand-in ``soffice`` (a shell script that starts a child and never writes a
PDF) shows the process group is ended on timeout and after a failed run; the
real LibreOffice is counted by govreport's private profile folder before,
during and after a conversion.
"""

from __future__ import annotations

import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import govreport
from govreport import pdf as conversion
from govreport.cli import main
from govreport.pdf import docx_to_pdf, time_limit

from .conftest import CONTRACT, read


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie waiting to be reaped has stopped running)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return fields[0] != "Z"


def all_ended(pids: list[int], seconds: float = 5) -> bool:
    """Whether every process of ``pids`` has stopped running: a process sent SIGKILL is gone once the kernel has
    finished it, which on a loaded machine may take a moment after the signal."""
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def fake_soffice(folder: Path, body: str) -> Path:
    """An executable ``soffice`` in ``folder`` that records its process ids in ``folder/pids``."""
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\necho $$ >> {folder}/pids\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


HANGS = "sleep 300 &\necho $! >> {folder}/pids\nwait"  # a child that sleeps; no PDF ever
DEAF = "trap '' TERM\n" + HANGS  # ignores the request to stop (and so does its child): it must be killed
# Writes half a PDF where it was told to, then hangs: the half must not be left behind.
HALF_WRITTEN = (
    'prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
    'for a in "$@"; do case "$a" in *.docx) printf "%%PDF-1.7 half" > "$out/$(basename "$a" .docx).pdf";; esac; done\n'
    + HANGS
)
QUITS_LEAVING_A_CHILD = "sleep 300 &\necho $! >> {folder}/pids\nexit 0"  # ends at once without a PDF


@pytest.fixture
def tiny_limit(monkeypatch):
    """A one-second limit, so a hanging stand-in times out at once; one second's grace before the kill."""
    monkeypatch.setattr(conversion, "START_SECONDS", 1)
    monkeypatch.setattr(conversion, "FILE_SECONDS", 0)
    monkeypatch.setattr(conversion, "SECONDS_PER_MB", 0)
    monkeypatch.setattr(conversion, "GRACE_SECONDS", 1)


def install(tmp_path: Path, monkeypatch, body: str) -> Path:
    folder = tmp_path / "bin"
    fake_soffice(folder, body.format(folder=folder))
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return folder


def recorded(folder: Path) -> list[int]:
    return [int(line) for line in (folder / "pids").read_text().split()]


@pytest.mark.parametrize("body", [HANGS, DEAF, HALF_WRITTEN], ids=["hangs", "ignores TERM", "half-written PDF"])
def test_render_pdf_timeout_ends_every_process_and_says_so(tmp_path, monkeypatch, tiny_limit, body):
    folder = install(tmp_path, monkeypatch, body)
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["render", str(CONTRACT), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "PDF 转换超时（已等待 1 秒），已停止 LibreOffice，未生成 PDF" in result.output
    assert "Traceback" not in result.output and not out.exists()
    pids = recorded(folder)
    assert len(pids) == 2 and all_ended(pids)


def test_a_run_that_ends_without_a_pdf_leaves_no_process(tmp_path, monkeypatch, tiny_limit):
    folder = install(tmp_path, monkeypatch, QUITS_LEAVING_A_CHILD)
    result = CliRunner().invoke(main, ["render", str(CONTRACT), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and "LibreOffice 未能把文档转换为 PDF" in result.output
    assert "超时" not in result.output
    assert all_ended(recorded(folder))


def test_a_soffice_that_cannot_start_is_a_message(tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "soffice").write_bytes(b"\x00 not a program")
    (folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    result = CliRunner().invoke(main, ["render", str(CONTRACT), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and f"无法启动 LibreOffice（{folder / 'soffice'}）：不是可以运行的程序" in result.output
    assert not (tmp_path / "r.pdf").exists()


def test_batch_timeout_fails_the_group_keeps_the_docx_and_leaves_no_half_pdf(tmp_path, monkeypatch, tiny_limit):
    folder = install(tmp_path, monkeypatch, HALF_WRITTEN)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(CONTRACT), "-o", str(out), "-f", "docx", "-f", "pdf"])
    assert result.exit_code == 1, result.output
    assert "PDF 转换超时（已等待 1 秒）" in result.output and "已生成 0 份，失败 1 份" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["performance_evaluation.docx"]
    assert all_ended(recorded(folder))


def _docx_of(tmp_path: Path, megabytes: float) -> Path:
    path = tmp_path / f"{megabytes}.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b" " * int(megabytes * 1_000_000))
    return path


def test_time_limit_grows_with_the_unpacked_document(tmp_path):
    # 30 s a start, 60 s a file, 30 s per MB unpacked
    assert time_limit([_docx_of(tmp_path, 0)]) == 30 + 60
    assert time_limit([_docx_of(tmp_path, 2)]) == 30 + 60 + 60
    assert time_limit([_docx_of(tmp_path, 2), _docx_of(tmp_path, 0.5)]) == 30 + 60 + 60 + 60 + 15


def test_a_report_with_5000_indicators_is_given_more_than_four_times_what_libreoffice_took(tmp_path):
    """Measured: the sample with its indicators repeated to 5,000 unpacks to 18.8 MB and took LibreOffice
    110 to 122 s; the old fixed limit (30 s + 60 s) always cut it off."""
    assert time_limit([_docx_of(tmp_path, 18.8)]) > 4 * 122


def _soffice_processes(marker: str) -> list[int]:
    """LibreOffice processes whose command line names ``marker`` (the test's own profile folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if entry.name.isdigit() and marker in command and ("soffice" in command or "oosplash" in command):
            found.append(int(entry.name))
    return [pid for pid in found if alive(pid)]


def _convert_watching(marker: str, docx: bytes) -> tuple[object, set[int]]:
    """Run docx_to_pdf in a thread, noting every LibreOffice process seen meanwhile; its result or error."""
    seen: set[int] = set()
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(docx_to_pdf(docx))
        except govreport.GovreportError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    while thread.is_alive():
        seen.update(_soffice_processes(marker))
        time.sleep(0.05)
    thread.join()
    return outcome[0], seen


@pytest.mark.libreoffice
def test_real_libreoffice_leaves_no_process_after_converting_or_timing_out(tmp_path, monkeypatch):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for this test"
    private = tmp_path / "private"
    private.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(private))  # govreport's private profile lands in here
    docx = govreport.render(govreport.load(CONTRACT))
    assert _soffice_processes(str(private)) == []

    pdf, seen = _convert_watching(str(private), docx)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    assert seen, "LibreOffice was running with the private profile during the conversion"
    assert _soffice_processes(str(private)) == []

    monkeypatch.setattr(conversion, "START_SECONDS", 1)  # LibreOffice needs over three seconds for the long report below
    monkeypatch.setattr(conversion, "FILE_SECONDS", 0)
    monkeypatch.setattr(conversion, "SECONDS_PER_MB", 0)
    long = read(CONTRACT)  # a warm LibreOffice may start and convert the short report within the second
    long["background"]["overview"] = ["项目覆盖全市农村低收入人口，重点为因病致贫、因病返贫家庭和防止返贫监测对象。" * 8] * 3000
    error, seen = _convert_watching(str(private), govreport.render(govreport.load(long)))
    assert isinstance(error, govreport.GovreportError) and "PDF 转换超时（已等待 1 秒）" in error.message
    assert seen and _soffice_processes(str(private)) == []
    assert list(private.iterdir()) == []  # profile and work folders gone, no PDF written later
