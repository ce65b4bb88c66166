"""The ``govreport`` command: render, batch, validate, convert, check, templates, serve…, with help and messages in Chinese.

Every user-caused failure prints its problems and exits with code 2; no
traceback, and no output file is created or touched.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli_chinese import ChineseErrors, ChoiceType, CountRange, PathType
from .errors import DataError, GovreportError, Problem
from .proofread.findings import KINDS as FINDING_KINDS
from .vocabulary.words import OUTPUT_FORMATS

FORMAT_CHOICES = OUTPUT_FORMATS
OTHER_DOCUMENTS = (".doc", ".wps", ".pdf", ".rtf", ".odt")  # reports check cannot read; named so none is missed silently


class ChineseHelp:
    """Help screens with Chinese headings (用法、选项、命令)."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), "用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        options = [(name, _chinese_extras(text)) for p in self.get_params(ctx)
                   if isinstance(p, click.Option) and (record := p.get_help_record(ctx)) for name, text in [record]]
        if options:
            _section(formatter, "选项", options)
        if isinstance(self, click.Group):
            commands = [(n, c.get_short_help_str(60)) for n in self.list_commands(ctx)
                        if (c := self.get_command(ctx, n)) and not c.hidden]
            if commands:
                _section(formatter, "命令", commands)


_EXTRAS = (("[default: ", "[默认："), ("[required]", "[必填]"), ("; required]", "；必填]"), ("default: ", "默认："))


def _chinese_extras(text: str) -> str:
    """Click's own notes after an option's help ([default: …], [required]) in Chinese."""
    for english, chinese in _EXTRAS:
        text = text.replace(english, chinese)
    return text


def _section(formatter: click.HelpFormatter, heading: str, rows: list[tuple[str, str]]) -> None:
    formatter.write_paragraph()
    formatter.write_text(f"{heading}：")
    formatter.indent()
    try:
        formatter.write_dl(rows)
    finally:
        formatter.dedent()


class Command(ChineseHelp, click.Command):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, options_metavar="[选项]", **kwargs)


class Group(ChineseErrors, ChineseHelp, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, options_metavar="[选项]", subcommand_metavar="命令 [参数]...", **kwargs)


HELP = {"help_option_names": ["-h", "--help"]}


def _help_option(f):
    return click.help_option("-h", "--help", help="显示本帮助并退出")(f)


def _report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(f"  {problem}", err=True)


def _fail(exc: GovreportError) -> None:
    click.secho(exc.message, fg="red", err=True)
    _report_problems(exc.problems)
    sys.exit(2)


@click.group(cls=Group, context_settings=HELP, add_help_option=False)
@_help_option
@click.version_option(None, "-V", "--version", package_name="govreport", message="govreport %(version)s",
                      help="显示版本号并退出")
def main() -> None:
    """govreport：由项目数据生成规范的绩效评价报告、绩效自评表和工作总结（Word / Excel / Markdown / PDF），并检查已有报告。"""


KIND_OPTION = click.option(
    "-k", "--kind", "as_kind", metavar="类型",
    help="按另一种兼容的报告类型生成，如把绩效评价数据生成 self_evaluation（自评表）；可用类型见 govreport kinds",
)


TEMPLATES_OPTION = click.option(
    "-t", "--templates", "templates", multiple=True, metavar="目录",
    type=PathType(file_okay=False, path_type=Path),
    help="县级模板目录，先于内置模板查找；可写多次，先写的优先。也可用数据的 meta.templates 或环境变量 GOVREPORT_TEMPLATES",
)


@main.command(add_help_option=False)
@_help_option
@click.argument("data", type=PathType(dir_okay=False, path_type=Path), metavar="数据文件")
@click.option("-o", "--output", type=PathType(dir_okay=False, path_type=Path), metavar="文件",
              help="输出文件；默认与数据文件同目录，以报告标题命名")
@click.option("-f", "--format", "fmt", type=ChoiceType(FORMAT_CHOICES),
              help="输出格式：docx（默认）、md、html（网页）、xlsx（仅自评表）或 pdf；不填时按输出文件扩展名确定")
@KIND_OPTION
@click.option("--outline", metavar="提纲",
              help="报告提纲，如绩效评价报告的 mof2020（财预〔2020〕10号附件3）；可用提纲见 govreport kinds")
@TEMPLATES_OPTION
def render(data: Path, output: Path | None, fmt: str | None, as_kind: str | None, outline: str | None,
           templates: tuple[Path, ...]) -> None:
    """把数据文件（.json / .yaml / .xlsx）生成报告。"""
    from . import load, render
    from .filenames import default_output
    from .write import check_target, write_atomic

    try:
        chosen = fmt or (output.suffix.lstrip(".").lower() if output and output.suffix else "docx")
        if chosen not in FORMAT_CHOICES:
            raise GovreportError(f"不支持的输出格式“{chosen}”，可用：{'、'.join(FORMAT_CHOICES)}")
        report = load(data, as_kind, templates, outline)
        _report_problems(list(report.warnings))
        if chosen not in report.kind.output_formats:
            raise GovreportError(f"{report.kind.label}不支持输出格式“{chosen}”，可用：{'、'.join(report.kind.output_formats)}")
        document = render(report, "docx" if chosen == "pdf" else chosen, outline)  # type: ignore[arg-type]
        target = check_target(output or default_output(report, document.title, chosen))  # before a long PDF run
        content = document.content
        if chosen == "pdf":
            from .fonts import font_report
            from .pdf import docx_to_pdf

            content = docx_to_pdf(document.content)
            fonts = font_report(content, document.content)
        write_atomic(target, content)
    except GovreportError as exc:
        _fail(exc)
    click.echo(f"已生成：{target}")
    if chosen == "pdf":
        _report_fonts(fonts.faces, fonts.warnings)


def _report_fonts(faces: list[str], warnings: list[str]) -> None:
    click.echo(f"PDF 字体：{'、'.join(faces) or '（无）'}")
    for warning in warnings:
        click.secho(f"  提示　{warning}", fg="yellow", err=True)


@main.command(add_help_option=False)
@_help_option
def kinds() -> None:
    """列出报告类型，以及各类型的输出格式、提纲和可由哪种数据生成。"""
    from .kinds import KINDS

    for kind in KINDS.values():
        click.echo(f"{kind.name}　{kind.summary}")
        click.echo(f"    格式：{'、'.join(kind.output_formats)}")
        if len(kind.outlines) > 1:
            for o in kind.outlines:
                click.echo(f"    提纲 {o.name}：{o.label}")
        for source in kind.derived_from:
            click.echo(f"    也可由 {source} 的数据生成：govreport render 数据文件 --kind {kind.name}")


@main.command(add_help_option=False)
@_help_option
@click.argument("data", type=PathType(dir_okay=False, path_type=Path), metavar="数据文件")
@KIND_OPTION
@click.option("--outline", metavar="提纲", help="报告将使用的提纲（如 mof2020）；据此提示哪些已填写的内容不会印出")
@TEMPLATES_OPTION
def validate(data: Path, as_kind: str | None, outline: str | None, templates: tuple[Path, ...]) -> None:
    """检查数据文件，列出全部问题及其字段路径；没有错误时退出码为 0。"""
    from . import validate as find

    try:
        problems = find(data, as_kind, templates, outline)
    except GovreportError as exc:
        _fail(exc)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.secho(f"{data}：发现 {len(errors)} 处错误。", fg="red", err=True)
    _report_problems(problems)
    if errors:
        sys.exit(2)
    click.echo(f"{data}：数据检查通过。")


@main.command(add_help_option=False)
@_help_option
@click.option("-k", "--kind", default="performance_evaluation", show_default=True, metavar="类型",
              help="报告类型，见 govreport kinds")
def schema(kind: str) -> None:
    """输出某一报告类型数据文件的 JSON Schema（供编辑器校验和提示）。"""
    from .kinds import KINDS, kinds_text

    if kind not in KINDS:
        click.secho(f"未知的报告类型“{kind}”，应为以下之一：{kinds_text()}", fg="red", err=True)
        sys.exit(2)
    click.echo(json.dumps(KINDS[kind].model.model_json_schema(), ensure_ascii=False, indent=2))


@main.group(cls=Group, add_help_option=False)
@_help_option
def templates() -> None:
    """县级模板目录：新建（init）、查看生效情况（list）、检查（check）。"""


@templates.command("init", add_help_option=False)
@_help_option
@click.argument("folder", type=PathType(file_okay=False, path_type=Path), metavar="目录")
@click.option("-k", "--kind", metavar="类型", help="只为一种报告类型生成示例；不填则为全部类型（见 govreport kinds）")
def templates_init(folder: Path, kind: str | None) -> None:
    """新建模板目录：manifest.yaml、列出全部可改写块和句子宏的 README.md、带注释的示例和外壳示例。"""
    from .templatetools.scaffold import init_folder

    try:
        written = init_folder(folder, kind)
    except GovreportError as exc:
        _fail(exc)
    for path in written:
        click.echo(f"已生成：{path}")


@templates.command("list", add_help_option=False)
@_help_option
@TEMPLATES_OPTION
@click.option("-k", "--kind", "only", metavar="类型", help="只列出一种报告类型")
@click.option("-d", "--data", "data_file", type=PathType(dir_okay=False, path_type=Path), metavar="数据文件",
              help="列出这份数据生成报告时所用的：加上它的 meta.templates，评分规则含它的 meta.scoring")
def templates_list(templates: tuple[Path, ...], only: str | None, data_file: Path | None) -> None:
    """列出生效的模板目录链、评分和版式选项，以及每个块和句子宏来自哪一级。"""
    from . import load
    from .templatetools.listing import chain_listing, listing_of

    try:
        if data_file is None:
            lines = chain_listing(templates, only)
        else:
            try:
                report = load(data_file, templates=templates)
            except DataError as exc:
                raise DataError(exc.problems, exc.source, "无法按它列出模板") from None
            lines = listing_of(report.chain, only, getattr(report.data.meta, "scoring", None))
        for line in lines:
            click.echo(line)
    except GovreportError as exc:
        _fail(exc)


@templates.command("check", add_help_option=False)
@_help_option
@click.argument("folder", type=PathType(file_okay=False, path_type=Path), metavar="目录")
def templates_check(folder: Path) -> None:
    """检查模板目录：语法、块名和宏名、变量和数据字段、沙箱不允许的写法、外壳文档；问题注明文件和行号。"""
    from .templatetools.check import folder_problems

    problems = folder_problems(folder)
    if problems:
        click.secho(f"{folder}：发现 {len(problems)} 处问题。", fg="red", err=True)
        _report_problems(problems)
        sys.exit(2)
    click.echo(f"{folder}：模板检查通过。")


@main.command("excel-template", add_help_option=False)
@_help_option
@click.option("-k", "--kind", default="performance_evaluation", show_default=True, metavar="类型",
              help="报告类型，见 govreport kinds")
@click.option("-o", "--output", required=True, type=PathType(dir_okay=False, path_type=Path), metavar="文件",
              help="要生成的 .xlsx 文件")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖（默认不覆盖，以免冲掉已填写的数据）")
def excel_template(kind: str, output: Path, force: bool) -> None:
    """生成空白的 Excel 数据工作簿：表头、列说明（批注）和下拉选项，填好后可直接 render。"""
    from .kinds import KINDS, kinds_text
    from .workbook.sheets import LAYOUTS
    from .workbook.write import write_workbook
    from .write import write_atomic

    try:
        if kind not in KINDS:
            raise GovreportError(f"未知的报告类型“{kind}”，应为以下之一：{kinds_text()}")
        _refuse_existing(output, force)
        write_atomic(output, write_workbook(LAYOUTS[kind], KINDS[kind].model))
    except GovreportError as exc:
        _fail(exc)
    click.echo(f"已生成：{output}")


def _refuse_existing(output: Path, force: bool) -> None:
    from .reading import DATA_SUFFIXES

    if output.suffix.lower() not in DATA_SUFFIXES:
        raise GovreportError(f"输出文件应为 .json、.yaml、.yml 或 .xlsx：{output}")
    if output.exists() and not force:
        raise GovreportError(f"{output} 已存在，未覆盖；确需覆盖请加 --force")


@main.command(add_help_option=False)
@_help_option
@click.argument("data", type=PathType(dir_okay=False, path_type=Path), metavar="数据文件")
@click.option("-o", "--output", required=True, type=PathType(dir_okay=False, path_type=Path), metavar="文件",
              help="输出文件，格式由扩展名确定：.json、.yaml、.yml 或 .xlsx")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def convert(data: Path, output: Path, force: bool) -> None:
    """在 JSON、YAML 和 Excel 工作簿之间转换数据文件，内容不变。"""
    from .convert import converted
    from .reading import read_data
    from .validation import parse_model
    from .write import write_atomic

    try:
        _refuse_existing(output, force)
        model = parse_model(read_data(data), str(data))
        write_atomic(output, converted(model, output.suffix.lower(), str(data)))
    except GovreportError as exc:
        _fail(exc)
    click.echo(f"已生成：{output}")


@main.command("plan-from-summary", add_help_option=False)
@_help_option
@click.argument("data", type=PathType(dir_okay=False, path_type=Path), metavar="工作总结数据文件")
@click.option("-o", "--output", required=True, type=PathType(dir_okay=False, path_type=Path), metavar="文件",
              help="下一年工作计划的数据文件，格式由扩展名确定：.json、.yaml、.yml 或 .xlsx")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def plan_from_summary(data: Path, output: Path, force: bool) -> None:
    """把工作总结的“下一步工作打算”写成下一年的工作计划数据文件（work_plan）：每一条打算是一项任务，
    单位、落款和日期样式沿用总结，年度加一。"""
    import os

    from . import load
    from .convert import plain, to_json, to_workbook, to_yaml
    from .models.next_plan import next_plan
    from .models.work_summary import WorkSummary
    from .validation import to_report
    from .write import write_atomic

    try:
        _refuse_existing(output, force)
        summary = load(data)
        if not isinstance(summary.data, WorkSummary):
            raise GovreportError(f"{data} 是{summary.kind.label}（{summary.kind.name}）的数据；"
                                 "plan-from-summary 只接受工作总结（work_summary）")
        if not summary.data.plans:
            raise GovreportError(f"{data} 的“{summary.data.plans_heading}”（plans）是空的，没有可写成计划的内容")
        folders = [os.path.relpath(data.parent / t, output.parent) for t in summary.data.meta.templates]
        plan = to_report(next_plan(summary.data, folders), output)
        suffix = output.suffix.lower()
        fields = plain(plan.data)
        ordered = {"kind": fields.pop("kind"), **fields}  # kind first, as a clerk reads a data file
        content = to_workbook(plan.data, str(data)) if suffix == ".xlsx" else (
            to_json(ordered) if suffix == ".json" else to_yaml(ordered))
        write_atomic(output, content)
    except GovreportError as exc:
        _fail(exc)
    click.echo(f"已生成：{output}（{len(plan.data.tasks)}项任务，请补写指导思想、工作目标和完成时限）")


@main.command(add_help_option=False)
@_help_option
@click.argument("inputs", nargs=-1, required=True, metavar="数据文件、目录或通配符...")
@click.option("-o", "--output", "outdir", required=True, type=PathType(file_okay=False, path_type=Path),
              metavar="目录",
              help="输出目录（不存在时新建），每个数据文件生成一个同名报告")
@click.option("-f", "--format", "formats", type=ChoiceType(("docx", "md", "pdf")), multiple=True,
              help="输出格式，默认 docx；可写多次，如 -f docx -f pdf 同时生成 Word 和 PDF")
@click.option("-j", "--jobs", type=CountRange(1, 64), default=1, show_default=True, metavar="N", help="并行进程数")
@KIND_OPTION
@TEMPLATES_OPTION
def batch(inputs: tuple[str, ...], outdir: Path, formats: tuple[str, ...], jobs: int, as_kind: str | None,
          templates: tuple[Path, ...]) -> None:
    """批量生成：目录按子目录查找 .json / .yaml / .xlsx；某份失败不影响其余，最后列出失败原因。"""
    from .batch import expand, run_batch, steps

    sources, unmatched = expand(inputs)
    for item in unmatched:
        click.secho(f"提示　{item}：没有找到数据文件（.json、.yaml、.yml、.xlsx）", fg="yellow", err=True)
    if not sources:
        click.secho("没有可生成的数据文件。", fg="red", err=True)
        sys.exit(2)
    formats = formats or ("docx",)
    try:
        if sys.stderr.isatty():
            with click.progressbar(length=steps(len(sources), formats), label="生成报告", file=sys.stderr,  # type: ignore[arg-type]
                                   show_pos=True, show_eta=True, width=30) as bar:
                summary = run_batch(sources, outdir, formats, jobs, templates, as_kind, bar.update)  # type: ignore[arg-type]
        else:
            summary = run_batch(sources, outdir, formats, jobs, templates, as_kind)  # type: ignore[arg-type]
    except GovreportError as exc:
        _fail(exc)
    _report_batch(summary, "pdf" in formats)
    if summary.failed:
        sys.exit(1)


def _report_batch(summary, pdf: bool) -> None:
    warned = [o for o in summary.outcomes if o.warnings and not o.failed]
    for outcome in warned:
        click.echo(f"{outcome.source}：", err=True)
        _report_problems(outcome.warnings)
    if pdf:
        faces = list(dict.fromkeys(f for o in summary.rendered for f in o.faces))
        click.echo(f"PDF 字体：{'、'.join(faces) or '（无）'}")
    if summary.failed:
        click.secho(f"失败 {len(summary.failed)} 份：", fg="red", err=True)
        for outcome in summary.failed:
            reason = outcome.reason if outcome.reason.startswith(str(outcome.source)) else f"{outcome.source}：{outcome.reason}"
            click.secho(reason, fg="red", err=True)
            _report_problems(outcome.problems)
    click.echo(f"已生成 {len(summary.rendered)} 份，失败 {len(summary.failed)} 份，用时 {summary.seconds:.1f} 秒；"
               f"输出目录：{summary.outdir}")


@main.command(add_help_option=False)
@_help_option
@click.argument("inputs", nargs=-1, required=True, metavar="文件、目录或通配符...")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出，供其他程序读取")
@click.option("--ignore", multiple=True, metavar="类别",
              type=ChoiceType(tuple(FINDING_KINDS)),
              help="不检查某类问题，可写多次：" + "、".join(f"{kind} {label}" for kind, label in FINDING_KINDS.items()))
@click.option("--fix", "fix", is_flag=True,
              help="把可机械修正的问题（文号括号、日期补零、标题编号标点）改好，写入 -o 指定的新文件")
@click.option("-o", "--output", type=PathType(dir_okay=False, path_type=Path), metavar="文件",
              help="--fix 时的输出文件（不能是被检查的文件）")
def check(inputs: tuple[str, ...], as_json: bool, ignore: tuple[str, ...], fix: bool, output: Path | None) -> None:
    """检查已有报告（.docx / .md / .txt）：占位符、数字矛盾、百分点、版式、标题编号、日期和文号。

    没有问题时退出码为 0，有问题为 1，有文件无法读取为 2。被检查的文件不会被修改。
    """
    from .batch import expand
    from .proofread.passages import SUFFIXES
    from .proofread.report import check_files, print_json, print_text, run_fix

    files, unmatched = expand(inputs, SUFFIXES)
    for item in unmatched:
        click.secho(f"提示　{item}：没有找到可检查的文件（.docx、.md、.txt）", fg="yellow", err=True)
    others, _ = expand([i for i in inputs if Path(i).is_dir()], OTHER_DOCUMENTS)
    if others:
        kinds = "、".join(sorted({p.suffix.lower() for p in others}))
        click.secho(f"提示　跳过 {len(others)} 个 {kinds} 文件：请先用 Word 或 WPS 另存为 .docx 再检查", fg="yellow", err=True)
    if fix:
        sys.exit(run_fix(files, output, ignore))
    if not files:
        click.secho("没有可检查的文件。", fg="red", err=True)
        sys.exit(2)
    results = check_files(files, ignore)
    (print_json if as_json else print_text)(results)
    sys.exit(2 if any(r.error for r in results) else 1 if any(r.findings for r in results) else 0)


@main.command(add_help_option=False)
@_help_option
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听地址；不是本机地址（127.0.0.1）时必须设置访问令牌")
@click.option("--port", type=CountRange(0, 65535), default=8000, show_default=True, metavar="端口", help="监听端口")
@click.option("-t", "--templates", "templates", multiple=True, metavar="目录", type=PathType(file_okay=False, path_type=Path),
              help="网页和 API 可选用的县级模板目录，可写多次；请求只能按目录名选用这些目录")
@click.option("--token-file", type=PathType(dir_okay=False, path_type=Path), metavar="文件",
              help="保存访问令牌的文件；也可用环境变量 GOVREPORT_TOKEN（或 GOVREPORT_TOKEN_FILE）")
@click.option("--workers", type=CountRange(1, 64), default=None, metavar="N", help="生成报告的进程数，默认为 CPU 核数")
@click.option("--pdf-instances", type=CountRange(1, 16), default=1, show_default=True, metavar="N",
              help="常驻的 LibreOffice 实例数（生成 PDF）")
@click.option("--max-upload-mb", type=CountRange(1, 1024), default=20, show_default=True, metavar="MB",
              help="一次上传的最大大小")
@click.option("--allow-template-upload", is_flag=True, default=False,
              help="允许 API 请求随数据上传县级模板目录（.zip，表单字段 templates_zip）；默认不允许")
def serve(host: str, port: int, templates: tuple[Path, ...], token_file: Path | None, workers: int | None,
          pdf_instances: int, max_upload_mb: int, allow_template_upload: bool) -> None:
    """启动网页和 HTTP API：在浏览器中上传数据、预览并下载报告，检查已有报告。"""
    from .server.config import ServerConfig
    from .server.run import serve as run_server

    try:
        run_server(host, port, list(templates), token_file, workers or ServerConfig().workers, pdf_instances, max_upload_mb,
                   allow_template_upload)
    except GovreportError as exc:
        _fail(exc)
