"""Session 36 (speed): the date redactor reads a text's own day order once (the candidates and
the undated dates both ask) and lets the text go after each preview."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy import deid_dates
from medlocal.privacy.redact import PatientIdentity, Redactor


def test_a_texts_day_order_is_read_once_and_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = deid_dates.writes_day_first

    def counted(text: str) -> bool | None:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(deid_dates, "writes_day_first", counted)
    redactor = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)
    text = "Seen 25/03/2025 (colour). Review on 3/4 and again 12/4."
    redacted = redactor.redact(text)
    assert "25/03/2025" not in redacted
    assert calls == [text]  # read once, where the candidates and the undated dates both ask
    assert redactor._dates._own_order is None  # the text is not kept after the preview
    # Another text is read for itself, not given the last text's order.
    redactor.redact("Seen 03/25/2025, color. Review on 4/3.")
    assert len(calls) == 2


def test_the_day_order_is_the_texts_own_after_another_text() -> None:
    redactor = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)
    day_first = redactor.preview("Seen 25/03/2025. Review 4/3/2025.")
    month_first = redactor.preview("Seen 03/25/2025. Review 4/3/2025.")
    assert day_first[-1].replacement != month_first[-1].replacement
