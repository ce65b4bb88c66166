"""The chain of template folders: from ``--templates``, the data's ``meta.templates`` and an environment variable.

Order, highest priority first: the command line, the data file, then
``GOVREPORT_TEMPLATES``; each folder is followed by its parents (county →
city → province), and the built-in templates close every chain. A folder
holding a link that leads out of it (a kind folder, a template, a shell) is
refused: what a folder contains is what gets used.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import TemplateFault
from ..figures.scoring import DeviationBand, ScoringProfile
from ..vocabulary.scoring import RATING_BY_NAME, Rating
from .loader import relative
from .manifest import LayoutOptions, Manifest, ScoringOptions, option_line, read_manifest

ENV_VARIABLE = "GOVREPORT_TEMPLATES"
TEMPLATE_FILE_SUFFIXES = (".j2", ".docx", ".yaml", ".yml")  # what a county folder holds as files
MAX_DEPTH = 16
LOCATED_OPTIONS = ("subtotals", "veto")  # options a check of the data names where they were written


@dataclass(frozen=True)
class Folder:
    path: Path  # resolved
    manifest: Manifest

    @property
    def label(self) -> str:
        return f"{self.manifest.name} {self.manifest.version}"


@dataclass(frozen=True)
class TemplateChain:
    """Folders searched before the built-in templates, the most specific first."""

    folders: tuple[Folder, ...] = ()

    @property
    def scoring(self) -> ScoringProfile:
        """Each option from the most specific folder that sets it; figures.md's defaults otherwise."""
        return self.scoring_with(None)

    def scoring_with(self, data: ScoringOptions | None, where: str = "meta.scoring") -> ScoringProfile:
        """The chain's profile with each option the data's own ``meta.scoring`` sets taking its place: one
        evaluation's rules are more specific than any folder's (``where`` names them in the data)."""
        options: dict[str, object] = {}
        origins: dict[str, str] = {}
        for folder in reversed(self.folders):
            for name, value in chosen_options(folder.manifest.scoring).items():
                options[name] = value
                if name in LOCATED_OPTIONS:
                    origins[name] = option_line(folder.path, ("scoring", name))
        for name, value in chosen_options(data).items():
            options[name] = value
            if name in LOCATED_OPTIONS:
                origins[name] = f"{where}.{name}"
        return profile_of(ScoringOptions(**options), origins)

    @property
    def layout(self) -> LayoutOptions:
        page_number, numbering, fonts = None, None, {}
        for folder in reversed(self.folders):
            layout = folder.manifest.layout
            page_number = layout.page_number or page_number
            numbering = layout.numbering or numbering
            fonts.update(layout.fonts)
        return LayoutOptions(page_number=page_number, fonts=fonts, numbering=numbering)

    def describe(self, builtin: str) -> str:
        """``三亚市 1.0 → 海南省 1.0 → 内置 0.4.0``: what the document properties record."""
        return " → ".join([*(f.label for f in self.folders), builtin])


def chosen_options(options: ScoringOptions | None) -> dict[str, object]:
    """The options ``options`` sets, by name, in the order the options are documented."""
    if options is None:
        return {}
    return {name: getattr(options, name) for name in type(options).model_fields
            if name in options.model_fields_set and getattr(options, name) is not None}


def profile_of(options: ScoringOptions, origins: dict[str, str] | None = None) -> ScoringProfile:
    """The profile a manifest's ``scoring`` describes (already checked by ``read_manifest``, or by validation
    for the data's ``meta.scoring``)."""
    chosen: dict[str, object] = {}
    if options.reverse is not None:
        chosen["reverse"] = options.reverse
    if options.execution_denominator is not None:
        chosen["execution_denominator"] = options.execution_denominator
    if options.not_applicable is not None:
        chosen["not_applicable"] = options.not_applicable
    if options.grades:
        bands = sorted(options.grades, key=lambda g: g.min, reverse=True)
        chosen["grades"] = tuple((g.min, g.name) for g in bands[:-1])
        chosen["lowest_grade"] = bands[-1].name
    if options.ratings:
        chosen["ratings"] = tuple(
            Rating(r.name, RATING_BY_NAME[r.name].full_name, r.low, r.high, r.high == 1,
                   RATING_BY_NAME[r.name].words if r.words is None else tuple(r.words))
            for r in sorted(options.ratings, key=lambda r: r.low, reverse=True))
    if options.subtotals is not None:
        chosen["subtotals"] = tuple(options.subtotals.items())
    if options.deviation is not None:
        chosen["deviation"] = tuple((op, DeviationBand(d.tolerance, d.step, d.deduction))
                                    for op, d in options.deviation.items())
    if options.veto is not None:
        chosen["veto_indicators"] = tuple(options.veto.indicators)
        chosen["veto_flagged"] = options.veto.findings
    return ScoringProfile(**chosen, origins=tuple((origins or {}).items()))  # type: ignore[arg-type]


def environment_folders() -> list[Path]:
    value = os.environ.get(ENV_VARIABLE, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def resolve_chain(folders: Iterable[str | Path]) -> TemplateChain:
    """Each folder followed by its parents, each folder once; a missing folder or a loop is refused."""
    chain: list[Folder] = []
    for given in folders:
        for folder in _with_parents(Path(given)):
            if all(f.path != folder.path for f in chain):
                chain.append(folder)
    return TemplateChain(tuple(chain))


def _with_parents(start: Path) -> Sequence[Folder]:
    found: list[Folder] = []
    path: Path | None = start
    while path is not None:
        if not path.is_dir():
            raise TemplateFault(f"模板目录不存在：{path}")
        resolved = path.resolve()
        if any(f.path == resolved for f in found) or len(found) >= MAX_DEPTH:
            names = " → ".join(f.manifest.name for f in found)
            raise TemplateFault(f"模板目录的上级关系形成了循环：{names} → {path}")
        manifest = read_manifest(resolved)
        _refuse_links_out(resolved)
        found.append(Folder(resolved, manifest))
        path = resolved / manifest.parent if manifest.parent else None
    return found


def _refuse_links_out(folder: Path) -> None:
    """A link anywhere in ``folder`` must lead to something inside it that exists (links are not followed
    while looking), and a template or shell name must be a file, so no county file fails later unread."""
    for base, folders, names in os.walk(folder):
        for name in (*folders, *names):
            entry = Path(base) / name
            shown = f"模板目录 {relative(folder)} 中的 {entry.relative_to(folder).as_posix()} "
            if entry.is_symlink() and not entry.exists():
                raise TemplateFault(shown + "是指向不存在的文件的链接，已拒绝；请删除它，或换成所需的文件")
            if entry.is_symlink() and not entry.resolve().is_relative_to(folder):
                raise TemplateFault(shown + f"是指向目录之外（{entry.resolve()}）的链接，已拒绝；请把所需文件复制到模板目录中")
            if entry.is_dir() and entry.suffix.lower() in TEMPLATE_FILE_SUFFIXES:
                raise TemplateFault(shown + "应为文件，实际是文件夹，已拒绝")
