"""The ``propdesk`` command: no subcommand starts the GUI; subcommands do the rest without one.

Exit codes: 0 done, 1 bad input (a message on stderr naming what), 2 usage.
"""
from __future__ import annotations

import argparse
import logging
import sys

from propdesk import __version__, config, i18n
from propdesk.errors import RuleError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="propdesk", description="PropDesk front desk (物业服务中心客服前台)")
    p.add_argument("--db", help="database file or URL (default: propdesk.db in the data folder; env PROPDESK_DB)")
    p.add_argument("--lang", choices=i18n.SUPPORTED, help="language of the interface and printouts")
    p.add_argument("--demo", action="store_true", help="an empty database gets the demo office")
    p.add_argument("--version", action="version", version=f"PropDesk {__version__}")
    sub = p.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="fill the database with the demo office, no GUI")
    demo.add_argument("--complaints", type=int, default=400, help="how many complaints (default 400)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same office)")

    export = sub.add_parser("export", help="write a register to Excel (.xlsx) or PDF (.pdf)")
    export.add_argument("register", choices=["complaints", "repairs", "callbacks", "owners"],
                        help="which register (the paper book it replaces)")
    export.add_argument("--from", dest="date_from", metavar="DATE",
                        help="first day, e.g. 2026-11-01 (optional for owners)")
    export.add_argument("--to", dest="date_to", metavar="DATE",
                        help="last day, inclusive (optional for owners)")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="FILE.xlsx or FILE.pdf")
    export.add_argument("--mask-phones", action="store_true", help="print phones as 138****5678")

    imp = sub.add_parser("import-owners", help="import the owner roster from an Excel workbook")
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="report what would change, save nothing")
    imp.add_argument("--estate", metavar="NAME", help="estate the units belong to (default: the first)")

    rep = sub.add_parser("report", help="the weekly summary for the office head, as .pdf or .xlsx")
    rep.add_argument("kind", choices=["weekly"], help="which report")
    when = rep.add_mutually_exclusive_group()
    when.add_argument("--week", metavar="YYYY-Www", help="ISO week, e.g. 2026-W47 (default: last week)")
    when.add_argument("--from", dest="date_from", metavar="DATE", help="first day of any period")
    rep.add_argument("--to", dest="date_to", metavar="DATE", help="last day, with --from")
    rep.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.pdf or FILE.xlsx")
    rep.add_argument("--by", metavar="NAME", default="PropDesk", help="who produced it (printed on the report)")

    bak = sub.add_parser("backup", help="copy the database (into the backup folder by default)")
    bak.add_argument("-o", "--output", metavar="FILE", help="where to write the copy (a file or a folder)")

    res = sub.add_parser("restore", help="replace the database with a backup (supervisor or administrator)",
                         description="Replace the database with a backup. The database as it was is kept "
                                     "in the backup folder first. A healthy database needs --user of a "
                                     "supervisor or administrator; the password comes from PROPDESK_PASSWORD "
                                     "or is asked for (--password works but shows in the process list). A "
                                     "damaged or missing database, which nobody can sign in to, is replaced "
                                     "without signing in.")
    res.add_argument("file", metavar="FILE", help="a backup (.db) made by PropDesk")
    res.add_argument("--user", metavar="NAME", help="user name of a supervisor or administrator")
    res.add_argument("--password", help="(prefer PROPDESK_PASSWORD or the prompt)")
    return p


def _open_db(args) -> None:
    from propdesk.models import init_db

    init_db(config.database_location(args.db))


def _language(args) -> None:
    from propdesk.services.core import settings

    i18n.set_language(args.lang or settings.get("language") or _system_language())


def _system_language() -> str:
    import locale

    code = (locale.getlocale()[0] or "").lower()
    return "en" if code.startswith("en") else "zh_CN"


def cmd_demo(args) -> int:
    from propdesk.demo import office as demo

    _open_db(args)
    _language(args)
    summary = demo.create_demo_office(n_complaints=args.complaints, seed=args.seed)
    print(summary)
    return 0


def cmd_export(args) -> int:
    from propdesk import reports
    from propdesk.reports.registers import LABEL_FROM, LABEL_TO, output_kind, parse_date

    _open_db(args)
    _language(args)
    output_kind(args.output)  # a wrong extension is refused before any work
    date_from = parse_date(args.date_from, LABEL_FROM)
    date_to = parse_date(args.date_to, LABEL_TO)
    n = reports.export(args.register, args.output, date_from, date_to,
                       mask_phones=args.mask_phones)
    print(reports.exported_message(n, args.output))
    return 0


def cmd_import_owners(args) -> int:
    from propdesk.services.register import importing

    _open_db(args)
    _language(args)
    report = importing.import_owners(None, args.file, dry_run=args.dry_run, estate=args.estate)
    print(report.summary())
    for line in report.rejected_lines():
        print(line)
    return 0


def cmd_report(args) -> int:
    import datetime as dt

    from propdesk.reports.registers import LABEL_FROM, LABEL_TO, output_kind, parse_date
    from propdesk.services.lists import weekly

    _open_db(args)
    _language(args)
    kind = output_kind(args.output)
    if args.week:
        start, end = weekly.parse_week(args.week)
    elif args.date_from:
        start = parse_date(args.date_from, LABEL_FROM)
        end = parse_date(args.date_to, LABEL_TO) or start + dt.timedelta(days=6)
        weekly.check_period(start, end)
    else:
        today = dt.date.today()
        start = today - dt.timedelta(days=today.weekday() + 7)
        end = start + dt.timedelta(days=6)
    made_by = weekly.check_made_by(args.by)
    summary = weekly.summary(start, end)
    if kind == "pdf":
        from propdesk.reports.pdf.weekly import weekly_pdf

        weekly_pdf(summary, args.output, made_by)
    else:
        from propdesk.reports.weekly_excel import weekly_xlsx

        weekly_xlsx(summary, args.output, made_by)
    print(f"{args.output}: {start.isoformat()} – {end.isoformat()}, {summary.this.complaints}")
    return 0


def _usable_location(args) -> str:
    """The database location, refused (exit 1) if the file is damaged or not a database."""
    from propdesk.services.core import backup

    location = config.database_location(args.db)
    i18n.set_language(args.lang or _system_language())
    if "://" not in location:
        status = backup.check_database(location)
        if status in (backup.DAMAGED, backup.NOT_A_DATABASE):
            latest = backup.latest_good_backup()
            raise RuleError(backup.MSG_UNUSABLE, path=location, status=backup.status_label(status),
                            latest=str(latest) if latest else "-")
    return location


def cmd_backup(args) -> int:
    from propdesk.services.core import backup

    _usable_location(args)
    _open_db(args)
    _language(args)
    path = backup.backup_now(args.output)
    print(i18n.translate("rules", backup.MSG_WRITTEN).format(path=path))
    return 0


def cmd_restore(args) -> int:
    import getpass
    import os

    from propdesk.services.core import accounts
    from propdesk.services.core import backup

    location = config.database_location(args.db)
    i18n.set_language(args.lang or _system_language())
    if "://" in location:
        raise RuleError(backup.MSG_POSTGRES)
    if backup.check_database(location) != backup.OK:  # nobody can sign in to it
        aside = backup.restore_unusable(args.file, location)
        print(i18n.translate("rules", backup.MSG_RESTORED).format(file=args.file, aside=aside or "-"))
        return 0
    _open_db(args)
    _language(args)
    password = args.password or os.environ.get("PROPDESK_PASSWORD")
    if args.user and password is None and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass()
    if not args.user or password is None:
        raise RuleError(backup.MSG_SIGN_IN)
    actor = accounts.authenticate(args.user, password)
    aside = backup.restore(actor, args.file)
    print(i18n.translate("rules", backup.MSG_RESTORED).format(file=args.file, aside=aside))
    return 0


COMMANDS = {"demo": cmd_demo, "export": cmd_export, "import-owners": cmd_import_owners,
            "report": cmd_report,
            "backup": cmd_backup, "restore": cmd_restore}


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    if args.command is None:
        from propdesk.app import run_gui

        return run_gui(args)
    try:
        return COMMANDS[args.command](args)
    except RuleError as err:
        print(f"propdesk: {err.text()}", file=sys.stderr)
        return 1
    finally:
        if "propdesk.models.db" in sys.modules:  # the command opened the database
            from propdesk.models.db import optimize

            optimize()  # SQLite's advice: PRAGMA optimize before the connection goes


if __name__ == "__main__":
    sys.exit(main())
