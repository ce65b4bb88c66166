"""What the operator chooses when starting the server, and the rules for choosing safely.

Without an access token the server serves only this machine (a loopback
address): data of other people's projects must not be open to a whole
network by accident.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GovreportError

TOKEN_VARIABLE = "GOVREPORT_TOKEN"
TOKEN_FILE_VARIABLE = "GOVREPORT_TOKEN_FILE"
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    templates: dict[str, Path] = field(default_factory=dict)  # county template folders a request may choose, by name
    token: str | None = None
    workers: int = max(1, os.cpu_count() or 1)
    pdf_instances: int = 1
    max_upload: int = 20 * MEGABYTE  # bytes of one request body
    queue: int = 64  # requests waiting for a worker (or a LibreOffice) beyond which the server answers 503
    allow_template_upload: bool = False  # a request may bring its own county template folder as a .zip


def template_folders(paths: list[Path]) -> dict[str, Path]:
    """Configured folders by their folder name (what the page lists and a request names); names must differ."""
    folders: dict[str, Path] = {}
    for given in paths:
        folder = given.resolve()
        if not (folder / "manifest.yaml").is_file():
            raise GovreportError(f"{given} 不是县级模板目录（其中没有 manifest.yaml）")
        if folder.name in folders and folders[folder.name] != folder:
            raise GovreportError(f"两个模板目录同名“{folder.name}”：{folders[folder.name]} 和 {folder}；请改名后再启动")
        folders[folder.name] = folder
    return folders


def read_token(token_file: Path | None) -> str | None:
    """The access token: from ``token_file`` (or the file $GOVREPORT_TOKEN_FILE names), else $GOVREPORT_TOKEN."""
    source = token_file or (Path(os.environ[TOKEN_FILE_VARIABLE]) if os.environ.get(TOKEN_FILE_VARIABLE) else None)
    if source is not None:
        try:
            token = source.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise GovreportError(f"无法读取访问令牌文件 {source}：{getattr(exc, 'strerror', None) or exc}") from None
        if not token:
            raise GovreportError(f"访问令牌文件 {source} 是空的")
    else:
        token = os.environ.get(TOKEN_VARIABLE, "").strip() or None
    if token is not None and len(token) < 16:
        raise GovreportError("访问令牌太短（至少 16 个字符），容易被猜中；可用 python3 -c \"import secrets; "
                             "print(secrets.token_urlsafe(32))\" 生成一个")
    return token


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """Refuse to serve a network without a token."""
    if token is None and not is_loopback(host):
        raise GovreportError(
            f"没有设置访问令牌，不能在 {host} 上对外提供服务（只能用 127.0.0.1）。请先设置环境变量 {TOKEN_VARIABLE}，"
            f"或用 --token-file 指定保存令牌的文件")
