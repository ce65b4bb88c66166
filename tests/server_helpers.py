"""Shared by the server tests: a workbook with two known errors, a real ``govreport serve`` on a free port."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .conftest import SAMPLES

ROOT = SAMPLES.parent


def workbook_with_two_errors(tmp: Path) -> tuple[Path, dict[str, str]]:
    """The contract sample as a workbook with 分值 of the second indicator written 十 and 全年预算数 of the first
    source written 一百; returns the file and, for each error, the cell the clerk must be pointed to and its message."""
    clean = tmp / "项目.xlsx"
    subprocess.run([sys.executable, "-m", "govreport", "convert", str(SAMPLES / "performance_evaluation.json"),
                    "-o", str(clean)], check=True, capture_output=True)
    book = load_workbook(clean)
    cells = {}
    for sheet, heading, row, value in (("绩效指标", "分值", 3, "十"), ("资金来源", "全年预算数", 2, "一百")):
        column = get_column_letter([c.value for c in book[sheet][1]].index(heading) + 1)
        book[sheet][f"{column}{row}"] = value
        cells[f"{sheet}!{column}{row}"] = f"应为数字，实际为“{value}”"
    broken = tmp / "错误.xlsx"
    book.save(broken)
    return broken, cells


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def live_server(tmp: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[tuple[str, Path]]:
    """``govreport serve`` as a clerk starts it, on 127.0.0.1 and a free port; yields its address and the folder its
    temporary files go to (TMPDIR). Stopped with Ctrl+C (SIGINT) at the end, as a person stops it."""
    temporary = tmp / "server-tmp"
    temporary.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "govreport", "serve", "--port", str(port), *args], cwd=ROOT,
        env={**os.environ, "TMPDIR": str(temporary), **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()  # type: ignore[union-attr]
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert match and int(match.group(1)) == port, first + process.stderr.read()  # type: ignore[union-attr]
        address = match.group(0).rstrip("/")
        if not _healthy(address):
            process.kill()
            raise AssertionError("govreport serve did not answer within 60 s: " + process.stderr.read()[-3000:])  # type: ignore[union-attr]
        yield address, temporary
    finally:
        process.send_signal(2)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _healthy(address: str) -> bool:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(address + "/api/v1/health", timeout=5).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    return False


def left_files(folder: Path) -> list[Path]:
    """Files under ``folder`` that a request could have left: uploads, worker folders (but for their links to the
    template folders), LibreOffice inboxes; not LibreOffice's own profile and temporary files, nor the compiled
    templates the server keeps in its ``cache`` folder (they hold no data)."""
    return sorted(p for p in folder.rglob("*") if not p.is_dir() and not p.is_symlink()
                  and not ({"profile", "tmp"} & set(p.parts) and any(part.startswith("office-") for part in p.parts))
                  and not ("cache" in p.parts and any(part.startswith("govreport-serve-") for part in p.parts)))


def sheet_names(content: bytes) -> list[str]:
    return load_workbook(io.BytesIO(content)).sheetnames
