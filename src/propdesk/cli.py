"""The ``propdesk`` command: no subcommand starts the GUI; subcommands do the rest without one.

Exit codes: 0 done, 1 bad input (a message on stderr naming what), 2 usage.

Every command that reads personal data or changes data signs in first (``_sign_in``): ``--user``
(before or after the command's name) and the password from ``PROPDESK_PASSWORD`` or a prompt;
the same role rules as the window (``services.core.accounts``), and what leaves the program is
audited (``services.core.audit_log.record_output``).
"""
from __future__ import annotations

import argparse
import contextlib
import sys

from propdesk import __version__, config, i18n, logfile
from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP

CTX = "cli"

# argparse's own words (usage, error lines, group titles, its -h and --version help), which it
# looks up through gettext; _argparse_in_office_language() sends them through our catalogue.
ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
)


def _t(text: str) -> str:
    return i18n.translate(CTX, text)


@contextlib.contextmanager
def _argparse_in_office_language():
    """argparse reads its words through the module-level ``_``/``ngettext`` (gettext); while the
    parser is built and used they come from PropDesk's catalogue instead, so ``--help`` and
    usage errors are in the same language as everything else the command prints."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda text: i18n.translate("argparse", text)
    argparse.ngettext = lambda one, many, n: i18n.translate("argparse", one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _global_options(parser: argparse.ArgumentParser, in_subcommand: bool) -> None:
    """--db, --lang and --user, accepted before or after the subcommand. In a subcommand they
    default to SUPPRESS, so that a value given before the subcommand is not reset."""
    default = argparse.SUPPRESS if in_subcommand else None
    parser.add_argument("--db", default=default, metavar=_t(QT_TRANSLATE_NOOP("cli", "PATH|URL")),
                        help=_t(QT_TRANSLATE_NOOP("cli", "database file or URL (default: propdesk.db "
                                                       "in the data folder; env PROPDESK_DB)")))
    parser.add_argument("--lang", choices=i18n.SUPPORTED, default=default,
                        help=_t(QT_TRANSLATE_NOOP("cli", "language for this command only (default: "
                                                       "the office's language)")))
    parser.add_argument("--user", default=default, metavar=_t(QT_TRANSLATE_NOOP("cli", "NAME")),
                        help=_t(QT_TRANSLATE_NOOP("cli", "who signs in (password from "
                                                       "PROPDESK_PASSWORD or asked for)")))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="propdesk", description=_t(QT_TRANSLATE_NOOP(
        "cli", "PropDesk front desk: without a command, the window starts.")))
    _global_options(p, in_subcommand=False)
    p.add_argument("--demo", action="store_true",
                   help=_t(QT_TRANSLATE_NOOP("cli", "an empty database gets the demo office")))
    p.add_argument("--version", action="version", version=f"PropDesk {__version__}",
                   # Python 3.11's argparse gives this action an untranslated default help
                   help=i18n.translate("argparse", "show program's version number and exit"))
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, in_subcommand=True)
    sub = p.add_subparsers(dest="command", title=_t(QT_TRANSLATE_NOOP("cli", "commands")),
                           metavar=_t(QT_TRANSLATE_NOOP("cli", "COMMAND")))

    def command(name: str, text: str, description: str | None = None) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=_t(text),
                              description=_t(description or text))

    demo = command("demo", QT_TRANSLATE_NOOP("cli", "fill the database with the demo office, no GUI"))
    demo.add_argument("--complaints", type=int, default=400, metavar="N",
                      help=_t(QT_TRANSLATE_NOOP("cli", "how many complaints (default 400)")))
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help=_t(QT_TRANSLATE_NOOP("cli", "random seed (same seed, same office)")))

    date = _t(QT_TRANSLATE_NOOP("cli", "DATE"))
    file_ = _t(QT_TRANSLATE_NOOP("cli", "FILE"))
    export = command("export", QT_TRANSLATE_NOOP("cli", "write a register to Excel (.xlsx) or PDF (.pdf)"))
    export.add_argument("register", choices=["complaints", "repairs", "callbacks", "owners", "fees"],
                        help=_t(QT_TRANSLATE_NOOP("cli", "which register (the paper book it replaces)")))
    export.add_argument("--from", dest="date_from", metavar=date,
                        help=_t(QT_TRANSLATE_NOOP("cli", "first day, e.g. 2026-11-01 (optional for owners; fees "
                                                          "without dates: the cashier's month running)")))
    export.add_argument("--to", dest="date_to", metavar=date,
                        help=_t(QT_TRANSLATE_NOOP("cli", "last day, inclusive (optional for owners)")))
    export.add_argument("-o", "--output", required=True, metavar=file_,
                        help=_t(QT_TRANSLATE_NOOP("cli", "FILE.xlsx or FILE.pdf")))
    # default None: the office's setting mask_phones_in_exports decides (services.register.privacy)
    export.add_argument("--mask-phones", action=argparse.BooleanOptionalAction, default=None,
                        help=_t(QT_TRANSLATE_NOOP(
                            "cli", "print phones as 138****5678 / in full (default: the office's setting)")))
    _print_option(export)

    imp = command("import-owners", QT_TRANSLATE_NOOP("cli", "import the owner roster from an Excel workbook"),
                  QT_TRANSLATE_NOOP("cli", "Import the owner roster. Signs in first: --user, and the "
                                           "password in PROPDESK_PASSWORD or when asked. Units not on "
                                           "the register are listed and rejected unless --create-units "
                                           "is given."))
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true",
                     help=_t(QT_TRANSLATE_NOOP("cli", "report what would change, save nothing")))
    imp.add_argument("--estate", metavar=_t(QT_TRANSLATE_NOOP("cli", "NAME")),
                     help=_t(QT_TRANSLATE_NOOP("cli", "estate of the lines that name none (default: the "
                                                      "only estate; with several, such a line is placed "
                                                      "only when one estate has its unit)")))
    imp.add_argument("--create-units", action="store_true",
                     help=_t(QT_TRANSLATE_NOOP("cli", "create the units the roster names that are not "
                                                      "on the register yet")))
    imp.add_argument("--sheet", metavar=_t(QT_TRANSLATE_NOOP("cli", "NAME")), action="append",
                     help=_t(QT_TRANSLATE_NOOP("cli", "the sheet with the addresses (default: found); "
                                                      "given once for each sheet, several sheets "
                                                      "(one per building) are read together")))
    imp.add_argument("--owners-sheet", metavar=_t(QT_TRANSLATE_NOOP("cli", "NAME")),
                     help=_t(QT_TRANSLATE_NOOP("cli", "the sheet with the names, joined to the sheet with "
                                                      "the addresses (default: found)")))

    rep = command("report", QT_TRANSLATE_NOOP("cli", "the weekly summary for the office head, as .pdf or .xlsx"))
    rep.add_argument("kind", choices=["weekly", "fees"], help=_t(QT_TRANSLATE_NOOP(
        "cli", "which report: weekly (the weekly summary) or fees (the month's paid services for the cashier)")))
    when = rep.add_mutually_exclusive_group()
    when.add_argument("--month", metavar="YYYY-MM",
                      help=_t(QT_TRANSLATE_NOOP("cli", "fees: the cashier's month, e.g. 2026-11 (to the "
                                                       "office's cut-off day, 25 Nov unless set otherwise; "
                                                       "default: the month now running)")))
    when.add_argument("--week", metavar="YYYY-Www",
                      help=_t(QT_TRANSLATE_NOOP("cli", "ISO week, e.g. 2026-W47 (default: last week)")))
    when.add_argument("--from", dest="date_from", metavar=date,
                      help=_t(QT_TRANSLATE_NOOP("cli", "first day of any period")))
    rep.add_argument("--to", dest="date_to", metavar=date,
                     help=_t(QT_TRANSLATE_NOOP("cli", "last day, with --from")))
    rep.add_argument("-o", "--output", metavar=file_,
                     help=_t(QT_TRANSLATE_NOOP("cli", "FILE.pdf or FILE.xlsx (default: a PDF named for the "
                                                    "week or month in your Documents folder)")))
    _print_option(rep)
    rep.add_argument("--by", metavar=_t(QT_TRANSLATE_NOOP("cli", "NAME")),
                     help=_t(QT_TRANSLATE_NOOP("cli", "who produced it (printed on the report; "
                                                    "default: who signed in)")))

    bak = command("backup", QT_TRANSLATE_NOOP("cli", "copy the database (into the backup folder by default)"))
    bak.add_argument("-o", "--output", metavar=file_,
                     help=_t(QT_TRANSLATE_NOOP("cli", "where to write the copy (a file or a folder)")))

    res = command("restore", QT_TRANSLATE_NOOP("cli", "replace the database with a backup (supervisor or administrator)"),
                  QT_TRANSLATE_NOOP("cli", "Replace the database with a backup. The database as it was is "
                                         "kept in the backup folder first. A healthy database needs --user "
                                         "of a supervisor or administrator; the password comes from "
                                         "PROPDESK_PASSWORD or is asked for (--password works but shows in "
                                         "the process list). A damaged or missing database, which nobody "
                                         "can sign in to, is replaced without signing in."))
    res.add_argument("file", metavar=file_, help=_t(QT_TRANSLATE_NOOP("cli", "a backup made by PropDesk (.db; on a server .dump)")))
    res.add_argument("--password", help=_t(QT_TRANSLATE_NOOP("cli", "(prefer PROPDESK_PASSWORD or the prompt)")))

    command("passwd", QT_TRANSLATE_NOOP("cli", "change your own password (signed in; the new one from "
                                              "PROPDESK_NEW_PASSWORD or asked twice)"))
    return p


class _EarlyParser(argparse.ArgumentParser):
    def error(self, message):
        raise ValueError(message)


def _early_language(argv: list[str]) -> str:
    """The language to speak before the database is open (help, usage errors): --lang, else the
    language stored in the office's database, else the system's."""
    early = _EarlyParser(add_help=False)
    early.add_argument("--db")
    early.add_argument("--lang")
    try:
        known, _rest = early.parse_known_args(argv)
    except ValueError:
        known = argparse.Namespace(db=None, lang=None)
    if known.lang in i18n.SUPPORTED:
        return known.lang
    from propdesk.services.core import settings

    return settings.peek_language(config.database_location(known.db)) or i18n.system_language()


def _credentials(args, permission: str) -> tuple[str, str]:
    """User name and password for this command. The user: ``--user``, else ``PROPDESK_USER``.
    The password: ``--password``, else ``PROPDESK_PASSWORD``, else a prompt on a terminal;
    with neither (a scheduled task without the variable) a message, never a wait for input
    that cannot come."""
    import getpass
    import os

    from propdesk.services.core import accounts

    action = i18n.translate("rules", accounts.ACTION_LABELS[permission])
    user = getattr(args, "user", None) or os.environ.get("PROPDESK_USER")
    if not user:
        raise RuleError(accounts.MSG_SIGN_IN_USER, action=action)
    password = getattr(args, "password", None)
    if password is None:
        password = os.environ.get("PROPDESK_PASSWORD")
    if password is None:
        if sys.stdin is None or not sys.stdin.isatty():
            raise RuleError(accounts.MSG_SIGN_IN_PASSWORD, user=user)
        try:
            password = getpass.getpass(f"{user}: ")
        except EOFError:
            raise RuleError(accounts.MSG_SIGN_IN_PASSWORD, user=user) from None
    return user, password


def _sign_in(args, permission: str, change_due_ok: bool = False):
    """The account that runs this command (the database is open), signed in with the window's
    rules and allowed ``permission``. Someone who must choose a new password first (after an
    administrator reset it, or a demo password in a real office) may only run ``passwd``."""
    from propdesk.services.core import accounts, audit, passwords
    from propdesk.services.core.db_retry import transaction

    user, password = _credentials(args, permission)
    if not accounts.any_accounts():
        raise RuleError(accounts.MSG_NO_ACCOUNTS)
    actor = accounts.authenticate(user, password)
    accounts.require(actor, permission)
    due = passwords.change_due(actor)
    if due and not change_due_ok:
        with transaction():
            audit.record(actor, "staff", actor.id, "refused", note="password.change_due")
        raise RuleError(passwords.MSG_CHANGE_FIRST, user=actor.username,
                        why=i18n.translate("rules", passwords.due_message(due)))
    actor.signed_in_with = password  # for passwd: the current password, already checked
    return actor


def _open_db(args, new_ok: bool = False) -> None:
    """Open the database for a command; any file that cannot be used (missing, busy, read-only,
    truncated, damaged, another program's, from a newer PropDesk) is refused with a message
    naming what is wrong, never a traceback. ``new_ok``: a missing file is created (demo)."""
    from propdesk.models import init_db
    from propdesk.models.db import SchemaTooNew

    location = _usable_location(args, new_ok)
    from propdesk.models.db import pending_upgrade

    older = pending_upgrade(location)  # an office's file from an older PropDesk (not a new one)
    if older:  # its progress in the office's language, before it is open
        from propdesk.services.core import settings

        i18n.set_language(getattr(args, "lang", None) or settings.peek_language(location) or i18n.language())
    from propdesk.pg_driver import ctrl_c_cancels

    try:  # Ctrl+C during a long statement of an upgrade on a server: cancelled there at once
        with _upgrade_progress() as progress, (ctrl_c_cancels() if older else contextlib.nullcontext()):
            init_db(location, progress=progress if older else None)
    except RuleError:  # the driver's own message (PostgreSQL: driver missing, server down)
        raise
    except SchemaTooNew:
        from propdesk.services.core import backup

        raise RuleError(backup.MSG_TOO_NEW, label=_t(MSG_DATABASE), path=location) from None
    except Exception as err:  # whatever the driver says, the clerk reads a message
        log_error("cannot open database %s", location)
        raise RuleError(MSG_CANNOT_OPEN, path=location, error=str(err)) from err


@contextlib.contextmanager
def _upgrade_progress():
    """Progress of a schema upgrade on stderr (minutes for a file with a million complaints):
    one line kept up to date on a terminal, a line per part for a pipe or a log."""
    from propdesk.models.db import upgrade_text

    stream = sys.stderr
    terminal = stream is not None and stream.isatty()
    seen: set = set()
    width = [0]

    def progress(version: int, what: str, done: int, total: int) -> None:
        text = upgrade_text(version, what, done, total)
        if terminal:
            stream.write("\r" + text + " " * max(0, width[0] - len(text)))
            width[0] = len(text)
        elif (version, what) not in seen:
            stream.write(text + "\n")
        seen.add((version, what))
        stream.flush()

    try:
        yield progress if stream is not None else None
    finally:
        if terminal and seen:
            stream.write("\n")
            stream.flush()


def _language(args) -> None:
    from propdesk.services.core import settings

    i18n.set_language(args.lang or settings.office_language())


def cmd_demo(args) -> int:
    from propdesk.demo import office as demo

    _open_db(args, new_ok=True)
    _language(args)
    summary = demo.create_demo_office(n_complaints=args.complaints, seed=args.seed)
    print(summary)
    return 0


MSG_PRINT_PDF = QT_TRANSLATE_NOOP("rules", "--print needs a PDF: write the file as FILE.pdf.")
MSG_NO_PRINTER = QT_TRANSLATE_NOOP("rules", "No printer \"{name}\" on this computer. Printers: {names}.")
MSG_PRINTED = QT_TRANSLATE_NOOP("cli", "{pages} pages sent to the printer {name}.")


def _print_option(parser) -> None:
    parser.add_argument("--print", dest="print_to", nargs="?", const="", default=None,
                        metavar=_t(QT_TRANSLATE_NOOP("cli", "PRINTER")),
                        help=_t(QT_TRANSLATE_NOOP("cli", "also print the PDF: on PRINTER, else on "
                                                         "this desk's printer or the system's default")))


def _check_print(args) -> None:
    if getattr(args, "print_to", None) is not None and args.output is not None \
            and not str(args.output).lower().endswith(".pdf"):  # no -o: a PDF is made
        raise RuleError(MSG_PRINT_PDF, field="output")


def _print(args) -> None:
    """``--print``: the PDF just written goes to the printer, page by page as in the window."""
    if getattr(args, "print_to", None) is None:
        return
    import os
    from pathlib import Path

    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # printing needs no screen
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QApplication

    from propdesk.ui import printing

    QApplication.instance() or QApplication([sys.argv[0]])
    try:
        pages = printing.print_directly(Path(args.output), args.print_to)
    except (LookupError, OSError):
        names = "、".join(QPrinterInfo.availablePrinterNames()) or "—"
        raise RuleError(MSG_NO_PRINTER, field="print", name=args.print_to or "", names=names) from None
    print(_t(MSG_PRINTED).format(pages=pages, name=args.print_to or printing.remembered_printer()
                                 or QPrinterInfo.defaultPrinterName()))


def cmd_export(args) -> int:
    from propdesk import reports
    from propdesk.reports.registers import LABEL_FROM, LABEL_TO, output_kind, parse_date
    from propdesk.services.core import audit_log

    _open_db(args)
    _language(args)
    output_kind(args.output)  # a wrong extension is refused before any work
    _check_print(args)
    date_from = parse_date(args.date_from, LABEL_FROM)
    date_to = parse_date(args.date_to, LABEL_TO)
    if args.register == "fees" and date_from is None and date_to is None:
        from propdesk.services.fees import months  # the cashier's month running, to its cut-off day

        date_from, date_to = months.period(months.month_of(dt_today()))
    actor = _sign_in(args, "register.export")
    with _progress_on_terminal() as progress:  # Ctrl+C: the temporary file goes, no half file
        n = reports.export(args.register, args.output, date_from, date_to,
                           progress=progress, mask_phones=args.mask_phones)
    audit_log.record_output(actor, "print" if output_kind(args.output) == "pdf" else "export",
                            "register", args.register, args.output, n,
                            {"from": date_from, "to": date_to, "mask_phones": args.mask_phones})
    print(reports.exported_message(n, args.output))
    _print(args)
    return 0


MSG_PROGRESS = QT_TRANSLATE_NOOP("cli", "{done} of {total} lines written…")


MSG_PARTS = QT_TRANSLATE_NOOP("cli", "{done} of {total} parts done…")  # pg_dump / pg_restore


@contextlib.contextmanager
def _progress_on_terminal(message: str = MSG_PROGRESS):
    """A ``progress(done, total)`` that keeps one line on stderr up to date when stderr is a
    terminal (a person watching); None for a pipe, a log file or a scheduled task."""
    stream = sys.stderr
    if stream is None or not stream.isatty():
        yield None
        return
    shown = []

    def progress(done: int, total: int) -> None:
        stream.write("\r" + _t(message).format(done=f"{done:,}", total=f"{total:,}"))
        stream.flush()
        shown.append(True)

    try:
        yield progress
    finally:
        if shown:
            stream.write("\n")  # what follows (the result, ^C, a message) starts a line of its own
            stream.flush()


def cmd_import_owners(args) -> int:
    from propdesk.services.register import importing

    _open_db(args)
    _language(args)
    actor = _sign_in(args, "owners.import")
    roster = importing.read_roster(args.file, args.sheet, args.owners_sheet)
    report = importing.import_owners(actor, roster, dry_run=args.dry_run, estate=args.estate,
                                     create_units=args.create_units)
    print(report.summary())  # first: a scheduled task reads it
    for line in report.reading:  # which sheets were read, how they were joined
        print(line)
    for line in report.rejected_lines():
        print(line)
    if report.rejected:  # a scheduled task must be able to tell (exit 1, the count on stderr)
        raise RuleError(MSG_LINES_REJECTED, n=len(report.rejected))
    return 0


MSG_LINES_REJECTED = QT_TRANSLATE_NOOP(
    "rules", "{n} line(s) of the roster were not imported (the reasons are listed above).")


MSG_REPORT_WRITTEN = QT_TRANSLATE_NOOP(
    "cli", "Weekly summary written: {file} (period {start} to {end}; complaints received: {n})")


def cmd_report(args) -> int:
    import datetime as dt

    from propdesk.reports.registers import LABEL_FROM, LABEL_TO, output_kind, parse_date
    from propdesk.services.core import audit_log
    from propdesk.services.lists import weekly

    _open_db(args)
    _language(args)
    if args.output is not None:
        output_kind(args.output)  # a wrong file name is said before anything else
    _check_print(args)
    if args.kind == "fees":
        return _report_fees(args)
    if args.month:
        raise RuleError(MSG_MONTH_FOR_FEES)
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
    actor = _sign_in(args, "report.weekly")
    made_by = weekly.check_made_by(actor.name if args.by is None else args.by)
    if args.output is None:
        iso = start.isocalendar()
        args.output = _default_output(i18n.translate("WeeklyReportDialog", "weekly_{year}-W{week:02d}")
                                      .format(year=iso.year, week=iso.week))
    kind = output_kind(args.output)
    summary = weekly.summary(start, end)
    if kind == "pdf":
        from propdesk.reports.pdf.weekly import weekly_pdf

        weekly_pdf(summary, args.output, made_by)
    else:
        from propdesk.reports.weekly_excel import weekly_xlsx

        weekly_xlsx(summary, args.output, made_by)
    audit_log.record_output(actor, "print" if kind == "pdf" else "export", "report", "weekly",
                            args.output, summary.this.complaints, {"from": start, "to": end})
    print(_t(MSG_REPORT_WRITTEN).format(file=args.output, start=start.isoformat(), end=end.isoformat(),
                                       n=summary.this.complaints))
    _print(args)
    return 0


MSG_MONTH_FOR_FEES = QT_TRANSLATE_NOOP("rules", "--month is for the fees report; the weekly one takes --week.")
MSG_FEES_WRITTEN = QT_TRANSLATE_NOOP(
    "cli", "Monthly fee summary written: {file} (month {month}, {start} to {end}; total {total} yuan, "
           "cash {cash}, on bills {bill})")


def _default_output(name: str) -> str:
    """Where a report goes without -o: a PDF of that name in the Documents folder (the window
    offers the same folder), never over an existing file."""
    folder = config.documents_dir()
    path = folder / f"{name}.pdf"
    n = 2
    while path.exists():
        path = folder / f"{name} ({n}).pdf"
        n += 1
    return str(path)


def _report_fees(args) -> int:
    """``propdesk report fees --month 2026-11``: the monthly summary to the cashier."""
    from propdesk.reports.registers import output_kind
    from propdesk.services.core import audit_log
    from propdesk.services.fees import months, summary
    from propdesk.services.lists import weekly

    if args.week or args.date_from:
        raise RuleError(MSG_MONTH_FOR_FEES)
    month = months.parse(args.month, "fee_month") if args.month else months.month_of(dt_today())
    actor = _sign_in(args, "fee.collect")
    made_by = weekly.check_made_by(actor.name if args.by is None else args.by)
    if args.output is None:
        args.output = _default_output(
            i18n.translate("FeeSummaryDialog", "fee_summary_{month}").format(month=month))
    kind = output_kind(args.output)
    s = summary.summary(month)
    if kind == "pdf":
        from propdesk.reports.pdf.fee_summary import fee_summary_pdf

        fee_summary_pdf(s, args.output, made_by)
    else:
        from propdesk.reports.fee_summary import fee_summary_xlsx

        fee_summary_xlsx(s, args.output, made_by)
    months.mark_produced(actor, month, str(args.output))
    audit_log.record_output(actor, "print" if kind == "pdf" else "export", "report", "fees",
                            args.output, len(s.bill_lines), {"month": month})
    print(_t(MSG_FEES_WRITTEN).format(file=args.output, month=month, start=s.start.isoformat(),
                                      end=s.end.isoformat(), total=f"{s.total:.2f}",
                                      cash=f"{s.cash_total:.2f}", bill=f"{s.bill_total:.2f}"))
    return 0


def dt_today():
    import datetime as dt

    return dt.date.today()


MSG_DATABASE = QT_TRANSLATE_NOOP("cli", "Database")
MSG_UNEXPECTED = QT_TRANSLATE_NOOP("cli", "The command stopped on an error PropDesk did not expect ({error}). "
                                          "The details are in the log file {log}.")
MSG_CANNOT_OPEN = QT_TRANSLATE_NOOP("rules", "The database {path} could not be opened: {error}")
MSG_NO_DATABASE = QT_TRANSLATE_NOOP(
    "rules", "There is no database at {path}. Check --db or PROPDESK_DB; to bring back a backup: "
           "propdesk restore FILE (the newest good one is {latest}).")


def log_error(text: str, *args) -> None:
    import logging

    logging.getLogger("propdesk.cli").exception(text, *args)


def _usable_location(args, new_ok: bool = False) -> str:
    """The database location, refused (exit 1) unless the file can be used now: missing (unless
    ``new_ok``), busy, unreadable, damaged, not a database, another program's or newer."""
    from propdesk.models.db import SCHEMA_VERSION
    from propdesk.services.core import backup

    location = config.database_location(args.db)
    if "://" not in location:
        status, _reason = backup.diagnose(location)
        if status == backup.MISSING and not new_ok:
            latest = backup.latest_good_backup()
            raise RuleError(MSG_NO_DATABASE, path=location, latest=str(latest) if latest else "-")
        if status == backup.OK:
            version = backup.schema_of(location)
            if version is None and backup.has_tables(location):  # another program's database
                raise RuleError(backup.MSG_NOT_DB, label=_t(MSG_DATABASE), path=location)
            if version is not None and version > SCHEMA_VERSION:
                raise RuleError(backup.MSG_TOO_NEW, label=_t(MSG_DATABASE), path=location)
        status, reason = backup.diagnose(location)
        if status in backup.IN_USE_OR_UNREADABLE:  # may be perfectly good: say what is wrong
            raise RuleError(backup.MSG_NOT_NOW, path=location, status=backup.status_label(status),
                            reason=reason)
        if status in (backup.DAMAGED, backup.NOT_A_DATABASE):
            latest = backup.latest_good_backup()
            raise RuleError(backup.MSG_UNUSABLE, path=location, status=backup.status_label(status),
                            latest=str(latest) if latest else "-")
    return location


def cmd_backup(args) -> int:
    from propdesk.services.core import audit_log, backup

    _open_db(args)
    _language(args)
    actor = _sign_in(args, "backup.make")
    with _progress_on_terminal(MSG_PARTS) as progress:  # a server's pg_dump: its tables (Ctrl+C stops it)
        path = backup.backup_now(args.output, progress=progress)
    audit_log.record_output(actor, "backup", "database", "database", path)
    print(i18n.translate("rules", backup.MSG_WRITTEN).format(path=path))
    return 0


MSG_RESTORED_NEW = QT_TRANSLATE_NOOP(
    "cli", "Restored from {file} into {path} (there was no database there before).")


def cmd_restore(args) -> int:
    from propdesk.services.core import backup

    location = config.database_location(args.db)
    i18n.set_language(args.lang or i18n.system_language())
    if "://" in location:  # a server: pg_restore behind the same sign-in (services.core.pg_backup)
        _open_db(args)
        _language(args)
        actor = _sign_in(args, "backup.restore")
        with _progress_on_terminal(MSG_PARTS) as progress:  # Ctrl+C: stopped, nothing changed
            aside = backup.restore(actor, args.file, progress=progress)
        print(i18n.translate("rules", backup.MSG_RESTORED).format(file=args.file, aside=aside))
        return 0
    status, reason = backup.diagnose(location)
    if status in backup.IN_USE_OR_UNREADABLE:  # never overwritten: it may be perfectly good
        raise RuleError(backup.MSG_NOT_NOW, path=location, status=backup.status_label(status),
                        reason=reason)
    if status != backup.OK:  # nobody can sign in to it: an account of the backup signs in
        user, password = _credentials(args, "backup.restore")
        who = backup.sign_in_with_backup(args.file, user, password)
        aside = backup.restore_unusable(args.file, location, who)
        if aside is None:  # there was no database: nothing was kept aside
            print(_t(MSG_RESTORED_NEW).format(file=args.file, path=location))
        else:
            print(i18n.translate("rules", backup.MSG_RESTORED).format(file=args.file, aside=aside))
        return 0
    _open_db(args)
    _language(args)
    actor = _sign_in(args, "backup.restore")
    aside = backup.restore(actor, args.file)
    print(i18n.translate("rules", backup.MSG_RESTORED).format(file=args.file, aside=aside))
    return 0


MSG_NO_NEW_PASSWORD = QT_TRANSLATE_NOOP(
    "rules", "No new password: set PROPDESK_NEW_PASSWORD or run the command in a terminal to be asked.")
MSG_PASSWORD_CHANGED = QT_TRANSLATE_NOOP("cli", "Password changed for {user}.")


def cmd_passwd(args) -> int:
    """The signed-in person's own password: the current one as for any command (--user,
    PROPDESK_PASSWORD or the prompt), the new one from PROPDESK_NEW_PASSWORD or asked twice."""
    import getpass
    import os

    from propdesk.services.core import passwords

    _open_db(args)
    _language(args)
    actor = _sign_in(args, "password.change", change_due_ok=True)
    new = os.environ.get("PROPDESK_NEW_PASSWORD")
    again = new
    if new is None:
        if sys.stdin is None or not sys.stdin.isatty():
            raise RuleError(MSG_NO_NEW_PASSWORD)
        try:
            new = getpass.getpass(_t(QT_TRANSLATE_NOOP("cli", "New password: ")))
            again = getpass.getpass(_t(QT_TRANSLATE_NOOP("cli", "New password again: ")))
        except EOFError:
            raise RuleError(MSG_NO_NEW_PASSWORD) from None
    passwords.change_own(actor, actor.signed_in_with, new, again)
    print(_t(MSG_PASSWORD_CHANGED).format(user=actor.username))
    return 0


MSG_CANCELLED_ON_SERVER = QT_TRANSLATE_NOOP(
    "cli", "Stopped: the statement running on the database server was cancelled and its changes "
    "rolled back.")


@contextlib.contextmanager
def _ctrl_c_cancels_on_server(args):
    """On a server, Ctrl+C during any statement of the command (an export's or the weekly
    summary's reading, a schema upgrade, a save) cancels that statement on the server at once
    (pg_driver.ctrl_c_cancels) and its transaction is rolled back; psycopg2 would otherwise sit
    in libpq until the statement ended. A SQLite file (or no driver): nothing to do, Python's
    own Ctrl+C reaches SQLite's calls."""
    location = config.database_location(getattr(args, "db", None))
    if "://" not in location:
        yield
        return
    from propdesk import pg_driver

    try:
        pg_driver.attach()  # (the driver is loaded when the database is opened; it is wanted now)
    except ImportError:  # _open_db says that the driver is missing
        yield
        return
    with pg_driver.ctrl_c_cancels():
        yield


COMMANDS = {"demo": cmd_demo, "export": cmd_export, "import-owners": cmd_import_owners,
            "report": cmd_report,
            "backup": cmd_backup, "restore": cmd_restore, "passwd": cmd_passwd}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    logfile.setup(console=True)
    i18n.set_language(_early_language(argv))
    with _argparse_in_office_language():
        args = _parser().parse_args(argv)
    if args.command is None:
        from propdesk.app import run_gui

        return run_gui(args)
    from propdesk.services.core import leftovers

    tidying = leftovers.tidy_at_start()  # killed exports' files, as the window does at its start
    try:
        with _ctrl_c_cancels_on_server(args):
            return COMMANDS[args.command](args)
    except RuleError as err:
        print(f"propdesk: {err.text()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:  # Ctrl+C at the password prompt or during the work
        print("propdesk: ^C", file=sys.stderr)
        from propdesk.pg_driver import CancelledOnServer

        if isinstance(stop, CancelledOnServer):
            print(f"propdesk: {_t(MSG_CANCELLED_ON_SERVER)}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `propdesk ... | head`: the reader has gone, nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 1
    except Exception as err:  # noqa: BLE001 - what no rule foresaw: words, the traceback in the log
        log_error("the command %s stopped", args.command)
        print(f"propdesk: {_t(MSG_UNEXPECTED).format(error=err, log=config.log_dir() / 'propdesk.log')}",
              file=sys.stderr)
        return 1
    finally:
        tidying.join(leftovers.CLI_WAIT)
        if "propdesk.models.db" in sys.modules:  # the command opened the database
            from propdesk.models.db import optimize

            optimize()  # SQLite's advice: PRAGMA optimize before the connection goes


if __name__ == "__main__":
    sys.exit(main())
