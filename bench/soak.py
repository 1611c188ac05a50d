"""`python -m bench soak`: Tidigt under a steady human-paced load for a bounded time.

Reports each process's resident memory at launch, after the warm-up and at the end, its
growth after the warm-up, the error count and whether any child had to be restarted
(issue 22: no error, memory growth under 10 % after warm-up). Written to
var/bench/soak.{json,md}. The full run is 20 minutes with 50 case workers; a short one
(`--duration 120 --concurrency 10`) shows that it works.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil

from bench.processes import label
from bench.stats import RunRecorder
from bot.settings import PROJECT_ROOT

GOAL_GROWTH_PCT = 10.0


def memory(roots: list[int]) -> dict[str, dict]:
    """Resident memory in MB and the process ids, per component of the system under test."""
    out: dict[str, dict] = {}
    for pid in roots:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            continue
        for proc in procs:
            try:
                name, rss = label(proc), proc.memory_info().rss
            except psutil.Error:
                continue
            if name.startswith("web app pid"):
                name = "web app"  # one web app; a restart shows as a new pid below
            entry = out.setdefault(name, {"rss_mb": 0.0, "pids": []})
            entry["rss_mb"] = round(entry["rss_mb"] + rss / 2**20, 1)
            entry["pids"].append(proc.pid)
    return out


def growth(start: dict[str, dict], end: dict[str, dict]) -> dict[str, dict]:
    rows = {}
    for name in sorted(set(start) | set(end)):
        a = start.get(name, {}).get("rss_mb")
        b = end.get(name, {}).get("rss_mb")
        rows[name] = {
            "rss_after_warmup_mb": a, "rss_end_mb": b,
            "growth_pct": round(100 * (b - a) / a, 1) if a and b is not None else None,
            "restarted": sorted(start.get(name, {}).get("pids", []))
            != sorted(end.get(name, {}).get("pids", [])),
        }
    return rows


def markdown(result: dict) -> str:
    s = result["settings"]
    lines = [
        f"# Soak: {s['concurrency']} case workers, {s['duration_s']:.0f} s, one message every "
        f"{s['pace_s']:.0f} s each (warm-up {s['warmup_s']:.0f} s)", "",
        f"Started {result['started_at']}, load {result['load_before']} → {result['load_after']}.",
        "", f"Messages answered: {result['run']['messages']}, errors: {result['run']['errors']} "
        f"{result['run']['error_kinds'] or ''}, assessments completed: "
        f"{result['run']['assessments_completed']}, p50 {result['run']['p50_ms']} ms, "
        f"p95 {result['run']['p95_ms']} ms.", "",
        "| process | at launch MB | after warm-up MB | at end MB | growth | restarted |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, row in result["memory"].items():
        launch = result["memory_at_launch"].get(name, {}).get("rss_mb")
        pct = "–" if row["growth_pct"] is None else f"{row['growth_pct']:+.1f} %"
        lines.append(f"| {name} | {launch} | {row['rss_after_warmup_mb']} | {row['rss_end_mb']} "
                     f"| {pct} | {'yes' if row['restarted'] else 'no'} |")
    lines += ["", f"Goal (no error, growth under {GOAL_GROWTH_PCT:.0f} % after warm-up): "
              f"{'met' if result['goal_met'] else 'NOT met'}."]
    return "\n".join(lines) + "\n"


async def soak(args) -> dict:
    from bench.__main__ import sign_in_all, tidigt_worker  # the bench's own case workers
    from bench.servers import Tidigt

    result: dict = {"started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "load_before": " ".join(f"{x:.1f}" for x in psutil.getloadavg()),
                    "settings": {"duration_s": args.duration, "concurrency": args.concurrency,
                                 "pace_s": args.pace, "warmup_s": args.warmup}}
    target = Tidigt(args.concurrency)
    print(f"Starting {target.name} …", flush=True)
    target.start()
    try:
        result["memory_at_launch"] = memory(target.root_pids())
        workers = await sign_in_all(target, args.concurrency)
        recorder = RunRecorder()
        for w in workers:
            w.recorder, w.pace, w._last_send = recorder, args.pace, 0.0
        recorder.started = time.monotonic()
        deadline = recorder.started + args.duration
        scripts: list = []
        load = asyncio.gather(*(tidigt_worker(w, i, deadline, scripts)
                                for i, w in enumerate(workers)))
        await asyncio.sleep(min(args.warmup, args.duration))
        after_warmup = memory(target.root_pids())
        print(f"  warm-up done, {len(recorder.latencies)} messages so far", flush=True)
        await load
        recorder.ended = time.monotonic()
        end = memory(target.root_pids())
        for w in workers:
            await w.__aexit__(None, None, None)
    finally:
        target.stop()
    result["run"] = recorder.summary()
    result["memory"] = growth(after_warmup, end)
    result["load_after"] = " ".join(f"{x:.1f}" for x in psutil.getloadavg())
    result["goal_met"] = result["run"]["errors"] == 0 and all(
        (r["growth_pct"] or 0) < GOAL_GROWTH_PCT and not r["restarted"]
        for name, r in result["memory"].items() if name != "bench (load generator)")
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench soak", description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=1200.0, help="seconds of load")
    parser.add_argument("--concurrency", type=int, default=50, help="case workers at once")
    parser.add_argument("--pace", type=float, default=10.0,
                        help="seconds between one case worker's messages")
    parser.add_argument("--warmup", type=float, default=120.0,
                        help="seconds before the memory baseline is taken")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "var" / "bench")
    args = parser.parse_args(argv)
    result = asyncio.run(soak(args))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "soak.json").write_text(json.dumps(result, ensure_ascii=False, indent=2),
                                        encoding="utf-8")
    text = markdown(result)
    (args.out / "soak.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"Written: {args.out / 'soak.json'}, {args.out / 'soak.md'}")
    return 0 if result["goal_met"] else 1
