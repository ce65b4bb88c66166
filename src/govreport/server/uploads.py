"""The data or document of a request: a JSON body, a YAML or XLSX body, or one file in a multipart form.

Starlette reads the form (python-multipart underneath); its temporary files
are in the server's temporary folder and closed — so deleted — before the
request is answered. A name a client sends is cut to a plain file name.
"""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from .jobs import Upload
from .responses import ApiError

BODY_TYPES = {
    "application/json": ".json",
    "application/yaml": ".yaml", "application/x-yaml": ".yaml", "text/yaml": ".yaml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/markdown": ".md", "text/plain": ".txt",
}
MALFORMED = "上传的表单（multipart/form-data）不完整或已损坏，未能读出文件；请重新选择文件上传"
NO_FILE = "表单中没有名为 file 的文件；请选择要上传的文件"
MAX_NAME = 100
TEMPLATES_FIELD = "templates_zip"


async def read_upload(request: Request, suffixes: tuple[str, ...], body_name: str) -> Upload:
    """The uploaded file (its suffix one of ``suffixes``); a body of another type is refused with 415."""
    return (await read_upload_and_templates(request, suffixes, body_name, templates=False))[0]


async def read_upload_and_templates(request: Request, suffixes: tuple[str, ...], body_name: str,
                                    templates: bool = True) -> tuple[Upload, bytes | None]:
    """The uploaded file and, when ``templates``, the county template archive of the form's ``templates_zip`` field."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    archive: bytes | None = None
    if media == "multipart/form-data":
        name, content, archive = await _form_file(request, templates)
    elif media in BODY_TYPES and BODY_TYPES[media] in suffixes:
        name, content = body_name + BODY_TYPES[media], await request.body()
    else:
        accepted = "、".join(t for t, s in BODY_TYPES.items() if s in suffixes)
        raise ApiError(415, f"不支持的内容类型“{media or '未注明'}”；请用 multipart/form-data 上传文件，或直接发送 {accepted}")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in suffixes:
        raise ApiError(415, f"不支持的文件类型“{suffix or '无扩展名'}”，请上传 {'、'.join(suffixes)} 文件")
    return Upload(name, content), archive


async def _form_file(request: Request, templates: bool) -> tuple[str, bytes, bytes | None]:
    try:
        form = await request.form(max_files=2 if templates else 1, max_fields=16)
    except (MultiPartException, HTTPException, UnicodeDecodeError, ValueError):
        raise ApiError(400, MALFORMED) from None
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, NO_FILE)
        archive = form.get(TEMPLATES_FIELD) if templates else None
        if archive is not None and not isinstance(archive, UploadFile):
            raise ApiError(400, f"表单的 {TEMPLATES_FIELD} 字段应为上传的 .zip 文件")
        return clean_name(upload.filename or ""), await upload.read(), await archive.read() if archive else None
    finally:
        await form.close()


def clean_name(name: str) -> str:
    """The last part of a path, without control characters or characters a file name cannot hold."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join("_" if ch in ':*?"<>|' or ord(ch) < 32 else ch for ch in base).strip(" .")
    if len(cleaned) > MAX_NAME:
        stem, dot, suffix = cleaned.rpartition(".")
        cleaned = stem[: MAX_NAME - len(suffix) - 1] + dot + suffix if dot else cleaned[:MAX_NAME]
    return cleaned or "上传"
