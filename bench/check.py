"""How fast `govreport check` reads reports: twenty-page documents per second on one core.

    python bench/check.py [N]

Builds a twenty-page performance evaluation (the 三亚市 sample with every
narrative section written out five times; its page count is taken from
LibreOffice when it is installed), writes N copies, and checks them all in
one process, the way ``govreport check folder/`` does. Also times the seed
texts. Prints a Markdown table; bench/README.md keeps the results.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import govreport
from govreport.load import read_data
from govreport.proofread import check_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sanya_health_poverty_2025.json"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def doubled(node):
    """Every list of paragraphs written out five times: the same report, about twice as many pages."""
    if isinstance(node, dict):
        return {k: doubled(v) for k, v in node.items()}
    if isinstance(node, list) and node and all(isinstance(v, str) for v in node):
        return node * 5
    if isinstance(node, list):
        return [doubled(v) for v in node]
    return node


def pages(docx: Path) -> str:
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        return "?"
    from govreport.convert import docx_to_pdf

    pdf = docx.with_suffix(".pdf")
    pdf.write_bytes(docx_to_pdf(docx.read_bytes()))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        report = govreport.load(doubled(read_data(SAMPLE)))
        original = folder / "report.docx"
        original.write_bytes(govreport.render(report))
        page_count = pages(original)
        kilobytes = original.stat().st_size // 1024
        copies = []
        for i in range(n):
            copy = folder / f"r{i:04d}.docx"
            shutil.copy(original, copy)
            copies.append(copy)
        start = time.perf_counter()
        findings = sum(len(check_file(p)) for p in copies)
        seconds = time.perf_counter() - start
        seeds = sorted(SEEDS.glob("*.txt"))
        start = time.perf_counter()
        seed_findings = sum(len(check_file(p)) for p in seeds)
        seed_seconds = time.perf_counter() - start
    size = sum(len(s.read_text(encoding="utf-8")) for s in seeds)
    print(f"python {sys.version.split()[0]}, govreport {govreport.__version__}\n")
    print("| `govreport check`, one core | documents | seconds | documents/s | findings |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| {page_count}-page evaluation report (DOCX, {kilobytes} KB) | {n} | {seconds:.2f} | "
          f"{n / seconds:.1f} | {findings} |")
    print(f"| the five seed texts ({size // 1000}k characters) | {len(seeds)} | {seed_seconds:.2f} | "
          f"{len(seeds) / seed_seconds:.1f} | {seed_findings} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
