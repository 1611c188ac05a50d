"""pip-audit over requirements.lock: fail on a known vulnerability that has a fix.

Run by `make audit` (part of `make test`) with the pip-audit of `.venv-audit`, a venv of
its own: pip-audit needs a newer `packaging` than Rasa 3.6 allows in `.venv`.

- A vulnerability with a fixed version fails the run, unless its id is listed, with the
  reason, in `audit-ignore.txt` (for packages Rasa pins, where we cannot take the fix).
- A vulnerability without a fix is printed, and does not fail the run: nothing to do yet.
- When no vulnerability service can be reached, or it knows none of our packages (a
  mirror that does not serve per-version data answers 404 for every one), nothing was
  audited: the run says so loudly and passes, unless TIDIGT_AUDIT_STRICT=1, which makes
  it fail. A green run never claims an audit that did not happen.

Standard library only, so it runs with any Python 3.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
IGNORE_FILE = ROOT / "audit-ignore.txt"
SERVICES = ("pypi", "osv")


@dataclass
class Verdict:
    failed: bool
    audited: int = 0
    skipped: int = 0
    lines: list[str] = field(default_factory=list)


def ignored_ids(text: str) -> dict[str, str]:
    """`ID  # reason` per line; an id without a reason is refused, as is a blanket ignore."""
    ids: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        entry, _, reason = line.partition("#")
        entry = entry.strip()
        if not entry:
            continue
        if not reason.strip():
            raise ValueError(f"audit-ignore.txt line {number}: {entry} has no reason")
        if any(ch in entry for ch in "*? \t"):
            raise ValueError(f"audit-ignore.txt line {number}: one id per line, no patterns")
        ids[entry] = reason.strip()
    return ids


def judge(report: dict | None, ignored: dict[str, str], strict: bool) -> Verdict:
    """What one pip-audit JSON report means for the build."""
    if report is None:
        return Verdict(failed=strict, lines=["no vulnerability service could be reached"])
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    verdict = Verdict(failed=False, audited=len(audited), skipped=len(deps) - len(audited))
    if not audited:
        verdict.failed = strict
        verdict.lines.append(f"the service knew none of our {len(deps)} packages: "
                             "nothing was audited")
        return verdict
    for dep in audited:
        for vuln in dep.get("vulns", []):
            names = {vuln["id"], *vuln.get("aliases", [])}
            listed = names & ignored.keys()
            where = f"{dep['name']} {dep['version']}: {vuln['id']}"
            if listed:
                reason = ignored[sorted(listed)[0]]
                verdict.lines.append(f"ignored   {where} ({reason})")
            elif vuln.get("fix_versions"):
                verdict.failed = True
                verdict.lines.append(f"VULNERABLE {where}, fixed in "
                                     f"{', '.join(vuln['fix_versions'])}")
            else:
                verdict.lines.append(f"no fix yet {where}")
    return verdict


def run_pip_audit(service: str) -> dict | None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        # The lock file is a complete pip freeze: no resolving, no pip run needed.
        # Ignored ids are judged here, not passed as --ignore-vuln, so a listed id that
        # stops appearing can be seen in the output.
        result = subprocess.run(
            [sys.executable, "-m", "pip_audit", "-r", str(LOCK), "--no-deps", "--disable-pip",
             "--progress-spinner", "off", "--vulnerability-service", service,
             "--format", "json", "--output", str(out)],
            capture_output=True, text=True, timeout=900,
        )
        if not out.exists() or not out.read_text().strip():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"pip-audit ({service}): {last[:300]}")
            return None
        return json.loads(out.read_text())


def main() -> int:
    strict = os.environ.get("TIDIGT_AUDIT_STRICT", "0") not in ("0", "", "false", "nej")
    ignored = ignored_ids(IGNORE_FILE.read_text(encoding="utf-8")) if IGNORE_FILE.exists() else {}
    verdict = Verdict(failed=strict, lines=["no service tried"])
    for service in SERVICES:
        verdict = judge(run_pip_audit(service), ignored, strict)
        print(f"pip-audit ({service}): {verdict.audited} packages audited, "
              f"{verdict.skipped} not known to the service")
        if verdict.audited:
            break
    for line in verdict.lines:
        print("  " + line)
    if not verdict.audited:
        print("WARNING: requirements.lock was NOT audited for known vulnerabilities "
              "(no vulnerability service reachable from here)."
              + (" Failing: TIDIGT_AUDIT_STRICT is set." if strict else
                 " Set TIDIGT_AUDIT_STRICT=1 to fail instead."))
    elif not verdict.failed:
        print("No known vulnerability with a fix in requirements.lock.")
    return 1 if verdict.failed else 0


if __name__ == "__main__":
    sys.exit(main())
