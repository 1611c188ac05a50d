"""The judgement behind `make audit`: what fails the build and what only warns."""
from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date

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


def test_nothing_audited_fails_unless_offline_is_accepted():
    # What this machine gets today: the index answers 404 for every package version.
    # strict is the default; TIDIGT_AUDIT_OFFLINE=1 turns it off (main()).
    for unreachable in (None, {"dependencies": [{"name": "a", "skip_reason": "not found"}]}):
        assert audit_lock.judge(unreachable, {}, strict=True).failed
        assert not audit_lock.judge(unreachable, {}, strict=False).failed
        assert audit_lock.judge(unreachable, {}, strict=False).audited == 0


def _run_main(monkeypatch, capsys, offline: str | None):
    monkeypatch.setattr(audit_lock, "run_pip_audit", lambda service, lock=None: None)
    if offline is None:
        monkeypatch.delenv("TIDIGT_AUDIT_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("TIDIGT_AUDIT_OFFLINE", offline)
    code = audit_lock.main()
    return code, capsys.readouterr().out


def test_main_without_any_service_fails_and_passes_only_with_the_offline_flag(monkeypatch, capsys):
    code, out = _run_main(monkeypatch, capsys, None)
    assert code == 1 and "NOT audited" in out and "Failing" in out
    code, out = _run_main(monkeypatch, capsys, "1")
    # The repository's own locks pass the offline list (the web lock is current, Rasa's
    # aiohttp findings are excused with reasons).
    assert code == 0, out
    assert "requirements-web.lock" in out and "requirements.lock" in out


def _advisory(**kw):
    return {"id": "GHSA-test-0000-0000", "aliases": ["CVE-2099-0002"], "package": "aiohttp",
            "affected": "<3.14.5", "fixed": "3.14.5", "summary": "bomb", **kw}


def test_offline_list_catches_a_vulnerable_pin_without_network():
    versions = audit_lock.pinned("aiohttp==3.13.0\nSQLAlchemy==2.0.58\n")
    hits = audit_lock.offline_findings(versions, [_advisory()])
    assert [h["version"] for h in hits] == ["3.13.0"]
    verdict = audit_lock.judge_offline(hits, {})
    assert verdict.failed and "VULNERABLE aiohttp 3.13.0: GHSA-test-0000-0000" in verdict.lines[0]
    # Fixed version and names spelled differently in the lock.
    assert not audit_lock.offline_findings(audit_lock.pinned("AioHTTP==3.14.5\n"), [_advisory()])


def test_a_vulnerable_web_lock_fails_main_offline_even_if_the_id_is_in_the_ignore_file(
        monkeypatch, capsys, tmp_path):
    (tmp_path / "requirements-web.lock").write_text("aiohttp==3.9.5\n")
    (tmp_path / "requirements.lock").write_text("aiohttp==3.9.5\n")
    (tmp_path / "security").mkdir()
    (tmp_path / "security" / "advisories.json").write_text(
        '{"updated": "2026-12-03", "advisories": [' + json.dumps(_advisory()) + "]}")
    (tmp_path / "audit-ignore.txt").write_text("CVE-2099-0002  # Rasa pins it; internal\n")
    monkeypatch.setattr(audit_lock, "ROOT", tmp_path)
    monkeypatch.setattr(audit_lock, "IGNORE_FILE", tmp_path / "audit-ignore.txt")
    monkeypatch.setattr(audit_lock, "ADVISORIES", tmp_path / "security" / "advisories.json")
    code, out = _run_main(monkeypatch, capsys, "1")
    assert code == 1
    web_part, rasa_part = out.split("== requirements.lock")
    assert "VULNERABLE aiohttp 3.9.5" in web_part
    assert "ignored" in rasa_part and "VULNERABLE" not in rasa_part


def test_the_vendored_advisory_list_is_dated_and_well_formed():
    updated, advisories = audit_lock.advisory_list()
    assert date.fromisoformat(updated)
    from packaging.specifiers import SpecifierSet
    for advisory in advisories:
        assert {"id", "package", "affected", "fixed", "summary"} <= advisory.keys()
        assert advisory["fixed"] not in SpecifierSet(advisory["affected"])


@pytest.mark.parametrize("text", ["GHSA-aaaa-bbbb-cccc\n", "GHSA-*  # everything\n",
                                  "GHSA-a GHSA-b  # two at once\n"])
def test_an_ignore_without_reason_or_a_blanket_ignore_is_refused(text):
    with pytest.raises(ValueError):
        audit_lock.ignored_ids(text)


def test_the_ignore_file_in_the_repository_is_valid():
    audit_lock.ignored_ids((PROJECT_ROOT / "audit-ignore.txt").read_text(encoding="utf-8"))
