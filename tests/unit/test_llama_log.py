"""llama.cpp's log (engine/llama_log.py): its warnings go to MedLocal's debug log, not the
terminal (walk 38: "decode: removing memory module entries ..." in `eval run`'s output); its
errors are printed and logged, except the echo of an abort the engine asked for."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from medlocal.engine import llama_log
from medlocal.engine.llama_log import CONT, DEBUG, ERROR, INFO, WARN, LlamaLog

ROOT = Path(__file__).resolve().parents[2]
REMOVING = "decode: removing memory module entries for seq_id = 0, pos = [80, +inf)"


def test_warnings_and_chatter_go_to_the_debug_log_only(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="medlocal.llama_cpp")
    sink = LlamaLog()
    sink.write(WARN, REMOVING + "\n")
    sink.write(INFO, "llama_context: n_ctx = 2048\n")
    sink.write(DEBUG, "graph_reserve: reserving\n")
    assert capfd.readouterr().err == ""
    records = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert (logging.DEBUG, REMOVING) in records and len(records) == 3


def test_a_real_error_is_printed_and_logged(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="medlocal.llama_cpp")
    sink = LlamaLog()
    # A line may come in pieces, the later ones marked CONT.
    sink.write(ERROR, "llama_model_load: error loading model: ")
    sink.write(CONT, "tensor 'x' has wrong shape\n")
    err = capfd.readouterr().err
    assert err == "llama.cpp: llama_model_load: error loading model: tensor 'x' has wrong shape\n"
    assert [r.levelno for r in caplog.records] == [logging.ERROR]


def test_the_echo_of_an_abort_the_engine_asked_for_is_not_printed(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="medlocal.llama_cpp")
    sink = LlamaLog()
    sink.write(ERROR, "llama_decode: failed to decode, ret = 2\n")  # 2: aborted
    llama_log.aborting(1, True)
    try:
        sink.write(ERROR, "process_ubatch: failed to compute graph, compute status: 1\n")
    finally:
        llama_log.aborting(1, False)
    assert capfd.readouterr().err == ""
    assert [r.levelno for r in caplog.records] == [logging.DEBUG, logging.DEBUG]
    # Once the abort is over, the same error is a real one again.
    sink.write(ERROR, "process_ubatch: failed to compute graph, compute status: 1\n")
    assert "failed to compute graph" in capfd.readouterr().err


def test_verbose_prints_every_line(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDLOCAL_LLAMA_VERBOSE", "1")
    LlamaLog().write(WARN, REMOVING + "\n")
    assert capfd.readouterr().err == REMOVING + "\n"


def test_ggml_lines_before_llama_cpp_is_imported_go_to_the_log() -> None:
    # Walk 54b: the bundle's loadable-backend build printed "load_backend: loaded CPU backend
    # from …" on stderr before every command: ggml logged it at INFO before llama_cpp's import
    # had set any callback. A fresh interpreter (the callback is set once per process) opens
    # libggml as engine/backends.py does, routes its log, and has ggml log one INFO line (as
    # ggml_backend_load does) and one ERROR line, through ggml's own logging function.
    code = textwrap.dedent(
        """
        import ctypes, logging, sys
        from medlocal.engine import backends, llama_log
        form = "%(levelname)s %(message)s"
        logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format=form)
        lib = backends.llama_lib_dir()
        ggml = backends._open_ggml(lib)
        llama_log.install_for_ggml(ggml)
        llama_log.install_for_ggml(ggml)  # once per process: a second call changes nothing
        say = ggml.ggml_log_internal
        say.restype = None
        loaded = b"load_backend: loaded CPU backend from %s\\n"
        say(ctypes.c_int(llama_log.INFO), loaded, b"/x/libggml-cpu-x64.so")
        say(ctypes.c_int(llama_log.ERROR), b"ggml_backend_load_best: failed %s\\n", b"here")
        assert "llama_cpp" not in sys.modules
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MEDLOCAL_LLAMA_VERBOSE", None)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "DEBUG load_backend: loaded CPU backend from /x/libggml-cpu-x64.so" in proc.stdout
    assert "load_backend" not in proc.stderr
    # A real error still reaches the terminal, as every llama.cpp error does.
    assert "llama.cpp: ggml_backend_load_best: failed here" in proc.stderr
    assert "ERROR ggml_backend_load_best: failed here" in proc.stdout
