"""Session 36 (speed): the date forms, the day-order tallies, the check-digit codes and the
finders' patterns whose skipper paid most on the 20-page record search a long text with that
skipper (deid_first_characters.skipped_finditer), finding what finditer finds; session 40 added
the next ones."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import (
    deid_address_lines,
    deid_admin_units,
    deid_attendees,
    deid_card_layouts,
    deid_check_codes,
    deid_column_ages,
    deid_contacts,
    deid_date_siblings,
    deid_dates,
    deid_fields,
    deid_hospital_names,
    deid_initials,
    deid_lower_plates,
    deid_nicknames,
    deid_org_affiliations,
    deid_org_references,
    deid_person_contexts,
    deid_scripts,
    deid_serovars,
    deid_ssn_forms,
    deid_staff_initials,
    deid_table_dates,
    deid_titled_initials,
)
from medlocal.privacy.deid_first_characters import SKIP_FROM, skipped_finditer

# The finders' patterns that search a long text with their skipper (skipped_finditer).
_SEARCHED_WITH_SKIPPERS = [
    deid_address_lines.ADDRESS_PART,
    deid_address_lines._ADDRESS_CUE,
    deid_attendees._LIST_LABEL,
    deid_card_layouts._MEDICARE,
    deid_column_ages._AGE_LABEL,
    deid_contacts._FOREIGN_LOGIN,
    deid_contacts._STRONG_CUE,
    deid_dates._SPLIT_LABELLED,
    deid_hospital_names._DISTRICT,
    deid_initials._SIGNED_INITIALS,
    deid_lower_plates._CUE,
    deid_person_contexts._RANK_WORD,
    deid_scripts.EAST_ASIAN_DATE,
    deid_serovars._FLU_STRAIN,
    deid_serovars._NORO_VARIANT,
    deid_ssn_forms._MEDICARE,
    deid_staff_initials._TYPED_VERB,
    # Session 40: the finders' whole-text scans whose skipper paid next most on the record.
    deid_admin_units._UNIT_BEFORE,
    deid_date_siblings._NUMBER,
    deid_fields._PLACE_FIELD,
    deid_nicknames._SURNAME_CUE,
    deid_org_affiliations._ADDRESSED,
    deid_org_affiliations._DEGREE_DASH,
    deid_org_affiliations._NAME_BEFORE_STREET,
    deid_org_affiliations._ROLE_OF,
    deid_org_affiliations._SPECIALTY_COMMA,
    deid_org_references._REF,
    deid_person_contexts._RANK,
    deid_ssn_forms._NINO,
    deid_table_dates._SHORT_DATE_VALUE,
    deid_titled_initials._TITLED_INITIAL,
]


def _long_texts() -> list[str]:
    notes = [note.text for note in load("dev")]
    dense = "Tel +44 20 7946 0958, NSW 2000, SW1A 1AA, centre, color; 12/03/2025 3.4.26 " * 200
    table = "NAME        AGE    SEX\nSmith, J    94     F\n  Age  \nAGE\n" * 300
    scripts = "2024年3月5日 令和6年 단기 2024년 3월 5일 ОМС 1234 Medicare 2123 45670 1\n" * 200
    return ["\n".join(notes), dense, table, scripts, "x" * 9_999 + " colour 12 March 2025"]


@pytest.mark.parametrize(
    "pattern",
    [
        deid_dates._DAY_FIRST_WRITING,
        deid_dates._MONTH_FIRST_WRITING,
        deid_dates._NUMERIC_DATE,
        *(pattern for pattern, _formats, _style in deid_dates._DATE_FORMS),
        *(pattern for _kind, pattern, _least in deid_check_codes._FORMS),
        *_SEARCHED_WITH_SKIPPERS,
    ],
    ids=lambda pattern: pattern.pattern[:30],
)
def test_a_pattern_finds_in_a_long_text_what_finditer_finds(pattern: re.Pattern[str]) -> None:
    for text in _long_texts():
        found = [(m.span(), m.groups()) for m in skipped_finditer(pattern, text)]
        assert found == [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert len(_long_texts()[0]) >= SKIP_FROM  # the skipper is asked


def test_the_day_order_tallies_count_what_findall_counts() -> None:
    for text in _long_texts():
        counts = deid_dates.day_order_counts(text)
        assert counts[4] == len(deid_dates._DAY_FIRST_WRITING.findall(text))
        assert counts[5] == len(deid_dates._MONTH_FIRST_WRITING.findall(text))
