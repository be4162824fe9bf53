"""Session 63 (speed): exact cuts of a 20-page record's after-the-rules readings and searches.

* deid_name_forms' logins ask each word only the found names it can hold (its first or last
  characters less one to five), and that test first: it asked every word the word lists, every
  found span and every found name.
* The readings after the rules search the text as written, where the rules read it re-cased:
  they share the re-cased text's cue index where both fold the same (deid_shared_cues), and
  searched without one.
* Some forty whole-text searches that ran plain go through skipped_finditer (the cue index,
  the skippers, the word-start keys), and three dense ones that went through it run plain.

Each must find exactly what the plain search or the old code finds; the comparisons must catch
a dropped match.
"""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_name_forms, deid_shared_cues, redact
from medlocal.privacy.deid_first_characters import SKIP_FROM, skipped_finditer, skipper_of
from medlocal.privacy.deid_keyed_finders import keyed_matches
from medlocal.privacy.deid_lexicon import Lexicon, fold, lexicon
from medlocal.privacy.deid_pattern_cues import TextCues
from medlocal.privacy.deid_shared_cues import (
    cue_regions,
    forget_text_cues,
    keep_text_cues,
    keep_written_cues,
    text_cues,
    text_word_starts,
)
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.redact import PatientIdentity, Redactor

# The searches this session sends through skipped_finditer: (module, pattern or list's name).
_ROUTED = (
    ("deid_crew_codes", "_CREW_CODE"),
    ("deid_crew_codes", "_CALL_SIGN_CODE"),
    ("deid_crew_codes", "_FLEET_NUMBER"),
    ("deid_crew_codes", "_AIRCRAFT"),
    ("deid_world_card_labels", "_PATTERNS"),
    ("deid_age_sayings", "_DATED"),
    ("deid_age_sayings", "_GERMAN_J"),
    ("deid_age_sayings", "_SINGULAR_YEAR"),
    ("deid_age_sayings", "_LIST_LABEL"),
    ("deid_numbered_facilities", "_NUMBERED"),
    ("deid_numbered_facilities", "_TURKISH"),
    ("deid_schools", "_SCHOOL"),
    ("deid_hospital_names", "_HEAD"),
    ("deid_hospital_names", "_NUMBERED_UNIT"),
    ("deid_hospital_names", "_LOCAL_CLINIC"),
    ("deid_nicknames", "_CUED"),
    ("deid_nicknames", "_QUOTED_BEFORE_NAME"),
    ("deid_nicknames", "_OF_PARENT"),
    ("deid_org_roles", "_LEISURE_VERB"),
    ("deid_org_roles", "_CARE_VERB"),
    ("deid_org_roles", "_KIND"),
    ("deid_org_roles", "_EXTRA_HEAD"),
    ("deid_lower_orgs", "_HEAD"),
    ("deid_admin_units", "_UNIT_AFTER"),
    ("deid_workplaces", "_WORK_VERB"),
    ("deid_field_label_words", "_LABEL"),
    ("deid_file_name_parts", "_FILE"),
    ("deid_org_initials", "_AT_INITIALS"),
    ("deid_org_initials", "_EX_BODY"),
    ("deid_org_initials", "_WARD_INITIALS"),
    ("deid_collar_numbers", "_BETWEEN"),
    ("deid_collar_numbers", "_AFTER"),
    ("deid_collar_numbers", "_NAME_THEN_NUMBER"),
    ("deid_collar_numbers", "_NUMBER_THEN_VERB"),
    ("deid_eponym_scores", "_TITLED"),
)
# The modules whose searches changed way (they read skipped_finditer by name, or run plain).
_CHANGED = sorted({module for module, _ in _ROUTED} | {"deid_name_forms", "deid_name_variants"})

_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _found(matches: Iterable[re.Match[str]]) -> _Found:
    return [(match.span(), match.groups()) for match in matches]


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"medlocal.privacy.{name}")


def _routed_patterns() -> list[tuple[str, re.Pattern[str]]]:
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for module, name in _ROUTED:
        value = getattr(_module(module), name)
        if isinstance(value, re.Pattern):
            patterns.append((f"{module}.{name}", value))
        else:  # deid_world_card_labels: (kind, pattern) pairs
            patterns += [(f"{module}.{name}[{i}]", pair[1]) for i, pair in enumerate(value)]
    return patterns


# The development halves (bench_deid's list less its held-out dev8 and dev16; never a
# held-out half).
_DEVELOPMENT = sorted(
    path.stem
    for path in (Path(__file__).resolve().parents[1] / "fixtures" / "deid").glob("dev*.txt")
    if path.stem not in {"dev8", "dev16"}
)


@pytest.fixture(scope="module")
def development() -> str:
    """Every other development half's notes joined: ~1.2 MB of the shapes the routed searches
    were written for."""
    return "\n".join(note.text for half in _DEVELOPMENT[::2] for note in load(half))


def _development_record(size: int) -> str:
    """About ``size`` characters of development notes, as a long record is read."""
    text = ""
    for half in ("dev", "dev49", "dev60", "dev70"):
        for note in load(half):
            text += note.text + "\n"
            if len(text) > size:
                return text
    return text


def _as_routed(
    text: str, search: Callable[[re.Pattern[str], str], Iterator[re.Match[str]]]
) -> dict[str, _Found]:
    keep_text_cues(text)
    try:
        return {name: _found(search(pattern, text)) for name, pattern in _routed_patterns()}
    finally:
        forget_text_cues()


def test_routed_searches_find_what_finditer_finds(development: str) -> None:
    plain = {name: _found(pattern.finditer(development)) for name, pattern in _routed_patterns()}
    assert _as_routed(development, skipped_finditer) == plain
    # The comparison means something: nearly every routed pattern matches somewhere.
    assert sum(1 for found in plain.values() if found) >= 33


def test_the_routed_searches_take_a_quicker_way() -> None:
    """On a 20-page record nearly every routed pattern is keyed by its words' openings, turned
    away by the cue index or searched with its skipper: none of them ran so before."""
    record = _development_record(60_000)
    keep_text_cues(record)
    try:
        quicker = [
            name
            for name, pattern in _routed_patterns()
            if cue_regions(pattern, record) is not None
            or keyed_matches(pattern, record) is not None
            or skipper_of(pattern) is not None
        ]
    finally:
        forget_text_cues()
    assert len(quicker) >= 35


def test_the_routed_comparison_catches_a_dropped_match(development: str) -> None:
    def dropping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        return iter(list(skipped_finditer(pattern, text))[:-1])  # the last match lost

    plain = {name: _found(pattern.finditer(development)) for name, pattern in _routed_patterns()}
    routed = _as_routed(development, dropping)
    assert sum(1 for name in plain if routed[name] != plain[name]) >= 33


def test_the_changed_modules_search_through_skipped_finditer() -> None:
    """Each routed module holds skipped_finditer by name (the search it now calls)."""
    for module, _ in _ROUTED:
        assert _module(module).skipped_finditer is skipped_finditer


# -- the shared cue index of the text as written ---------------------------------------------


def _long_text() -> str:
    return _development_record(SKIP_FROM * 2)


def _recased(text: str) -> str:
    """``text`` with its ASCII letters in capitals (same folding, same length), a new string."""
    return "".join(char.upper() if char.isascii() else char for char in text)


def test_the_written_text_shares_the_read_texts_index() -> None:
    written = _long_text()
    read = _recased(written)
    assert read != written
    keep_text_cues(read)
    try:
        keep_written_cues(written, read)
        assert text_cues(written) is text_cues(read)
        starts = text_word_starts(written)
        assert starts is not None and starts is not text_word_starts(read)
        # An equal string that is not the same object gets nothing.
        assert text_word_starts("".join(list(written))) is None
    finally:
        forget_text_cues()
    assert text_word_starts(written) is None and text_word_starts(read) is None


def test_no_sharing_where_the_texts_fold_apart_or_another_is_kept() -> None:
    written = _long_text()
    mended = written.replace("0", "O")  # a scan's slips mended: other characters
    assert mended != written
    keep_text_cues(mended)
    try:
        keep_written_cues(written, mended)
        assert text_word_starts(written) is None
        keep_written_cues(written, _recased(written))  # not the text whose index is kept
        assert text_word_starts(written) is None
    finally:
        forget_text_cues()
    short = written[:500]
    keep_text_cues(_recased(short))
    keep_written_cues(short, _recased(short))
    assert text_word_starts(short) is None  # a short text keeps nothing


def test_the_shared_index_finds_what_finditer_finds() -> None:
    written = _long_text()
    read = _recased(written)
    patterns = [pattern for _, pattern in _routed_patterns()]
    patterns += [deid_name_forms._TITLE, deid_name_forms._INITIAL_AFTER]
    plain = [_found(pattern.finditer(written)) for pattern in patterns]
    keep_text_cues(read)
    try:
        keep_written_cues(written, read)
        assert [_found(skipped_finditer(pattern, written)) for pattern in patterns] == plain
        # The written text's index was asked: patterns turned away or keyed by it.
        asked = [
            p
            for p in patterns
            if cue_regions(p, written) is not None or keyed_matches(p, written) is not None
        ]
        assert len(asked) >= 20
    finally:
        forget_text_cues()


def test_the_shared_index_comparison_catches_a_wrong_index() -> None:
    """An index that is not the written text's (here a blank text's) loses matches."""
    written = _long_text()
    patterns = [pattern for _, pattern in _routed_patterns()]
    plain = [_found(pattern.finditer(written)) for pattern in patterns]
    blank = " " * len(written)
    keep_text_cues(blank)
    try:
        deid_shared_cues._WRITTEN = (
            written,
            TextCues(blank),
            deid_shared_cues.WordStarts(written, written.lower()),
        )
        routed = [_found(skipped_finditer(pattern, written)) for pattern in patterns]
    finally:
        forget_text_cues()
    assert sum(1 for a, b in zip(routed, plain, strict=True) if a != b) >= 3


def _probe_record() -> str:
    """A 20-page record of development notes, with lines in capitals (read re-cased) and lines
    the routed searches and the name forms match."""
    lines = (
        "Seen by Dr Miriam Okafor and Dr Tomasz Wojcik. OKAFOR M reviewed.\n"
        "Entered by mokafor2 and twojcik; d/w dr okafor.\n"
        "ECHIPAJ B 41 SMD ARRIVED; unidad SVA 4; call sign LHCW; Ambulans 24-4410.\n"
        "Fallnummer 2024 118 734; IBAN 12345678; Poliklinika No. 3 referred.\n"
        "Attends Greenfield Primary School; PC Hughes 4471 attended.\n"
    )
    return _development_record(60_000) + lines * 3


def _spans(reds: list[Redaction]) -> list[tuple[int, int, str, str]]:
    return [(red.start, red.end, red.kind, red.replacement) for red in reds]


def test_redactor_output_unchanged_by_this_sessions_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _probe_record()
    notes = load("dev")
    identity = PatientIdentity(notes[0].patient_name, notes[0].mrn, notes[0].dob)
    shared: list[bool] = []

    def spying(written: str, read: str) -> None:
        keep_written_cues(written, read)
        shared.append(text_word_starts(written) is not None)

    monkeypatch.setattr(redact, "keep_written_cues", spying)
    now = _spans(Redactor(identity, shift_days=40).preview(text))
    assert shared == [True]  # the record is read re-cased, and its index was shared

    def plain(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        return pattern.finditer(text)

    monkeypatch.setattr(redact, "keep_written_cues", lambda written, read: None)
    for module in _CHANGED:
        if hasattr(_module(module), "skipped_finditer"):
            monkeypatch.setattr(_module(module), "skipped_finditer", plain)
    monkeypatch.setattr(deid_name_forms, "_logins", _old_logins)
    before = _spans(Redactor(identity, shift_days=40).preview(text))
    assert now == before
    assert len(now) > 1000


# -- the logins of deid_name_forms -------------------------------------------------------------


def _old_holds_stem(bare: str, stems: set[str]) -> bool:
    """The test before session 63: every stem asked."""
    return any(deid_name_forms._name_and_initials(bare, stem) for stem in stems)


def _old_logins(
    text: str, names: list[Redaction], words: set[str], lex: Lexicon
) -> Iterator[Redaction]:
    """deid_name_forms._logins before session 63, its tests in their old order."""
    stems = {w for w in words if len(w) >= deid_name_forms._LOGIN_STEM}
    if not stems:
        return
    covered = [(red.start, red.end) for red in names]
    for login in deid_name_forms._LOGIN.finditer(text):
        token = login.group()
        bare = fold(token.rstrip("0123456789"))
        if (
            bare in stems
            or lex.known(bare)
            or deid_name_forms._inside(covered, login.start(), login.end())
        ):
            continue
        if deid_name_forms._TITLE_WORD.fullmatch(token):
            continue
        if _old_holds_stem(bare, stems):
            yield deid_name_forms._name(text, login.start(), login.end())


def _random_logins(seed: int, count: int) -> tuple[list[str], set[str]]:
    rng = random.Random(seed)
    letters = "abcdeijklmnorstuvwxyz"
    stems = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 8))) for _ in range(60)}
    stems |= {"aaaa", "abab", "okafor", "smith", "mizrahi"}
    listed = sorted(stems)
    bares: list[str] = []
    for _ in range(count):
        stem = rng.choice(listed)
        rest = "".join(rng.choice(letters + "._-") for _ in range(rng.randint(0, 7)))
        cut = rng.randint(0, len(rest))
        bare = rest[:cut] + stem + rest[cut:] if rng.random() < 0.8 else rest + rest
        bares.append(bare)
    bares += ["wjordan", "choijh", "casals.m", "mizrahi_d", "_abc.smith", "smith._ab", "aaaaa"]
    bares += ["abababab", "aaaa", "a.okafor", "okafor_jh", "j-smith", "smithj-", "-"]
    return bares, stems | {"jordan", "choi", "casals"}


def test_the_stem_test_equals_asking_every_stem() -> None:
    bares, stems = _random_logins(63, 20_000)
    results = [deid_name_forms._holds_stem(bare, stems) for bare in bares]
    assert results == [_old_holds_stem(bare, stems) for bare in bares]
    assert sum(results) > 1000  # the comparison holds logins, not only misses


def test_the_stem_comparison_catches_a_shorter_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    """Initials of five characters ("_abc.smith") are missed where the stem test looked four
    characters in: the comparison above would fail."""
    bares, stems = _random_logins(63, 20_000)
    monkeypatch.setattr(deid_name_forms, "_LOGIN_REST_LONGEST", 4)
    assert [deid_name_forms._holds_stem(b, stems) for b in bares] != [
        _old_holds_stem(b, stems) for b in bares
    ]


def _login_text() -> tuple[str, list[Redaction]]:
    """A long text of development notes and logins, and every capitalised word of it as a
    found name (more stems than any note holds)."""
    text = _long_text() * 2
    text += "".join(
        f"verified by {login} at 09:{i % 60:02d}\n"
        for i, login in enumerate(("wjordan", "choijh", "casals.m", "MIZRAHI_D", "okaform2") * 20)
    )
    text += "Dr Jordan, Dr Choi, Dr Casals, Dr Mizrahi and Dr Okafor\n"
    names = [
        Redaction("name", m.start(), m.end(), m.group(), label("name"))
        for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", text)
    ]
    return text, names


def test_logins_find_what_the_old_code_finds() -> None:
    text, names = _login_text()
    lex = lexicon()
    words = deid_name_forms._found_words(text, names, lex)
    now = list(deid_name_forms._logins(text, names, words, lex))
    assert now == list(_old_logins(text, names, words, lex))
    assert len(now) >= 100
    found = [(red.start, red.end) for red in now]
    assert found == sorted(set(found))


def test_logins_ask_few_stems_per_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear in the text whatever the number of found names: each word asks at most ten
    stems (it asked every one, ~240,000 tests on the 20-page record)."""
    text, names = _login_text()
    lex = lexicon()
    words = deid_name_forms._found_words(text, names, lex)
    asked = 0
    original = deid_name_forms._name_and_initials

    def counting(bare: str, stem: str) -> bool:
        nonlocal asked
        asked += 1
        return original(bare, stem)

    monkeypatch.setattr(deid_name_forms, "_name_and_initials", counting)
    list(deid_name_forms._logins(text, names, words, lex))
    logins = sum(1 for _ in deid_name_forms._LOGIN.finditer(text))
    assert len(words) > 200
    assert asked <= 10 * logins
    assert asked < logins  # most words hold no found name and ask none
