"""Command line: `python -m bot <command>`. Each command is a thin call into the package."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Tidigt")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="start Rasa, the action server and the web app")
    run.add_argument("--port", type=int, default=None, help="web port (default 8080)")
    sub.add_parser("web", help="run only the web app")

    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade", "current"])
    db.add_argument("revision", nargs="?", default=None)

    spacy_cmd = sub.add_parser("spacy", help="the local Swedish spaCy pipeline")
    spacy_cmd.add_argument("action", choices=["build"])

    users = sub.add_parser("users", help="user accounts")
    users.add_argument("action", choices=["add"])
    users.add_argument("name", help="display name, e.g. 'Anna Berg'")
    users.add_argument("--role", required=True, help="handläggare, arbetsledare, utbildare, admin")
    users.add_argument("--unit", required=True)
    users.add_argument("--username", default=None)
    users.add_argument("--password", default=None, help="default: a generated one, printed once")

    retention = sub.add_parser("retention", help="gallring: remove old finished assessments")
    retention.add_argument("--older-than", type=int, required=True, metavar="DAYS")
    retention.add_argument("--dry-run", action="store_true", help="only list what would go")

    stories = sub.add_parser("stories", help="test stories")
    stories.add_argument("action", choices=["run", "verify", "record"],
                         help="run: train if needed, then run; verify: run on the model as it "
                              "is; record: play the training cases live and save them as stories")
    stories.add_argument("files", nargs="*",
                         help="test_*.yml files (default: tests/test_*.yml); for record: case ids")
    stories.add_argument("--url", default="http://127.0.0.1:8080", help="record: a running Tidigt")
    stories.add_argument("--user", default="", help="record: a trainer's user name "
                                                    "(password from TIDIGT_PASSWORD or asked)")
    stories.add_argument("--out", default=None, help="record: the file (default: "
                         "tests/test_vignettes.yml, or tests/test_<name>.yml for a script)")
    stories.add_argument("--scripts", action="store_true",
                         help="record: FILES are conversation scripts (tests/conversations/)")

    catalogue = sub.add_parser("catalogue", help="the intervention catalogue")
    catalogue.add_argument("action", choices=["check", "cases"])

    nlu_report = sub.add_parser("nlu-report", help="cross-validate the NLU and report F1 per label")
    nlu_report.add_argument("--folds", type=int, default=None, help="folds (default 5)")
    nlu_report.add_argument("--min-intent-f1", type=float, default=None,
                            help="lowest passing intent macro-F1 (default in bot/nlu_report.py)")
    nlu_report.add_argument("--seed", type=int, default=None, help="seed of the fold split")
    nlu_report.add_argument("--reuse", action="store_true",
                            help="only read the reports of the last run again")

    answers = sub.add_parser("answers", help="the labelled answer set (tests/answers/)")
    answers.add_argument("action", choices=["evaluate"],
                         help="evaluate: read every case with the reader, report and gate")
    answers.add_argument("files", nargs="*", help="case files (default: tests/answers/*.yml)")

    args, rest = parser.parse_known_args(argv)

    if args.command == "run":
        from bot.runner import main as run_main

        return run_main((["--port", str(args.port)] if args.port else []) + rest)
    if args.command == "web":
        from bot.web.app import main as web_main

        return web_main(rest) or 0
    if args.command == "db":
        from bot.storage import migrate

        if args.action == "upgrade":
            migrate.upgrade(revision=args.revision or "head")
        elif args.action == "downgrade":
            migrate.downgrade(revision=args.revision or "base")
        print(f"Databasens version: {migrate.current_revision() or 'tom'}")
        return 0
    if args.command == "spacy":
        from bot.nlu.spacy_pipeline import build_pipeline

        print(f"Svensk spaCy-pipeline: {build_pipeline()}")
        return 0
    if args.command == "users":
        return _add_user(args)
    if args.command == "retention":
        return _retention(args.older_than, args.dry_run)
    if args.command == "stories":
        if args.action == "record":
            from bot.stories.record import main as record_main

            # Options before the case ids leave the ids among the unparsed arguments.
            args.cases = args.files + [r for r in rest if not r.startswith("-")]
            if not args.user:
                parser.error("stories record behöver --user (en utbildares användarnamn)")
            return record_main(args)
        from bot.stories import run, verify

        return run(args.files) if args.action == "run" else verify(args.files)
    if args.command == "catalogue":
        return _expert_cases() if args.action == "cases" else _check_catalogue()
    if args.command == "nlu-report":
        return _nlu_report(args)
    if args.command == "answers":
        from bot import answer_eval

        return answer_eval.main(args.files)
    return 2


def _nlu_report(args) -> int:
    from bot import nlu_report

    return nlu_report.main(
        folds=nlu_report.DEFAULT_FOLDS if args.folds is None else args.folds,
        min_intent_f1=(nlu_report.MIN_INTENT_MACRO_F1 if args.min_intent_f1 is None
                       else args.min_intent_f1),
        seed=nlu_report.DEFAULT_SEED if args.seed is None else args.seed,
        run=not args.reuse,
    )


def _expert_cases() -> int:
    """The expert cases' report: per case what was expected and what came."""
    from bot.catalogue.catalogue import load_catalogue
    from bot.catalogue.expert_cases import report, run_all

    outcomes = run_all()
    print(report(outcomes, {e.id: e.name for e in load_catalogue()}))
    return 0 if all(o.passed for o in outcomes) else 1


def _check_catalogue() -> int:
    from bot.assessment.question_bank import check_bank, load_bank
    from bot.catalogue.catalogue import load_catalogue
    from bot.catalogue.check import run_check

    problems = check_bank(load_bank()) + run_check()
    for problem in problems:
        print(f"FEL: {problem}")
    if problems:
        print(f"Katalogen eller frågebanken har {len(problems)} fel.")
        return 1
    entries = load_catalogue()
    print(f"Katalogen är konsekvent: {len(entries)} insatser, varav "
          f"{sum(e.excluded for e in entries)} uteslutna som tidigt stöd.")
    return 0


def _ensure_schema() -> None:
    """Commands that write rows bring the schema up to date first (idempotent)."""
    from bot.storage import migrate

    migrate.upgrade()


def _add_user(args) -> int:
    import secrets

    from bot.storage.db import session_scope
    from bot.storage.users import add_user

    password = args.password or secrets.token_urlsafe(12)
    _ensure_schema()
    try:
        with session_scope() as session:
            user = add_user(session, args.name, role=args.role, unit=args.unit,
                            password=password, username=args.username)
            login = user.username
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"Användare {login} ({args.role}, {args.unit}) skapad.")
    if not args.password:
        print(f"Lösenord (visas bara nu): {password}")
    return 0


def _retention(days: int, dry_run: bool) -> int:
    from bot.storage.db import session_scope
    from bot.storage.retention import remove_expired

    _ensure_schema()
    if days < 1:
        print("--older-than måste vara minst 1 dag.", file=sys.stderr)
        return 2
    with session_scope() as session:
        removed = remove_expired(session, days, dry_run=dry_run)
    verb = "Skulle tas bort" if dry_run else "Borttaget"
    for r in removed:
        print(f"{verb}: bedömning {r.assessment_id} ({r.case_reference}), "
              f"avslutad {r.finished_at:%Y-%m-%d}")
    print(f"{len(removed)} bedömningar {'skulle gallras' if dry_run else 'gallrade'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
