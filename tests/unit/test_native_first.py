"""llama.cpp's native libraries are loaded before numpy at start (engine/native_first.py): on the
session-40 GPU machine every model load crashed when numpy came first. Each check runs in a fresh
interpreter, since this one has long imported both."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def _run(tmp_path: object, *parts: str) -> str:
    env = dict(os.environ, MEDLOCAL_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", "".join(textwrap.dedent(part) for part in parts)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


ORDER = """
    import sys
    order = list(sys.modules)
    print(order.index("llama_cpp.llama_cpp") < order.index("numpy"))
"""


def test_the_command_line_loads_llama_cpp_before_numpy(tmp_path: object) -> None:
    # `settings show` imports neither by itself: the launcher's start did, in this order.
    out = _run(
        tmp_path,
        """
        from medlocal.launcher import main
        main(["settings", "show"])
        """,
        ORDER,
    )
    assert out == "True"


def test_load_before_numpy_loads_the_native_library_first(tmp_path: object) -> None:
    out = _run(
        tmp_path,
        """
        from medlocal.engine.native_first import load_before_numpy
        first = load_before_numpy()
        import numpy
        again = load_before_numpy()
        print(first, again, end=" ")
        """,
        ORDER,
    )
    assert out == "True False True"


def test_too_late_once_numpy_is_loaded(tmp_path: object) -> None:
    out = _run(
        tmp_path,
        """
        import sys
        import numpy
        from medlocal.engine.native_first import load_before_numpy
        print(load_before_numpy(), "llama_cpp" in sys.modules)
        """,
    )
    assert out == "False False"
