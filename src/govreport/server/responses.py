"""Every answer that is not a document is JSON, with a Chinese message a clerk can act on and a stable code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from starlette.responses import JSONResponse

from ..errors import Problem

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
    415: "unsupported_media_type", 422: "invalid_data", 500: "internal", 503: "busy",
}


class ApiError(Exception):
    """A request the server answers with an error; ``problems`` lists every problem of the data."""

    def __init__(self, status: int, message: str, problems: Iterable[Mapping[str, Any]] = (),
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = list(problems)
        self.headers = dict(headers or {})


def problem_json(problem: Problem) -> dict[str, str]:
    """A problem as the API gives it: its location, message and severity, and the line the command line prints."""
    return {"path": problem.path, "message": problem.message, "severity": problem.severity, "text": str(problem)}


def error_json(status: int, message: str, problems: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    return {"error": CODES.get(status, "error"), "message": message, "problems": list(problems)}


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error_json(error.status, error.message, error.problems), error.status, error.headers)


BUSY_HEADERS = {"Retry-After": "5"}
