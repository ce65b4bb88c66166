"""The outermost layer: request bodies bounded before they are read whole, vanished clients, and a log without data.

A body announced as too large is refused from its headers; one that grows
past the limit while it streams is cut off there. A client that goes away
mid-upload ends its request quietly. The log line names the method, the
path, the status, the size and the time — never a file name, a query or
any content.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.requests import ClientDisconnect
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .responses import error_json

log = logging.getLogger("govreport.server")


class TooLarge(Exception):
    """The body grew past the limit while it was being received."""


def too_large_message(limit: int) -> str:
    return f"上传的内容超过 {limit // (1024 * 1024)} MB，未处理；一个项目的数据或一份报告不会这样大，请检查所选文件"


class RequestGuard:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        seen: dict[str, Any] = {"status": 0, "sent": 0, "received": 0}
        declared = _content_length(scope)
        try:
            if declared is not None and declared > self.limit:
                await self._refuse(scope, receive, send, seen)
                return
            await self.app(scope, self._bounded(receive, seen), self._watched(send, seen))
        except TooLarge:
            if not seen["status"]:
                await self._refuse(scope, receive, send, seen)
        except ClientDisconnect:
            seen["status"] = "断开"
        finally:
            log.info("%s %s %s 收 %d 字节 发 %d 字节 %.3f 秒", scope["method"], scope["path"], seen["status"] or "-",
                     seen["received"], seen["sent"], time.monotonic() - started)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, seen: dict[str, Any]) -> None:
        response = JSONResponse(error_json(413, too_large_message(self.limit)), 413, {"Connection": "close"})
        await response(scope, receive, self._watched(send, seen))

    def _bounded(self, receive: Receive, seen: dict[str, Any]) -> Receive:
        async def bounded() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["received"] += len(message.get("body", b""))
                if seen["received"] > self.limit:
                    raise TooLarge
            return message
        return bounded

    @staticmethod
    def _watched(send: Send, seen: dict[str, Any]) -> Send:
        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["sent"] += len(message.get("body", b""))
            await send(message)
        return watched


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None
