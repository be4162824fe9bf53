"""Login names (deid_login_names): the user names a record system or an office file's note
writes for a clinician go as names; clinical words after the same cues stay."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_login_names import login_name_spans
from medlocal.privacy.deid_spans import Redaction
from tests.fixtures.deid_rules import gone, kept_words


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("Results verified by user SMITHK1 at 09:14", "SMITHK1"),
        ("Last modified by NHS\\jokafor on 3 March", "jokafor"),
        ("Author: JOkafor", "JOkafor"),
        ("Comment by kate.smith: repeat potassium tomorrow", "smith"),
        ("Report authorised by j.okafor (consultant)", "okafor"),
        ("Username: ksmith2 | Workstation 14", "ksmith2"),
        ("Logged in as a_patel when the order was placed", "patel"),
        ("User: mwanjiru", "mwanjiru"),
        ("Transcribed by user okafo01", "okafo01"),
        ("Audit trail: TRUST\\ksmith opened the record", "ksmith"),
    ],
)
def test_a_login_that_names_a_clinician_is_removed(text: str, login: str) -> None:
    gone(text, login)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Reviewed by ST3 on the ward; seen by FY1", ("ST3", "FY1")),
        ("Results verified by user PGY2", ("PGY2",)),
        ("Letter sent by NHSmail to the GP", ("NHSmail",)),
        ("Given by mouth, reviewed by e.g. physio", ("mouth", "physio")),
        ("IV drug user since 2015; cannabis user (daily)", ("since", "daily")),
        ("Discussed with the author of the report", ("author", "report")),
        ("Accessed by user steroids", ("steroids",)),
        ("IV drug user since 2019; user reports login issues.", ("reports", "issues")),
        ("Results entered by user Results1 template", ("Results1",)),
        ("Checked by HbA1c point-of-care meter", ("HbA1c",)),
        ("Ordered by protocol B12 replacement", ("protocol",)),
    ],
)
def test_clinical_words_after_the_same_cues_stay(text: str, words: tuple[str, ...]) -> None:
    kept_words(text, *words)


def test_a_found_name_grows_over_the_login_a_full_stop_joins_to_it() -> None:
    text = "note by kate.smith and j.okafor; email kate.smith@nhs.net"
    kate = text.index("kate")
    okafor = text.index("okafor")
    found = [
        Redaction("name", kate, kate + 4, "kate", "[NAME]"),
        Redaction("name", okafor, okafor + 6, "okafor", "[NAME]"),
    ]
    grown = {r.original for r in login_name_spans(text, found, lexicon())}
    assert grown == {"kate.smith", "j.okafor"}


def test_a_file_name_after_a_cue_is_no_login() -> None:
    spans = list(login_name_spans("Uploaded by letter.pdf from the scanner", [], lexicon()))
    assert spans == []
