"""A hand-edited or damaged settings file: one clean error naming the file (exit 2), never an
internal error; ``doctor`` reports it and carries on; answer-length and context bounds."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel

from medlocal.app import Workspace
from medlocal.engine.api import ChatMessage
from medlocal.errors import ContextBudgetError, UserInputError
from medlocal.rag.context import fit_passages
from medlocal.settings import (
    Settings,
    SettingsFileError,
    coerce_setting,
    load_settings,
    reset_settings_file,
    settings_path,
    update_setting,
)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('version = "abc"\n', "not a settings version"),
        ("version = 0\n", "not a settings version"),
        ("version = -3\n", "not a settings version"),
        ("version = 1.7\n", "not a settings version"),
        ("version = true\n", "not a settings version"),
        ("threads = [1]\n", "needs a whole number"),
        ("temperature = {a = 1}\n", "needs a number"),
        ('theme = ["dark"]\n', "needs text"),
        ("backup_folder = 1979-05-27\n", "needs text"),
        ("threads = = 3", "not valid TOML"),
    ],
)
def test_hand_edited_values_give_the_clean_error(
    medlocal_home: Path, text: str, fragment: str
) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(text)
    with pytest.raises(SettingsFileError, match=fragment) as caught:
        load_settings()
    assert caught.value.path == settings_path()
    assert str(caught.value).startswith(str(settings_path()))
    assert str(caught.value).endswith("fix or delete it")


def test_settings_file_that_is_a_folder(medlocal_home: Path) -> None:
    settings_path().mkdir(parents=True)
    with pytest.raises(SettingsFileError, match="cannot be read"):
        load_settings()
    backup = reset_settings_file()
    assert backup is not None and backup.is_dir() and backup.name.startswith("settings.toml.bad-")
    assert load_settings() == Settings()


def test_reset_keeps_the_bad_file(medlocal_home: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("threads = = 3")
    backup = reset_settings_file()
    assert backup is not None and backup.read_text() == "threads = = 3"
    assert not settings_path().exists()
    assert load_settings() == Settings()
    assert reset_settings_file() is None


def test_whole_version_still_loads(medlocal_home: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("version = 1.0\nseed = 3\n")
    assert load_settings().seed == 3


def test_doctor_reports_the_bad_file_and_carries_on(medlocal_home: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("threads = = 3")
    with Workspace(medlocal_home / "vault") as ws:
        report = ws.doctor()
    assert "not valid TOML" in report.settings_problem
    lines = "\n".join(report.lines())
    assert "Settings:  PROBLEM:" in lines and str(settings_path()) in lines
    assert "Models:" in lines and "Offline:" in lines  # the other checks still ran
    assert report.as_dict()["settings_problem"] == report.settings_problem


def test_doctor_command_exits_zero_with_a_bad_file(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from medlocal.cli import main

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("threads = = 3")
    assert main(["doctor"]) == 0
    assert "Settings:  PROBLEM:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("max_tokens", "99999999", "at most 32768"),
        ("max_tokens", "8", "at least 16"),
        (
            "context_tokens",
            "100",
            r"Context size \(tokens\) must be at least 512, not 100: its range is 512 to 131072 "
            r"\(or 0 for the model.s own\)",
        ),
        ("context_tokens", "200000", "at most 131072"),
    ],
)
def test_answer_and_context_bounds(
    medlocal_home: Path, name: str, value: str, fragment: str
) -> None:
    with pytest.raises(UserInputError, match=fragment):
        update_setting(name, value)
    assert not settings_path().exists()


def test_context_zero_means_auto_and_bounds_are_inclusive() -> None:
    assert coerce_setting("context_tokens", "0") == 0
    assert coerce_setting("context_tokens", "512") == 512
    assert coerce_setting("context_tokens", "131072") == 131072
    assert coerce_setting("max_tokens", "16") == 16
    assert coerce_setting("max_tokens", "32768") == 32768


def test_answer_too_long_for_the_window_names_the_setting() -> None:
    model = FakeChatModel("", n_ctx=512)

    def build(passages, history):  # type: ignore[no-untyped-def]
        return [ChatMessage("user", "q")]

    with pytest.raises(ContextBudgetError) as caught:
        fit_passages(model, [], build, max_tokens=600)
    message = str(caught.value)
    assert "max_tokens = 600" in message and "512 tokens" in message
    assert "medlocal settings set max_tokens 128" in message and "Settings" in message


def test_a_change_made_elsewhere_is_used_and_not_undone(medlocal_home: Path) -> None:
    workspace = Workspace()
    assert workspace.settings.threads == Settings().threads
    # `medlocal settings set` in a terminal while the window is open...
    update_setting("threads", "3")
    assert workspace.settings.threads == 3
    # ...and the window then saves a setting of its own: the terminal's change stays.
    workspace.update_settings(theme="dark")
    saved = load_settings()
    assert saved.threads == 3 and saved.theme == "dark"


def test_a_file_damaged_elsewhere_keeps_the_settings_in_use(
    medlocal_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    workspace = Workspace()
    workspace.update_settings(threads=2)
    settings_path().write_text("threads = = 3")
    assert workspace.settings.threads == 2
    assert "cannot be used" in caplog.text


def test_a_change_made_elsewhere_takes_effect_as_a_window_change_does(
    medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The auto-lock countdown and the reranker follow a `medlocal settings set` made in a
    # terminal, as they follow the settings dialog: not only the next save.
    workspace = Workspace()
    effects: list[str] = []
    monkeypatch.setattr(workspace._session, "idle_setting_changed", lambda: effects.append("idle"))
    monkeypatch.setattr(workspace._models, "unload", lambda role: effects.append(role))
    assert workspace.settings.auto_lock_minutes == Settings().auto_lock_minutes
    update_setting("auto_lock_minutes", str(Settings().auto_lock_minutes + 5))
    assert workspace.settings.auto_lock_minutes == Settings().auto_lock_minutes + 5
    assert effects == ["idle"]
    update_setting("rerank", "off" if Settings().rerank == "auto" else "auto")
    workspace.settings  # noqa: B018 - the next use reads the file again
    assert effects == ["idle", "reranker"]
    workspace.settings  # noqa: B018 - an unchanged file does nothing more
    assert effects == ["idle", "reranker"]


def test_a_file_from_a_newer_medlocal_is_a_settings_file_error(medlocal_home: Path) -> None:
    settings_path().write_text("version = 99\n", encoding="utf-8")
    with pytest.raises(SettingsFileError, match=r"newer MedLocal.*; update MedLocal"):
        load_settings()


def test_ranges_are_said_with_real_bounds_not_the_number_types_limit() -> None:
    """Walk 39b: "its range is 0 to 2147483647" (auto-lock), "1 to 2147483647" (largest
    import): a real bound where one means something, else "at least N"."""
    from medlocal.settings import AUTO_LOCK_MAX_MINUTES, range_text

    assert range_text("auto_lock_minutes") == f"0 to {AUTO_LOCK_MAX_MINUTES}"
    assert range_text("import_max_mb") == "at least 1"
    assert range_text("seed") == "at least 0"
    for name in Settings.__dataclass_fields__:
        assert "2147483647" not in range_text(name)
    with pytest.raises(UserInputError) as caught:
        coerce_setting("import_max_mb", 0)
    assert str(caught.value) == "Largest import (MB) must be at least 1, not 0"
    with pytest.raises(UserInputError) as caught:
        coerce_setting("auto_lock_minutes", 100_000)
    assert str(caught.value) == (
        "Auto-lock after (minutes) must be at most 1440, not 100000: its range is 0 to 1440"
    )


def test_threads_beyond_four_per_cpu_are_refused_when_set_not_when_read(
    medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 39b: 999 threads were saved on a 2-core machine without a word. The bound is this
    computer's: set here, it is refused; in a file written on a larger computer, it is read."""
    from medlocal.settings import range_text

    monkeypatch.setattr("medlocal.settings.os.cpu_count", lambda: 2)
    assert range_text("threads") == "0 to 8"
    assert coerce_setting("threads", 8) == 8
    with pytest.raises(UserInputError) as caught:
        update_setting("threads", "999")
    assert str(caught.value) == (
        "CPU threads must be at most 8, not 999: this computer has 2 logical CPUs, and more "
        "than 4 threads per CPU only slow the model down (0 = as many as the physical cores)"
    )
    assert not settings_path().exists()  # nothing saved
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("threads = 32\n")
    assert load_settings().threads == 32


def test_an_auto_lock_of_more_than_a_day_saved_before_its_bound_opens_as_a_day(
    medlocal_home: Path,
) -> None:
    """Auto-lock gained a real maximum (a day) in session 39: a file saved before with more
    opens with a day instead of failing as a whole (the window would offer only a reset)."""
    from medlocal.settings import AUTO_LOCK_MAX_MINUTES

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("version = 1\nauto_lock_minutes = 5000\ntemperature = 0.3\n")
    loaded = load_settings()
    assert loaded.auto_lock_minutes == AUTO_LOCK_MAX_MINUTES
    assert loaded.temperature == 0.3  # the rest of the file kept
    with pytest.raises(UserInputError):  # setting it is still refused
        update_setting("auto_lock_minutes", "5000")
