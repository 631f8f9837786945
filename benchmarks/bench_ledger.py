"""The task ledger at office scale: 100,000 tasks, the overdue report and a department's view.

    python benchmarks/bench_ledger.py                          # SQLite in a temporary folder
    python benchmarks/bench_ledger.py --tasks 20000 --db postgresql://user:pw@127.0.0.1/ledger_bench

Generated documents of 100 tasks each, with leads and supports drawn from 40 departments, due dates over three
years, enter the ledger through `TaskLedger.import_document`, as reviewed notices do. As in a ledger in use, 85 % of
the tasks already due are then crossed off and 5 % of the others done early. Then the weekly overdue report (its
overdue, due-soon and done lists and the counts by department) and one department's view are timed (best of five).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from safetydocs.model import Assignment, Deadline, Document, Task
from safetydocs.tracking import Filters, TaskLedger
from safetydocs.tracking import schema as t
from safetydocs.tracking.reports import weekly_report

DEPARTMENTS = [f"市{name}局" for name in ("应急管理", "公安", "住房和城乡建设", "交通运输", "市场监督管理", "自然资源", "生态环境",
                                          "水务", "农业农村", "商务", "文化和旅游", "卫生健康", "教育", "城市管理")]
DEPARTMENTS += [f"{district}区人民政府" for district in ("东城", "西城", "南湖", "北山", "高新", "经开")]
DEPARTMENTS += [f"市{n}中心" for n in range(1, 21)]
TASKS_PER_DOCUMENT = 100


def generated_document(number: int, rng: random.Random, start: dt.date) -> Document:
    text = "\n".join(f"{i + 1}、开展第{number}号文件第{i + 1}项安全生产检查工作。" for i in range(TASKS_PER_DOCUMENT))
    tasks = []
    offset = 0
    for i in range(TASKS_PER_DOCUMENT):
        line = f"{i + 1}、开展第{number}号文件第{i + 1}项安全生产检查工作。"
        lead, *support = rng.sample(DEPARTMENTS, 3)
        due = start + dt.timedelta(days=rng.randrange(0, 3 * 365))
        tasks.append(Task(
            id=f"d{number}-t{i}", text=line, span=(offset, offset + len(line)),
            assignments=[Assignment(department=lead, mention=lead, role="lead", span=(offset, offset + 1))]
            + [Assignment(department=s, mention=s, role="support", span=(offset, offset + 1)) for s in support[:1]],
            deadline=Deadline(text=f"{due.year}年{due.month}月{due.day}日前", date=due, kind="date",
                              span=(offset, offset + 1)),
            industries=[rng.choice(["gas", "fire_safety", "construction", "hazardous_chemicals"])]))
        offset += len(line) + 1
    return Document(source=f"notice-{number}.txt", language="zh", title=f"第{number}号通知", text=text, tasks=tasks)


def best(call, times: int = 5) -> tuple[float, object]:
    results = []
    value = None
    for _ in range(times):
        started = time.perf_counter()
        value = call()
        results.append(time.perf_counter() - started)
    return min(results), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    rng = random.Random(0)
    today = dt.date(2025, 6, 18)
    with tempfile.TemporaryDirectory() as folder:
        ledger = TaskLedger(args.db or Path(folder) / "ledger.sqlite")
        started = time.perf_counter()
        for number in range(args.tasks // TASKS_PER_DOCUMENT):
            ledger.import_document(generated_document(number, rng, dt.date(2024, 1, 1)), key=f"bench-{number}",
                                   by="benchmark", today=today)
        filled = time.perf_counter() - started
        with ledger.engine.begin() as db:
            # a ledger in use: 85 % of the tasks already due are crossed off, and 5 % of the others are done early
            spread = (t.items.c.id * 37) % 100
            db.execute(t.items.update().where(sa.or_(sa.and_(t.items.c.due < today, spread < 85),
                                                     sa.and_(t.items.c.due >= today, spread < 5)))
                       .values(status="done"))
            count = db.execute(sa.select(sa.func.count()).select_from(t.items)).scalar_one()
        report_s, report = best(lambda: weekly_report(ledger, day=today))
        view_s, view = best(lambda: ledger.items(Filters(department="市应急管理局", today=today)))
        overdue_s, overdue = best(lambda: ledger.items(Filters(overdue=True, today=today)))
        kind = ledger.engine.dialect.name
        ledger.close()
    print(f"task ledger on {kind}: {count:,} tasks entered in {filled:.1f} s ({count / filled:,.0f} tasks/s)")
    print(f"  weekly overdue report: {report_s * 1000:.0f} ms ({len(report.overdue):,} overdue, "
          f"{len(report.due_soon):,} due in 14 days, {len(report.departments)} departments)")
    print(f"  one department's view: {view_s * 1000:.0f} ms ({len(view):,} tasks)")
    print(f"  overdue list:          {overdue_s * 1000:.0f} ms ({len(overdue):,} tasks)")


if __name__ == "__main__":
    main()
