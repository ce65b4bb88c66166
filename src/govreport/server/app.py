"""The application: the API and the page behind the request guard and the token check, with its pools' lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import api, page
from .access import TokenCheck
from .config import ServerConfig
from .guard import RequestGuard
from .responses import ApiError, error_json, error_response
from .state import ServerState

NOT_FOUND = "没有这个地址；API 见 /api/v1/openapi.json"
NOT_ALLOWED = "这个地址不接受此请求方法"
INTERNAL = "服务器内部错误，未生成结果；请重试，仍然出错请联系管理员"


def create_app(config: ServerConfig) -> Starlette:
    state = ServerState(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            await state.start()
            yield
        finally:
            state.stop()

    async def api_error(request: Request, exc: Exception) -> Response:
        return error_response(exc)  # type: ignore[arg-type]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        message = {404: NOT_FOUND, 405: NOT_ALLOWED}.get(status, INTERNAL)
        return JSONResponse(error_json(status, message), status)

    async def internal_error(request: Request, exc: Exception) -> Response:
        return JSONResponse(error_json(500, INTERNAL), 500)

    app = Starlette(
        routes=[*api.routes(state), *page.routes()],
        middleware=[Middleware(RequestGuard, limit=config.max_upload), Middleware(TokenCheck, token=config.token)],
        exception_handlers={ApiError: api_error, HTTPException: http_error, Exception: internal_error},
        lifespan=lifespan,
    )
    app.state.server = state
    return app
