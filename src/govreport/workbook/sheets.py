"""The documented sheet layout of a data workbook, one per report kind — data, not code.

A workbook has a key–value sheet (基本信息), one sheet per list of records
(资金来源, 绩效指标…, one row per record), and one sheet of narrative
paragraphs (文字段落, one row per paragraph, its section chosen by name).
A child sheet (工作段落, 工作数据) points at its parent row by 序号.

A titled section among the paragraphs of a narrative place is a row of 小节
(nested by 上级序号, its paragraphs in 小节段落 and figures in 小节数据),
placed by the row of 文字段落 or 工作段落 whose 小节 column names its 序号. A
plan's sub-task is such a section with its 责任单位, 完成时限 and 所属阶段 in
more columns of 小节 and its targets in 小节目标.

A body table is a row of 正文表格 naming where it stands (a 小节, or a work
item or task by its 序号), its columns rows of 表格列 and its rows rows of
表格行, one cell of the table per cell of the sheet: a clerk sees the table as
it will print.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from annotated_types import MaxLen
from pydantic import BaseModel

from ..kinds import KINDS
from ..models.body import Section
from ..models.body import Table as BodyTable
from ..models.plan import SubTask
from ..vocabulary.scoring import OPERATORS, RATING_NAMES
from ..vocabulary.words import APPROXIMATIONS, COLUMN_TYPES, DATE_STYLES, MONEY_UNITS, OUTLINES

CellType = Literal["text", "number", "int", "bool", "date", "number_or_text", "choice", "list", "parts", "sections"]
"""How a cell is read: ``number`` becomes a Decimal, ``list`` splits on ；, ``parts`` reads 名称：数值；…,
``sections`` the 序号 of 小节 rows, split on ；"""

INFO_SHEET = "基本信息"
PARAGRAPH_SHEET = "文字段落"
GUIDE_SHEET = "填写说明"
KIND_LABEL = "报告类型"  # the first row of 基本信息, naming the layout
INFO_COLUMNS = ("项目", "填写内容", "说明")  # 说明 is the field's description, written for the clerk and not read
PARAGRAPH_COLUMNS = ("栏目", "段落")
NUMBER_COLUMN = "序号"
SECTION_SHEET = "小节"
SECTION_PARAGRAPH_SHEET = "小节段落"
SECTION_FIGURE_SHEET = "小节数据"
SECTION_COLUMN = "小节"  # in 文字段落 and 工作段落: the 序号 of the 小节 standing at that place among the paragraphs
PARENT_COLUMN = "上级序号"
SECTION_COLUMNS = (NUMBER_COLUMN, PARENT_COLUMN, "标题")
MAX_ROWS = 5000
"""Data rows of one sheet below its header: what the reader reads and the writer may write (one project, not a database)."""
FINDINGS_NONE = "compliance.findings:none"  # 基本信息 row standing for an empty findings list (未发现问题)

OPERATOR_WORDS = tuple((o.word, o.code) for o in OPERATORS)
YES_NO = ("是", "否")


@dataclass(frozen=True)
class Field:
    """One value: its path below the record (or the data file), the header or label a clerk sees, its type."""

    path: str
    label: str
    type: CellType = "text"
    choices: tuple[str, ...] = ()  # the drop-down, as the clerk reads it
    values: tuple[tuple[str, str], ...] = ()  # drop-down words standing for data values: (word, value)
    note: str = ""  # the header's note, for a column that is no field of the model (else the model's description)
    open: bool = False  # the drop-down suggests; other words may be typed (the checks judge them, as a rating's)


@dataclass(frozen=True)
class Table:
    """A sheet with one row per item of the list at ``path`` (below the parent's item when ``parent`` is set)."""

    sheet: str
    path: str
    columns: tuple[Field, ...]
    parent: str | None = None  # sheet whose 序号 this sheet's 序号 refers to
    numbered: bool = False  # has a 序号 column that child sheets refer to
    blocks: bool = False  # rows are paragraphs or, by the 小节 column, sections
    number_label: str = "序号"  # the header of the 序号 column (表格序号 where 序号 could be read as the row's own)

    @property
    def scalar(self) -> bool:
        """Rows are plain values (paragraphs), not records."""
        return len(self.columns) == 1 and self.columns[0].path == ""


@dataclass(frozen=True)
class Layout:
    kind: str
    info: tuple[Field, ...]
    tables: tuple[Table, ...]
    paragraphs: tuple[Field, ...]
    unheld: tuple[str, ...] = ()  # fields the workbook has no place for (a record of options: ``meta.scoring``)
    section_fields: tuple[Field, ...] = ()  # what this kind's sections add, as more columns of 小节 (a sub-task's 责任单位…)
    section_children: tuple[Table, ...] = ()  # and as more sheets below 小节 (a sub-task's targets)
    section_model: type[BaseModel] = Section  # the model whose descriptions the 小节 sheets' notes give
    table_holder: str | None = None  # the numbered sheet whose items may each hold a body table (主要工作, 主要任务)

    @property
    def label(self) -> str:
        """What the kind's document is called (报告类型 in 基本信息): the registry's name for it."""
        return KINDS[self.kind].label

    def table(self, sheet: str) -> Table | None:
        return next((t for t in self.tables if t.sheet == sheet), None)

    @property
    def section_tables(self) -> tuple[Table, ...]:
        """The 小节 sheet (with this kind's own columns) and the sheets below it."""
        top, *children = SECTION_TABLES
        return (replace(top, columns=(*top.columns, *self.section_fields)), *children, *self.section_children)

    @property
    def body_tables(self) -> tuple[Table, ...]:
        """正文表格 (with a column for the 序号 of the holding work item or task, where the kind has them),
        表格列 and 表格行."""
        note = (f"表格所在的一项在“{self.table_holder}”表中的序号；表格印在该项的数据之后、下级小节之前；"
                f"与“{SECTION_COLUMN}”列只填一个")
        holder = (Field(ITEM_HOLDER, self.table_holder, note=note),) if self.table_holder else ()
        top, *children = BODY_TABLE_SHEETS
        return (replace(top, columns=(top.columns[0], *holder, *top.columns[1:])), *children)

    @property
    def sheets(self) -> tuple[str, ...]:
        return (INFO_SHEET, *(t.sheet for t in self.tables), PARAGRAPH_SHEET, *(t.sheet for t in self.section_tables),
                *(t.sheet for t in self.body_tables))


def value_at(data: Any, path: str) -> Any:
    """The value at a dotted ``path`` of plain data (``implementation.funds.unit``), or None."""
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _region() -> tuple[Field, ...]:
    return (
        Field("meta.region.province", "所属省份"),
        Field("meta.region.city", "所属市（州）"),
        Field("meta.region.county", "所属县（区）"),
    )


DATE_STYLE_WORDS = tuple((s.word, s.code) for s in DATE_STYLES)
OUTLINE_WORDS = tuple((o.word, o.code) for o in OUTLINES["performance_evaluation"])


def _worded(path: str, label: str, words: tuple[tuple[str, str], ...], note: str = "") -> Field:
    """A drop-down of Chinese words, each standing for a value of the data file."""
    return Field(path, label, "choice", tuple(w for w, _ in words), words, note)


DATE_STYLE = _worded("meta.date_style", "日期写法", DATE_STYLE_WORDS)
TEMPLATES = Field("meta.templates", "模板目录", "list")
ORGANIZATION_META = (  # an office's own documents (models.project.OrganizationMeta): 总结, 计划, 方案
    Field("meta.organization", "单位名称"),
    Field("meta.year", "年度", "int"),
    Field("meta.date", "成文日期", "date"),
    Field("meta.title", "标题"),
    Field("meta.signature", "落款署名"),
    *_region(),
    DATE_STYLE,
    TEMPLATES,
)

SOURCE_COLUMNS = (
    Field("name", "资金来源"),
    Field("initial_budget", "年初预算数", "number"),
    Field("budget", "全年预算数", "number"),
    Field("received", "实际到位数", "number"),
    Field("spent", "全年执行数", "number"),
    Field("overrun_allowed", "允许超预算", "bool", YES_NO),
)
INDICATOR_COLUMNS = (
    Field("level1", "一级指标"),
    Field("level2", "二级指标"),
    Field("name", "三级指标"),
    _worded("op", "比较方式", OPERATOR_WORDS),
    Field("target", "年度指标值", "number_or_text"),
    Field("actual", "实际完成值", "number_or_text"),
    Field("unit", "计量单位"),
    Field("weight", "分值", "number"),
    Field("rating", "定性评定", "choice", RATING_NAMES, open=True),  # a scoring profile may give other words
    Field("ratio", "得分比例", "number"),
    Field("score", "评定得分", "number"),
    Field("deviation", "偏差原因及改进措施"),
    Field("applicable", "适用", "bool", YES_NO),
    Field("reason", "不适用理由"),
)
METRIC_COLUMNS = (
    Field("name", "指标名称"),
    Field("unit", "单位"),
    Field("value", "数值", "number"),
    Field("parts", "分项", "parts"),
    Field("of", "总数", "number"),
    Field("share_label", "占比说法"),
    Field("previous", "对比期数值", "number"),
    Field("previous_label", "对比期说法"),
    Field("digits", "小数位数", "int"),
    Field("approximate", "约数说法", "choice", tuple(a.code for a in APPROXIMATIONS)),
    Field("planned", "计划数", "number"),
    Field("planned_label", "计划数说法"),
    Field("stated_change", "增减幅度", "number"),
    Field("stated_change_label", "增减幅度说法"),
)
UNPLACED = "#sections"  # the path of the 小节 rows as read, until a 小节 column places them
RUN_ON_COLUMNS = (Field("run_on", "数据接在段中", "bool", YES_NO), Field("then", "数据之后的文字"))
"""A section's figures run on inside its last paragraph, and the text that goes on after them."""
SECTION_TABLES = (
    Table(SECTION_SHEET, UNPLACED, (Field("parent", PARENT_COLUMN, "int"), Field("title", "标题"), *RUN_ON_COLUMNS),
          numbered=True),
    Table(SECTION_PARAGRAPH_SHEET, "paragraphs", (Field("", "段落"),), parent=SECTION_SHEET),
    Table(SECTION_FIGURE_SHEET, "figures", METRIC_COLUMNS, parent=SECTION_SHEET),
)
"""What a workbook holds of a section (a ``models.body.Section``): its sub-sections by 上级序号, its title,
paragraphs and figures; its table is a row of 正文表格 naming the 小节."""

TABLE_SHEET = "正文表格"
TABLE_COLUMN_SHEET = "表格列"
TABLE_ROW_SHEET = "表格行"
TABLE_NUMBER = "表格序号"
TABLES = "#tables"  # the path of the 正文表格 rows as read, until their 小节 or 主要工作 takes them
SECTION_HOLDER = "#section"  # in 正文表格: the 小节 the table stands in
ITEM_HOLDER = "#item"  # in 正文表格: the work item or task the table stands in
ROW_KIND = "#kind"  # in 表格行: a row of the table, or the 合计 row the original states
TABLE_ROWS = "#rows"
ROW_KIND_WORDS = (("数据", "rows"), ("原文合计", "stated_total"))
MAX_TABLE_COLUMNS = next(m.max_length for m in BodyTable.model_fields["columns"].metadata if isinstance(m, MaxLen))
COLUMN_TYPE_WORDS = tuple((c.word, c.code) for c in COLUMN_TYPES)
CELL_COLUMNS = tuple(
    Field(f"#{n}", f"第{n}列", "number_or_text",
          note=f"表格第{n}列的格：“{TABLE_COLUMN_SHEET}”表中本表格的第{n}行是这一列；金额、数量、比率列只填数字，空格留空")
    for n in range(1, MAX_TABLE_COLUMNS + 1))
BODY_TABLE_SHEETS = (
    Table(TABLE_SHEET, TABLES, (
        Field(SECTION_HOLDER, SECTION_COLUMN,
              note=f"表格所在小节在“{SECTION_SHEET}”表中的序号；表格印在该小节的数据之后、下级小节之前"),
        Field("title", "表题"), Field("unit", "单位"), Field("total", "合计行", "bool", YES_NO),
    ), numbered=True),
    Table(TABLE_COLUMN_SHEET, "columns", (
        Field("name", "列名"), _worded("type", "类型", COLUMN_TYPE_WORDS), Field("merge", "合并", "bool", YES_NO),
    ), parent=TABLE_SHEET, number_label=TABLE_NUMBER),
    Table(TABLE_ROW_SHEET, TABLE_ROWS, (
        _worded(ROW_KIND, "行类型", ROW_KIND_WORDS,
                note="“数据”是表格的一行（不填即为数据）；“原文合计”是原文给出的合计行，其中的数字须等于各行之和，"
                     "每张表格最多一行"),
        *CELL_COLUMNS,
    ), parent=TABLE_SHEET, number_label=TABLE_NUMBER),
)
"""What a workbook holds of a body table (a ``models.body.Table``): one row of 正文表格 each, with its 表格列
and 表格行 rows; only the holder columns are not fields of the table."""
PROBLEM_COLUMNS = (Field("problem", "问题"), Field("cause", "原因分析"), Field("measure", "应对措施"))
SCORING_UNHELD = "meta.scoring"  # bands and lists of options: no key–value row of 基本信息 holds them

PERFORMANCE_EVALUATION = Layout(
    kind="performance_evaluation",
    info=(
        Field("meta.department", "主管部门"),
        Field("meta.project", "项目名称"),
        Field("meta.year", "年度", "int"),
        Field("meta.evaluator", "评价单位"),
        Field("meta.date", "成文日期", "date"),
        Field("meta.doc_number", "发文字号"),
        Field("meta.title", "报告标题"),
        *_region(),
        DATE_STYLE,
        _worded("meta.outline", "报告提纲", OUTLINE_WORDS),
        TEMPLATES,
        Field("meta.veto", "一票否决事由"),
        Field("implementation.funds.unit", "金额单位", "choice", MONEY_UNITS),
        Field("implementation.period.start", "实施开始日期", "date"),
        Field("implementation.period.end", "实施结束日期", "date"),
        Field("targets.execution_scored", "预算执行率计分", "bool", YES_NO),
        Field(FINDINGS_NONE, "资金审查未发现问题", "bool", YES_NO),
    ),
    tables=(
        Table("资金来源", "implementation.funds.sources", SOURCE_COLUMNS),
        Table("资金用途", "implementation.funds.uses", (Field("name", "资金用途"), Field("amount", "金额", "number"))),
        Table("受益对象", "implementation.beneficiaries",
              (Field("name", "受益类别"), Field("count", "人数", "number"), Field("unit", "单位"))),
        Table("绩效指标", "targets.indicators", INDICATOR_COLUMNS),
        Table("审查发现", "compliance.findings", (
            Field("description", "发现的问题"), Field("amount", "涉及金额", "number"),
            Field("rectified", "已整改", "bool", YES_NO),
        )),
        Table("问题", "problems", PROBLEM_COLUMNS),
        Table("潜在风险", "sustainability.risks", (Field("risk", "潜在风险"), Field("response", "应对措施"))),
    ),
    paragraphs=(
        Field("background.basis", "立项依据"),
        Field("background.overview", "项目背景"),
        Field("background.objectives", "项目目标"),
        Field("background.scope", "项目范围"),
        Field("implementation.progress", "项目执行进度"),
        Field("implementation.effects", "项目实施效果"),
        Field("targets.expected", "预期目标"),
        Field("compliance.review", "资金使用合规性审查"),
        Field("compliance.transparency", "资金使用透明度"),
        Field("compliance.efficiency", "资金使用效率"),
        Field("management.team", "项目管理团队"),
        Field("management.structure", "项目组织架构"),
        Field("management.process", "项目管理流程"),
        Field("lessons.experiences", "项目成功经验"),
        Field("lessons.insights", "实施过程中的启示"),
        Field("lessons.recommendations", "对今后工作的建议"),
        Field("sustainability.strategies", "可持续发展策略"),
        Field("sustainability.plans", "后续项目规划"),
        Field("evaluation.purpose", "评价目的、对象和范围"),
        Field("evaluation.principles", "评价原则、指标体系、方法和标准"),
        Field("evaluation.process", "评价工作过程"),
        Field("other", "其他需要说明的问题"),
    ),
    unheld=(SCORING_UNHELD,),
)

SELF_EVALUATION = Layout(
    kind="self_evaluation",
    info=(
        Field("meta.department", "主管部门"),
        Field("meta.project", "项目名称"),
        Field("meta.year", "年度", "int"),
        Field("meta.implementer", "实施单位"),
        Field("meta.evaluator", "自评单位"),
        Field("meta.date", "填报日期", "date"),
        Field("meta.title", "自评报告标题"),
        *_region(),
        DATE_STYLE,
        TEMPLATES,
        Field("meta.veto", "一票否决事由"),
        Field("funds.unit", "金额单位", "choice", MONEY_UNITS),
        Field("execution_scored", "预算执行率计分", "bool", YES_NO),
    ),
    tables=(
        Table("资金来源", "funds.sources", SOURCE_COLUMNS),
        Table("绩效指标", "indicators", INDICATOR_COLUMNS),
        Table("问题", "problems", PROBLEM_COLUMNS),
    ),
    paragraphs=(
        Field("goals.expected", "年度总体目标：预期目标"),
        Field("goals.actual", "年度总体目标：实际完成情况"),
        Field("overview", "项目基本情况"),
    ),
    unheld=(SCORING_UNHELD,),
)

WORK_SUMMARY = Layout(
    kind="work_summary",
    info=(
        *ORGANIZATION_META,
        Field("basics_heading", "基本情况标题"),
        Field("achievements_heading", "第一章标题"),
        Field("work_items_as_chapters", "各项工作作为一级标题", "bool", YES_NO),
        Field("problems_heading", "第二章标题"),
        Field("causes_heading", "原因分析标题"),
        Field("suggestions_heading", "工作建议标题"),
        Field("plans_heading", "第三章标题"),
        Field("meta.plan", "所回应的计划文件"),
        Field("answers_heading", "计划完成情况标题"),
        Field("plan_label", "对计划的称呼"),
    ),
    tables=(
        Table("主要工作", "achievements", (Field("heading", "标题"), Field("sections", "下级小节", "sections")),
              numbered=True),
        Table("工作段落", "paragraphs", (Field("", "段落"),), parent="主要工作", blocks=True),
        Table("工作数据", "metrics", METRIC_COLUMNS, parent="主要工作"),
        Table("目标完成情况", "answers", (Field("target", "目标名称"), Field("per", "频次说法"),
                                     Field("actual", "实际完成数", "number"))),
        Table("任务完成情况", "task_answers", (Field("task", "任务标题"), Field("text", "完成情况"))),
    ),
    paragraphs=(
        Field("intro", "开头段落"),
        Field("basics", "基本情况"),
        Field("problems", "存在的问题"),
        Field("causes", "原因分析"),
        Field("suggestions", "下一步工作建议"),
        Field("plans", "下一步工作打算"),
    ),
    table_holder="主要工作",
)

TARGET_COLUMNS = (
    Field("name", "目标名称"),
    _worded("op", "比较方式", OPERATOR_WORDS),
    Field("value", "目标值", "number"),
    Field("unit", "单位"),
    Field("per", "频次说法"),
    Field("verb", "频次动词"),
    Field("wording", "句中说法"),
)


TASK_FIELDS = (Field("owner", "责任单位"), Field("deadline", "完成时限", "date"), Field("phase", "所属阶段"))


def _plan(kind: str, headings: tuple[Field, ...], tables: tuple[Table, ...], paragraphs: tuple[Field, ...]) -> Layout:
    """A plan's workbook: targets, tasks and phases in sheets, chapters as paragraphs. A sub-task is a 小节 row
    with the columns a task has (责任单位, 完成时限, 所属阶段) and its targets in 小节目标."""
    return Layout(
        kind=kind,
        info=(
            *ORGANIZATION_META,
            Field("meta.start", "计划期开始日期", "date"),
            Field("meta.end", "计划期结束日期", "date"),
            Field("meta.tasks_need_owner", "每项任务须有责任单位", "bool", YES_NO),
            Field("meta.signed", "文末印落款", "bool", YES_NO),
            Field("meta.notice.doc_number", "印发通知发文字号"),
            Field("meta.notice.recipients", "印发通知主送机关"),
            Field("meta.notice.date", "印发通知成文日期", "date"),
            Field("guidance_heading", "指导思想标题"),
            Field("goals_heading", "工作目标标题"),
            Field("tasks_heading", "主要任务标题"),
            Field("tasks_as_chapters", "各项任务作为一级标题", "bool", YES_NO),
            Field("steps_heading", "实施步骤标题"),
            *headings,
            Field("order", "各章顺序", "list"),
        ),
        tables=(
            Table("量化目标", "targets", TARGET_COLUMNS),
            Table("主要任务", "tasks", (Field("title", "标题"), *TASK_FIELDS, *RUN_ON_COLUMNS,
                                         Field("sections", "下级小节", "sections")),
                  numbered=True),
            Table("任务段落", "paragraphs", (Field("", "段落"),), parent="主要任务"),
            Table("任务数据", "figures", METRIC_COLUMNS, parent="主要任务"),
            Table("任务目标", "targets", TARGET_COLUMNS, parent="主要任务"),
            Table("实施阶段", "phases", (
                Field("name", "阶段名称"), Field("start", "开始日期", "date"), Field("end", "结束日期", "date"),
            ), numbered=True),
            Table("阶段段落", "paragraphs", (Field("", "段落"),), parent="实施阶段", blocks=True),
            *tables,
        ),
        paragraphs=(
            Field("meta.notice.paragraphs", "印发通知正文"),
            Field("preface", "前言"),
            Field("guidance", "指导思想"),
            Field("goals", "工作目标"),
            *paragraphs,
            Field("closing", "结尾段落"),
        ),
        section_fields=TASK_FIELDS,
        section_children=(Table("小节目标", "targets", TARGET_COLUMNS, parent=SECTION_SHEET),),
        section_model=SubTask,
        table_holder="主要任务",
    )


IMPLEMENTATION_PLAN = _plan(
    "implementation_plan",
    headings=(
        Field("scope_heading", "实施范围与内容标题"),
        Field("duties_heading", "部门职责标题"),
        Field("duties_as_table", "部门职责印成表格", "bool", YES_NO),
        Field("safeguards_heading", "保障措施标题"),
        Field("supervision_heading", "督导检查标题"),
        Field("accountability_heading", "责任追究标题"),
    ),
    tables=(Table("部门职责", "duties", (Field("unit", "责任单位"), Field("duties", "工作职责"))),),
    paragraphs=(
        Field("scope", "实施范围与内容"),
        Field("safeguards", "保障措施"),
        Field("supervision", "督导检查"),
        Field("accountability", "责任追究"),
    ),
)
WORK_PLAN = _plan(
    "work_plan",
    headings=(Field("measures_heading", "工作措施标题"),),
    tables=(),
    paragraphs=(Field("measures", "工作措施"),),
)

LAYOUTS = {layout.kind: layout for layout in (PERFORMANCE_EVALUATION, SELF_EVALUATION, WORK_SUMMARY, IMPLEMENTATION_PLAN,
                                              WORK_PLAN)}
