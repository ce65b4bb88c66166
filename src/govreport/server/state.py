"""What one running server holds: its configuration, its temporary folder, its workers and LibreOffice instances.

Nothing of any request is kept here; the blank workbooks are cached (they hold no data).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .config import ServerConfig
from .office import OfficePool
from .workers import WorkerPool


class ServerState:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.home = Path(tempfile.mkdtemp(prefix="govreport-serve-"))
        self.workbooks: dict[str, bytes] = {}
        self.workers: WorkerPool | None = None  # type: ignore[assignment]
        self.offices: OfficePool | None = None  # type: ignore[assignment]
        self._outer_temp = (tempfile.tempdir, os.environ.get("TMPDIR"))

    async def start(self) -> None:
        """Temporary files of this process and its children go into the server's own folder."""
        uploads = self.home / "uploads"
        uploads.mkdir()
        tempfile.tempdir = str(uploads)
        os.environ["TMPDIR"] = str(uploads)
        self.workers = WorkerPool(self.config.workers, self.config.queue, self.home, self.config.templates)
        self.offices = OfficePool(self.config.pdf_instances, self.config.queue, self.home)
        await self.workers.start()
        await self.offices.start()

    def stop(self) -> None:
        if self.offices is not None:
            self.offices.stop()
        if self.workers is not None:
            self.workers.stop()
        shutil.rmtree(self.home, ignore_errors=True)
        tempfile.tempdir, outer = self._outer_temp
        if outer is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = outer
