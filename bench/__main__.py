"""`make bench` / `python -m bench`: load Tidigt and a bare Rasa server with simulated case
workers, in one run, and write var/bench/report.{json,md} and var/bench/latency.png.

Order: Tidigt as `make run` starts it (one process each, SQLite); then bare Rasa on the
same model, replaying the messages the case workers sent to Tidigt; then Tidigt scaled
out (PostgreSQL, Redis lock store, several Rasa and web-app processes). Each system gets
every concurrency in both modes: flat out (the next message as soon as the answer is in)
and human pace (one message every --pace seconds per case worker).
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import aiohttp

from bench import report
from bench.cases import CASES
from bench.caseworker import CaseWorker, Message, Stuck
from bench.processes import ProcessSampler
from bench.servers import PASSWORD, BareRasa, Target, Tidigt
from bench.stats import RunRecorder
from bot.settings import PROJECT_ROOT

_references = itertools.count(1)


def reference() -> str:
    return f"BÄNK-{os.getpid()}-{next(_references)}"


async def sign_in_all(target: Tidigt, count: int) -> list[CaseWorker]:
    """Signed in before any run: sign-in (Argon2id) is not what the runs measure."""
    workers = [CaseWorker(target.base, name, PASSWORD, RunRecorder(), seed=i)
               for i, name in enumerate(target.usernames[:count])]
    gate = asyncio.Semaphore(8)

    async def one(worker: CaseWorker) -> None:
        async with gate:
            await worker.__aenter__()
            await worker.sign_in()

    await asyncio.gather(*(one(w) for w in workers))
    return workers


async def tidigt_worker(worker: CaseWorker, index: int, deadline: float, scripts: list) -> None:
    """Whole assessments one after another until the run's time is up."""
    if worker.pace:
        # Case workers do not all start in the same second.
        await asyncio.sleep(worker.rng.uniform(0, worker.pace))
    for round_ in itertools.count():
        if time.monotonic() >= deadline:
            return
        case = CASES[(index + round_) % len(CASES)]
        try:
            done = await worker.assessment(case, reference(), multi_fact=(index + round_) % 2 == 1,
                                           deadline=deadline)
        except Stuck as stuck:
            worker.recorder.error(f"script: {stuck}")
            continue
        except Exception:  # already counted by send(); start a new assessment
            await asyncio.sleep(1)
            continue
        if done.completed:
            worker.recorder.assessment_done(done.turns)
            scripts.append(done.sent)


async def rasa_worker(http: aiohttp.ClientSession, base: str, recorder: RunRecorder,
                      script_pool: list[list[Message]], index: int, pace: float,
                      deadline: float) -> None:
    """The same messages, straight to Rasa's REST channel, as a fresh conversation each."""
    rng = random.Random(index)
    if pace:
        await asyncio.sleep(rng.uniform(0, pace))
    last = 0.0
    for round_ in itertools.count():
        script = script_pool[(index + round_) % len(script_pool)]
        sender = f"bench-{os.getpid()}-{index}-{round_}"
        for message in script:
            if pace:
                delay = last + pace * rng.uniform(0.8, 1.2) - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            if time.monotonic() >= deadline:
                return
            last = started = time.monotonic()
            text = message.payload if message.payload is not None else message.text
            try:
                async with http.post(f"{base}/webhooks/rest/webhook",
                                     json={"sender": sender, "message": text}) as resp:
                    await resp.read()
                    if resp.status != 200:
                        recorder.error(f"HTTP {resp.status}")
                        continue
            except asyncio.TimeoutError:
                recorder.error("timeout")
                continue
            except aiohttp.ClientError as err:
                recorder.error(type(err).__name__)
                continue
            recorder.ok(time.monotonic() - started)
        # No turns per assessment here: the script's length was decided by Tidigt.


async def one_run(target: Target, mode: str, concurrency: int, args, workers, scripts) -> dict:
    recorder = RunRecorder()
    pace = args.pace if mode == "human" else 0.0
    with ProcessSampler(target.root_pids()) as sampler:
        recorder.started = time.monotonic()
        deadline = recorder.started + args.duration
        if isinstance(target, Tidigt):
            for w in workers[:concurrency]:
                w.recorder, w.pace, w._last_send = recorder, pace, 0.0
            await asyncio.gather(*(tidigt_worker(w, i, deadline, scripts)
                                   for i, w in enumerate(workers[:concurrency])))
        else:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120),
                                             connector=aiohttp.TCPConnector(limit=0)) as http:
                await asyncio.gather(*(rasa_worker(http, target.base, recorder, scripts, i, pace,
                                                   deadline) for i in range(concurrency)))
        recorder.ended = time.monotonic()
    result = {"target": target.name, "mode": mode, "concurrency": concurrency,
              **recorder.summary(), "processes": sampler.report()}
    result["cpu_ms_per_message"] = report.cpu_ms_per_message(result["processes"],
                                                             result["messages"])
    print(f"  {target.name:12} {report.MODE_NAMES[mode]:10} {concurrency:4} conv: "
          f"{result['messages']:5} msg, {result['errors']} err, {result['throughput_per_s']} msg/s, "
          f"p50 {result['p50_ms']} p95 {result['p95_ms']} p99 {result['p99_ms']} ms, "
          f"CPU {result['cpu_ms_per_message']} ms/msg", flush=True)
    return result


async def stored_answers(worker: CaseWorker, conversation_id: str) -> dict:
    async with worker.http.get(
            f"{worker.base}/api/conversations/{conversation_id}/assessment") as resp:
        body = await resp.json()
    return {qid: a.get("value") for qid, a in body.get("answers", {}).items()}


async def assessments_phase(target: Tidigt, workers: list[CaseWorker], scripts: list) -> list[dict]:
    """Each fictitious case once with one fact per message and once telling the story in
    a few sentences: the bot turns each took, and whether what was stored is the case."""
    from bot.assessment.question_bank import load_bank

    types = {q.id: q.type for m in load_bank() for q in m.questions}
    jobs = [(case, style) for case in CASES for style in STYLES]
    recorder = RunRecorder()

    async def one(worker: CaseWorker, case, style: str):
        worker.recorder, worker.pace = recorder, 0.0
        try:
            done = await worker.assessment(case, reference(), multi_fact=style != "one_fact",
                                           notes_first=style == "notes_first")
            stored = await stored_answers(worker, done.conversation_id)
        except Exception as err:  # reported in the table, not hidden
            return case.name, style, None, [f"failed ({err})"]
        wrong = sorted(q for q, v in stored.items() if q in case.answers
                       and types.get(q) not in ("free_text", "modules") and v != case.answers[q])
        if style != "notes_first":
            scripts.append(done.sent)  # the notes are no chat message to replay on bare Rasa
        return case.name, style, done.turns, wrong

    rows: dict[str, dict] = {}
    for name, style, turns, wrong in await asyncio.gather(
            *(one(w, c, m) for w, (c, m) in zip(workers, jobs, strict=False))):
        row = rows.setdefault(name, {"case": name, "check": "ok"})
        row[style] = turns
        if wrong:
            row["check"] = (row["check"] if row["check"] != "ok" else "differs:") + \
                f" {style}: {', '.join(wrong)}"
    return list(rows.values())


# Three kinds of case worker (issue 23): one fact per message, the story told in a few
# sentences, and the notes pasted first.
STYLES = ("one_fact", "multi_fact", "notes_first")


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def time_training() -> float:
    """A full `rasa train` into a scratch directory: the shared model is not touched."""
    out = Path(tempfile.mkdtemp(prefix="train-", dir=PROJECT_ROOT / "var" / "bench"))
    started = time.monotonic()
    subprocess.run([str(Path(sys.executable).parent / "rasa"), "train", "--data", "data/nlu",
                    "data/rules", "data/stories", "--out", str(out), "--fixed-model-name", "timed",
                    "--num-threads", "2", "--force"], cwd=PROJECT_ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = round(time.monotonic() - started, 1)
    shutil.rmtree(out, ignore_errors=True)
    return elapsed


async def bench_target(target: Target, args, result: dict, scripts: list) -> None:
    workers: list[CaseWorker] = []
    try:
        if isinstance(target, Tidigt):
            workers = await sign_in_all(target, max(args.concurrency + [len(CASES) * len(STYLES)]))
            # Every Tidigt target does the fictitious cases first, so each run starts on
            # processes that have answered the same messages before (kept predictions,
            # compiled phrases): the scale-out target was measured cold, beside a warm
            # single process. The first target's table is the report's.
            print("  fictitious cases: one fact, several facts per message, notes first …",
                  flush=True)
            rows = await assessments_phase(target, workers, scripts if not result["assessments"]
                                           else [])
            if not result["assessments"]:
                result["assessments"] = rows
            else:
                result.setdefault("assessments_by_target", {})[target.name] = rows
        elif not scripts:
            raise SystemExit("The bare Rasa baseline replays the messages sent to Tidigt: "
                             "include the target 'tidigt' in --targets.")
        for mode in args.modes:
            for concurrency in args.concurrency:
                result["runs"].append(
                    await one_run(target, mode, concurrency, args, workers, scripts))
                if result["runs"][-1]["errors"]:
                    target.keep_logs = True
                await asyncio.sleep(2)  # let queues drain before the next run
    finally:
        for w in workers:
            await w.__aexit__(None, None, None)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", default="1,20,100",
                        help="concurrent conversations per run, comma-separated")
    parser.add_argument("--modes", default="flat,human", help="flat, human or both")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per run")
    parser.add_argument("--pace", type=float, default=10.0,
                        help="human pace: seconds between one case worker's messages")
    parser.add_argument("--targets", default="tidigt,rasa,scale",
                        help="tidigt (make run), rasa (bare baseline), scale (scale-out)")
    parser.add_argument("--processes", type=int, default=2, help="TIDIGT_PROCESSES for 'scale'")
    parser.add_argument("--train", action="store_true", help="also time a full training")
    parser.add_argument("--quick", action="store_true",
                        help="a short check: 1 and 5 conversations, 10 s runs, 3 s pace")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "var" / "bench")
    args = parser.parse_args(argv)
    if args.quick:
        args.concurrency, args.duration, args.pace = "1,5", 10.0, 3.0
    args.concurrency = [int(c) for c in str(args.concurrency).split(",")]
    args.modes = [m for m in args.modes.split(",") if m]
    args.targets = [t for t in args.targets.split(",") if t]
    if set(args.modes) - {"flat", "human"} or set(args.targets) - {"tidigt", "rasa", "scale"}:
        parser.error("unknown mode or target")
    return args


async def main_async(args) -> dict:
    result: dict = {
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_before": load_average()},
        "settings": {"duration_s": args.duration, "pace_s": args.pace,
                     "concurrency": args.concurrency, "modes": args.modes,
                     "scale_out_processes": args.processes},
        "runs": [], "assessments": [], "starts": {},
    }
    scripts: list = []
    users = max(args.concurrency + [len(CASES) * len(STYLES)])
    postgres = None
    scale_name = None
    try:
        for name in ("tidigt", "rasa", "scale"):
            if name not in args.targets:
                continue
            if name == "tidigt":
                target: Target = Tidigt(users)
            elif name == "rasa":
                target = BareRasa()
            else:
                from tests.pg_cluster import ThrowawayPostgres

                postgres = ThrowawayPostgres().start()
                target = Tidigt(users, processes=args.processes, postgres=postgres)
                scale_name = target.name
            print(f"Starting {target.name} …", flush=True)
            try:
                target.start()
                result["starts"][target.name] = round(target.started_in, 1)
                print(f"  up in {target.started_in:.0f} s", flush=True)
                await bench_target(target, args, result, scripts)
            finally:
                target.stop()
    finally:
        if postgres is not None:
            postgres.stop()
    if args.train:
        print("Timing a full training …", flush=True)
        result["training_s"] = time_training()
    result["machine"]["load_after"] = load_average()
    result["comparisons"] = report.comparisons(result["runs"], scale_name)
    # The busiest run of each system: its processes, for the report's table.
    result["busiest_processes"] = {}
    for name in {r["target"] for r in result["runs"]}:
        busiest = max((r for r in result["runs"] if r["target"] == name),
                      key=lambda r: (r["mode"] == "flat", r["concurrency"]))
        result["busiest_processes"][f"{name} ({report.MODE_NAMES[busiest['mode']]}, "
                                    f"{busiest['concurrency']})"] = busiest["processes"]
    result["targets"] = report.targets(result["runs"], result["comparisons"], scale_name,
                                       result["starts"].get("tidigt"), result.get("training_s"))
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["soak"]:
        from bench import soak

        return soak.main(argv[1:])
    args = parse(argv)
    result = asyncio.run(main_async(args))
    paths = report.write(result, args.out)
    print()
    print(paths["markdown"].read_text(encoding="utf-8"))
    print(f"Written: {', '.join(str(p) for p in paths.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
