"""Session 41 (speed): a fixed-form pattern of top-level alternatives, some of which open a word
with listed strings, is asked in a long text only at those words and where its other
alternatives match (deid_alternatives). Each finds what the pattern's own scan finds."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_patterns
from medlocal.privacy.deid_alternatives import (
    Alternatives,
    alternative_matches,
    rest_search,
    split_alternatives,
    top_level_alternatives,
)
from medlocal.privacy.deid_pattern_cues import TextCues, anchored_lines, line_bound
from medlocal.privacy.deid_word_starts import WordStarts

# Every development half (the held-out ones and the validation halves dev8 and dev16 are never
# read one by one).
_HALVES = (
    *("dev", "dev3", "dev4", "dev5a", "dev5b", "dev6", "dev7"),
    *(f"dev{n}" for n in range(9, 38) if n != 16),
)

_AWKWARD = (
    "İSTANBUL Kadıköy Straße 12\r\nMRN: 4471822\nſeen by Dr K\u212aelvin on 3 März 2024",
    "Tel 0161 555 0742\n\n\nHighway 9 exit 12\nDOB 12/03/1931 Mo 3.4.26 mo, 5 mars",
    "seen ON 12/03/2024, since 03/2019; from 1/2/2020 and 04/05 till 05/06/2021",
    "\u0130on 12/03/2024 \u212aon 3/4/2025 xon 4/5/2026 on\n12/12/2012 on",
    "12 Rue de la Paix, 4 rue du Bac; on rue Cler 3; Hauptstraße 12, Storgatan 4 B",
    "1/F unit 3, 12-ro 4, Sejong-daero 175, on Highway 9, via SR 12, address: 1 Main St",
    "01/02 01/02/03 1/2/3/4 12/34 on on on 1/1 since",
    "Apt 4B, Flat 2, Unit 7, 92 yrs, 103 Y/O, 3 North 4th Street, N 5th St",
    "@handle_99 instagram: @x.y on 3 mars, 5 marzo 2024 tarehe 3 Machi 2024",
    "",
    "on",
    "x" * 300 + " on 01/02/2003",
)


def _found(matches: object) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _texts() -> list[str]:
    notes = [note.text for half in _HALVES for note in load(half)]
    return [*notes, "\n".join(notes), *_AWKWARD, "\n".join(_AWKWARD) * 40]


def _compiled(pattern: re.Pattern[str]) -> Alternatives:
    split = deid_patterns._alternatives_of(pattern, deid_patterns._SPLITS[pattern])
    assert split is not None
    return split


def _splits() -> list[re.Pattern[str]]:
    return [pattern for _, pattern in deid_patterns._PATTERNS if pattern in deid_patterns._SPLITS]


def test_the_costly_patterns_are_split() -> None:
    split = _splits()
    # The date cue words, the streets of many countries, the numbered streets, the ages, the
    # e-mail and social handles among them; each with a keyed alternative and a search.
    assert len(split) >= 10
    heads = ("(?<!\\w)(?=\\w)(?i:\\b(?:on|since", "(?<!\\w)(?=\\w)\\b(?:(?i:calle")
    assert all(any(p.pattern.startswith(head) for p in split) for head in heads)


def test_split_patterns_find_what_finditer_finds() -> None:
    patterns = _splits()
    for text in _texts():
        starts = WordStarts(text, TextCues(text).folded_text)
        if not starts.usable:
            continue
        for pattern in patterns:
            split = _compiled(pattern)
            search = rest_search(split)
            if search is None:
                continue
            places = starts.places(split.openings)
            got = _found(alternative_matches(pattern, text, places, split.keyed, search))
            assert got == _found(pattern.finditer(text)), (pattern.pattern[:60], text[:60])


def test_long_texts_go_through_the_split_and_find_the_same() -> None:
    notes = [note.text for half in _HALVES[:12] for note in load(half)]
    text = "\n".join([*notes, *_AWKWARD])
    assert len(text) >= deid_patterns._SKIP_FROM
    cues = TextCues(text)
    starts = WordStarts(text, cues.folded_text)
    taken = 0
    for pattern in _splits():
        taken += rest_search(_compiled(pattern)) is not None
        got = _found(deid_patterns._matches(pattern, text, cues, starts))
        assert got == _found(pattern.finditer(text)), pattern.pattern[:60]
    assert taken >= 8


@pytest.mark.parametrize(
    ("written", "pieces"),
    [
        ("a|b", ["a", "b"]),
        (r"a\|b|c", [r"a\|b", "c"]),
        ("[|]x|y", ["[|]x", "y"]),
        ("[]|]x|y", ["[]|]x", "y"]),
        ("[^]|]x|y", ["[^]|]x", "y"]),
        (r"[\]|]x|y", [r"[\]|]x", "y"]),
        ("(a|b)c|(?:d|(e|f))", ["(a|b)c", "(?:d|(e|f))"]),
        ("(?<=a|b)c|d", ["(?<=a|b)c", "d"]),
        ("abc", ["abc"]),
        ("(a|b", None),
        ("a)|b", None),
        ("[ab|c", None),
    ],
)
def test_top_level_alternatives(written: str, pieces: list[str] | None) -> None:
    assert top_level_alternatives(written) == pieces


_opens = deid_patterns._items_open_words


def test_what_is_not_split() -> None:
    keyed = r"(?<!\w)(?=\w)\b(?:on|since)[ ]+\d"
    # No keyed alternative; a back reference; one that may match nothing; a prefix the parse
    # takes out of the alternatives (the bars are then not read as the parse reads them).
    assert split_alternatives(re.compile(r"\d+x|[A-Z]y"), _opens) is None
    assert split_alternatives(re.compile(rf"{keyed}|(a)\1"), _opens) is None
    assert split_alternatives(re.compile(rf"{keyed}|(?P<q>a)(?P=q)"), _opens) is None
    assert split_alternatives(re.compile(rf"{keyed}|(a)?(?(1)b|c)"), _opens) is None
    assert split_alternatives(re.compile(rf"{keyed}|x?"), _opens) is None
    assert split_alternatives(re.compile(r"\bon 1|\bon 2"), _opens) is None
    assert split_alternatives(re.compile(r"(?x)\bon [ ] 1 | 2"), _opens) is None
    split = split_alternatives(re.compile(rf"{keyed}|(?<![\d/])\d\d/\d\d"), _opens)
    assert split is not None and split.rest is not None
    assert split.openings.keys == frozenset({"on ", "sin"})
    assert split.rest.pattern == r"(?<![\d/])\d\d/\d\d"


def test_a_place_where_both_kinds_match_takes_the_pattern_s_order() -> None:
    # Where a keyed alternative and another both match at one place, the match is the
    # pattern's own: its first alternative that matches there.
    pattern = re.compile(r"(?<!\w)(?=\w)\b(?:on)[ ](?P<k>\d+)|(?P<r>\bon[ ]\d)")
    split = split_alternatives(pattern, _opens)
    assert split is not None
    search = rest_search(split)
    assert search is not None
    for text in ("on 12 on 3 xon 4", "on 1on 2", "on on 5"):
        starts = WordStarts(text, TextCues(text).folded_text)
        places = starts.places(split.openings)
        got = _found(alternative_matches(pattern, text, places, split.keyed, search))
        assert got == _found(pattern.finditer(text))


# Commit 2: the European street and postcode patterns, run on the lines that hold their anchor.
_STREETS = (
    "Hofmark 3, 83093 Bad Endorf\nKorte Heuvel 22-bis, 5038 CS Tilburg",
    "Kerpener Str. 62 · 50937 Köln | Bahnhofstrasse 5 | 8001 Zürich",
    "Lange Akker 14-bis, 3511 AB Utrecht; Heidestraße 48 · 30167 Hannover",
    "Adres: 3511 AB Utrecht\nAdres:3511 AB Utrecht\naddress : 1234 XY Town",
    "Heparin 5, 10000 Units daily; Creatinine 145, 12000 Platelets",
    "Hauptstr. 5 – 10115 Berlin\nHauptstr. 5 –\t10115 Berlin\nMain 5,\n10115 Berlin",
    "Rue 12,10115 Paris\r\nRue 12, 1011 Paris\u2028Via Roma 3, 00184 Roma",
    "Straße 1 • 1234 Ort\n" * 3 + "no anchor here Foo 12 Bar",
)


def _anchored() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    return [
        (pattern, deid_patterns._LINE_ANCHORS[pattern])
        for _, pattern in deid_patterns._PATTERNS
        if pattern in deid_patterns._LINE_ANCHORS
    ]


def test_every_match_holds_its_anchor_on_its_line() -> None:
    anchored = _anchored()
    assert len(anchored) == 2
    found = 0
    for text in [*_texts(), *_STREETS]:
        for pattern, anchor in anchored:
            assert line_bound(pattern)
            for match in pattern.finditer(text):
                start = text.rfind("\n", 0, match.start()) + 1
                end = text.find("\n", match.end())
                line = text[start : len(text) if end < 0 else end]
                assert anchor.search(line), (pattern.pattern[:40], match.group())
                found += 1
    assert found >= 10


def test_anchored_patterns_find_what_finditer_finds_in_long_texts() -> None:
    notes = [note.text for half in _HALVES[:12] for note in load(half)]
    for text in ("\n".join([*notes, *_STREETS]), "\n".join(_STREETS) * 200, "\n".join(notes)):
        assert len(text) >= deid_patterns._SKIP_FROM
        cues = TextCues(text)
        starts = WordStarts(text, cues.folded_text)
        for pattern, _ in _anchored():
            got = _found(deid_patterns._matches(pattern, text, cues, starts))
            assert got == _found(pattern.finditer(text)), pattern.pattern[:60]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", []),
        ("a, 1234", [(0, 7)]),
        ("x\na, 1234\ny", [(2, 9)]),
        ("a, 1234, 5678\n", [(0, 13)]),
        ("a, 1234\nb: 5678\n\nc", [(0, 7), (8, 15)]),
        ("a, 123\n,\n1234", []),
    ],
)
def test_anchored_lines(text: str, spans: list[tuple[int, int]]) -> None:
    from medlocal.privacy.deid_world_streets import POSTCODE_ANCHOR

    assert anchored_lines(POSTCODE_ANCHOR, text) == spans


# Commit 2: the day order reads each tally only where those before it tie.
_ORDERS = (
    "",
    "seen 25/03/2025",  # the numeric dates say
    "seen 03/25/2025",
    "seen 25/03/2025 and 03/25/2025",  # they tie: the runs, then the writing
    "changed 14/8, 3/9 and 5/9",  # the runs say
    "changed 14/8, 3/9 and 5/9; seen 25/03/2025 and 03/25/2025",
    "haematology review 03/04/2025",  # only the writing says
    "hematology review, the center",
    "haematology and hematology",  # every tally ties
    "NSW 2000 and (555) 123-4567 and +44 20",
)


def test_day_order_reads_the_tallies_it_needs() -> None:
    from medlocal.privacy.deid_dates import day_order, day_order_counts, writes_day_first

    for text in [*_texts(), *_ORDERS]:
        assert writes_day_first(text) is day_order(day_order_counts(text)), text[:60]


def test_day_order_skips_the_writing_where_the_dates_say(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlocal.privacy import deid_dates

    def refused(text: str) -> tuple[int, int]:
        raise AssertionError("the writing read though the dates said")

    monkeypatch.setattr(deid_dates, "_writing_tally", refused)
    assert deid_dates.writes_day_first("seen 25/03/2025 by the haematology centre") is True


# Commit 2: a role before the body it belongs to, asked only before its anchor.
_ROLE_TEXTS = (
    "Officer Ruiz of Lakeview PD; chaplain Rev. Amos Hale of Grace Fellowship",
    "befriender 'Aunty Jo' from Golden Years Befrienders, outreach worker Kim from Helping Hands",
    "support worker from\nThe Harbour Trust; nurse at\n  the Royal Infirmary; GP at St. Anne's",
    "nurse of lakeview (lower case body), nurse OF Lakeview, nurse\tat\tOak Lodge",
    "co-ordinator from Age UK; headteacher at Hill School; physiotherapist from Move Well",
    "\u212aeyworker from Safe Homes; \u017fupervisor at X; physio at Fit Co; counselor at Y",
    "nurse nurse nurse of A; friend friend at B C D E F G H",
    "teacher\nof Maths; nurse 'a\nb' of C; nurse A B C D E of F; nurse A B C D of F",
    "nurse of\n\nFoo; nurse of \u00c9cole; nurse at the\nBar",
)


def test_roles_of_finds_what_finditer_finds() -> None:
    from medlocal.privacy.deid_org_affiliations import _ROLE_OF, roles_of

    texts = [*_texts(), *_ROLE_TEXTS, "\n".join(_ROLE_TEXTS) * 50]
    found = 0
    for text in texts:
        expected = _found(_ROLE_OF.finditer(text))
        assert _found(roles_of(text)) == expected, text[:60]
        found += len(expected)
    assert found >= 20


# Commit 4: the device model's cue is searched for only in windows that may hold it.
_MODEL_TEXTS = (
    "Olympus CF-HQ190L / GIF-H190 ",
    "Medtronic Azure XT DR RNB612345S; MEDTRONİC X 12; medtron\u0130c A ",
    "model: X1 ; lead 5076 ; Lead. 4; MODEL\tZ9 ; remodel 4 ; leader 3",
    "Boston Scientific Accolade MRI L331 ; boston  scientific 12 ; Fujifilm\u00a0EG-760R",
    "Philips \u212aX ; Storz serial 12 ; Olympus Lot 4 ; Olympus",
    "x" * 70 + " model 12",
)


def test_the_model_cue_is_searched_for_only_where_it_may_stand() -> None:
    from medlocal.privacy.deid_pattern_context import _MODEL_BEFORE, _model_before

    notes = [note.text for half in _HALVES[:6] for note in load(half)]
    found = 0
    for text in [*notes, *_MODEL_TEXTS, "\n".join(_MODEL_TEXTS)]:
        for start in range(len(text) + 1):
            expected = _MODEL_BEFORE.search(text, max(0, start - 60), start)
            got = _model_before(text, start)
            assert (got and got.span()) == (expected and expected.span()), (text[:40], start)
            found += expected is not None
    assert found >= 20
