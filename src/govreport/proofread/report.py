"""``govreport check`` output: findings grouped by file and kind for a clerk, or JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..errors import GovreportError
from . import check_document
from .findings import KINDS, Finding
from .fix import fixable, write_fixed
from .passages import Unreadable, read_document


@dataclass
class FileResult:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    error: str = ""


def check_files(paths: Iterable[Path], ignore: Iterable[str] = ()) -> list[FileResult]:
    results = []
    for path in paths:
        try:
            results.append(FileResult(path, check_document(read_document(path), ignore)))
        except Unreadable as exc:
            results.append(FileResult(path, error=str(exc)))
    return results


def print_text(results: list[FileResult]) -> None:
    for result in results:
        if result.error:
            click.secho(f"{result.path}：无法读取——{result.error}", fg="red", err=True)
            continue
        if not result.findings:
            click.echo(f"{result.path}：未发现问题")
            continue
        click.secho(f"{result.path}：发现 {len(result.findings)} 处问题", fg="red")
        for kind, label in KINDS.items():
            found = [f for f in result.findings if f.kind == kind]
            if not found:
                continue
            click.echo(f"  {label}（{len(found)}）")
            for finding in found:
                mark = "　[可自动修正]" if finding.fix else ""
                click.echo(f"    {finding.where}　{finding.message}{mark}")
                click.echo(f"        {finding.excerpt}")
    unreadable = sum(1 for r in results if r.error)
    flagged = sum(1 for r in results if r.findings)
    click.echo(f"共检查 {len(results)} 个文件：{flagged} 个有问题，{len(results) - flagged - unreadable} 个未发现问题"
               + (f"，{unreadable} 个无法读取" if unreadable else "") + "。")


def print_json(results: list[FileResult]) -> None:
    payload = {
        "files": [{"path": str(r.path), "error": r.error or None, "findings": [f.as_dict() for f in r.findings]}
                  for r in results],
        "summary": {"files": len(results), "with_findings": sum(1 for r in results if r.findings),
                    "unreadable": sum(1 for r in results if r.error),
                    "findings": sum(len(r.findings) for r in results)},
    }
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def run_fix(files: list[Path], output: Path | None, ignore: Iterable[str]) -> int:
    """Apply the mechanical fixes of one file into ``output``; the exit code to use."""
    if len(files) != 1 or output is None:
        click.secho("--fix 须且只能检查一个文件，并用 -o 指定新文件。", fg="red", err=True)
        return 2
    source = files[0]
    if output.resolve() == source.resolve() or output.suffix.lower() != source.suffix.lower():
        click.secho(f"-o 须是与 {source.name} 同类型的另一个文件；被检查的文件不会被修改。", fg="red", err=True)
        return 2
    try:
        document = read_document(source)
        findings = check_document(document, ignore)
        applied = write_fixed(document, findings, output)
    except Unreadable as exc:
        click.secho(f"{source}：无法读取——{exc}", fg="red", err=True)
        return 2
    except GovreportError as exc:
        click.secho(exc.message, fg="red", err=True)
        return 2
    remaining = len(findings) - len(fixable(findings))
    click.echo(f"已修正 {applied} 处，写入：{output}；其余 {remaining} 处需人工处理。")
    return 1 if remaining or applied < len(fixable(findings)) else 0
