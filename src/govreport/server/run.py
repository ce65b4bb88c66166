"""Starting the server from the command line: check the choices, bind the address, say where it is, serve."""

from __future__ import annotations

import errno
import logging
import socket
import sys
from pathlib import Path

import uvicorn

from ..errors import GovreportError
from .app import create_app
from .config import MEGABYTE, ServerConfig, check_binding, read_token, template_folders


def serve(host: str, port: int, templates: list[Path], token_file: Path | None, workers: int, pdf_instances: int,
          max_upload_mb: int, allow_template_upload: bool = False) -> None:
    """Serve until Ctrl+C; a ``GovreportError`` for a choice that cannot work (no token off loopback, port taken)."""
    token = read_token(token_file)
    check_binding(host, token)
    config = ServerConfig(template_folders(templates), token, workers, pdf_instances, max_upload_mb * MEGABYTE,
                          allow_template_upload=allow_template_upload)
    listening = _bind(host, port)
    address = f"http://{host if ':' not in host else f'[{host}]'}:{listening.getsockname()[1]}/"
    print(f"govreport 服务已启动：{address}（按 Ctrl+C 停止）", flush=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    app = create_app(config)
    app.state.server.claim_temporary_files()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=10))
    server.run(sockets=[listening])


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as exc:
        listening.close()
        if exc.errno == errno.EADDRINUSE:
            raise GovreportError(f"端口 {port} 已被占用；请用 --port 换一个端口") from None
        raise GovreportError(f"无法在 {host}:{port} 上监听：{exc.strerror or exc}") from None
    listening.listen(128)
    return listening
