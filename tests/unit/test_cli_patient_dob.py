"""A date of birth in the future is refused ('patient add --dob 2099-01-01' was stored)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from medlocal.cli import build_parser


def test_future_date_of_birth_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["patient", "add", "--name", "A B", "--dob", tomorrow])
    assert stopped.value.code == 2
    assert "in the future" in capsys.readouterr().err


def test_past_and_basic_form_dates_are_normalised() -> None:
    args = build_parser().parse_args(["patient", "add", "--name", "A B", "--dob", "19700131"])
    assert args.dob == "1970-01-31"
    today = date.today().isoformat()
    assert build_parser().parse_args(["patient", "add", "--name", "A", "--dob", today]).dob == today
