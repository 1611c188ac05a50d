"""Latency statistics for one benchmark run. Pure, so it is unit-tested on its own."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation between closest ranks,
    the same definition as numpy's default; None for no values."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0-100, not {p}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class RunRecorder:
    """What the simulated case workers observed during one run."""

    latencies: list[float] = field(default_factory=list)  # seconds, successful messages
    errors: dict[str, int] = field(default_factory=dict)  # kind -> count
    turns_per_assessment: list[int] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0

    def ok(self, seconds: float) -> None:
        self.latencies.append(seconds)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def assessment_done(self, turns: int) -> None:
        self.turns_per_assessment.append(turns)

    def summary(self) -> dict:
        wall = max(self.ended - self.started, 1e-9)
        ms = [v * 1000 for v in self.latencies]

        def rounded(v: float | None) -> float | None:
            return None if v is None else round(v, 1)

        error_count = sum(self.errors.values())
        turns = self.turns_per_assessment
        return {
            "messages": len(ms),
            "errors": error_count,
            "error_kinds": dict(sorted(self.errors.items())),
            "error_rate": round(error_count / (len(ms) + error_count), 4) if ms or error_count
            else 0.0,
            "seconds": round(wall, 1),
            "throughput_per_s": round(len(ms) / wall, 2),
            "p50_ms": rounded(percentile(ms, 50)),
            "p95_ms": rounded(percentile(ms, 95)),
            "p99_ms": rounded(percentile(ms, 99)),
            "max_ms": rounded(max(ms) if ms else None),
            "assessments_completed": len(turns),
            "turns_per_assessment": rounded(sum(turns) / len(turns)) if turns else None,
        }
