"""How fast `govreport check` reads reports, and how right it is on real ones.

    python bench/check.py [N]
    python bench/check.py --corpus

Builds a twenty-page performance evaluation (the 三亚市 sample with every
narrative section written out five times; its page count is taken from
LibreOffice when it is installed), writes N copies, and checks them all in
one process, the way ``govreport check folder/`` does. Also times the seed
texts. Prints a Markdown table; bench/README.md keeps the results.

``--corpus`` checks the published texts of tests/fixtures/corpus/ against the
findings judged by hand in judged.yaml and prints precision and recall by kind
of defect and the table of every finding; docs/check-corpus.md keeps them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

import govreport
from govreport.proofread import KINDS, check_file
from govreport.reading import read_data

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sanya_health_poverty_2025.json"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


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
    from govreport.pdf import docx_to_pdf

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


def corpus() -> None:
    """Precision and recall on the judged corpus, by kind of defect, then every finding with its judgment."""
    judged = yaml.safe_load((CORPUS / "judged.yaml").read_text(encoding="utf-8"))
    index = {e["file"]: e["kind"] for e in yaml.safe_load((CORPUS / "index.yaml").read_text(encoding="utf-8"))["files"]}
    rows = []
    found: Counter[str] = Counter()
    true: Counter[str] = Counter()
    start = time.perf_counter()
    for name in sorted(index):
        entries = judged["findings"].get(name, [])
        verdicts = {(e["kind"], e["where"], e["message"]): e for e in entries}
        for f in check_file(CORPUS / name):
            entry = verdicts.get((f.kind, f.where, f.message))
            defect = bool(entry and entry["defect"])
            found[f.kind] += 1
            true[f.kind] += defect
            rows.append((name, f.kind, f.where, f.message, "是" if defect else "否" if entry else "未判定"))
    seconds = time.perf_counter() - start
    missed = Counter(m["kind"] for m in judged["missed"])
    print(f"{len(index)} texts of {len(set(index.values()))} kinds, checked in {seconds:.2f} s\n")
    print("| kind | findings | true | false | missed | precision | recall |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in [*[k for k in KINDS if found[k] or missed[k]], "all"]:
        f = sum(found.values()) if kind == "all" else found[kind]
        t = sum(true.values()) if kind == "all" else true[kind]
        m = sum(missed.values()) if kind == "all" else missed[kind]
        label = "all" if kind == "all" else f"{kind} ({KINDS[kind]})"
        precision = f"{t / f:.1%}" if f else "—"
        recall = f"{t / (t + m):.1%}" if t + m else "—"  # a kind with only false alarms has no defects to recall
        print(f"| {label} | {f} | {t} | {f - t} | {m} | {precision} | {recall} |")
    print("\n| file | kind | place | finding | a defect |")
    print("| --- | --- | --- | --- | --- |")
    for name, kind, where, message, verdict in rows:
        print(f"| {name} | {kind} | {where} | {message.replace('|', '｜')} | {verdict} |")


if __name__ == "__main__":
    if sys.argv[1:] == ["--corpus"]:
        corpus()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
