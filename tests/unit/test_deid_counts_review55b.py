"""review55b: deid_counts.COUNT_AFTER read a count's word in any case, so a code's digit group
or a plate's before a capitalised word that spells a unit ("Day case", "Unit B", "Tab") was read
as a count and kept: main e430631 removed each of these groups. A count is written in small
letters ("3 tabs", "2 days"); an ECG's leads in either ("12 Lead ECG"). A group of two digits
or more before a singular day or unit in small letters is a kind of list or ward, not a count
("Our ref 7730418 2207 day case list"): deid_labelled_codes reads it as the code's."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Our ref 7730418 2207 Day case list.", "2207"),
        ("Ref 7730418 221 Unit B.", "221"),
        ("Ref 7730418 4 Unit B.", "4 Unit"),
        ("Dossier n° 20417 883 Unit 4.", "883"),
        ("Case 7730418 4418 Day Surgery, Leeds.", "4418"),
        ("Plate KX 4471 Tab.", "4471"),
        ("Ambulance KX 4471 Min.", "4471"),
        # A group before a singular day or unit in small letters: a kind, not a count.
        ("Our ref 7730418 2207 day case list.", "2207"),
        ("Booking ref 7730418 2207 day surgery on Monday.", "2207"),
        ("Ref 7730418 44 unit B.", "44"),
    ],
)  # fmt: skip
def test_a_codes_group_before_no_count_goes(text: str, identifier: str) -> None:
    gone(text, identifier)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Ambulance: 12 Lead ECG showed ST elevation.", ("12 Lead ECG",)),
        ("Ref 7730418 3 tabs daily.", ("3 tabs",)),
        ("Ambulance: 12 lead ECG showed ST elevation.", ("12 lead ECG",)),
        ("Ref 7730418 3 day course of prednisolone.", ("3 day course",)),
        ("Ref 7730418 12 days ago.", ("12 days ago",)),
    ],
)  # fmt: skip
def test_a_count_in_small_letters_stays(text: str, terms: tuple[str, ...]) -> None:
    kept(text, *terms)
