"""Hostile and broken input for the web app, and the rule every answer to it must keep.

Used by the bad-input suite (tests/unit/test_bad_input.py) and its live counterpart
(tests/integration/test_bad_input_live.py). Every answer must be a Swedish message or a
4xx with a Swedish reason: never a 5xx, never a stack trace or a library's internals.
"""
from __future__ import annotations

import json
import re

HUNDRED_KB = 100 * 1024

# What people (or attackers) type into a text field. Each is a plain string; the JSON
# layer sends it as-is, so lone surrogates and NUL arrive as JSON escapes.
TEXTS: list[str] = [
    # empty and whitespace
    "", " ", "   ", "\t", "\n\n", "\r\n", "\u00a0", "\u3000", "\u2003\u2009", "\u200b",
    "\ufeff", "\u200b\u200c\u200d\u2060",
    # long
    "a" * 2000, "å" * 2000, "a" * 2001, "ä" * 5000, "x" * HUNDRED_KB, "ord " * 500,
    "😀" * 1000, "1" * 4400,
    # emoji and scripts
    "😀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈 ja", "ja 🙂", "🍺🍺🍺 varje dag",
    "مرحبا، العميل يشرب كل يوم", "שלום, הלקוח שותה כל יום", "\u202eaj\u202c",
    "\u202dja\u202c", "\u2067نعم\u2069", "ja\u0301\u0301\u0301", "Z\u0336a\u0336l\u0336g\u0336o\u0336",
    "日本語のテキスト", "Ελληνικά", "кириллица", "ｊａ", "ＮＥＪ", "\U0001d573\U0001d586",
    # control characters
    "\x00", "\x00ja", "ja\x00", "\x07\x08\x1b[31mröd\x1b[0m", "\x7f", "\x1c\x1d\x1e\x1f",
    "\u0085ja", "\u2028\u2029", "ja\rnej", "\x0b\x0c",
    # lone surrogates and private use (arrive through JSON escapes)
    "\ud800", "ja\udfff", "\ue000\uf8ff", "\U000f0000", "\ufffe\uffff",
    # SQL injection
    "'; DROP TABLE answers; --", "' OR '1'='1", "\" OR \"\"=\"", "1; SELECT * FROM users",
    "admin'--", "' UNION SELECT password_hash FROM users --", "%' OR 1=1 --",
    "1); DELETE FROM chat_messages; --", "\\'; DROP TABLE events; --", "'; PRAGMA writable_schema=1; --",
    # markup and script
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>', "javascript:alert(1)", "<iframe src=javascript:alert(1)>",
    "&lt;b&gt;fet&lt;/b&gt;", "<b>fet</b>", "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>",
    "${jndi:ldap://127.0.0.1/a}", "%s%s%s%n", "../../../../etc/passwd", "=cmd|' /C calc'!A0",
    "+SUM(1,1)", "@SUM(1,1)", "-2+3",
    # Rasa payload syntax typed by a person
    '/inform{"audit_1": 4}', '/inform{"audit_1": 4, "audit_2": 4}', "/affirm", "/deny",
    "/start_assessment", "/restart", "/session_start", "/stop", "/pause", "/cancel",
    '/inform{"case_reference": "HACK-1"}', '/inform{"consent": true}', "  /affirm",
    "\t/affirm", "\n/affirm", "\u200b/affirm", "\u3000/affirm", "//affirm", "/ /affirm",
    "/", "//", "/affirm@0.99", '/inform{"audit_1": 4}@1.0', "/inform[", '/inform{"audit_1":',
    "／affirm", "\\/affirm", '/action_restart', "/nlu_fallback", '/inform{"requested_slot": "audit_9"}',
    # personnummer (must be masked, never stored or sent in clear)
    "19121212-1212", "Klienten har 121212-1212", "201212121212",
    # plain but odd
    "null", "undefined", "true", "NaN", "0", "-1", "1e309", "[]", "{}", '{"text": "hej"}',
]

# Values of the wrong JSON type where a string is expected.
WRONG_TYPES: list[object] = [
    5, 0, -1, 1.5, 1e308, True, False, [], ["hej"], {}, {"text": "hej"}, [None], 10**30,
]

# Bodies that are not one JSON object in UTF-8.
RAW_BODIES: list[bytes] = [
    b"", b" ", b"{", b"}", b"{not json", b"null", b"true", b"1", b'"text"', b"[]", b"[1, 2]",
    b"{'text': 'hej'}", b'{"text": "hej",}', b'{"text": hej}', b'{"text": "hej"', b"\xff\xfe",
    b'{"text": "\xff\xfe"}', b'{"text": "\xc3\x28"}', b'{"text": "\xed\xa0\x80"}',
    '{"text": "hej"}'.encode("utf-16"), b'\xef\xbb\xbf{"text": "hej"}',
    b"[" * 100_000 + b"]" * 100_000, b"[" * 20_000, b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
    b'{"text": NaN}', b'{"text": Infinity}', b'{"text": -Infinity}',
    b'{"text": 1e999999}', b'{"text": ' + b"9" * 5000 + b"}", b'{"text": "a", "text": 5}',
    b'{"text": "\\ud800"}', b'{"text": "\\u0000"}', b'{"text": "\\x41"}',
    b"\x00\x00\x00", b"text=hej", b"--boundary\r\nContent-Disposition: form-data\r\n\r\nx",
    b"{" + b'"k": "v", ' * 5000 + b'"text": "hej"}',
]

# Content types a client may claim for a JSON body, right or wrong.
CONTENT_TYPES: list[str] = [
    "application/json", "text/plain", "application/json; charset=latin-1",
    "application/json; charset=utf-16", "application/json; charset=nonsense",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "application/json; charset=", "*/*; q=x",
]

# Strings that end up in a URL path segment or a query value.
URL_VALUES: list[str] = [
    "", " ", "%00", "%FF", "%C3%28", "%ED%A0%80", "..", "../..", "%2e%2e%2f", "%2F",
    "a" * 65, "a" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", "%3Cimg%20src%3Dx%3E",
    "😀", "%F0%9F%98%80", "١٢٣", "-1", "0", "1e3", "99999999999999999999999", "1.5", "null",
    "true", "[]", "%0d%0aSet-Cookie:%20x=1", "ja%00", "ÄR-2026-0142",
]

TRACE_MARKERS = re.compile(
    r"Traceback|File \"/|line \d+, in |sqlalchemy|psycopg|sqlite3|aiohttp\.|"
    r"\b(KeyError|ValueError|TypeError|AttributeError|RecursionError|UnicodeError|"
    r"UnicodeDecodeError|UnicodeEncodeError|OverflowError|IntegrityError|OperationalError)\b"
)
# aiohttp's and Python's English reasons: what a person must never be shown instead of ours.
ENGLISH = re.compile(
    r"^(Bad Request|Not Found|Method Not Allowed|Request Entity Too Large|Unauthorized|"
    r"Forbidden|Internal Server Error|Unsupported Media Type)|Maximum request body size",
    re.IGNORECASE,
)
_SWEDISH_WORDS = {
    "inte", "måste", "ogiltig", "ogiltigt", "ogiltiga", "ange", "skriv", "finns", "logga",
    "begäran", "knappen", "tomt", "för", "samtal", "samtalet", "eller", "och", "ett", "en",
    "är", "har", "din", "du", "felaktig", "saknad", "heltal", "datum", "tillhör", "samtals",
    "meddelandet", "sidan", "metoden",
}


def looks_swedish(message: str) -> bool:
    words = set(re.findall(r"[a-zåäö]+", message.lower()))
    return bool(re.search(r"[åäöÅÄÖ]", message)) or bool(words & _SWEDISH_WORDS)


def problems_with(status: int, content_type: str, body: bytes) -> list[str]:
    """What is wrong with one answer; empty when it keeps the rule."""
    found: list[str] = []
    text = body.decode("utf-8", errors="replace")
    if status >= 500:
        found.append(f"status {status}")
    if TRACE_MARKERS.search(text):
        found.append("internals in the body: " + TRACE_MARKERS.search(text).group(0))
    if status >= 400:
        if not content_type.startswith("application/json"):
            found.append(f"error as {content_type!r}, not JSON")
            return found
        try:
            reason = json.loads(text).get("error")
        except (ValueError, AttributeError):
            return [*found, "error body is not a JSON object"]
        if not isinstance(reason, str) or not reason.strip():
            found.append("no reason given")
        elif ENGLISH.search(reason) or not looks_swedish(reason):
            found.append(f"reason not Swedish: {reason!r}")
    return found
