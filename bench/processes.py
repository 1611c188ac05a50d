"""CPU and peak resident memory of every process of the system under test, sampled while a
run lasts. The bench's own process is measured too: it shares the same two cores."""
from __future__ import annotations

import os
import threading
import time

import psutil

LOAD_GENERATOR = "bench (load generator)"


def label(proc: psutil.Process) -> str:
    """A readable name: which component, and its port when there are several."""
    try:
        argv = proc.cmdline()
    except psutil.Error:
        return "?"
    joined = " ".join(argv)

    def after(flag: str) -> str:
        return argv[argv.index(flag) + 1] if flag in argv and argv.index(flag) + 1 < len(argv) else ""

    if proc.pid == os.getpid():
        return LOAD_GENERATOR
    if "postgres" in (argv[0] if argv else "") or joined.startswith("postgres"):
        return "postgresql (all backends)"
    if "redis-server" in joined:
        return "redis"
    if "rasa_sdk" in joined or "bot.action_server" in joined:
        return f"action server :{after('--port')}"
    if " run " in f" {joined} " and "rasa" in joined and "--model" in argv:
        return f"rasa :{after('--port')}"
    if "-m bot web" in joined:
        return f"web app pid {proc.pid}"
    if "-m bot run" in joined:
        return "supervisor"
    return proc.name()


class ProcessSampler:
    """Samples the process trees under `roots` (and this process) every `interval` s."""

    def __init__(self, roots: list[int], interval: float = 0.5) -> None:
        self.roots = roots
        self.interval = interval
        self._cpu_start: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._labels: dict[int, str] = {}
        self._rss_peak: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self.wall = 0.0

    def _processes(self) -> list[psutil.Process]:
        found = [psutil.Process(os.getpid())]
        for pid in self.roots:
            try:
                root = psutil.Process(pid)
                found += [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
        return found

    def _sample(self) -> None:
        rss_by_label: dict[str, int] = {}
        for proc in self._processes():
            try:
                cpu = sum(proc.cpu_times()[:2])
                rss = proc.memory_info().rss
            except psutil.Error:
                continue
            if proc.pid not in self._labels:
                self._labels[proc.pid] = label(proc)
                self._cpu_start[proc.pid] = cpu
            self._cpu_last[proc.pid] = cpu
            name = self._labels[proc.pid]
            rss_by_label[name] = rss_by_label.get(name, 0) + rss
        for name, rss in rss_by_label.items():
            self._rss_peak[name] = max(self._rss_peak.get(name, 0), rss)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> ProcessSampler:
        self._started = time.monotonic()
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.wall = time.monotonic() - self._started

    def report(self) -> dict[str, dict[str, float]]:
        """Per component: CPU seconds in the run, mean % of one core, peak RSS in MB."""
        cpu: dict[str, float] = {}
        for pid, name in self._labels.items():
            cpu[name] = cpu.get(name, 0.0) + self._cpu_last[pid] - self._cpu_start[pid]
        wall = max(self.wall, 1e-9)
        return {
            name: {"cpu_s": round(cpu[name], 1), "cpu_pct_of_one_core": round(100 * cpu[name] / wall),
                   "peak_rss_mb": round(self._rss_peak.get(name, 0) / 2**20)}
            for name in sorted(cpu)
        }
