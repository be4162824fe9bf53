from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.errors import UserInputError
from medlocal.settings import Settings, load_settings, save_settings, settings_path, update_setting


def test_defaults_without_file(medlocal_home: Path) -> None:
    assert load_settings() == Settings()
    assert not settings_path().exists()


def test_round_trip_and_private_location(medlocal_home: Path) -> None:
    update_setting("temperature", "0.5")
    update_setting("import_max_mb", "50")
    loaded = load_settings()
    assert loaded.temperature == 0.5 and loaded.import_max_mb == 50
    path = settings_path()
    assert str(path).startswith(str(medlocal_home))
    assert "version = 1" in path.read_text()


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("nope", "1", "unknown setting"),
        ("max_tokens", "lots", "needs a whole number"),
        ("max_tokens", "12.5", "needs a whole number"),
        ("temperature", "warm", "needs a number"),
        ("temperature", "nan", "needs a number"),
        ("temperature", "inf", "needs a number"),
        ("model_check", "-inf", "needs a number"),
        ("model_check", "1.5", "at most 1"),
        ("temperature", "9", "at most 2"),
        ("max_tokens", "0", "at least 16"),
        ("temperature", "-1", "at least 0"),
    ],
)
def test_bad_values_are_refused_and_file_unchanged(
    medlocal_home: Path, name: str, value: str, fragment: str
) -> None:
    save_settings(Settings(max_tokens=99))
    before = settings_path().read_bytes()
    with pytest.raises(UserInputError, match=fragment):
        update_setting(name, value)
    assert settings_path().read_bytes() == before


def test_corrupt_or_newer_file_gets_clear_error(medlocal_home: Path) -> None:
    settings_path().write_text("temperature = [")
    with pytest.raises(UserInputError, match="not valid TOML"):
        load_settings()
    settings_path().write_text("version = 99\n")
    with pytest.raises(UserInputError, match="newer MedLocal"):
        load_settings()


def test_unknown_keys_from_newer_minor_release_are_ignored(medlocal_home: Path) -> None:
    settings_path().write_text("version = 1\nseed = 7\nfuture_option = true\n")
    assert load_settings().seed == 7


def test_file_values_of_the_wrong_kind_name_the_file(medlocal_home: Path) -> None:
    for text in ("max_tokens = 96.7\n", "max_tokens = true\n", "temperature = nan\n"):
        settings_path().write_text(text)
        with pytest.raises(UserInputError, match=r"settings\.toml: setting .* needs"):
            load_settings()
    settings_path().write_text("max_tokens = 96.0\ntemperature = 1\n")
    loaded = load_settings()
    assert loaded.max_tokens == 96 and loaded.temperature == 1.0


def test_set_repairs_a_bad_value_in_the_file(medlocal_home: Path) -> None:
    settings_path().write_text("version = 1\ntemperature = inf\nseed = 7\n")
    assert update_setting("temperature", "0.3") == Settings(temperature=0.3, seed=7)
    assert load_settings() == Settings(temperature=0.3, seed=7)


def test_a_backup_folder_is_stored_as_a_full_path(
    medlocal_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 30: `settings set backup_folder stickrel` was stored as typed, and each `vault
    backup` made its own "stickrel" under the folder it ran in."""
    here = tmp_path / "clinic"
    here.mkdir()
    monkeypatch.chdir(here)
    assert update_setting("backup_folder", "stickrel").backup_folder == str(here / "stickrel")
    monkeypatch.chdir(tmp_path)
    assert load_settings().backup_folder == str(here / "stickrel")  # not under the new folder
    monkeypatch.setenv("HOME", str(tmp_path))
    assert update_setting("backup_folder", "~/usb").backup_folder == str(tmp_path / "usb")
    assert update_setting("backup_folder", "").backup_folder == ""  # unset: no folder


def test_a_relative_backup_folder_in_the_file_is_refused(medlocal_home: Path) -> None:
    from medlocal.settings import SettingsFileError

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('version = 1\nbackup_folder = "stickrel"\n', encoding="utf-8")
    with pytest.raises(SettingsFileError, match="needs a folder's full path"):
        load_settings()
