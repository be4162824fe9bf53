"""How long the window's FIRST unlock takes, from the lock screen's Unlock to the working window,
with the start-up warm-up running beside it as it does after a launch (walk 34: 73 s reported).

Each run is a fresh interpreter (a second unlock in one process finds every module imported):
the window starts through ``ui.app.build_window`` on a vault made beforehand (default Argon2id
cost), the passphrase is submitted ``--delay`` seconds later and the GUI thread turns its event
loop (``processEvents`` and short sleeps, letting go of the interpreter lock as ``app.exec``
does) until the working screen shows. ``QTest.qWait`` must not drive such a measurement: it keeps
the interpreter lock while it sleeps and starves the unlock's worker (what made walk 34's 73 s).

Prints JSON: per run, seconds to the working window, the unlock worker's wall and CPU seconds
(the difference is time spent waiting for the interpreter lock) and the longest GUI gap.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASS = "benchmark passphrase"


def child(delay: float, warm_up: bool) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from medlocal.app import Workspace
    from medlocal.ui import app as appmod

    qapp = appmod.create_application(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    ws = Workspace()
    if not warm_up:
        ws.warm_up = lambda: None  # type: ignore[method-assign]
    worker: dict[str, float] = {}
    unlock = ws.unlock

    def timed_unlock(*args: object, **kwargs: object) -> object:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return unlock(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            worker["wall_s"] = round(time.perf_counter() - wall, 2)
            worker["cpu_s"] = round(time.thread_time() - cpu, 2)

    ws.unlock = timed_unlock  # type: ignore[method-assign,assignment]
    window = appmod.build_window(ws)
    assert window is not None
    shown = time.perf_counter()
    while time.perf_counter() - shown < delay:
        qapp.processEvents()
        time.sleep(0.005)
    window.lock_screen.secret.setText(PASS)
    started = last = time.perf_counter()
    window.lock_screen.submit()
    longest = 0.0
    while window.stack.currentIndex() != window.WORKING and time.perf_counter() - started < 300:
        qapp.processEvents()
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    result = {
        "to_working_s": round(seconds, 2),
        "worker": worker,
        "longest_gui_gap_ms": round(longest * 1000, 1),
    }
    window.close()
    ws.close()
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--delay", type=float, default=2.0, help="seconds from window to Unlock")
    ap.add_argument("--no-warm-up", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.delay, not args.no_warm_up)))
        return 0
    home = Path(tempfile.mkdtemp(prefix="medlocal-bench-unlock-"))
    env = dict(os.environ, MEDLOCAL_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    make = (
        "from medlocal.app import Workspace\n"
        f"ws = Workspace(); ws.create_vault({PASS!r}, {PASS!r})\n"
        "ws.require_vault().add_patient('Benchmark Patient'); ws.close()\n"
    )
    subprocess.run([sys.executable, "-c", make], env=env, check=True)
    command = [sys.executable, __file__, "--child", "--delay", str(args.delay)]
    if args.no_warm_up:
        command.append("--no-warm-up")
    runs = []
    for _ in range(args.runs):
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(
        json.dumps(
            {
                "warm_up": not args.no_warm_up,
                "delay_s": args.delay,
                "load": os.getloadavg()[0],
                "runs": runs,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
