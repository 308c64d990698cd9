"""Export benchmark: the complaint register as Excel and PDF at several sizes, beside plain writers.

    .venv/bin/python benchmarks/export.py --db FILE.db [--sizes 1000,10000,100000]
    .venv/bin/python benchmarks/export.py [--sizes ...]        # builds its own simple file

``FILE.db`` is a file of ``benchmarks/generate.py`` (ten years of complaints with their history;
it is migrated and analysed on first use, so give it a copy, never an office's file). Without
``--db`` a plain file of the largest size is built in a temporary folder (rows inserted in bulk,
no history). For each size N the period is the last days holding about N complaints, and each
of these runs alone in a fresh process (so its peak RSS is its own: interpreter, libraries,
SQLite's cache and all), measured around the work only:

- *PropDesk Excel*: ``reports.excel.export_register`` (the register as the office gets it:
  labels, masking rule, the overdue judgement, styles, heading, auto-filter);
- *xlsxwriter*: xlsxwriter's constant-memory writer on PLAIN TUPLES: the same SQL as the
  register (``registers.complaint_lines``) on a plain ``sqlite3`` connection, the same 19
  columns with the same formatting (heading, header style, widths, date formats, wrapped long
  text, frozen header, auto-filter, landscape fit-to-width) - the bar to beat;
- *openpyxl raw*: openpyxl's write-only dump of the same tuples, no styles (the old floor);
- *PropDesk PDF*: ``reports.pdf.register_pdf`` (goal: 100,000 lines in <= 60 s, <= 200 MB).

Times are wall and CPU seconds of the measured process; on a shared machine compare CPU
(other jobs take the wall clock, not the work). Unix only (``resource``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = dt.datetime(2026, 1, 1, 8, 0)
TEXTS = ["楼上卫生间漏水，天花板渗水严重，已经影响到卧室，请尽快安排维修并检查防水层",
         "地下车库B区照明坏了三盏，晚上很暗，存在安全隐患", "小区东门保安态度恶劣",
         "电梯经常停在12楼不动，老人小孩上下楼很不方便，希望彻底检修", "绿化带杂草没人修剪",
         "隔壁装修噪音太大，周末早上七点就开始施工，影响休息，请物业出面协调"]
KINDS = ("excel", "xlsxwriter", "openpyxl", "pdf")


def build(db_path: str, n: int, seed: int = 1) -> None:
    """A plain file: the demo's reference lists, one estate, n complaints 3 minutes apart."""
    from propdesk.models import database, init_db
    from propdesk.models.enums import Role
    from propdesk.models.tables import Building, Category, Complaint, Estate, Unit
    from propdesk.services.core import accounts
    from propdesk.services.setup import reference

    init_db(db_path)
    reference.seed_reference()
    clerk = accounts.create_staff(None, "clerk", "王芳", Role.CLERK, "secret123")
    estate = Estate.create(name="阳光花园")
    for b in range(1, 21):
        building = Building.create(estate=estate, name=f"{b}栋", sort=b)
        for e in (1, 2):
            rows = [dict(building=building, entrance=f"{e}单元", room=f"{f}0{r}", floor=f,
                         label=f"{b}栋{e}单元{f}0{r}") for f in range(1, 31) for r in (1, 2)]
            Unit.insert_many(rows).execute()
    units = [u.id for u in Unit.select(Unit.id)]
    cats = [(c.id, c.default_department_id) for c in Category.select()]
    rnd = random.Random(seed)
    batch = []
    with database.atomic():
        for i in range(n):
            at = START + dt.timedelta(minutes=3 * i)
            cat, dept = rnd.choice(cats)
            closed = rnd.random() < 0.8
            batch.append(dict(
                number=f"TS-{at:%Y%m%d}-{i:06d}", received_at=at, channel="phone",
                complainant=rnd.choice("张王李赵刘陈杨黄") + rnd.choice(["伟", "芳", "强", "敏", "洋"]),
                phone=f"13{rnd.randrange(10**9):09d}", unit=rnd.choice(units),
                description=rnd.choice(TEXTS), category=cat, severity=rnd.choice(["major", "important", "minor"]),
                department=dept, reply_by=at + dt.timedelta(hours=2), resolve_by=at + dt.timedelta(days=2),
                replied_at=at + dt.timedelta(hours=1) if closed else None,
                result="已派维修工上门处理完毕，业主确认" if closed else "",
                customer_opinion="满意" if closed else "", status="closed" if closed else "received",
                closed_at=at + dt.timedelta(days=1) if closed else None, created_by=clerk))
            if len(batch) == 500:
                Complaint.insert_many(batch).execute()
                batch = []
        if batch:
            Complaint.insert_many(batch).execute()
    database.close()


def period_of(db_path: str, n: int) -> tuple[dt.date, dt.date]:
    """The last days of the file that hold about n complaints."""
    con = sqlite3.connect(db_path)
    try:
        last, = con.execute("SELECT max(received_at) FROM complaint").fetchone()
        first = con.execute("SELECT received_at FROM complaint ORDER BY received_at DESC LIMIT 1 "
                            "OFFSET ?", (n - 1,)).fetchone()
        first = first[0] if first else con.execute("SELECT min(received_at) FROM complaint").fetchone()[0]
    finally:
        con.close()
    return dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])


# --- the measured work, each in its own process ---------------------------------------------------

def _open(db_path: str) -> None:
    from propdesk import i18n
    from propdesk.models import init_db

    init_db(db_path)
    i18n.set_language("zh_CN")


def run_excel(db_path, d0, d1, out) -> int:
    from propdesk.reports import excel

    return excel.export_register("complaints", out, d0, d1)


def run_pdf(db_path, d0, d1, out) -> int:
    from propdesk.reports import pdf

    return pdf.register_pdf("complaints", out, d0, d1)


def _plain_rows(db_path, d0, d1):
    """The register's SQL on a plain sqlite3 connection: tuples, DATETIME/DATE parsed."""
    from propdesk.services.lists import registers

    sql, params = registers.complaint_lines(d0, d1).sql()
    sqlite3.register_converter("DATETIME", lambda b: dt.datetime.fromisoformat(b.decode()))
    sqlite3.register_converter("DATE", lambda b: dt.date.fromisoformat(b.decode()))
    con = sqlite3.connect(db_path, detect_types=sqlite3.PARSE_DECLTYPES)
    cur = con.execute(sql, params)
    while rows := cur.fetchmany(2000):
        yield from rows
    con.close()


# The register's 19 columns as the baselines write them: (field of the SQL, width, kind). The
# register's "overdue" is PropDesk's judgement, not a column: a one-character field stands in.
COLUMNS = [("number", 17, "text"), ("received_at", 17, "datetime"), ("complainant", 10, "text"),
           ("unit", 15, "text"), ("phone", 14, "text"), ("channel", 8, "text"),
           ("description", 40, "long"), ("category", 16, "text"), ("severity", 8, "text"),
           ("department", 11, "text"), ("status", 9, "text"), ("replied_at", 17, "datetime"),
           ("result", 32, "long"), ("closed_at", 12, "date"), ("callback_words", 22, "long"),
           ("customer_opinion", 22, "long"), ("valid", 7, "text"), ("recorded_by", 9, "text"),
           ("repeat_of", 17, "text")]


def _column_indexes(db_path, d0, d1) -> list[int]:
    from propdesk.services.lists import registers

    query = registers.complaint_lines(d0, d1)
    sql, params = query.sql()
    con = sqlite3.connect(db_path)
    names = [d[0] for d in con.execute(sql + " LIMIT 0", params).description]
    con.close()
    return [names.index(key) for key, _w, _k in COLUMNS]


def run_xlsxwriter(db_path, d0, d1, out) -> int:
    import xlsxwriter  # the "bench" extra; main() says so before any child starts

    idx = _column_indexes(db_path, d0, d1)
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("客户投诉记录本")
    title = wb.add_format({"bold": True, "font_size": 14})
    period = wb.add_format({"font_size": 10, "font_color": "#404040"})
    head = wb.add_format({"bold": True, "bg_color": "#DDE4EE", "border": 1, "border_color": "#808080",
                          "align": "center", "valign": "vcenter", "text_wrap": True})
    formats = {"datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"}),
               "date": wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
               "long": wb.add_format({"text_wrap": True, "valign": "top"}), "text": None}
    for i, (_key, width, _kind) in enumerate(COLUMNS):
        ws.set_column(i, i, width)
    ws.freeze_panes(3, 0)
    ws.repeat_rows(2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.write_string(0, 0, "阳光花园物业服务中心  客户投诉记录本", title)
    ws.write_string(1, 0, f"统计期间：{d0} 至 {d1}", period)
    for i, (key, _w, _k) in enumerate(COLUMNS):
        ws.write_string(2, i, key, head)
    plan = [(i, idx[i], kind, formats[kind]) for i, (_key, _w, kind) in enumerate(COLUMNS)]
    r = 3
    write_string, write_datetime = ws.write_string, ws.write_datetime
    for row in _plain_rows(db_path, d0, d1):
        for col, at, kind, fmt in plan:
            value = row[at]
            if value is None or value == "":
                continue
            if kind in ("datetime", "date"):
                write_datetime(r, col, value, fmt)
            else:
                write_string(r, col, str(value), fmt)
        r += 1
    ws.autofilter(2, 0, max(r - 1, 3), len(COLUMNS) - 1)
    wb.close()
    return r - 3


def run_openpyxl(db_path, d0, d1, out) -> int:
    from openpyxl import Workbook

    idx = _column_indexes(db_path, d0, d1)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("raw")
    n = 0
    for row in _plain_rows(db_path, d0, d1):
        ws.append([row[i] for i in idx])
        n += 1
    wb.save(out)
    return n


def child(kind: str, db_path: str, d0: str, d1: str, out: str) -> int:
    d0, d1 = dt.date.fromisoformat(d0), dt.date.fromisoformat(d1)
    _open(db_path)  # every writer: the same imports and set-up before the clock starts
    work = {"excel": run_excel, "pdf": run_pdf, "xlsxwriter": run_xlsxwriter,
            "openpyxl": run_openpyxl}[kind]
    c0, t0 = time.process_time(), time.perf_counter()
    n = work(db_path, d0, d1, out)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = peak_rss_mb()
    extra = {}
    if kind == "pdf":
        from pypdf import PdfReader

        extra["pages"] = len(PdfReader(out).pages)
    print(json.dumps(dict(kind=kind, rows=n, wall=wall, cpu=cpu, rss=rss,
                          size=Path(out).stat().st_size, **extra)))
    return 0


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the address space, which execve
    makes anew; getrusage's ru_maxrss would start from the parent's size at the fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def measure(kind: str, db_path: str, d0, d1, folder: Path) -> dict:
    out = folder / f"{kind}.{'pdf' if kind == 'pdf' else 'xlsx'}"
    done = subprocess.run([sys.executable, __file__, "--child", kind, db_path, d0.isoformat(),
                           d1.isoformat(), str(out)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a file of benchmarks/generate.py (a copy: it is migrated)")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"any of {', '.join(KINDS)}")
    ap.add_argument("--keep", help="keep the files written in this folder")
    ap.add_argument("--child", nargs=5, metavar=("KIND", "DB", "FROM", "TO", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(*args.child)
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    if "xlsxwriter" in kinds and importlib.util.find_spec("xlsxwriter") is None:
        # said before a 100,000-row file is built, not as a child's traceback after it
        raise SystemExit("xlsxwriter is not installed: pip install -e '.[bench]' "
                         "(or leave it out: --kinds excel,openpyxl,pdf)")
    folder = Path(args.keep or tempfile.mkdtemp(prefix="propdesk-export-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = args.db
    if not db_path:
        db_path = str(folder / "bench.db")
        t0 = time.perf_counter()
        build(db_path, max(sizes))
        print(f"database: {max(sizes):,} complaints built in {time.perf_counter() - t0:.1f} s ({folder})")
    else:
        _open(db_path)  # migrate and analyse once, outside the measured runs
        from propdesk.models import database

        database.close()
    print(f"{'lines':>8} {'writer':<12} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12} "
          f"{'file MB':>8}  notes")
    for n in sizes:
        d0, d1 = period_of(db_path, n)
        got = {kind: measure(kind, db_path, d0, d1, folder) for kind in kinds}
        for kind, m in got.items():
            note = ""
            if kind == "excel" and "xlsxwriter" in got:
                base = got["xlsxwriter"]
                note = (f"{m['cpu'] / base['cpu']:.2f}x xlsxwriter's CPU, "
                        f"{m['wall'] / base['wall']:.2f}x its wall")
            if kind == "pdf":
                note = f"{m['pages']:,} pages"
            print(f"{m['rows']:>8,} {kind:<12} {m['wall']:>8.2f} {m['cpu']:>8.2f} {m['rss']:>12.0f} "
                  f"{m['size'] / 2**20:>8.1f}  {note}")
    if not args.keep:
        shutil.rmtree(folder)  # the files written (and a built database): tens of MB each run
    return 0


if __name__ == "__main__":
    sys.exit(main())
