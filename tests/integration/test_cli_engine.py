"""The CLI as a user runs it: a separate process, real model, exit codes and messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import child_process

from medlocal.rag.prompts import GENERAL_LABEL


def run_cli(
    *args: str,
    home: Path,
    input_text: str | None = None,
    timeout: int = 240,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    return child_process.run_cli(
        *args, home=home, input_text=input_text, timeout=timeout, prefix=prefix
    )


def test_help_lists_the_commands(medlocal_home: Path) -> None:
    # Without a command MedLocal opens its window (tests/gui/test_launcher_and_recovery.py).
    proc = run_cli("--help", home=medlocal_home)
    assert proc.returncode == 0 and "usage: medlocal" in proc.stdout
    assert "--selftest" in proc.stdout and "window" in proc.stdout


def test_doctor_json(medlocal_home: Path) -> None:
    proc = run_cli("doctor", "--json", home=medlocal_home)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["backend"] == "CPU"
    assert report["physical_cores"] >= 1 and report["ram_total_bytes"] > 0
    assert report["offline"]["guard_installed"] is True
    assert report["offline"]["offline_env"]["HF_HUB_OFFLINE"] == "1"
    assert report["folders"]["data"].startswith(str(medlocal_home))
    assert report["llama_cpp_python_version"] == "0.3.36"


def test_ask_streams_answer(medlocal_home: Path) -> None:
    proc = run_cli(
        "ask", "--max-tokens", "12", "--seed", "3", "What is aspirin?", home=medlocal_home
    )
    assert proc.returncode == 0, proc.stderr
    # Walk 39: stdout not a terminal, and the demo model's answer came with nothing saying it
    # rests on no document: the label is the first line, the answer under it.
    label, _, answer = proc.stdout.partition("\n")
    assert label == GENERAL_LABEL and answer.strip()
    # private folders were created 0700
    assert (medlocal_home / "data").stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("ask", "--model", "/nonexistent/model.gguf", "hi"), "no installed model or file"),
        (("ask", "   "), "question is empty"),
        (("ask", "--temperature", "-1", "hi"), "not a number >= 0"),
        (("ask", "--max-tokens", "0", "hi"), "positive whole number"),
    ],
)
def test_bad_input_exit_code_2(medlocal_home: Path, args: tuple[str, ...], fragment: str) -> None:
    proc = run_cli(*args, home=medlocal_home)
    assert proc.returncode == 2
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr


def test_text_file_as_model_is_refused(medlocal_home: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake.gguf"
    fake.write_text("not a model")
    proc = run_cli("ask", "--model", str(fake), "hi", home=medlocal_home)
    assert proc.returncode == 2 and "not a GGUF model file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_chat_session(medlocal_home: Path) -> None:
    script = "What is insulin?\n/retry\n/reset\n/unknown\nHi\n/exit\n"
    proc = run_cli("chat", "--max-tokens", "8", home=medlocal_home, input_text=script)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("medlocal> ") == 3  # two answers + one regenerated answer
    assert "(conversation cleared)" in proc.stderr and "unknown command" in proc.stderr
    # The installed model's id, as `models list` and --model name it, not the GGUF's own title.
    assert "MedLocal chat with demo-smollm2-135m " in proc.stderr, proc.stderr
    assert "Smollm2 135M 8k" not in proc.stderr


def _can_unshare() -> bool:
    unshare = shutil.which("unshare")
    if not unshare:
        return False
    return subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(
    not _can_unshare(), reason="needs `unshare -n` (root on Linux) for a network namespace"
)
def test_answer_path_in_namespace_without_network(medlocal_home: Path, tmp_path: Path) -> None:
    """The real answer path works with no network interfaces at all, and (when strace is
    available) never even creates an internet socket."""
    prefix: tuple[str, ...] = ("unshare", "-n")
    trace = tmp_path / "strace.txt"
    if shutil.which("strace"):
        prefix = (*prefix, "strace", "-f", "-qq", "-e", "trace=socket", "-o", str(trace))
    proc = run_cli(
        "ask", "--max-tokens", "8", "What is heparin?", home=medlocal_home, prefix=prefix
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
    if trace.exists():
        calls = trace.read_text()
        assert "AF_INET" not in calls, calls  # covers AF_INET6 too
    else:
        pytest.skip("strace not installed: namespace part passed, socket trace not checked")


def test_prompts_never_reach_logs_and_core_dumps_are_off(medlocal_home: Path) -> None:
    marker = "ZEBRAQUOKKA7731"
    proc = run_cli(
        "-v", "ask", "--max-tokens", "6", f"Patient {marker} has a cough.", home=medlocal_home
    )
    assert proc.returncode == 0, proc.stderr
    log_file = medlocal_home / "logs" / "medlocal.log"
    assert log_file.exists() and log_file.stat().st_mode & 0o777 == 0o600
    assert "loaded" in log_file.read_text()  # the log is written at all...
    for path in medlocal_home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert marker.encode() not in data, path  # ...but never the prompt
            assert marker.encode("utf-16-le") not in data, path
    probe = (
        "import ctypes, resource, sys; from medlocal.privacy.hardening import harden_process; "
        "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0) if sys.platform == 'linux' else 0); "
        "harden_process(); print(resource.getrlimit(resource.RLIMIT_CORE)); "
        "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0) if sys.platform == 'linux' else 0)"
    )
    done = child_process.run_child(probe, medlocal_home)
    assert done.returncode == 0, done.stderr
    out = done.stdout.split("\n")
    # Linux: dumpable before (1, so the check can fail), not after (0: PR_GET_DUMPABLE)
    assert out[:3] == (["1", "(0, 0)", "0"] if sys.platform == "linux" else ["0", "(0, 0)", "0"])


def test_third_party_log_records_stay_out_of_the_log_file(medlocal_home: Path) -> None:
    probe = (
        "import logging; from medlocal.privacy.hardening import configure_logging; "
        "p = configure_logging(); logging.getLogger('pypdf').warning('Name: SECRETPATIENT'); "
        "logging.getLogger('medlocal.x').warning('ours'); print(p)"
    )
    done = child_process.run_child(probe, medlocal_home)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    text = Path(out.strip()).read_text()
    assert "ours" in text and "SECRETPATIENT" not in text
