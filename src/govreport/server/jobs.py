"""What runs in a worker process: load, validate, render and check one upload, answered as plain values.

Each worker works in a private folder of the server's temporary folder. An
upload is written there under its own (cleaned) name only while it is read,
so the messages name the file as the clerk knows it (``项目.xlsx``, ``绩效指标!H7``)
and nothing of it stays. The folder also holds one link per configured
county template folder: a data file's ``meta.templates`` may name those
folders and nothing else.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import govreport
from govreport.errors import DataError, GovreportError, Problem, TemplateFault
from govreport.reading import read_data
from govreport.rendering.cache import CACHE_VARIABLE

from .responses import problem_json

_FOLDERS: dict[str, Path] = {}


@dataclass(frozen=True)
class Upload:
    name: str  # as the client named it, cleaned to a plain file name
    content: bytes


@dataclass(frozen=True)
class Options:
    kind: str | None = None
    outline: str | None = None
    templates: tuple[str, ...] = ()  # names of configured folders
    uploaded: str | None = None  # a county folder unpacked from the request's .zip, searched first


def start_worker(home: str, folders: dict[str, Path]) -> None:
    """A worker's set-up: its private folder (the working folder), the links to the allowed template folders."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which stops the workers
    private = Path(home) / f"worker-{os.getpid()}"
    private.mkdir()
    os.chdir(private)
    _FOLDERS.update(folders)
    for name, path in folders.items():
        (private / name).symlink_to(path, target_is_directory=True)


def warm() -> int:
    """Nothing but the imports done and the worker started; returns its process id."""
    return os.getpid()


def render_job(upload: Upload, options: Options, fmt: str) -> dict[str, Any]:
    """The document, its title and the warnings; or the status and message of what went wrong."""
    try:
        with _no_disk_cache(options):
            report = _loaded(upload, options)
            document = govreport.render(report, fmt, options.outline)  # type: ignore[arg-type]
    except GovreportError as exc:
        return _failure(exc, upload.name, options)
    return {"title": document.title, "content": document.content,
            "warnings": [problem_json(p) for p in report.warnings]}


def validate_job(upload: Upload, options: Options) -> dict[str, Any]:
    """Every problem, errors and warnings, with the summary line ``govreport validate`` prints."""
    try:
        data = _read(upload)
        with _no_disk_cache(options):
            problems = _refused_templates(data) or govreport.validate(data, options.kind, _paths(options),
                                                                      options.outline)
    except DataError as exc:
        problems = exc.problems
    except GovreportError as exc:
        return _failure(exc, upload.name, options)
    errors = [p for p in problems if p.severity == "error"]
    name = upload.name or "数据"
    message = f"{name}：发现 {len(errors)} 处错误。" if errors else f"{name}：数据检查通过。"
    return {"valid": not errors, "message": message, "problems": [problem_json(p) for p in problems]}


def check_job(upload: Upload, ignore: Sequence[str]) -> dict[str, Any]:
    """The findings of ``govreport check`` for one document."""
    from govreport.proofread import Unreadable, check_file

    path = _written(upload)
    try:
        findings = check_file(path, ignore)
    except Unreadable as exc:
        return {"status": 422, "message": f"{upload.name}：{exc}", "problems": []}
    finally:
        path.unlink(missing_ok=True)
    return {"file": upload.name, "findings": [f.as_dict() for f in findings]}


def _loaded(upload: Upload, options: Options) -> govreport.Report:
    data = _read(upload)
    refused = _refused_templates(data)
    if refused:
        raise DataError(refused)
    return govreport.load(data, options.kind, _paths(options), options.outline)


def _read(upload: Upload) -> dict[str, Any]:
    path = _written(upload)
    try:
        return read_data(path, plans=False)
    finally:
        path.unlink(missing_ok=True)


def _written(upload: Upload) -> Path:
    """The upload as a file in the private folder, by its own name (a link's name is never reused)."""
    path = Path(upload.name)
    if path.name in _FOLDERS or path.exists():
        path = Path("上传" + path.suffix)
    path.write_bytes(upload.content)
    return path


def _paths(options: Options) -> list[Path]:
    uploaded = [Path(options.uploaded)] if options.uploaded else []
    return [*uploaded, *(_FOLDERS[name] for name in options.templates)]


@contextmanager
def _no_disk_cache(options: Options) -> Iterator[None]:
    """With an uploaded folder, nothing compiled from it is stored outside the server's temporary folder."""
    if not options.uploaded:
        yield
        return
    before = os.environ.get(CACHE_VARIABLE)
    os.environ[CACHE_VARIABLE] = ""
    try:
        yield
    finally:
        if before is None:
            del os.environ[CACHE_VARIABLE]
        else:
            os.environ[CACHE_VARIABLE] = before


def _refused_templates(data: dict[str, Any]) -> list[Problem]:
    """``meta.templates`` entries other than the names of the configured folders (no paths: nothing outside them)."""
    meta = data.get("meta")
    named = meta.get("templates") if isinstance(meta, dict) else None
    if not isinstance(named, list):
        return []
    allowed = "、".join(_FOLDERS) or "（服务器没有配置县级模板目录）"
    problems = [
        Problem(f"meta.templates[{i}]", f"服务器上只能使用已配置的县级模板目录：{allowed}；“{entry}”不是其中之一")
        for i, entry in enumerate(named) if not (isinstance(entry, str) and entry in _FOLDERS)
    ]
    located = getattr(data, "located", None)
    return [located(p) for p in problems] if located else problems


def _failure(exc: GovreportError, name: str, options: Options | None = None) -> dict[str, Any]:
    """422 for the data, the options or an uploaded template; 500 for a broken configured county template, which
    the operator must mend."""
    message = DataError(exc.problems, name).message if isinstance(exc, DataError) else exc.message
    uploaded = options.uploaded if options is not None else None
    problems = exc.problems
    if uploaded:  # the uploaded folder is named as such, not by where the server unpacked it
        message = message.replace(uploaded, "上传的模板目录")
        problems = [replace(p, path=p.path.replace(uploaded, "上传的模板目录"),
                            message=p.message.replace(uploaded, "上传的模板目录")) for p in problems]
    status = 500 if isinstance(exc, TemplateFault) and not uploaded else 422
    return {"status": status, "message": message, "problems": [problem_json(p) for p in problems]}


def workbook_job(kind: str) -> bytes:
    """The blank Excel workbook of ``kind`` (what ``govreport excel-template`` writes)."""
    from govreport.kinds import KINDS
    from govreport.workbook.sheets import LAYOUTS
    from govreport.workbook.write import write_workbook

    return write_workbook(LAYOUTS[kind], KINDS[kind].model)
