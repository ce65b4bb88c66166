"""``govreport templates list``: the resolved chain, its options, and where each block and sentence comes from."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from ..chain.resolve import TemplateChain, chosen_options, environment_folders, resolve_chain
from ..chain.shells import find_shell
from ..figures.scoring import ScoringProfile
from ..format.numbers import number
from ..kinds import KINDS
from ..models.scoring import ScoringOptions
from ..rendering.environment import environment
from ..rendering.guard import shown
from ..version import __version__
from ..vocabulary.scoring import FULL_MARKS
from .catalogue import origins, outline_names, slots


def chain_listing(folders: Sequence[Path], only: str | None = None) -> Iterator[str]:
    yield from listing_of(resolve_chain([*folders, *environment_folders()]), only)


def listing_of(chain: TemplateChain, only: str | None = None, data: ScoringOptions | None = None) -> Iterator[str]:
    """The listing of a resolved chain; ``data`` is a data file's own ``meta.scoring``, which takes the place of
    the chain's options it sets (as when that file is rendered)."""
    env = environment(tuple(f.path for f in chain.folders))
    names = [*(f.manifest.name for f in chain.folders), "内置"]
    yield "模板目录链（先查前面的）："
    for n, folder in enumerate(chain.folders, start=1):
        yield f"  {n}. {folder.label}　{shown(str(folder.path))}"
    yield f"  {len(chain.folders) + 1}. 内置 {__version__}"
    scoring, layout = chain.scoring_with(data), chain.layout
    chosen = list(chosen_options(data))
    if chosen:
        yield f"数据的 meta.scoring 设置了：{'、'.join(chosen)}（代替模板目录中的同名选项）"
    yield f"评分：反向指标 {scoring.reverse}；预算执行率分母 {scoring.execution_denominator}"
    yield from scoring_lines(scoring)
    fonts = "、".join(f"{a}→{b}" for a, b in layout.fonts.items()) or "不替换"
    yield f"版式：页码 {layout.page_number or 'standard'}；字体 {fonts}"
    for kind in KINDS.values():
        if only and kind.name != only:
            continue
        yield ""
        yield f"{kind.name}（{kind.label}）"
        shell = find_shell(env.loader.layers, kind.folder)
        yield f"  外壳：{shown(str(shell)) if shell else '内置'}"
        for name in outline_names(env.loader, kind.folder):
            yield f"  {name.split('/')[-1]}"
            layers = origins(env, name)
            for slot in slots(env, name):
                source = names[layers.get(slot.name, -1)]
                mark = "*" if source != "内置" else " "
                yield f"   {mark} {slot.signature:<28}{source}"


def scoring_lines(profile: ScoringProfile) -> Iterator[str]:
    """The rest of the active scoring profile, one option a line, as figures.md names them."""
    floors = [*profile.grades, (Decimal(0), profile.lowest_grade)]
    tops = [FULL_MARKS, *(floor for floor, _ in profile.grades)]
    yield "  等级：" + "，".join(f"{name} {number(low)}～{number(high)}" for (low, name), high in zip(floors, tops, strict=True))
    yield "  定性评定：" + "，".join(f"{r.name} {r.band}" for r in profile.ratings)
    yield "  评定的说法：" + profile.rating_words
    yield f"  不适用指标：{profile.not_applicable}"
    subtotals = "、".join(f"{name}{number(weight)}分" for name, weight in profile.subtotals)
    yield f"  一级指标分值：{subtotals or '不限'}"
    bands = "；".join(f"{op} 偏差{number(b.tolerance)}%以内不扣分，超出每{number(b.step)}%扣{number(b.deduction)}%"
                     for op, b in profile.deviation)
    yield f"  偏差分档：{bands or '无'}"
    vetoes = [*(f"“{name}”未取得满分" for name in profile.veto_indicators),
              *(["数据中 meta.veto 写明的违规问题"] if profile.veto_flagged else [])]
    yield f"  一票否决：{'、'.join(vetoes) or '无'}"
