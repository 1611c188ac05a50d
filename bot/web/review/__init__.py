"""The review API: supervisors' conversation list and transcripts (conversations), their
comments, tags and marks (marks), exports (exports), statistics (statistics), and the
admins' access log (access_log).

Every view and export writes one access-log row in the same transaction as the read.
Who may see a conversation is decided by bot.storage.review (bot.auth.permissions).
"""
from __future__ import annotations

from aiohttp import web

from bot.web.review import access_log, conversations, exports, marks, statistics


def setup_review(app: web.Application) -> None:
    app.router.add_get("/api/review/options", conversations.filter_options)
    conv = r"/api/review/conversations/{conversation_id}"
    app.router.add_get("/api/review/conversations", conversations.list_conversations)
    app.router.add_get(conv, conversations.get_transcript)
    app.router.add_post(conv + "/comments", marks.post_comment)
    app.router.add_post(conv + "/status", marks.post_status)
    app.router.add_post(conv + "/tags", marks.post_tag)
    app.router.add_delete(conv + "/tags/{tag}", marks.delete_tag)
    app.router.add_get(conv + "/export.json", exports.export_json)
    app.router.add_get(conv + "/export.csv", exports.export_csv)
    app.router.add_get(conv + "/test-story", exports.export_test_story)
    app.router.add_get(conv + "/export.pdf", exports.export_pdf)
    app.router.add_get("/api/admin/access-log", access_log.access_log)
    app.router.add_get("/api/review/statistics", statistics.get_statistics)
    app.router.add_get("/api/review/statistics.csv", statistics.get_statistics_csv)
    app.router.add_get("/api/review/statistics/{chart}.svg", statistics.get_statistics_chart)
