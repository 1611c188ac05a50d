"""Compressed and oversized bodies against the real web-app server (CVE-2025-69223 and
CVE-2026-54278 in aiohttp before 3.14.5: a small gzip body inflated in memory despite the
64 KB body limit, also when the handler never reads the body).

Memory is measured, not timed: the server's peak resident set (VmHWM) before and after.
With aiohttp 3.9.5 (TIDIGT_WEB_PYTHON=.venv/bin/python, Rasa's environment) both bombs
raised it by about 190 MB (2026-12-03), even though both got their 413 (bot/web/guard.py
refuses the announced length before the handler; the old parser inflates regardless);
on 3.14.5 it stays within the bound here, a twelfth of that.
"""
from __future__ import annotations

import gzip
import zlib

import pytest

# 256 MiB of zeros compress to about 250 KB; sent once per test.
INFLATED = 256 * 1024 * 1024
MAX_GROWTH_KB = 16 * 1024


@pytest.fixture(scope="module")
def bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
    chunk = b"\0" * (1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(INFLATED // len(chunk))]
    return b"".join(parts) + compressor.flush()


def _warm(server) -> None:
    # The first requests import and set up what every request needs; measure after that.
    for _ in range(3):
        server.request("POST", "/api/login", {"username": "anna.berg", "password": "fel-lösenord"})
        server.request("GET", "/health")


def test_gzip_bomb_to_login_is_refused_with_bounded_memory(web_server, bomb):
    _warm(web_server)
    before = web_server.peak_rss_kb()
    status, _headers, body = web_server.request(
        "POST", "/api/login", bomb,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    growth = web_server.peak_rss_kb() - before
    assert status == 413, (status, body)
    assert isinstance(body, dict) and body["error"]  # Swedish JSON, not aiohttp's text
    assert growth < MAX_GROWTH_KB, f"peak memory grew by {growth} KiB"
    # The server is still there and answers normally.
    assert web_server.request("GET", "/health")[0] in (200, 503)


def test_gzip_bomb_sent_unread_to_health_keeps_memory_bounded(web_server, bomb):
    _warm(web_server)
    before = web_server.peak_rss_kb()
    status, _headers, body = web_server.request(
        "GET", "/health", bomb,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    growth = web_server.peak_rss_kb() - before
    assert status == 413, (status, body)
    assert growth < MAX_GROWTH_KB, f"peak memory grew by {growth} KiB"
    assert web_server.request("GET", "/health")[0] in (200, 503)


def test_plain_body_over_the_limit_is_413(web_server):
    status, _headers, body = web_server.request(
        "POST", "/api/login", b"{" + b" " * (200 * 1024) + b"}",
        headers={"Content-Type": "application/json"})
    assert status == 413 and body["error"]


def test_small_gzip_body_is_not_accepted_either(web_server):
    # No client of ours compresses a request; refusing them all closes the whole class.
    small = gzip.compress(b'{"username": "anna.berg", "password": "ett-l\\u00e5ngt-l\\u00f6senord"}')
    status, _headers, body = web_server.request(
        "POST", "/api/login", small,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert status == 415 and body["error"]
