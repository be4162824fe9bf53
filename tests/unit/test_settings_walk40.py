"""Walk 40: a hand-edited settings file's unknown key ("temprature = 1.9") is named, never
silently ignored; choices take any case; whole numbers read alike from the terminal and the
file; a blank backup folder is said to be blank."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from medlocal import settings as settings_module
from medlocal.cli import main
from medlocal.errors import UserInputError
from medlocal.settings import (
    Settings,
    coerce_setting,
    load_settings,
    save_settings,
    settings_path,
    update_setting,
)


def _write(text: str) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(text, encoding="utf-8")


TYPO = "'temprature' is not a setting (did you mean temperature?): it is ignored"


def test_an_unknown_key_is_named_with_the_setting_it_likely_means(medlocal_home: Path) -> None:
    _write("version = 1\ntemprature = 1.9\nunknown_key = 5\n")
    notes = settings_module.unknown_settings()
    assert len(notes) == 2
    assert notes[0].startswith(TYPO) and "so temperature stays 0.2" in notes[0]
    assert notes[1] == "'unknown_key' is not a setting: it is ignored; correct or delete that line"
    assert load_settings() == Settings()  # usable: the app still runs, with the key ignored


def test_the_stays_value_is_the_files_own(medlocal_home: Path) -> None:
    _write("temperature = 0.7\ntemprature = 1.9\n")
    assert "so temperature stays 0.7" in settings_module.unknown_settings()[0]


def test_loading_logs_the_unknown_key(
    medlocal_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write("temprature = 1.9\n")
    with caplog.at_level(logging.WARNING, logger="medlocal.settings"):
        load_settings()
    assert any(TYPO in record.getMessage() for record in caplog.records)


def test_settings_show_and_doctor_name_the_unknown_key(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write("temprature = 1.9\n")
    assert main(["settings", "show"]) == 0
    captured = capsys.readouterr()
    assert TYPO in captured.err and "temperature" in captured.out
    assert main(["settings", "show", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["temperature"] == 0.2 and TYPO in captured.err
    assert main(["doctor"]) == 0
    assert f"Settings:  WARNING: {TYPO}" in capsys.readouterr().out
    assert main(["doctor", "--json"]) == 0
    assert TYPO in json.loads(capsys.readouterr().out)["settings_unknown"][0]


def test_settings_set_keeps_unknown_keys_and_says_them(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write("temprature = 1.9\nfuture_option = true\n")
    assert main(["settings", "set", "seed", "7"]) == 0
    assert TYPO in capsys.readouterr().err
    text = settings_path().read_text()
    assert "temprature = 1.9" in text and "future_option = true" in text
    assert load_settings().seed == 7
    save_settings(Settings(seed=8))
    assert "future_option = true" in settings_path().read_text()


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        ("ocr", "ON", "on"),
        ("ocr", " Off ", "off"),
        ("theme", "DARK", "dark"),
        ("rerank", "Auto", "auto"),
    ],
)
def test_choices_take_any_case_and_store_the_canonical_form(
    medlocal_home: Path, name: str, typed: str, stored: str
) -> None:
    assert getattr(update_setting(name, typed), name) == stored
    assert f'{name} = "{stored}"' in settings_path().read_text()
    _write(f'{name} = "{typed}"\n')
    assert getattr(load_settings(), name) == stored


def test_a_wrong_choice_still_names_the_choices(medlocal_home: Path) -> None:
    with pytest.raises(UserInputError, match="must be one of: system, light, dark, not 'blue'"):
        update_setting("theme", "blue")


@pytest.mark.parametrize("typed", ["512.0", "5.12e2", " 512 "])
def test_an_integral_number_is_a_whole_number_from_the_terminal_too(
    medlocal_home: Path, typed: str
) -> None:
    assert update_setting("max_tokens", typed).max_tokens == 512
    assert "max_tokens = 512\n" in settings_path().read_text()
    _write(f"max_tokens = {typed.strip()}\n")
    assert load_settings().max_tokens == 512


@pytest.mark.parametrize("value", ["512.7", 512.7])
def test_a_fraction_is_refused_alike_from_the_terminal_and_the_file(
    medlocal_home: Path, value: object
) -> None:
    with pytest.raises(UserInputError, match=r"needs a whole number, not '512\.7': a fraction is"):
        coerce_setting("max_tokens", value)
    _write("max_tokens = 512.7\n")
    with pytest.raises(UserInputError, match="a fraction is not rounded"):
        load_settings()


def test_a_blank_backup_folder_is_said_to_be_blank(medlocal_home: Path) -> None:
    with pytest.raises(UserInputError, match=r"is blank \('   '\).* an empty value") as caught:
        update_setting("backup_folder", "   ")
    assert "relative" not in str(caught.value)
    assert update_setting("backup_folder", "").backup_folder == ""


def test_a_value_too_low_names_the_zero_that_is_also_taken() -> None:
    """Review 49b R10: "must be at least 1" hid that 0 (keep all) is taken too."""
    from medlocal.settings import SettingValueError, coerce_setting

    with pytest.raises(SettingValueError) as refused:
        coerce_setting("backup_keep", "-1")
    assert "must be at least 1 (or 0 for all), not -1" in str(refused.value)
    assert coerce_setting("backup_keep", "0") == 0
