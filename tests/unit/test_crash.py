"""The last line of defence: an unexpected exception or a native crash leaves one line for the
user and a crash report that holds code locations only, never the patient text that the
exception's message or a local variable may carry."""

from __future__ import annotations

import faulthandler
import sys
from pathlib import Path

import pytest
from fixtures.child_process import run_child

from medlocal import crash
from medlocal.cli import main

MARKER = "ZQ-CRASH-MARKER-4471"


def test_unexpected_exception_in_a_handler_gives_one_line_and_a_clean_report(
    medlocal_home: Path,
) -> None:
    proc = run_child(
        f"""
        import medlocal.cli.engine_cmds as commands
        from medlocal.cli import main

        def handler(args):
            patient_text = "{MARKER} local"
            raise ValueError("could not parse {MARKER} in the note")

        commands.run_doctor = handler
        raise SystemExit(main(["doctor"]))
        """,
        medlocal_home,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("medlocal: internal error (ValueError); a crash report was written")
    assert MARKER not in proc.stderr
    report_path = Path(lines[0].rsplit(" to ", 1)[1])
    assert report_path.parent == medlocal_home / "logs"
    assert report_path.stat().st_mode & 0o777 == 0o600
    report = report_path.read_text()
    assert "exception: builtins.ValueError" in report
    # Where it happened, by function: the command's handler and the CLI's frame that ran it
    # (cli._run since the log file is closed per command, session 45).
    assert "in handler" in report and "in _run" in report
    assert MARKER not in report and "could not parse" not in report
    for path in medlocal_home.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path
    assert crash.pending_crash_reports() == [report_path]


def test_in_process_main_returns_1_and_names_only_the_type(
    medlocal_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import medlocal.cli.engine_cmds as commands

    def handler(args: object) -> int:
        raise KeyError(MARKER)

    monkeypatch.setattr(commands, "run_doctor", handler)
    assert main(["doctor"]) == 1
    err = capsys.readouterr().err
    assert "internal error (KeyError)" in err and MARKER not in err
    log_text = (medlocal_home / "logs" / "medlocal.log").read_text()
    assert "internal error (KeyError)" in log_text and MARKER not in log_text


def test_native_crash_log_is_open_from_the_start_and_offered_at_the_next(
    medlocal_home: Path,
) -> None:
    native = medlocal_home / "logs" / crash.NATIVE_LOG_NAME
    crashed = run_child(
        """
        import faulthandler
        from medlocal import crash
        crash.install_crash_handler()
        faulthandler._sigsegv()
        """,
        medlocal_home,
    )
    assert crashed.returncode != 0
    assert native.stat().st_mode & 0o777 == 0o600
    assert "Segmentation fault" in native.read_text()
    assert crash.pending_crash_reports() == []  # not offered while it may still be written

    crash.install_crash_handler()  # the next start
    try:
        (report,) = crash.pending_crash_reports()
        assert "native crash in an earlier run" in report.read_text()
        assert "Segmentation fault" in report.read_text()
        assert native.read_text() == ""
        shown = crash.mark_crash_report_shown(report)
        assert shown.exists() and crash.pending_crash_reports() == []
    finally:
        faulthandler.enable(file=sys.__stderr__)


def test_main_enables_the_native_crash_log(medlocal_home: Path) -> None:
    proc = run_child(
        """
        import faulthandler
        from medlocal.cli import main
        main(["doctor", "--json"])
        assert faulthandler.is_enabled()
        """,
        medlocal_home,
    )
    assert proc.returncode == 0, proc.stderr
    assert (medlocal_home / "logs" / crash.NATIVE_LOG_NAME).exists()


def test_report_keeps_the_chain_of_types_but_no_messages(medlocal_home: Path) -> None:
    try:
        try:
            {}[MARKER]
        except KeyError as inner:
            raise RuntimeError(f"wrapped {MARKER}") from inner
    except RuntimeError as exc:
        path = crash.write_crash_report(exc)
    text = path.read_text()
    assert "builtins.RuntimeError" in text and "builtins.KeyError" in text
    assert "test_crash.py:" in text and MARKER not in text
    assert "python:" in text and "medlocal:" in text and "platform:" in text


def test_doctor_lists_pending_crash_reports(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor"]) == 0
    assert "0 unread crash report(s)" in capsys.readouterr().out
    report = crash.write_crash_report(ValueError(MARKER))
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "1 unread crash report(s)" in out and str(report) in out


def test_a_native_crash_report_holds_no_home_folder(
    medlocal_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 27: faulthandler writes each frame's absolute path (the install path, so the home
    folder and the user's name); the report cuts them as a Python report does."""
    home = tmp_path / "home" / "annwyn.trelawney"
    code = home / "clinic tools"
    code.mkdir(parents=True)
    (code / "crashy_module.py").write_text(
        "import faulthandler\n\ndef fall_over():\n    faulthandler._sigsegv()\n"
    )
    monkeypatch.setenv("HOME", str(home))
    crashed = run_child(
        f"""
        import sys
        sys.path.insert(0, {str(code)!r})
        from medlocal import crash
        crash.install_crash_handler()
        import crashy_module
        crashy_module.fall_over()
        """,
        medlocal_home,
    )
    assert crashed.returncode != 0
    native = (medlocal_home / "logs" / crash.NATIVE_LOG_NAME).read_text()
    assert str(code / "crashy_module.py") in native  # as faulthandler wrote it

    crash.install_crash_handler()  # the next start
    try:
        (report,) = crash.pending_crash_reports()
        text = report.read_text()
        assert 'File "crashy_module.py", line 4 in fall_over' in text
        assert 'File "/' not in text  # no frame keeps an absolute path
        assert "annwyn" not in text and str(tmp_path) not in text
    finally:
        faulthandler.enable(file=sys.__stderr__)


def test_native_stacks_name_the_home_folder_as_a_tilde(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/annwyn")
    stacks = "Fatal Python error: Segmentation fault\n\n  <no Python frame> in /home/annwyn/x.so\n"
    assert crash.native_stacks_without_paths(stacks).endswith("in ~/x.so\n")


def test_frames_of_a_bundle_keep_their_package_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 54b: in the PyInstaller bundle a module's file is already relative to its import
    root ("medlocal/privacy/deid_vehicle_nearby.py", "re/__init__.py"); reports cut it to the
    bare name ("__init__.py": which package?). README promises `medlocal/crash.py`."""
    internal = tmp_path / "home" / "annwyn" / "medlocal" / "_internal"  # a frozen-like layout
    monkeypatch.setattr(sys, "path", [str(internal / "base_library.zip"), str(internal)])
    monkeypatch.setenv("HOME", str(tmp_path / "home" / "annwyn"))
    stacks = (
        "Fatal Python error: Segmentation fault\n\n"
        "Thread 0x01 (most recent call first):\n"
        '  File "re/__init__.py", line 227 in compile\n'
        '  File "medlocal/privacy/deid_vehicle_nearby.py", line 40 in <module>\n'
        f'  File "{internal / "medlocal" / "crash.py"}", line 9 in install\n'
        '  File "<frozen importlib._bootstrap>", line 1 in _load\n'
    )
    cut = crash.native_stacks_without_paths(stacks)
    assert 'File "re/__init__.py", line 227' in cut
    assert 'File "medlocal/privacy/deid_vehicle_nearby.py", line 40' in cut
    assert 'File "medlocal/crash.py", line 9' in cut  # an absolute one under an import root
    assert 'File "<frozen importlib._bootstrap>"' in cut
    assert "annwyn" not in cut and str(tmp_path) not in cut
    # A relative path that climbs out of its root, or a file under no root, keeps its name only.
    assert crash._short_path("../../home/annwyn/notes/tool.py") == "tool.py"
    assert crash._short_path(str(tmp_path / "elsewhere" / "tool.py")) == "tool.py"


def test_a_python_report_in_a_bundle_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same for an uncaught exception's frames (describe_exception): a frame whose code was
    # compiled with a bundle's relative file name keeps the package path.
    code = compile(
        "def fail():\n    raise ValueError('patient text')\n", "medlocal/ui/x.py", "exec"
    )
    space: dict[str, object] = {}
    exec(code, space)
    try:
        space["fail"]()  # type: ignore[operator]
    except ValueError as exc:
        lines = crash.describe_exception(exc)
    assert any(line.strip().startswith("medlocal/ui/x.py:2 in fail") for line in lines), lines
    assert not any("patient text" in line for line in lines)
