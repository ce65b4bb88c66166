"""The web page: static files only (HTML, CSS, JS in Chinese), all served from here — no outside fonts, scripts or styles."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

STATIC = Path(str(files("govreport.server") / "static"))
# Only this server's own files; the preview (srcdoc) may use inline styles; nothing is fetched from elsewhere.
PAGE_POLICY = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
               "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_POLICY,
                                                        "Cache-Control": "no-cache"})


def routes() -> list[BaseRoute]:
    return [Route("/", index), Mount("/static", StaticFiles(directory=STATIC), name="static")]
