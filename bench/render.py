"""Time one report rendered in-process (warm) and `govreport render` from a cold start.

    python bench/render.py [N]

Prints a Markdown table row per measurement; results are kept in bench/README.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import govreport

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "sanya_health_poverty_2025.json"


def warm(n: int, fmt: str) -> list[float]:
    report = govreport.load(SAMPLE)
    govreport.render(report, fmt)  # first render compiles templates
    times = []
    for _ in range(n):
        start = time.perf_counter()
        govreport.render(govreport.load(SAMPLE), fmt)
        times.append(time.perf_counter() - start)
    return times


def cold(n: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(n):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "govreport", "render", str(SAMPLE), "-o", f"{folder}/r.docx"],
                           check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return times


def row(label: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"| {label} | {len(ms)} | {statistics.median(ms):.1f} | {min(ms):.1f} | {max(ms):.1f} |"


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print("| measurement | runs | median ms | min ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(row("load + render DOCX, in-process", warm(n, "docx")))
    print(row("load + render Markdown, in-process", warm(n, "md")))
    print(row("`govreport render` DOCX, cold process", cold(max(3, n // 10))))
