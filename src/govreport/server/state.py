"""What one running server holds: its configuration, its temporary folder, its workers and LibreOffice instances.

Nothing of any request is kept here; the blank workbooks are cached (they hold no data).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..rendering.cache import CACHE_VARIABLE
from .config import ServerConfig
from .office import OfficePool
from .workers import WorkerPool


class ServerState:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.home = Path(tempfile.mkdtemp(prefix="govreport-serve-"))
        self.workbooks: dict[str, bytes] = {}
        self.workers: WorkerPool | None = None
        self.offices: OfficePool | None = None

    def claim_temporary_files(self) -> None:
        """Temporary files of this process (uploads Starlette spools) and of the workers it starts go into the
        server's own folder, and so do the compiled templates unless the operator chose a cache folder
        (GOVREPORT_CACHE): the server writes nothing outside its folder. For the process ``govreport serve`` runs
        in, not for a program embedding the app."""
        uploads = self.home / "uploads"
        uploads.mkdir(exist_ok=True)
        tempfile.tempdir = str(uploads)
        os.environ["TMPDIR"] = str(uploads)
        os.environ.setdefault(CACHE_VARIABLE, str(self.home / "cache"))

    async def start(self) -> None:
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
