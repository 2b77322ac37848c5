#!/usr/bin/env python3
"""App cold start (issue #19): exec of the release app to the window's first
paint of the interactive report, which the app reports on stderr when
PRONGSAI_TIMING is set (the UI's `painted` command, sent from the first
animation frame after the report renders). Medians of RUNS starts on a fresh
database and on one holding 100,000 assets, under Xvfb.

usage: bench-start.py APP CLI [RUNS]"""
import os, shutil, signal, statistics, subprocess, sys, tempfile, time

app, cli = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7


STEPS = ("setup", "database open", "page load started", "page loaded", "years", "report", "undo_state")


def start(db: str, home: str, steps: dict = None) -> float:
    env = dict(os.environ, PRONGSAI_TIMING="1", HOME=home, XDG_DATA_HOME=f"{home}/data",
               XDG_CONFIG_HOME=f"{home}/config", XDG_CACHE_HOME=f"{home}/cache")
    t0 = time.monotonic()
    p = subprocess.Popen([app, "--db", db], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                         start_new_session=True)
    try:
        for line in p.stderr:
            if "first paint" in line:
                return (time.monotonic() - t0) * 1000
            # "prongsai: STEP N ms after start": where the time went.
            if steps is not None and line.startswith("prongsai: ") and line.rstrip().endswith(" ms after start"):
                step, ms = line[len("prongsai: "):].rsplit(" ", 4)[0:2]
                if step in STEPS:
                    steps.setdefault(step, []).append(int(ms))
        raise SystemExit(f"the app ended without painting (exit {p.wait()})")
    finally:
        os.killpg(p.pid, signal.SIGKILL)  # the app and its web processes
        p.wait()
        time.sleep(0.3)


def series(db_of, home: str, steps: dict) -> list:
    """A new database each start, in one user's home: the web view's own
    caches are as a user's would be after the first start."""
    out = []
    for i in range(runs + 1):  # the first warms the caches, not counted
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as place:
            ms = start(db_of(place), home, steps if i else None)
            if i:
                out.append(ms)
    return out


def fresh(home: str) -> str:
    return f"{home}/fresh.sqlite"


with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as keep:
    big = f"{keep}/big.sqlite"
    csv = f"{keep}/a.csv"
    with open(csv, "w") as f:
        f.write("เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,วันที่ได้มา,ราคา\n")
        for i in range(1, 100001):
            f.write(f'7440-001-{i:06}/66,เครื่องคอมพิวเตอร์โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,5/4/2566,"25,900.00"\n')
    subprocess.run([cli, "--db", big, "assets", "import", csv], check=True, stdout=subprocess.DEVNULL)
    # Opened once by the app first, so its one-off backup is not in the series.
    start(big, keep)

    def with_assets(home: str) -> str:
        db = f"{home}/big.sqlite"
        shutil.copy(big, db)
        return db

    for name, db_of in (("fresh database", fresh), ("100,000 assets", with_assets)):
        steps = {}
        ms = series(db_of, keep, steps)
        print(f"{name}: median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f}, {len(ms)} starts)")
        # The app's own steps (PRONGSAI_TIMING), medians from the process's start.
        print("  " + ", ".join(f"{s} {statistics.median(steps[s]):.0f}" for s in STEPS if s in steps))
