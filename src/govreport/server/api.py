"""The versioned JSON API, ``/api/v1``: render, validate, check, kinds, schema, workbook, templates, health.

Data comes as the request body (JSON, YAML or XLSX) or as the file ``file``
of a multipart form; options come in the query. Answers that are not
documents are JSON; errors carry the Chinese messages of the command line.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..errors import GovreportError
from ..filenames import safe_filename
from ..kinds import KINDS
from ..proofread import KINDS as FINDING_KINDS
from ..proofread.passages import SUFFIXES as CHECKED_SUFFIXES
from ..reading import DATA_SUFFIXES
from . import template_upload
from .jobs import Options, check_job, render_job, validate_job, workbook_job
from .openapi import openapi_document
from .responses import BUSY_HEADERS, ApiError
from .state import ServerState
from .uploads import read_upload, read_upload_and_templates

MEDIA_TYPES = {  # every output format (vocabulary OUTPUT_FORMATS), in the order the page offers downloads
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
# The preview may style itself, and nothing else: no scripts, no requests anywhere.
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def kinds_json() -> list[dict[str, Any]]:
    return [{
        "name": kind.name, "label": kind.label, "summary": kind.summary,
        "formats": [f for f in MEDIA_TYPES if f in kind.output_formats],
        "outlines": [{"name": o.name, "label": o.label, "short": o.short or o.label} for o in kind.outlines],
        "derived_from": list(kind.derived_from),
    } for kind in KINDS.values()]


def routes(state: ServerState) -> list[Route]:
    async def render(request: Request) -> Response:
        fmt = request.query_params.get("format", "docx")
        if fmt not in MEDIA_TYPES:
            raise ApiError(400, f"不支持的输出格式“{fmt}”，可用：{'、'.join(MEDIA_TYPES)}")
        options = _options(request, state)
        upload, archive = await read_upload_and_templates(request, DATA_SUFFIXES, "数据")
        async with _uploaded_templates(archive, options, state) as options:
            result = _succeeded(await state.workers.run(render_job, upload, options, "docx" if fmt == "pdf" else fmt))
        content = result["content"]
        if fmt == "pdf":
            try:
                content = await state.offices.convert(content)
            except GovreportError as exc:
                raise ApiError(503, exc.message, headers=BUSY_HEADERS) from None
        headers = {"Content-Disposition": _disposition(result["title"], fmt),
                   "X-Govreport-Warnings": str(len(result["warnings"]))}
        if fmt == "html":
            headers["Content-Security-Policy"] = PREVIEW_POLICY
        return Response(content, media_type=MEDIA_TYPES[fmt], headers=headers)

    async def validate(request: Request) -> Response:
        options = _options(request, state)
        upload, archive = await read_upload_and_templates(request, DATA_SUFFIXES, "数据")
        async with _uploaded_templates(archive, options, state) as options:
            return JSONResponse(_succeeded(await state.workers.run(validate_job, upload, options)))

    async def check(request: Request) -> Response:
        ignore = request.query_params.getlist("ignore")
        unknown = [k for k in ignore if k not in FINDING_KINDS]
        if unknown:
            raise ApiError(400, f"没有“{unknown[0]}”这类检查，可用：{'、'.join(FINDING_KINDS)}")
        upload = await read_upload(request, CHECKED_SUFFIXES, "报告")
        return JSONResponse(_succeeded(await state.workers.run(check_job, upload, tuple(ignore))))

    async def kinds(request: Request) -> Response:
        return JSONResponse(kinds_json())

    async def schema(request: Request) -> Response:
        return JSONResponse(_kind(request).model.model_json_schema())

    async def workbook(request: Request) -> Response:
        kind = _kind(request)
        if kind.name not in state.workbooks:
            state.workbooks[kind.name] = await state.workers.run(workbook_job, kind.name)
        return Response(state.workbooks[kind.name], media_type=MEDIA_TYPES["xlsx"],
                        headers={"Content-Disposition": _disposition(f"{kind.label}数据", "xlsx")})

    async def templates(request: Request) -> Response:
        return JSONResponse([{"name": name} for name in state.config.templates])

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "workers": state.config.workers,
                             "pdf_instances": state.config.pdf_instances})

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document())

    return [
        Route("/api/v1/render", render, methods=["POST"]),
        Route("/api/v1/validate", validate, methods=["POST"]),
        Route("/api/v1/check", check, methods=["POST"]),
        Route("/api/v1/kinds", kinds),
        Route("/api/v1/schema/{kind}", schema),
        Route("/api/v1/workbook/{kind}", workbook),
        Route("/api/v1/templates", templates),
        Route("/api/v1/health", health),
        Route("/api/v1/openapi.json", openapi),
    ]


def _options(request: Request, state: ServerState) -> Options:
    query = request.query_params
    names = tuple(query.getlist("templates"))
    for name in names:
        if name not in state.config.templates:
            available = "、".join(state.config.templates) or "（服务器没有配置县级模板目录）"
            raise ApiError(400, f"服务器上没有名为“{name}”的县级模板目录，可用：{available}")
    return Options(query.get("kind") or None, query.get("outline") or None, names)


@asynccontextmanager
async def _uploaded_templates(archive: bytes | None, options: Options, state: ServerState) -> AsyncIterator[Options]:
    """The options with the uploaded county folder first, unpacked for the request and removed after it;
    403 when the operator has not allowed uploads."""
    if archive is None:
        yield options
        return
    if not state.config.allow_template_upload:
        raise ApiError(403, template_upload.NOT_ALLOWED)
    folder = await run_in_threadpool(template_upload.unpack, archive, state.home, state.config.templates)
    try:
        yield replace(options, uploaded=str(folder))
    finally:
        template_upload.remove(folder)


def _kind(request: Request):
    name = request.path_params["kind"]
    if name not in KINDS:
        raise ApiError(404, f"未知的报告类型“{name}”，应为以下之一：{'、'.join(KINDS)}")
    return KINDS[name]


def _succeeded(result: Any) -> Any:
    """A job's answer, or its failure raised as the API error it stands for."""
    if isinstance(result, dict) and "status" in result:
        raise ApiError(result["status"], result["message"], result["problems"])
    return result


def _disposition(title: str, fmt: str) -> str:
    """The file name the browser saves: the report's title, in UTF-8 (RFC 6266), with a plain fallback."""
    name = f"{safe_filename(title)}.{fmt}"
    kind = "inline" if fmt == "html" else "attachment"
    return f"{kind}; filename=\"report.{fmt}\"; filename*=UTF-8''{quote(name)}"
