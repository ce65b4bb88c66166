"""Many reports at once: inputs expanded, each rendered on its own, failures kept apart, PDFs converted in groups.

Each input is loaded, validated and rendered independently, in this process
or in ``jobs`` worker processes; one that fails is recorded with its reason
and the rest go on. Every output is written atomically. For PDF, the DOCX
files are staged and handed to LibreOffice many at a time (one start per
group, groups in parallel), never one start per file.
"""

from __future__ import annotations

import glob
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import GovreportError, Problem
from .reading import DATA_SUFFIXES
from .write import output_folder, write_atomic

BatchFormat = Literal["docx", "md", "pdf"]


@dataclass(frozen=True)
class Job:
    source: Path
    outdir: Path
    stem: str  # the outputs' name: outdir/stem.docx, .md, .pdf
    formats: tuple[BatchFormat, ...]
    templates: tuple[Path, ...] = ()
    kind: str | None = None
    staging: Path | None = None  # for PDF without DOCX: where the DOCX waits for LibreOffice


@dataclass
class Outcome:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    docx: Path | None = None  # the DOCX a PDF is made from
    faces: list[str] = field(default_factory=list)  # PDF only: the faces the PDF is set in

    @property
    def failed(self) -> bool:
        return bool(self.reason)


@dataclass
class Summary:
    outcomes: list[Outcome]
    seconds: float
    outdir: Path

    @property
    def rendered(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.failed]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failed]


def expand(inputs: Iterable[str | Path], suffixes: tuple[str, ...] = DATA_SUFFIXES) -> tuple[list[Path], list[str]]:
    """Files named by paths, folders (searched recursively for ``suffixes``) and glob patterns;
    and the inputs that named none."""
    found: list[Path] = []
    unmatched: list[str] = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and _visible(p, path))
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True)
                             if Path(p).is_file() and Path(p).suffix.lower() in suffixes)
        if not matches:
            unmatched.append(text)
        found.extend(matches)
    return list(dict.fromkeys(p.resolve() for p in found)), unmatched


def _visible(path: Path, root: Path) -> bool:
    """Not hidden, not a temporary lock file Excel or WPS leaves beside an open workbook (~$x.xlsx)."""
    return not any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)


def output_names(sources: Sequence[Path]) -> list[str]:
    """One distinct output name (without suffix) per input: its stem; its suffix added when a folder holds
    two inputs of that stem (b.json, b.yaml → b-json, b-yaml); parent folders prefixed where names from
    different folders collide."""
    same = Counter((s.parent, s.stem) for s in sources)
    base = {s: f"{s.stem}-{s.suffix.lstrip('.').lower()}" if same[s.parent, s.stem] > 1 else s.stem for s in sources}
    depth = dict.fromkeys(sources, 0)

    def name(source: Path) -> str:
        parents = [p.name for p in source.parents][: depth[source]]
        return "-".join([*reversed(parents), base[source]])

    while True:
        names = [name(s) for s in sources]
        clashes = {n for n in names if names.count(n) > 1}
        deeper = [s for s, n in zip(sources, names, strict=True) if n in clashes and depth[s] < len(s.parents)]
        if not deeper:
            return names
        for source in deeper:
            depth[source] += 1


def run_job(job: Job) -> Outcome:
    """Load, validate, render and write one report; any failure becomes the outcome's reason."""
    from . import load, render

    outcome = Outcome(job.source)
    try:
        report = load(job.source, job.kind, job.templates)
        outcome.warnings = list(report.warnings)
        if "docx" in job.formats or "pdf" in job.formats:
            folder = job.outdir if "docx" in job.formats else job.staging
            docx = write_atomic((folder or job.outdir) / f"{job.stem}.docx", render(report, "docx"))
            outcome.docx = docx if "pdf" in job.formats else None
            outcome.outputs += [docx] if "docx" in job.formats else []
        if "md" in job.formats:
            outcome.outputs.append(write_atomic(job.outdir / f"{job.stem}.md", render(report, "md")))
    except GovreportError as exc:
        outcome.reason, outcome.problems = exc.message, exc.problems
    except Exception as exc:  # an unforeseen failure of one report must not stop the others
        outcome.reason = f"内部错误（{type(exc).__name__}：{exc}）"
    return outcome


def _outcomes(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        yield from map(run_job, jobs)
        return
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(run_job, jobs, chunksize=chunk)


def _convert_group(group: list[Outcome], outdir: Path) -> None:
    """One LibreOffice start for the group; each PDF moved into place atomically."""
    from .fonts import font_report
    from .pdf import NOT_CONVERTED, convert_files

    staged = [o.docx for o in group if o.docx is not None]
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as work:
        try:
            converted = convert_files(staged, Path(work))
        except GovreportError as exc:
            converted, reason = {}, exc.message
        else:
            reason = NOT_CONVERTED
        for outcome, docx in zip(group, staged, strict=True):
            pdf = converted.get(docx)
            if pdf is None:
                outcome.reason = reason
                continue
            content = pdf.read_bytes()
            fonts = font_report(content, docx.read_bytes())
            outcome.faces = fonts.faces
            outcome.warnings += [Problem("", warning, "warning") for warning in fonts.warnings]
            try:
                outcome.outputs.append(write_atomic(outdir / f"{docx.stem}.pdf", content))
            except GovreportError as exc:  # e.g. a read-only PDF of that name: this report fails, not the batch
                outcome.reason = exc.message


def _to_pdf(outcomes: list[Outcome], outdir: Path, workers: int, tick: Callable[[int], None]) -> None:
    from .pdf import FILES_PER_START

    pending = [o for o in outcomes if not o.failed and o.docx is not None]
    tick(len(outcomes) - len(pending))
    size = max(1, min(FILES_PER_START, -(-len(pending) // max(1, workers))))
    groups = [pending[i:i + size] for i in range(0, len(pending), size)]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for group, _ in zip(groups, pool.map(lambda g: _convert_group(g, outdir), groups), strict=True):
            tick(len(group))


def run_batch(
    sources: Sequence[str | Path],
    outdir: str | Path,
    formats: Sequence[BatchFormat] | BatchFormat = ("docx",),
    jobs: int = 1,
    templates: Sequence[str | Path] = (),
    kind: str | None = None,
    progress: Callable[[int], None] = lambda n: None,
) -> Summary:
    """Render every source into ``outdir`` (created when missing) in each of ``formats``; ``progress`` is told how
    many more steps are done. Paths may be given as strings."""
    from .pdf import soffice

    start = time.perf_counter()
    chosen: tuple[BatchFormat, ...] = (formats,) if isinstance(formats, str) else tuple(dict.fromkeys(formats))
    if "pdf" in chosen:
        soffice()  # missing LibreOffice is one clear message, not one failure per file
    outdir = output_folder(outdir)  # a file or a read-only folder is one clear message too
    paths = [Path(source) for source in sources]
    with tempfile.TemporaryDirectory(prefix="govreport-batch-") as staging:
        jobs_list = [Job(source, outdir, stem, chosen, tuple(map(Path, templates)), kind, Path(staging))
                     for source, stem in zip(paths, output_names(paths), strict=True)]
        outcomes = []
        for outcome in _outcomes(jobs_list, jobs):
            outcomes.append(outcome)
            progress(1)
        if "pdf" in chosen:
            _to_pdf(outcomes, outdir, jobs, progress)
    return Summary(outcomes, time.perf_counter() - start, outdir)


def steps(count: int, formats: Sequence[BatchFormat]) -> int:
    """Progress steps of a batch: one per report, and one more per report converted to PDF."""
    return count * 2 if "pdf" in formats else count
