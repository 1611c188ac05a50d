"""The judgement behind `make audit`: what fails the build and what only warns."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from bot.settings import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location("audit_lock", PROJECT_ROOT / "scripts" / "audit_lock.py")
audit_lock = importlib.util.module_from_spec(_spec)
sys.modules["audit_lock"] = audit_lock  # dataclasses look their module up there
_spec.loader.exec_module(audit_lock)

AIOHTTP_SMUGGLING = {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2099-0001"],
                     "fix_versions": ["3.10.11"], "description": "request smuggling"}
NO_FIX = {"id": "PYSEC-2099-2", "aliases": [], "fix_versions": [], "description": "no fix"}


def report(*vulns, skipped: int = 0) -> dict:
    deps = [{"name": "aiohttp", "version": "3.9.5", "vulns": list(vulns)},
            {"name": "requests", "version": "2.34.2", "vulns": []}]
    deps += [{"name": f"p{n}", "skip_reason": "Dependency not found on PyPI"}
             for n in range(skipped)]
    return {"dependencies": deps, "fixes": []}


def test_a_vulnerability_with_a_fix_fails_the_build():
    verdict = audit_lock.judge(report(AIOHTTP_SMUGGLING), {}, strict=False)
    assert verdict.failed and verdict.audited == 2
    assert any("VULNERABLE aiohttp 3.9.5: GHSA-aaaa-bbbb-cccc, fixed in 3.10.11" in line
               for line in verdict.lines)


def test_a_listed_id_or_alias_with_its_reason_is_ignored_and_said_so():
    ignored = audit_lock.ignored_ids("CVE-2099-0001  # aiohttp pinned by rasa; C parser only\n")
    verdict = audit_lock.judge(report(AIOHTTP_SMUGGLING), ignored, strict=True)
    assert not verdict.failed
    assert "C parser only" in verdict.lines[0]


def test_without_a_fix_it_is_reported_but_does_not_fail():
    verdict = audit_lock.judge(report(NO_FIX), {}, strict=True)
    assert not verdict.failed and "no fix yet" in verdict.lines[0]


def test_nothing_audited_passes_with_a_warning_unless_strict():
    # What this machine gets today: the index answers 404 for every package version.
    for unreachable in (None, {"dependencies": [{"name": "a", "skip_reason": "not found"}]}):
        assert not audit_lock.judge(unreachable, {}, strict=False).failed
        assert audit_lock.judge(unreachable, {}, strict=True).failed
        assert audit_lock.judge(unreachable, {}, strict=False).audited == 0


@pytest.mark.parametrize("text", ["GHSA-aaaa-bbbb-cccc\n", "GHSA-*  # everything\n",
                                  "GHSA-a GHSA-b  # two at once\n"])
def test_an_ignore_without_reason_or_a_blanket_ignore_is_refused(text):
    with pytest.raises(ValueError):
        audit_lock.ignored_ids(text)


def test_the_ignore_file_in_the_repository_is_valid():
    audit_lock.ignored_ids((PROJECT_ROOT / "audit-ignore.txt").read_text(encoding="utf-8"))
