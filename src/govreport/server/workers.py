"""The pool of worker processes that do the work, so that one slow report does not hold up the others.

A worker that dies (killed, out of memory) breaks Python's process pool: the
requests it held are answered 503 and a fresh pool takes over, so the next
request succeeds. Requests beyond the queue's bound are answered 503 at once
rather than left to wait without end.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from .jobs import start_worker, warm
from .responses import BUSY_HEADERS, ApiError

BUSY = "服务器正忙（排队的请求已满），请稍后再试"
LOST = "处理这份请求的工作进程意外退出，未生成结果；已重新启动，请重试"


class WorkerPool:
    def __init__(self, size: int, queue: int, home: Path, folders: dict[str, Path]) -> None:
        self.size = size
        self.queue = queue
        self._setup = (str(home), folders)
        self._context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads of the server forked
        self._pool = self._new()
        self.pending = 0

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.size, self._context, initializer=start_worker, initargs=self._setup)

    async def start(self) -> None:
        """Start every worker now, so the first requests do not wait for them."""
        await asyncio.gather(*(asyncio.wrap_future(self._pool.submit(warm)) for _ in range(self.size)))

    async def run(self, job: Callable[..., Any], *args: Any) -> Any:
        if self.pending >= self.queue:
            raise ApiError(503, BUSY, headers=BUSY_HEADERS)
        self.pending += 1
        pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(job, *args))
        except BrokenProcessPool:
            self._replace(pool)
            raise ApiError(503, LOST, headers=BUSY_HEADERS) from None
        finally:
            self.pending -= 1

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self._pool is broken:
            self._pool = self._new()
            broken.shutdown(wait=False, cancel_futures=True)

    def processes(self) -> list[int]:
        """The current workers' process ids (for the health answer and the tests)."""
        return list(getattr(self._pool, "_processes", {}) or {})

    def stop(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
