"""Load on ``govreport serve``, against 127.0.0.1 only, bounded in requests and in time.

    python bench/serve.py [N] [PDFS]

1. ``govreport batch --jobs 2`` on N generated data files (default 2,000): the
   machine's throughput for DOCX without a server, run once before and once
   after step 2 (the machine is shared; its speed drifts), the better run counts.
2. ``govreport serve --workers 2`` on a free port of 127.0.0.1; N DOCX renders
   from 16 concurrent clients (keep-alive connections, JSON bodies): errors,
   throughput and its ratio to the batch's, p50/p95/max latency, and the
   memory (RSS) of the server with its worker processes, sampled every half
   second. Beside the rates, the processor time each report costs, in the
   server's process tree and in the batch's: on a shared machine the rates
   move with other people's load, the processor time hardly does.
3. PDFS PDFs (default 200) from 8 concurrent clients through two warm
   LibreOffice instances (``--pdf-instances 2``): errors, throughput,
   latencies, memory.

Every request has a 180 s timeout and the whole run a deadline of 30
minutes; the server is stopped at the end whatever happens. Prints Markdown
tables; bench/README.md keeps the results.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "samples" / n for n in ("sanya_health_poverty_2025.json", "self_evaluation.json", "work_summary.json")]
HOST = "127.0.0.1"  # the only address this script ever sends to
DEADLINE = time.monotonic() + 30 * 60
REQUEST_TIMEOUT = 180


def variants(count: int) -> list[bytes]:
    """``count`` data files: the three samples in turn, each with its own project (or organisation) name."""
    samples = [json.loads(p.read_text(encoding="utf-8"), parse_float=Decimal) for p in SAMPLES]
    out = []
    for n in range(count):
        data = json.loads(json.dumps(samples[n % 3], default=str), parse_float=Decimal)
        name = "project" if "project" in data["meta"] else "organization"
        data["meta"][name] = f"{data['meta'][name]}（第{n + 1}批）"
        out.append(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"))
    return out


def batch_rate(bodies: list[bytes]) -> tuple[float, float]:
    """Reports per second of one ``govreport batch --jobs 2`` over the same data, and its processor seconds."""
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "data"
        folder.mkdir()
        for n, body in enumerate(bodies):
            (folder / f"{n:05d}.json").write_bytes(body)
        used = _children_cpu()
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "govreport", "batch", str(folder), "-o", f"{work}/out", "--jobs", "2"],
                       check=True, capture_output=True)
        return len(bodies) / (time.monotonic() - started), _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of ``pid`` and every process below it."""
    return sum(rss for rss, _ in _tree(pid))


def tree_cpu(pid: int) -> float:
    """Processor seconds used so far by ``pid`` and every process below it that is still running."""
    return sum(cpu for _, cpu in _tree(pid))


def _tree(pid: int) -> list[tuple[int, float]]:
    """Resident bytes and processor seconds of ``pid`` and each process below it."""
    children: dict[int, list[int]] = {}
    usage: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            times = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent = int(re.search(r"PPid:\s+(\d+)", status).group(1))
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        children.setdefault(parent, []).append(int(entry.name))
        usage[int(entry.name)] = (int(found.group(1)) * 1024 if found else 0, (int(times[11]) + int(times[12])) / tick)
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(usage.get(current, (0, 0.0)))
        stack.extend(children.get(current, []))
    return tree


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    memory: list[int] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0  # processor seconds of the server's process tree during the run
    client_cpu: float = 0.0  # and of this script's clients


def load(port: int, bodies: list[bytes], clients: int, fmt: str, server_pid: int) -> Run:
    """Send every body once, from ``clients`` threads each on its own keep-alive connection."""
    run = Run()
    lock = threading.Lock()
    queue = iter(range(len(bodies)))

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        while time.monotonic() < DEADLINE:
            with lock:
                n = next(queue, None)
            if n is None:
                break
            started = time.monotonic()
            try:
                connection.request("POST", f"/api/v1/render?format={fmt}", bodies[n], {"Content-Type": "application/json"})
                answer = connection.getresponse()
                content = answer.read()
                ok = answer.status == 200 and content[:2] in (b"PK", b"%P")
                problem = "" if ok else f"{answer.status} {content[:200]!r}"
            except (OSError, http.client.HTTPException) as exc:
                problem = repr(exc)
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            with lock:
                run.latencies.append(time.monotonic() - started)
                if problem:
                    run.errors.append(problem)
        connection.close()

    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            run.memory.append(tree_rss(server_pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    server_cpu, client_cpu = tree_cpu(server_pid), time.process_time()
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - started
    run.server_cpu, run.client_cpu = tree_cpu(server_pid) - server_cpu, time.process_time() - client_cpu
    stop.set()
    sampler.join()
    return run


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(title: str, run: Run, count: int, clients: int) -> float:
    rate = len(run.latencies) / run.seconds
    mb = [m / 1e6 for m in run.memory] or [0.0]
    print(f"\n| {title} | value |\n| --- | ---: |")
    print(f"| requests sent / answered 200 | {len(run.latencies)} / {len(run.latencies) - len(run.errors)} (of {count}) |")
    print(f"| concurrent clients | {clients} |")
    print(f"| errors | {len(run.errors)} |")
    print(f"| seconds | {run.seconds:.1f} |")
    print(f"| throughput | {rate:.1f} reports/s |")
    print(f"| latency p50 / p95 / max | {percentile(run.latencies, 0.5) * 1000:.0f} / "
          f"{percentile(run.latencies, 0.95) * 1000:.0f} / {max(run.latencies) * 1000:.0f} ms |")
    print(f"| processor time per report: server (with workers) / clients | "
          f"{run.server_cpu / count * 1000:.1f} / {run.client_cpu / count * 1000:.1f} ms |")
    quarter = max(1, len(mb) // 4)
    print(f"| server memory (RSS with workers): first quarter / last quarter / peak | "
          f"{statistics.mean(mb[:quarter]):.0f} / {statistics.mean(mb[-quarter:]):.0f} / {max(mb):.0f} MB |")
    for error in run.errors[:5]:
        print(f"error: {error}")
    return rate


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    pdfs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    bodies = variants(count)
    before, before_cpu = batch_rate(bodies)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "govreport", "serve", "--port", str(port), "--workers", "2",
                               "--pdf-instances", "2"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert f"{HOST}:{port}" in server.stdout.readline()  # type: ignore[union-attr]
        warm = load(port, bodies[:32], 4, "docx", server.pid)
        assert not warm.errors, warm.errors[:3]
        docx = load(port, bodies, 16, "docx", server.pid)
        rate = report(f"{count} DOCX renders through govreport serve", docx, count, 16)
        after, after_cpu = batch_rate(bodies)
        print(f"\n`govreport batch --jobs 2`, {count} DOCX: {before:.1f} reports/s before, {after:.1f} after; "
              f"processor time per report {before_cpu / count * 1000:.1f} / {after_cpu / count * 1000:.1f} ms")
        print(f"throughput ÷ the better batch run: **{rate / max(before, after):.2f}** (target ≥ 0.8)", flush=True)
        pdf = load(port, bodies[:pdfs], 8, "pdf", server.pid)
        report(f"{pdfs} PDFs through govreport serve", pdf, pdfs, 8)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
