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


@pytest.mark.parametrize("typed", ["14/03/1948", "03/14/1948", "14.03.1948"])
def test_digits_in_another_order_are_refused_naming_the_form_and_why(
    typed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Strict on purpose: even 14/03/1948 (the day can only be 14) is refused, as a rule that
    takes it would take 03/04/1948 as one of two dates; the message says so."""
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["patient", "add", "--name", "A B", "--dob", typed])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Write the date of birth as YYYY-MM-DD, e.g. 1948-03-14 for 14 March 1948" in err
    assert f"'{typed}' is not taken, as day/month or month/day would be a guess" in err


def test_other_text_is_refused_with_the_form_and_an_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["patient", "add", "--name", "A B", "--dob", "14 Mar 1948"])
    err = capsys.readouterr().err
    assert "Write the date of birth as YYYY-MM-DD, e.g. 1948-03-14 for 14 March 1948." in err
