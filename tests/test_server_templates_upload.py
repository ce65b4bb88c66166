"""A county template folder uploaded with the data (``govreport serve --allow-template-upload``): used first in the
chain when allowed, and every unsafe archive refused in Chinese with nothing left on disk."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from govreport.cli import main
from govreport.server import ServerConfig, create_app
from govreport.server.template_upload import MAX_FILES, MAX_UNPACKED, MAX_ZIP

from .conftest import CONTRACT
from .server_helpers import ROOT, left_files

TEMPLATES = {"三亚市": (ROOT / "templates" / "三亚市").resolve()}
SENTENCE = "本项目资金情况按上传的县级模板写出。"
OVERRIDE = "{% macro funds_paragraph() -%}\n" + SENTENCE + "\n{%- endmacro %}\n"
REFUSED = "上传的县级模板压缩包已拒绝："


@pytest.fixture(scope="module")
def server():
    """One application allowing uploads: one worker, the 三亚市 folder configured."""
    app = create_app(ServerConfig(templates=TEMPLATES, workers=1, pdf_instances=1, allow_template_upload=True))
    with TestClient(app) as client:
        yield client, app.state.server


def county_zip(files: dict[str, bytes | str], parent: str | None = None, top: str = "") -> bytes:
    manifest = "name: 上传县\nversion: \"1.0\"\n" + (f"parent: {parent}\n" if parent else "")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(top + "manifest.yaml", manifest)
        for name, content in files.items():
            archive.writestr(top + name, content)
    return buffer.getvalue()


def post(client: TestClient, archive: bytes, path: str = "/api/v1/render", **params: str):
    return client.post(path, params={"format": "md", **params},
                       files={"file": (CONTRACT.name, CONTRACT.read_bytes()), "templates_zip": ("县.zip", archive)})


def nothing_left(state) -> bool:
    uploads = state.home / "template-uploads"
    return (not uploads.exists() or not any(uploads.iterdir())) and left_files(state.home) == []


@pytest.mark.parametrize("top", ["", "上传县/"])
def test_an_uploaded_county_folder_overrides_a_sentence(server, top):
    client, state = server
    plain = client.post("/api/v1/render", params={"format": "md"},
                        files={"file": (CONTRACT.name, CONTRACT.read_bytes())})
    answer = post(client, county_zip({"performance_evaluation/sentences.j2": OVERRIDE}, top=top))
    assert answer.status_code == 200, answer.text
    assert SENTENCE in answer.text and SENTENCE not in plain.text
    assert "。实际到位资金" not in answer.text and "。实际到位资金" in plain.text
    assert nothing_left(state)


def test_its_parent_may_name_a_configured_folder(server):
    client, state = server
    own = post(client, county_zip({"performance_evaluation/sentences.j2": OVERRIDE}, parent="三亚市"))
    sanya = post(client, county_zip({"README.md": "说明"}, parent="三亚市"))
    assert own.status_code == 200 and sanya.status_code == 200, own.text + sanya.text
    assert SENTENCE in own.text and "截至" in sanya.text and SENTENCE not in sanya.text  # 三亚市's funds paragraph
    assert nothing_left(state)


def test_validate_takes_an_uploaded_folder_and_a_broken_one_is_the_uploaders_422(server):
    client, state = server
    fine = post(client, county_zip({"README.md": "说明"}), "/api/v1/validate")
    broken = post(client, county_zip({"performance_evaluation/sentences.j2": "{% macro funds_paragraph( %}"}))
    assert fine.status_code == 200 and fine.json()["valid"] is True
    assert broken.status_code == 422 and str(state.home) not in broken.text
    assert nothing_left(state)


def _entry(name: str, content: bytes = b"x", mode: int | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    if mode is not None:
        info.external_attr = mode << 16
    return info


def _raw_zip(*entries: tuple[zipfile.ZipInfo, bytes], manifest: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if manifest:
            archive.writestr("manifest.yaml", "name: 上传县\nversion: \"1.0\"\n")
        for info, content in entries:
            archive.writestr(info, content)
    return buffer.getvalue()


def _encrypted() -> bytes:
    """An archive whose template is marked encrypted in the central directory (zipfile writes no encryption)."""
    name = b"performance_evaluation/sentences.j2"
    archive = bytearray(_raw_zip((_entry(name.decode()), b"x")))
    header = archive.rfind(b"PK\x01\x02")  # the central directory's last entry: the template, after the manifest
    assert archive[header + 46:header + 46 + len(name)] == name
    archive[header + 8] |= 0x1  # general purpose flag, bit 0: encrypted
    return bytes(archive)


def _corrupt() -> bytes:
    """An archive whose directory reads but whose one template's bytes do not match their checksum."""
    content = b"{# " + b"x" * 64 + b" #}"
    archive = bytearray(_raw_zip((_entry("performance_evaluation/sentences.j2"), content)))
    at = archive.rfind(content)
    archive[at:at + 3] = b"{% "
    return bytes(archive)


BAD = {
    "zip-slip": (_raw_zip((_entry("../../evil.j2"), b"x")), 400, "含有“..”"),
    "absolute": (_raw_zip((_entry("/tmp/evil.j2"), b"x")), 400, "是绝对路径"),
    "symlink": (_raw_zip((_entry("performance_evaluation/sentences.j2", mode=stat.S_IFLNK | 0o777), b"/etc/passwd")),
                400, "是链接或特殊文件"),
    "too many files": (county_zip({f"performance_evaluation/m{i}.j2": "" for i in range(MAX_FILES)}),
                       400, f"文件超过 {MAX_FILES} 个"),
    "unpacked too large": (county_zip({"performance_evaluation/big.j2": b"0" * (MAX_UNPACKED + 1)}),
                           413, "解压后超过"),
    "archive too large": (county_zip({"shell.docx": os.urandom(MAX_ZIP)}), 413, "压缩包超过"),
    "other file type": (county_zip({"run.py": "import os"}), 400, "不是县级模板目录中的文件"),
    "parent outside": (county_zip({}, parent="../海南省"), 400, "parent 只能写服务器已配置的县级模板目录名（三亚市）"),
    "parent not configured": (county_zip({}, parent="秀山县"), 400, "“秀山县”不是其中之一"),
    "no manifest": (_raw_zip((_entry("a.j2"), b""), manifest=False), 400, "最上层没有 manifest.yaml"),
    "not a zip": (b"PK\x03\x04 not really", 400, "不是有效的 .zip 文件"),
    "encrypted": (_encrypted(), 400, "已加密，请上传未加密的压缩包"),
    "corrupt": (_corrupt(), 400, "压缩包已损坏，无法解压"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_an_unsafe_archive_is_refused_in_chinese_and_leaves_nothing(server, case, tmp_path):
    client, state = server
    archive, status, words = BAD[case]
    answer = post(client, archive)
    assert answer.status_code == status, answer.text
    message = answer.json()["message"]
    assert message.startswith(REFUSED) and words in message, message
    assert "Traceback" not in answer.text and str(state.home) not in message
    assert nothing_left(state)
    assert not Path("/tmp/evil.j2").exists() and not (state.home.parent / "evil.j2").exists()


def test_serve_offers_the_option_in_chinese():
    output = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--allow-template-upload" in output and "允许 API 请求随数据上传县级模板目录" in output
