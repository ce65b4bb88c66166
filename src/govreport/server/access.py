"""The optional access token: every API request carries ``Authorization: Bearer <令牌>``, compared in constant time.

The page itself (HTML, CSS, JS) holds no data and is served to anyone who
can reach the server; it asks for the token when the API answers 401.
``/api/v1/health`` stays open for load balancers.
"""

from __future__ import annotations

import hmac

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from .responses import error_json

OPEN_PATHS = ("/api/v1/health",)
MISSING = "缺少访问令牌：请在请求头中写 Authorization: Bearer 令牌（网页上在“访问令牌”框中填写）"
WRONG = "访问令牌不正确"


class TokenCheck:
    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token.encode("utf-8") if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.token is None or scope["type"] != "http" or not scope["path"].startswith("/api/") \
                or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        given = _bearer(scope)
        if given is not None and hmac.compare_digest(given, self.token):
            await self.app(scope, receive, send)
            return
        message = MISSING if given is None else WRONG
        response = JSONResponse(error_json(401, message), 401, {"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)


def _bearer(scope: Scope) -> bytes | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, credentials = value.partition(b" ")
            return credentials.strip() if scheme.lower() == b"bearer" else b""
    return None
