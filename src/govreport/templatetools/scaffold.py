"""``govreport templates init``: a new template folder with its manifest, a README listing every block
and sentence macro with its default text, commented examples, and a starter shell."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from ..chain.loader import builtin_report
from ..chain.manifest import MANIFEST
from ..errors import TemplateFault
from ..kinds import KINDS, Kind, kinds_text
from ..ooxml.ns import qn
from ..rendering.environment import environment
from ..rendering.shell import PLACEHOLDER
from .catalogue import RENDER_VARIABLES, Slot, outline_names, slots

MANIFEST_TEXT = """\
# 模板目录说明（govreport templates init 生成）。改完后运行 govreport templates check 本目录 检查。
name: {name}
version: "1.0"
# parent: ../上级目录        # 上级模板目录（相对本目录，如市级、省级）；不填则上级为内置模板
# description: 说明文字
# scoring:                  # 评分规则选项；不填的沿用上级或内置规则（见 docs/figures.md）
#   reverse: ratio          # 反向指标未达标时：linear（默认，超出一倍得0分）或 ratio（分值×目标值÷实际值）
#   execution_denominator: initial  # 预算执行率的分母：budget（全年预算数，默认）或 initial（年初预算数）
# layout:                   # 版式选项
#   page_number: center     # 页码：standard（单页居右、双页居左，默认）或 center（居中）
#   fonts:                  # 字体替换：内置字体名: 本地字体名
#     仿宋_GB2312: 仿宋
#     楷体_GB2312: 楷体
"""

BLOCK_EXAMPLE = """\
{{#- 本文件只写要改的块；没写的块沿用上一级模板。编号由程序生成，增删章节后自动顺延。
    可改写的块、默认内容和可用变量见本目录 README.md。例如：

{{% block {heading} %}}{{{{ doc.h1("改写后的标题") }}}}{{% endblock %}}

{{% block {insert} %}}
{{{{ doc.h1("新增的一章") }}}}
{{{{ doc.p("这一章的文字，可用 " ~ data.meta.{field} ~ " 等数据。") }}}}
{{% endblock %}}
-#}}
"""

SENTENCE_EXAMPLE = """\
{{#- 本文件只写要改的句子宏（与内置的宏同名、同参数）；没写的宏沿用上一级模板。例如：

{{% macro {name}({args}) -%}}
改写后的句子……
{{%- endmacro %}}
-#}}
"""


def init_folder(folder: Path, kind: str | None = None) -> list[Path]:
    """Write the scaffold; refuse to touch a folder that already has files."""
    if folder.exists() and any(folder.iterdir()):
        raise TemplateFault(f"目录 {folder} 已存在且不为空，未做任何改动")
    if kind is not None and kind not in KINDS:
        raise TemplateFault(f"未知的报告类型“{kind}”，应为以下之一：{kinds_text()}")
    kinds = [KINDS[kind]] if kind else list(KINDS.values())
    env = environment()
    written = {folder / MANIFEST: MANIFEST_TEXT.format(name=folder.resolve().name)}
    readme = [_readme_head(folder.resolve().name)]
    for k in kinds:
        readme.append(_readme_kind(env, k))
        for name in outline_names(env.loader, k.folder):
            found = slots(env, name)
            if name.endswith("sentences.j2"):
                written[folder / name] = SENTENCE_EXAMPLE.format(name=found[0].name, args=", ".join(found[0].args))
            else:
                insert = next(s.name for s in found if s.name.startswith("after_"))
                heading = next(s.name for s in found if s.name.endswith("_heading"))
                field = "project" if k.name != "work_summary" else "organization"
                written[folder / name] = BLOCK_EXAMPLE.format(heading=heading, insert=insert, field=field)
    written[folder / "README.md"] = "\n".join(readme)
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shell = folder / "shell.example.docx"
    shell.write_bytes(starter_shell(kinds[0]))
    return [*written, shell]


def starter_shell(kind: Kind) -> bytes:
    """The built-in styles, page setup and page-number footers around one 【正文】 paragraph."""
    document = docx.Document(str(builtin_report(kind.folder)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    paragraph = document.add_paragraph(PLACEHOLDER)
    paragraph.style = document.styles["公文正文"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _readme_head(name: str) -> str:
    variables = "\n".join(f"- `{k}`：{v}" for k, v in RENDER_VARIABLES.items())
    return f"""# {name} 模板目录

本目录只写与上一级模板（`manifest.yaml` 的 `parent`，不填则为 govreport 内置模板）不同的部分，
没写的部分始终沿用上一级，内置模板更新后这里不必跟着改。

使用：`govreport render 数据.json --templates 本目录`，或在数据文件 `meta.templates` 中写本目录的路径，
或设置环境变量 `GOVREPORT_TEMPLATES`。查看生效情况：`govreport templates list --templates 本目录`；
检查：`govreport templates check 本目录`。

## 可以改什么

1. **外壳（红头、页面、页眉页脚、印章区）**：把 `shell.example.docx` 改名为 `shell.docx`，用 Word 编辑。
   文档中单独一段“{PLACEHOLDER}”是正文的位置：它之前的内容（如红头、发文字号 `{{{{ data.meta.doc_number }}}}`、红线）
   放在报告最前，之后的内容（如抄送、印发）放在最后。样式（公文正文、一级标题等）改了就生效。
   只对某一类报告生效时放在该类报告的目录里（如 `performance_evaluation/shell.docx`）。
2. **块**：各类报告目录下的 `content.j2`（默认提纲）、`mof2020.j2` 等提纲文件中，
   只写要改的 `{{% block 名称 %}}…{{% endblock %}}`。
   每章、每节、每个标题、每段生成的文字都是一个块；`after_…` 是空的插入点，用来加一章；`extra_appendices` 用来加附件
   （`{{{{ doc.attach("附件标题", ["段落", …]) }}}}`）。在块中写 `{{{{ super() }}}}` 可保留原内容再追加。
3. **句子宏**：`sentences.j2` 中写与内置同名、同参数的宏，即可替换这句话的写法。
4. **评分和版式选项**：见 `manifest.yaml` 中的注释。

块名写错、块之外写了内容、宏名写错，都会报错并指出文件和行号，不会被悄悄忽略。
模板在沙箱中运行，不能访问 Python 内部对象，也不能包含模板目录链以外的文件；本目录中不能有指向目录之外的链接。
模板的开销有上限（一个值的长度、循环和调用的次数、写出的文字、嵌套层数、用时），超出即停止并指出文件和行号。

## 所有模板都能用的变量

{variables}
"""


def _readme_kind(env, kind: Kind) -> str:
    lines = [f"## {kind.name}（{kind.label}）\n"]
    for name in outline_names(env.loader, kind.folder):
        lines.append(f"### `{name}`\n")
        for slot in slots(env, name):
            lines.append(_slot_text(slot))
    return "\n".join(lines)


def _slot_text(slot: Slot) -> str:
    reads = "、".join(f"`{v}`" for v in slot.variables) or "无"
    default = slot.text.strip() or "（空：插入点）"
    return f"- **`{slot.signature}`**（第 {slot.line} 行；用到 {reads}）\n\n  ```jinja\n" + \
        "\n".join(f"  {line}" for line in default.splitlines()) + "\n  ```\n"
