"""Where govreport may write, and what the command line says when it is used wrongly.

Every refusal is a Chinese message naming the path, exit code 2, and the
target exactly as it was: a device node stays a device node, a read-only file
keeps its content, a symbolic link stays a link to the same file.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.write import check_target, write_atomic

from .conftest import CONTRACT, SAMPLES

PREVIOUS = b"previous contents"

# Click's English, as words it uses or any three English words in a row (a sentence, not an option name).
ENGLISH = re.compile(
    r"\b(Usage|Error|Try|Invalid|Missing|No such|Got unexpected|Aborted|does not|requires|directory|not one of)\b"
    r"|[A-Za-z]{2,}(?:[ ,'][A-Za-z]{2,}){2,}"
)


def english(output: str) -> list[str]:
    """Lines of click's English; the usage and help lines name the command itself (govreport templates init)."""
    lines = [line for line in output.splitlines() if not line.startswith(("用法：govreport", "帮助：govreport"))]
    return [line for line in lines if ENGLISH.search(line)]


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="govreport")


def make_target(kind: str, path: Path) -> None:
    """Something already at ``path`` that must not be replaced."""
    if kind == "device":
        try:  # a node like /dev/null (character device 1,3), made here so the real one is never at risk
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except (PermissionError, OSError):
            pytest.skip("device nodes cannot be made here (needs root and CAP_MKNOD)")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        os.chdir(path.parent)  # a relative name keeps within the 108 bytes a socket path may have
        server.bind(path.name)
        server.close()
    elif kind == "read-only file":
        path.write_bytes(PREVIOUS)
        path.chmod(0o444)
    elif kind == "symbolic link":
        (path.parent / "elsewhere").write_bytes(PREVIOUS)
        path.symlink_to(path.parent / "elsewhere")
    elif kind == "dangling link":
        path.symlink_to(path.parent / "nowhere")
    elif kind == "folder":
        path.mkdir()
        (path / "inside").write_bytes(PREVIOUS)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str | None]]:
    """Every entry of ``folder``: its type and permission bits, and its content or link target."""
    found: dict[str, tuple[int, bytes | str | None]] = {}
    for entry in sorted(folder.rglob("*")):
        mode = entry.lstat().st_mode
        content = os.readlink(entry) if entry.is_symlink() else entry.read_bytes() if stat.S_ISREG(mode) else None
        found[str(entry.relative_to(folder))] = (mode, content)
    return found


REASONS = {
    "device": "不是普通文件", "fifo": "不是普通文件", "socket": "不是普通文件", "read-only file": "只读",
    "symbolic link": "符号链接", "dangling link": "符号链接", "folder": "是文件夹",
}


def _commands(out: Path, data: Path, text: Path) -> dict[str, list[str]]:
    return {
        "render": ["render", str(data), "-o", str(out.with_suffix(".docx"))],
        "render pdf": ["render", str(data), "-o", str(out.with_suffix(".pdf"))],  # refused before LibreOffice starts
        "render md": ["render", str(data), "-f", "md", "-o", str(out.with_suffix(".md"))],
        "convert": ["convert", str(data), "-o", str(out.with_suffix(".yaml")), "--force"],
        "excel-template": ["excel-template", "-o", str(out.with_suffix(".xlsx")), "--force"],
        "check --fix": ["check", str(text), "--fix", "-o", str(out.with_suffix(".txt"))],
    }


@pytest.mark.parametrize("kind", list(REASONS))
@pytest.mark.parametrize("command", ["render", "render pdf", "render md", "convert", "excel-template", "check --fix"])
def test_every_command_refuses_a_target_it_must_not_replace(tmp_path, monkeypatch, command, kind):
    monkeypatch.chdir(tmp_path)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    data = Path(shutil.copy(CONTRACT, inputs / "pe.json"))
    text = inputs / "总结.txt"
    text.write_text("二、主要工作\n成文日期：2026年01月05日。\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    args = _commands(folder / "r", data, text)[command]
    target = Path(args[args.index("-o") + 1])
    make_target(kind, target)
    before = snapshot(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert REASONS[kind] in result.output and str(target) in result.output
    assert "Traceback" not in result.output and not english(result.output)
    assert snapshot(tmp_path) == before  # nothing replaced, nothing left behind


def test_a_read_only_folder_is_respected_even_by_root(tmp_path):
    folder = tmp_path / "归档"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("render", str(CONTRACT), "-o", str(folder / "r.docx"))
        assert result.exit_code == 2 and f"输出目录 {folder} 是只读的" in result.output
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(("mode", "refused"), [
    (0o444, True), (0o400, True), (0o000, True), (0o555, True),  # no write bit for anyone: read-only, whoever runs
    (0o644, False), (0o600, False), (0o200, False),
])
def test_read_only_means_no_write_bit(tmp_path, mode, refused):
    target = tmp_path / "r.docx"
    target.write_bytes(PREVIOUS)
    target.chmod(mode)
    if refused:
        with pytest.raises(govreport.OutputError, match="只读文件，未覆盖"):
            write_atomic(target, b"new")
        assert stat.S_IMODE(target.lstat().st_mode) == mode
        target.chmod(0o600)
        assert target.read_bytes() == PREVIOUS
    else:
        write_atomic(target, b"new")
        target.chmod(0o600)
        assert target.read_bytes() == b"new"


def test_new_paths_and_writable_files_are_written(tmp_path):
    assert check_target(tmp_path / "new.docx") == tmp_path / "new.docx"
    existing = tmp_path / "old.docx"
    existing.write_bytes(PREVIOUS)
    report = govreport.load(CONTRACT)
    govreport.render_to(report, existing)
    assert existing.read_bytes() == govreport.render(report, "docx")


def test_library_render_to_raises_output_error_for_a_pipe(tmp_path):
    fifo = tmp_path / "r.docx"
    os.mkfifo(fifo)
    with pytest.raises(govreport.OutputError, match=re.escape(f"{fifo} 不是普通文件")):
        govreport.render_to(govreport.load(CONTRACT), fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_batch_output_folder_that_is_a_file_or_read_only(tmp_path):
    afile = tmp_path / "报告"
    afile.write_bytes(PREVIOUS)
    result = run("batch", str(CONTRACT), "-o", str(afile))
    assert result.exit_code == 2 and f"{afile} 是文件，这里应为文件夹" in result.output
    assert afile.read_bytes() == PREVIOUS
    with pytest.raises(govreport.OutputError, match="是文件，不能作为输出目录"):
        govreport.batch.run_batch([str(CONTRACT)], str(afile))
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("batch", str(CONTRACT), "-o", str(folder))
        assert result.exit_code == 2 and f"输出目录 {folder} 是只读的" in result.output
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_batch_keeps_a_read_only_report_and_names_it(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "performance_evaluation.docx"
    kept.write_bytes(PREVIOUS)
    kept.chmod(0o444)
    result = run("batch", str(CONTRACT), str(SAMPLES / "work_summary.json"), "-o", str(out))
    assert result.exit_code == 1, result.output  # batch: one report failed, the other was written
    assert f"{kept} 是只读文件，未覆盖" in result.output and "已生成 1 份，失败 1 份" in result.output
    assert kept.read_bytes() == PREVIOUS and (out / "work_summary.docx").is_file()


MISUSES = [
    (["render", "{tmp}"], "是文件夹，这里应为文件"),
    (["render", "{data}", "-o", "{tmp}"], "是文件夹，这里应为文件"),
    (["validate", "{tmp}"], "是文件夹，这里应为文件"),
    (["convert", "{tmp}", "-o", "{tmp}/x.json"], "是文件夹，这里应为文件"),
    (["render", "{data}", "-t", "{data}"], "是文件，这里应为文件夹"),
    (["templates", "check", "{data}"], "是文件，这里应为文件夹"),
    (["templates", "init", "{data}"], "是文件，这里应为文件夹"),
    (["render"], "缺少参数 “数据文件”"),
    (["batch", "{data}"], "缺少选项 -o/--output"),
    (["excel-template"], "缺少选项 -o/--output"),
    (["render", "{data}", "--bogus"], "没有选项 --bogus"),
    (["render", "{data}", "--outpt", "x.docx"], "没有选项 --outpt；是否想写 --outline、--output？"),
    (["--bogus"], "没有选项 --bogus"),
    (["render", "{data}", "-f", "doc"], "“doc”不是可用的取值，应为：docx、md、html、xlsx、pdf"),
    (["check", "{data}", "--ignore", "spelling"], "“spelling”不是可用的取值"),
    (["batch", "{data}", "-o", "{tmp}/o", "-f", "xlsx"], "应为：docx、md、pdf"),
    (["batch", "{data}", "-o", "{tmp}/o", "-j", "0"], "0 超出范围，应为 1～64 之间的整数"),
    (["batch", "{data}", "-o", "{tmp}/o", "-j", "two"], "“two”不是整数"),
    (["render", "{data}", "-o"], "选项 -o 后面缺少取值"),
    (["check", "{data}", "--fix=yes"], "选项 --fix 不带取值"),
    (["render", "{data}", "extra.json"], "多余的参数：extra.json"),
    (["schema", "x", "y"], "多余的参数：x y"),
    (["rendr", "{data}"], "没有命令“rendr”；是否想写 render？"),
    (["templates", "chek", "{tmp}"], "没有命令“chek”"),
]


@pytest.mark.parametrize(("args", "expected"), MISUSES, ids=[" ".join(a) for a, _ in MISUSES])
def test_every_misuse_is_answered_in_chinese(tmp_path, args, expected):
    filled = [a.format(tmp=tmp_path, data=CONTRACT) for a in args]
    result = run(*filled)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output and not english(result.output)
    if args[-1] != "-o" and "--fix=yes" not in args:  # click names no command for these two
        assert "用法：govreport" in result.output and "帮助：govreport" in result.output
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "o").exists()


def test_help_version_and_no_command_still_work():
    assert run("--help").exit_code == 0 and "用法：govreport" in run("--help").output
    assert run("-V").exit_code == 0 and run("-V").output.startswith("govreport ")
    templates = run("templates")  # a group without its command shows its help, as click does, with code 2
    assert templates.exit_code == 2 and "命令：" in templates.output and not english(templates.output)


def test_interrupted_run_says_so_in_chinese(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(govreport, "load", interrupted)
    result = run("render", str(CONTRACT))
    assert result.exit_code == 1 and "已中止。" in result.output and not english(result.output)


@pytest.mark.parametrize(("sample", "formats"), [
    ("performance_evaluation.json", "docx、md、html、pdf"),
    ("work_summary.json", "docx、md、html、pdf"),
])
def test_xlsx_for_a_kind_without_a_form_lists_every_format_it_has(tmp_path, sample, formats):
    out = tmp_path / "r.xlsx"
    result = run("render", str(SAMPLES / sample), "-o", str(out))
    assert result.exit_code == 2 and f"不支持输出格式“xlsx”，可用：{formats}" in result.output
    assert not out.exists()


def test_kinds_lists_the_formats_each_kind_is_written_in():
    listing = run("kinds").output
    assert re.search(r"self_evaluation.*\n\s+格式：docx、md、html、xlsx、pdf", listing)
    assert re.search(r"work_summary.*\n\s+格式：docx、md、html、pdf", listing)
