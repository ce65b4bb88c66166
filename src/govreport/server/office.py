"""PDFs through a few LibreOffice instances kept running, instead of one start (a second or two) per request.

Each instance runs headless in a process group of its own, in a private
profile whose Basic library holds ``office.xba``: a loop that converts each
DOCX put in its inbox folder and writes the PDF beside it. One instance
converts one document at a time; a request waits for a free instance, within
the queue's bound. The time a conversion may take is ``convert.time_limit``'s,
as for the command line. An instance that dies or runs past that limit has
its whole group ended and is started again; the request gets a clear message
and the next PDF is converted by the fresh instance. So that memory stays
flat, an instance is also started afresh after RECYCLE_AFTER documents.
"""

from __future__ import annotations

import asyncio
import itertools
import subprocess
from importlib.resources import files
from pathlib import Path

from ..errors import GovreportError
from ..pdf import NOT_CONVERTED, START_SECONDS, end_group, font_environment, soffice, time_limit
from .responses import BUSY_HEADERS, ApiError

MACRO = Path(str(files("govreport.server") / "office.xba"))
POLL_SECONDS = 0.02
# LibreOffice grows with every document it opens (caches it keeps); an instance is started afresh after this many.
RECYCLE_AFTER = 50
BUSY = "生成 PDF 的请求太多，请稍后再试"
LOST = "LibreOffice 在生成 PDF 时意外退出，未生成 PDF；已重新启动 LibreOffice，请重试"


def timed_out(limit: int) -> str:
    return f"PDF 转换超时（已等待 {limit} 秒），已停止并重新启动 LibreOffice，未生成 PDF；可稍后重试，或先下载 DOCX"


class Office:
    """One LibreOffice instance and its folders under ``home``."""

    def __init__(self, home: Path) -> None:
        self.profile = home / "profile"
        self.inbox = home / "inbox"
        self.temporary = home / "tmp"  # LibreOffice's own temporary files
        self.process: subprocess.Popen[bytes] | None = None
        self._jobs = itertools.count(1)
        self.converted = 0  # documents since this instance started

    def start(self) -> None:
        """Prepare the profile once (LibreOffice fills it on a first run), then start the instance."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.temporary.mkdir(exist_ok=True)
        module = self.profile / "user" / "basic" / "Standard" / "Module1.xba"
        if not module.is_file() or module.read_bytes() != MACRO.read_bytes():
            self._run_once(["--terminate_after_init"])
            module.write_bytes(MACRO.read_bytes())
        (self.profile / "user" / ".lock").unlink(missing_ok=True)  # left by an instance that was killed
        self.process = self._spawn(["macro:///Standard.Module1.Serve"])
        self.converted = 0

    def _command(self, extra: list[str]) -> list[str]:
        return [soffice(), f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--norestore", "--nologo",
                *extra]

    def _spawn(self, extra: list[str]) -> subprocess.Popen[bytes]:
        own = self.temporary  # what LibreOffice writes besides its profile (dconf's cache…) stays in the server's folder
        environment = {**font_environment(), "GOVREPORT_PDF_INBOX": str(self.inbox), "TMPDIR": str(own),
                       "HOME": str(own), "XDG_CACHE_HOME": str(own / ".cache"), "XDG_CONFIG_HOME": str(own / ".config")}
        try:
            return subprocess.Popen(self._command(extra), env=environment, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            raise GovreportError(f"无法启动 LibreOffice：{exc.strerror or exc}") from None

    def _run_once(self, extra: list[str]) -> None:
        process = self._spawn(extra)
        try:
            process.wait(timeout=START_SECONDS)
        except subprocess.TimeoutExpired:
            raise GovreportError(f"LibreOffice 在 {START_SECONDS} 秒内没有完成启动，无法生成 PDF") from None
        finally:
            end_group(process)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def convert(self, docx: bytes) -> bytes:
        """The PDF of ``docx``; a ``GovreportError`` when LibreOffice fails, dies or runs past the time limit."""
        if not self.alive or self.converted >= RECYCLE_AFTER:
            await asyncio.to_thread(self.restart)
        self.converted += 1
        job = self.inbox / str(next(self._jobs))
        staged = job.with_suffix(".tmp")
        staged.write_bytes(docx)
        limit = time_limit([staged])
        staged.rename(job.with_suffix(".docx"))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        try:
            while True:
                pdf, failed = job.with_suffix(".pdf"), job.with_suffix(".err")
                if pdf.exists():
                    return pdf.read_bytes()
                if failed.exists():
                    raise GovreportError(NOT_CONVERTED)
                if not self.alive:
                    await asyncio.to_thread(self.restart)
                    raise GovreportError(LOST)
                if loop.time() > deadline:
                    await asyncio.to_thread(self.restart)
                    raise GovreportError(timed_out(limit))
                await asyncio.sleep(POLL_SECONDS)
        finally:
            for suffix in (".tmp", ".docx", ".part", ".pdf", ".err"):
                job.with_suffix(suffix).unlink(missing_ok=True)

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.process is not None:
            end_group(self.process)
            self.process = None


class OfficePool:
    """``size`` instances under ``home``, started when the server starts; at most ``queue`` requests wait."""

    def __init__(self, size: int, queue: int, home: Path) -> None:
        self.offices = [Office(home / f"office-{n}") for n in range(1, size + 1)]
        self.queue = queue
        self.waiting = 0
        self._idle: asyncio.Queue[Office] | None = None

    async def start(self) -> None:
        """Start the instances in the background; a missing LibreOffice is said when a PDF is asked for."""
        self._idle = asyncio.Queue()
        for office in self.offices:
            self._idle.put_nowait(office)
        try:
            soffice()
        except GovreportError:
            return
        await asyncio.gather(*(asyncio.to_thread(office.start) for office in self.offices), return_exceptions=True)

    async def convert(self, docx: bytes) -> bytes:
        assert self._idle is not None, "start() first"
        soffice()  # the install hint when LibreOffice is missing
        if self.waiting >= self.queue:
            raise ApiError(503, BUSY, headers=BUSY_HEADERS)
        self.waiting += 1
        try:
            office = await self._idle.get()
        finally:
            self.waiting -= 1
        try:
            return await office.convert(docx)
        finally:
            self._idle.put_nowait(office)

    def stop(self) -> None:
        for office in self.offices:
            office.stop()
