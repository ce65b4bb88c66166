"""Every code block in README.md runs as written.

A block is either a command (```bash, ```python) or shown text (```text: output,
folder trees), and says which. Bash blocks run in a fresh folder holding a copy
of the samples and templates plus the files the examples name (各县数据/, 补报/,
旧报告.docx, 总结.txt, 报告/), with this environment's govreport on PATH; setting up a
virtual environment, installing and running pytest are skipped, since the
project is installed and this is the suite. Python blocks run in the same kind
of folder, and a print's trailing comment must be what it prints.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
RUNS = ("bash", "python")
SHOWN = ("text",)
# Steps of the install instructions, skipped here: the project is installed and this test is part of pytest.
SETUP = re.compile(r"python3 -m venv \S+|\. \S+/bin/activate|pip install .*|pytest( -q)?")
# A command may end with 1 when it did its job and found something to report (check: the reports have problems).
EXIT_CODES = {"check": (0, 1)}
GOVREPORT = Path(sys.executable).with_name("govreport")


def blocks() -> list[tuple[str, str]]:
    return FENCE.findall(README.read_text(encoding="utf-8"))


def _param(index: int, language: str, body: str):
    marks = [pytest.mark.libreoffice] if re.search(r"-f pdf|\.pdf\b", body) else []
    return pytest.param(body, id=f"{index}-{language}", marks=marks)


def runnable(language: str) -> list:
    return [_param(i, lang, body) for i, (lang, body) in enumerate(blocks()) if lang == language]


def test_every_block_is_marked_as_a_command_or_as_shown_text():
    found = blocks()
    assert len(found) >= 6
    unmarked = [body.splitlines()[0] for language, body in found if language not in RUNS + SHOWN]
    assert not unmarked, f"mark these blocks ```bash, ```python or, for output, ```text: {unmarked}"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder like the repository's root, plus the inputs the examples name."""
    for folder in ("samples", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    counties = tmp_path / "各县数据"
    counties.mkdir()
    shutil.copy(SAMPLES / "performance_evaluation.json", counties / "三亚市.json")
    shutil.copy(SAMPLES / "xiushan_work_summary_2004.json", counties / "秀山县.json")
    late = tmp_path / "补报"
    late.mkdir()
    govreport(tmp_path, "convert", str(SAMPLES / "self_evaluation.json"), "-o", str(late / "崖州区.xlsx"))
    govreport(tmp_path, "render", str(SAMPLES / "sanya_mof2020.json"), "-o", str(tmp_path / "旧报告.docx"))
    (tmp_path / "报告").mkdir()
    govreport(tmp_path, "render", str(SAMPLES / "work_summary.json"), "-o", str(tmp_path / "报告" / "工作总结.docx"))
    seed = ROOT / "tests" / "fixtures" / "seeds" / "000_simplified.txt"
    shutil.copy(seed, tmp_path / "总结.txt")
    return tmp_path


def govreport(folder: Path, *args: str) -> None:
    done = subprocess.run([str(GOVREPORT), *args], cwd=folder, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def commands(block: str) -> list[str]:
    """The block's commands, ``a && b`` split, install steps left out; anything unknown fails the test."""
    found = []
    for line in block.splitlines():
        for command in (part.strip() for part in line.split("&&")):
            if not command or command.startswith("#") or SETUP.fullmatch(command):
                continue
            assert command.startswith("govreport "), f"the README test does not know how to run: {command}"
            found.append(command)
    return found


@pytest.mark.parametrize("block", runnable("bash"))
def test_bash_block_runs(workspace, block):
    env = {**os.environ, "PATH": f"{GOVREPORT.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in commands(block):
        if command.split()[1] == "serve":
            _serves(command, workspace, env)
            continue
        done = subprocess.run(["bash", "-c", command], cwd=workspace, env=env, capture_output=True, text=True,
                              timeout=600)
        allowed = EXIT_CODES.get(command.split()[1], (0,))
        assert done.returncode in allowed, f"{command}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr and "没有找到" not in done.stderr, done.stderr  # every input it names exists


def _serves(command: str, workspace: Path, env: dict[str, str]) -> None:
    """``govreport serve`` runs until stopped: it must say its address, serve the page there, and stop on Ctrl+C."""
    server = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=workspace, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()  # type: ignore[union-attr]
        address = re.search(r"http://127\.0\.0\.1:\d+/", first)
        assert address, first + server.stderr.read()  # type: ignore[union-attr]
        with urllib.request.urlopen(address.group(0), timeout=60) as page:
            assert page.status == 200 and "生成报告" in page.read().decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def _printed_comments(block: str) -> list[str]:
    """What each ``print(...)  # …`` line says it prints."""
    return [m.group(1) for m in re.finditer(r"^print\(.*\)\s+#\s*(.+)$", block, re.M)]


@pytest.mark.parametrize("block", runnable("python"))
def test_python_block_runs_and_prints_what_its_comments_say(workspace, block):
    done = subprocess.run([sys.executable, "-c", block], cwd=workspace, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == _printed_comments(block)
