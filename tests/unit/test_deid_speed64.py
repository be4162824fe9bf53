"""Session 64 (speed): whole-text searches that ran plain go through skipped_finditer.

Session 63's vehicle and age finders (deid_vehicle_codes_more, deid_age_cues_more) searched a
20-page record with sixteen plain finditer calls, ~60 ms of its ~1.1 s; the saints' places and
ten older finders searched it plain too. Through skipped_finditer (the cue index, the
word-start keys, the skippers) a record without their cues is turned away at once.

skipped_finditer's contract is ``pattern.finditer(text)``: each routed search must find exactly
what the plain search finds, each finder must give what it gave with plain searches, and the
comparisons must catch a dropped match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fixtures.deid_corpus import load

# Session 63's helpers: a match's span and groups, a module by name, the development halves
# (never a held-out half) and a record of their notes.
from test_deid_speed63 import (
    _DEVELOPMENT,
    _development_record,
    _Found,
    _found,
    _module,
    _spans,
)

from medlocal.privacy.deid_first_characters import skipped_finditer, skipper_of
from medlocal.privacy.deid_keyed_finders import keyed_matches
from medlocal.privacy.deid_shared_cues import cue_regions, forget_text_cues, keep_text_cues
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import PatientIdentity, Redactor

# The searches this session sends through skipped_finditer: (module, pattern's name).
_ROUTED = (
    ("deid_vehicle_codes_more", "_NUMBERED"),
    ("deid_vehicle_codes_more", "_CALL_NAME"),
    ("deid_vehicle_codes_more", "_DIGIT_PLATE"),
    ("deid_vehicle_codes_more", "_SWEDISH_AMBULANCE"),
    ("deid_vehicle_codes_more", "_AIRCRAFT"),
    ("deid_vehicle_codes_more", "_LIFE_SUPPORT_UNIT"),
    ("deid_vehicle_codes_more", "_EMIRATES_PLATE"),
    ("deid_vehicle_codes_more", "_STATION_NUMBER"),
    ("deid_vehicle_codes_more", "_MEDALLION"),
    ("deid_vehicle_codes_more", "_CLINICAL_LETTERS_PLATE"),
    ("deid_vehicle_codes_more", "_SHIP"),
    ("deid_age_cues_more", "_ITALIAN"),
    ("deid_age_cues_more", "_ITALIAN_OVER_NINETY"),
    ("deid_age_cues_more", "_AGE_WORD_FIRST"),
    ("deid_age_cues_more", "_SPANISH_A"),
    ("deid_age_cues_more", "_GERMAN"),
    ("deid_saint_names", "_SAINT"),
    ("deid_saint_names", "_DEDICATION"),
    ("deid_spelled_emails", "_SPELLED"),
    ("deid_dates", "_NUMERIC_DATE"),
    ("deid_hl7", "_SEGMENT"),
    ("deid_place_suffixes", "_NAMED"),
    ("deid_place_suffixes", "_MILE"),
    ("deid_facility_bridges", "_LOWER_SAINT"),
    ("deid_bar_letterheads", "_BAR_STREET"),
    ("deid_org_forms", "_HEAD_FOR"),
    ("deid_staff_initials", "_ACTION_OWNER"),
    ("deid_lower_people", "_ROLE_AFTER"),
)
_CHANGED = sorted({module for module, _ in _ROUTED})

# Lines in the shapes the routed searches were written for (their modules' own examples),
# so that each comparison below has matches to lose.
_PROBES = (
    "Бригада № 117 прибыла. véhicule n° 12 sur place. Krankenwagen Nr. 41, mezzo n. 4.\n"
    "Callsign: roepnaam Zwolle 12; позывной Берёза 4; nominativo Alfa 14; экипаж А-17.\n"
    "Transferred from the vessel MV Ocean Star (IMO 9241061), cabin 4 aboard the ferry.\n"
    "Medevac flight, leg 2 on C-GMLQ, tail N417GC to the base.\n"
    "רכב מספר רישוי 71-441-82 בחניה. Ambulans 3 30-9120 hämtade.\n"
    "Karetka PO 4417C przyjechala. Unidad SVA Bizkaia 03 en el lugar.\n"
    "Ambulance Sharjah 3 21877 at the door. RTW 4/83-2 alarmiert. Taxi medallion 4J19.\n"
    "Paziente di anni 94, vedova. Sig.ra B., anni 97, vive sola. Age in years: 99.\n"
    "Paciente de 93 a., caída. Sie ist einundneunzig Jahre alt, im dreiundneunzigsten "
    "Lebensjahr.\n"
    "Lives near St Mary's Church in St. Ives; our parish of St Anne of Cleves.\n"
    "Write to maria [at] gmail [dot] com or k.lee at outlook dot com.\n"
    "Seen 14/03/2021 and 03.04.2022 and 2/11/21.\n"
    "PID|1||449913^^^MRN||Okafor^Miriam||19510417|F\n"
    "Lives at Millbrook Heights, 3 Mile Plains, from Hollyfield Village.\n"
    "Attends st bridget's school; st anne's parish hall.\n"
    "Okafor Builders | 14 Harbour Road, Dunmore\n"
    "Trust for Rural Carers and the Society of Friends of Kilmore helped.\n"
    "RJ to arrange echo. MO to review bloods.\n"
    "Spoke to Miriam (the carer) and Tomasz (nurse).\n"
)


def _routed_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(f"{module}.{name}", getattr(_module(module), name)) for module, name in _ROUTED]


@pytest.fixture(scope="module")
def development() -> str:
    """Every third development half's notes joined, the probe lines among them."""
    notes = [note.text for half in _DEVELOPMENT[::3] for note in load(half)]
    middle = len(notes) // 2
    return "\n".join([*notes[:middle], _PROBES, *notes[middle:], _PROBES])


def _record() -> str:
    """About 60,000 characters of development notes, as a 20-page record is read, and the
    probe lines."""
    return _development_record(60_000) + _PROBES


@contextmanager
def _cues_kept(text: str) -> Iterator[None]:
    """``text``'s cue index kept, as the redactor keeps it for the text it reads."""
    keep_text_cues(text)
    try:
        yield
    finally:
        forget_text_cues()


def _as_routed(
    text: str, search: Callable[[re.Pattern[str], str], Iterator[re.Match[str]]]
) -> dict[str, _Found]:
    with _cues_kept(text):
        return {name: _found(search(pattern, text)) for name, pattern in _routed_patterns()}


def test_routed_searches_find_what_finditer_finds(development: str) -> None:
    plain = {name: _found(pattern.finditer(development)) for name, pattern in _routed_patterns()}
    assert _as_routed(development, skipped_finditer) == plain
    # The comparison means something: nearly every routed pattern matches somewhere.
    missing = [name for name, found in plain.items() if not found]
    assert len(missing) <= 3, missing


def test_the_routed_comparison_catches_a_dropped_match(development: str) -> None:
    def dropping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        return iter(list(skipped_finditer(pattern, text))[:-1])  # the last match lost

    plain = {name: _found(pattern.finditer(development)) for name, pattern in _routed_patterns()}
    routed = _as_routed(development, dropping)
    assert sum(1 for name in plain if routed[name] != plain[name]) >= len(_ROUTED) - 3


def test_the_routed_searches_take_a_quicker_way() -> None:
    """On a 20-page record every routed pattern is keyed by its words' openings, turned away
    by the cue index or searched with its skipper: each ran plain before."""
    record = _record()
    with _cues_kept(record):
        plain_only = [
            name
            for name, pattern in _routed_patterns()
            if cue_regions(pattern, record) is None
            and keyed_matches(pattern, record) is None
            and skipper_of(pattern) is None
        ]
    assert plain_only == []


def test_the_changed_modules_search_through_skipped_finditer() -> None:
    """Each routed module holds skipped_finditer by name, and calls it with each routed
    pattern (none is left as ``NAME.finditer(text)``)."""
    for module, name in _ROUTED:
        assert _module(module).skipped_finditer is skipped_finditer
        source = Path(_module(module).__file__ or "").read_text(encoding="utf-8")
        assert f"{name}.finditer(text)" not in source, (module, name)


def _finder_outputs(text: str) -> list[list[tuple[int, int, str, str]]]:
    """What each changed finder gives on ``text`` (its cue index kept, as the redactor does)."""
    from medlocal.privacy import (
        deid_age_cues_more,
        deid_dates,
        deid_hl7,
        deid_place_suffixes,
        deid_saint_names,
        deid_spelled_emails,
        deid_vehicle_codes_more,
    )

    def spans(reds: Iterable[Redaction]) -> list[tuple[int, int, str, str]]:
        return [(red.start, red.end, red.kind, red.original) for red in reds]

    with _cues_kept(text):
        return [
            spans(deid_vehicle_codes_more.vehicle_code_candidates(text)),
            spans(deid_age_cues_more.age_cue_candidates(text)),
            spans(deid_saint_names.saint_place_candidates(text)),
            spans(deid_spelled_emails.spelled_email_candidates(text)),
            spans(deid_hl7.hl7_candidates(text)),
            spans(deid_place_suffixes.suffixed_place_spans(text)),
            [(0, 0, "tally", repr(deid_dates._numeric_tally(text)))],
        ]


def _plain(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return pattern.finditer(text)


def test_the_finders_give_what_plain_searches_give(monkeypatch: pytest.MonkeyPatch) -> None:
    record = _record()
    now = _finder_outputs(record)
    assert sum(len(found) for found in now[:6]) >= 15  # vehicles, ages, saints, e-mails ...
    for module in _CHANGED:
        monkeypatch.setattr(_module(module), "skipped_finditer", _plain)
    assert _finder_outputs(record) == now


def test_redactor_output_unchanged_by_the_routed_searches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = _record()
    notes = load("dev")
    identity = PatientIdentity(notes[0].patient_name, notes[0].mrn, notes[0].dob)
    now = _spans(Redactor(identity, shift_days=40).preview(text))
    for module in _CHANGED:
        monkeypatch.setattr(_module(module), "skipped_finditer", _plain)
    assert _spans(Redactor(identity, shift_days=40).preview(text)) == now
    assert len(now) > 1000
