"""Identifiers with a fixed written form: contact details, numbers and codes, addresses, ages.

* Telephone and fax numbers: North-American forms, "+CC ..." forms, UK-style "0161 555 0742", and
  7-15 digits in any layout after "Phone", "Tel", "Ph", "Mob(ile)", "Cell" or "Pager"; "fax"
  before the number makes it a fax number.
* E-mail addresses, URLs (with a scheme, "www.", or a bare domain with a path or a common top-level
  domain: "lakeviewheadache.com/referrals") and IP addresses (IPv4; IPv6 in full or "::" form).
* Street addresses (house number + capitalised or lower-case street name + street word, with an
  apartment; "P.O. Box n"; "Route 9"), "City, ST 12345" and ZIP codes. Streets, cities and
  counties in running text are found by the word scan (:mod:`medlocal.privacy.deid_words`).
* Ages over 89 ("92-year-old", "92 y/o", "aged 92", "turned 90", "92M"; "ninety-four", "a hundred
  and two") become "90+"; ages up to 89 are kept.
* SSNs, and numbers after a cue, typed by the cue: MRN; health-plan (member, policy, insurance,
  subscriber, Medicare, Medicaid); account; licence and certificate (also NPI, DEA); vehicle (VIN,
  plate, registration); device (serial, lot, implant); any other (hospital, patient, encounter,
  accession, specimen, lab, report, claim, case, reference numbers).
* Names after a cue ("Patient:", "Name:", "Attending:", "Signed by:", "Next of kin:", titles
  such as "Dr." and credentials such as "…, MD"); an all-caps name counts in a "Name:" field.
* Codes without a cue: a free-standing number of 7 or more digits; a word of 6 or more letters
  and digits with at least four digits ("KB2504-77813", "PZK603118H", a VIN); digit groups joined
  by dashes with 8 or more digits ("2025-044718"). A number followed by a unit ("1500000
  copies/mL", "2500IU") or preceded by a lab name ("Platelets 1250000") is a result and is kept.
* International forms: text in non-Latin scripts and East-Asian dates (deid_scripts); dates,
  streets and postcodes as other countries write them (deid_foreign_forms); masked and grouped
  national numbers, vehicles and driving licences (deid_masked_codes); national numbers with
  check digits, scheme numbers and short helplines (deid_check_codes); area parts, Malaysian
  and Irish streets, ordinal streets (deid_area_streets); device labels, licences after their
  issuing bodies, national numbers and telephone words of many countries (deid_issued_codes).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from medlocal.privacy.deid_addresses import ADDRESS_PART, ADDRESS_PATTERNS, vital_rr
from medlocal.privacy.deid_ages import AGE_PATTERNS
from medlocal.privacy.deid_alternatives import (
    Alternatives,
    Reading,
    alternative_matches,
    compile_alternatives,
    read_alternatives,
    rest_search,
)
from medlocal.privacy.deid_area_streets import AREA_STREET_PATTERNS
from medlocal.privacy.deid_building_levels import lone_level
from medlocal.privacy.deid_calendar_forms import CALENDAR_DATE_PATTERNS, month_first_candidates
from medlocal.privacy.deid_cancel import checked, checkpoint
from medlocal.privacy.deid_caps_streets import caps_street_candidates
from medlocal.privacy.deid_card_layouts import card_layout_candidates
from medlocal.privacy.deid_check_codes import check_code_candidates
from medlocal.privacy.deid_code_edges import code_token
from medlocal.privacy.deid_codes import (
    BARE_LONG_NUMBER,
    CODE,
    CODE_PATTERNS,
    DEVICE_CODE,
    LETTER_PREFIX,
    SHORT_CODE,
)
from medlocal.privacy.deid_column_ages import column_age_candidates, pipe_age_candidates
from medlocal.privacy.deid_contacts import CONTACT_PATTERNS, login_candidates
from medlocal.privacy.deid_csv_ages import csv_age_candidates
from medlocal.privacy.deid_cued_names import CUED_NAME_PATTERNS
from medlocal.privacy.deid_date_forms import DATE_FORM_PATTERNS, MONTH_SHORT
from medlocal.privacy.deid_date_siblings import sibling_date_candidates
from medlocal.privacy.deid_dates import is_date
from medlocal.privacy.deid_document_words import DOCUMENT_WORD_PATTERNS
from medlocal.privacy.deid_first_characters import (
    first_character_head,
    skipped_matches,
    skipper_of,
    with_head,
)
from medlocal.privacy.deid_foreign_forms import FOREIGN_ADDRESS_PATTERNS, FOREIGN_DATE_PATTERNS
from medlocal.privacy.deid_history_years import history_year
from medlocal.privacy.deid_issued_codes import ISSUED_CODE_PATTERNS
from medlocal.privacy.deid_labelled_streets import LABELLED_STREET_PATTERNS
from medlocal.privacy.deid_lane_streets import LANE_STREET_PATTERNS
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_lower_plates import lower_case_plate_candidates
from medlocal.privacy.deid_masked_codes import VEHICLE_PATTERNS, masked_number_candidates
from medlocal.privacy.deid_month_abbreviations import MONTH_ABBREVIATION_PATTERNS
from medlocal.privacy.deid_more_months import MORE_MONTH_PATTERNS
from medlocal.privacy.deid_number_forms import (
    AGE_WORD_PATTERNS,
    NUMBER_FORM_PATTERNS,
    national_number_candidates,
)
from medlocal.privacy.deid_object_ids import OBJECT_ID_PATTERNS
from medlocal.privacy.deid_pattern_context import (
    BY_IDENTITY,
    LAB_BEFORE_NUMBER,
    TEMPERATURE_BEFORE,
    UNIT_AFTER,
    catalogue_number,
    clinical_code_or_trial,
    device_model,
    is_code_exception,
    lab_result_value,
    owned_by_context,
)
from medlocal.privacy.deid_pattern_cues import TextCues, anchored_lines, line_bound, required_cues
from medlocal.privacy.deid_phone_layouts import PHONE_LAYOUT_PATTERNS
from medlocal.privacy.deid_phone_words import PHONE_WORD_PATTERNS, kin_phone_candidates
from medlocal.privacy.deid_place_regions import IRISH_COUNTY_PATTERNS, italian_town_candidates
from medlocal.privacy.deid_postcode_areas import POSTCODE_AREA_PATTERNS
from medlocal.privacy.deid_regex_build import compile_in_front, forget, keep, parse
from medlocal.privacy.deid_result_series import result_series
from medlocal.privacy.deid_script_words import all_medicine
from medlocal.privacy.deid_scripts import (
    field_label,
    glossed,
    katakana_medicine,
    script_candidates,
    without_clinical_words,
)
from medlocal.privacy.deid_shared_cues import (
    cue_clauses,
    line_bound_skipper,
    matches_in,
    text_cues,
    text_word_starts,
)
from medlocal.privacy.deid_size_numbers import size_number
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_spelled_emails import spelled_email_candidates
from medlocal.privacy.deid_ssn_forms import SSN_FORM_PATTERNS, ssn_form_candidates
from medlocal.privacy.deid_stamped_dates import stamped_date
from medlocal.privacy.deid_table_dates import table_date_candidates
from medlocal.privacy.deid_title_streets import title_not_street
from medlocal.privacy.deid_variant_notation import molecular_notation
from medlocal.privacy.deid_vehicle_forms import VEHICLE_FORM_PATTERNS
from medlocal.privacy.deid_vehicle_nearby import VEHICLE_NEARBY_PATTERNS
from medlocal.privacy.deid_word_starts import WordStarts, matches_at, word_openings
from medlocal.privacy.deid_world_dates import WORLD_DATE_PATTERNS
from medlocal.privacy.deid_world_streets import LINE_ANCHORS, WORLD_STREET_PATTERNS

# Every fixed-form pattern, by what it finds. Overlapping finds are resolved by place, length and
# kind (see resolve in deid_spans), never by the order of this list.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    *CONTACT_PATTERNS,
    *CODE_PATTERNS,
    *ADDRESS_PATTERNS,
    *AGE_PATTERNS,
    *CUED_NAME_PATTERNS,
    *DATE_FORM_PATTERNS,
    *FOREIGN_DATE_PATTERNS,
    *WORLD_DATE_PATTERNS,
    *CALENDAR_DATE_PATTERNS,
    *WORLD_STREET_PATTERNS,
    *LANE_STREET_PATTERNS,
    *AREA_STREET_PATTERNS,
    *FOREIGN_ADDRESS_PATTERNS,
    *VEHICLE_PATTERNS,
    *NUMBER_FORM_PATTERNS,
    *AGE_WORD_PATTERNS,
    *ISSUED_CODE_PATTERNS,
    *VEHICLE_FORM_PATTERNS,
    *VEHICLE_NEARBY_PATTERNS,
    *SSN_FORM_PATTERNS,
    *IRISH_COUNTY_PATTERNS,
    *POSTCODE_AREA_PATTERNS,
    *PHONE_WORD_PATTERNS,
    *OBJECT_ID_PATTERNS,
    *MORE_MONTH_PATTERNS,
    *DOCUMENT_WORD_PATTERNS,
    *MONTH_ABBREVIATION_PATTERNS,
    *PHONE_LAYOUT_PATTERNS,
    *LABELLED_STREET_PATTERNS,
]

# Speed: a pattern that can only match at the start of a word (it opens with a word boundary
# and a word, or with a cue word) is told so by a cheap look-around first, so the regular
# expression engine skips every other position of the text before trying its alternatives
# (a third to a half of the time of such a pattern on a 20-page record). The patterns that the
# context checks below recognise by identity, and those that may open with a sign, are left as
# they are.
_WORD_START = r"(?<!\w)(?=\w)"
# Which patterns open a word is read from CPython's own parse of them (re._parser, private but
# there from 3.11 on). On a Python whose internals differ, nothing is proved and every pattern
# keeps the narrower test it had: slower, never a different match.
_C: Any = None
_parser: Any = None
_WORD_CATEGORIES: tuple[Any, ...] = ()
try:
    _C = importlib.import_module("re._constants")
    _parser = importlib.import_module("re._parser")
    _WORD_CATEGORIES = (_C.CATEGORY_DIGIT, _C.CATEGORY_WORD)
except (ImportError, AttributeError):  # pragma: no cover - another Python's internals
    _parser = None
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # "(?i)...": must stay first
_WORD_OPENINGS = ("\\b", "(?i:\\b", "(?:\\b", "(?P<v>\\b", "(?P<p>\\b")


def _at_word_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    if pattern in BY_IDENTITY:
        return pattern
    if _opens_words(pattern) and not _GLOBAL_FLAGS.match(pattern.pattern):
        # The test in front of the whole pattern: in front of its text it held for the first
        # alternative only, and the engine tried every other one at every position (most of
        # the time of a pattern of many alternatives, such as the dates written in words).
        # Compiled from the parse _opens_words made (deid_regex_build): the same pattern.
        return compile_in_front(_WORD_START, pattern.pattern, pattern.flags)
    if not pattern.pattern.startswith(_WORD_OPENINGS):
        return pattern
    return re.compile(_WORD_START + pattern.pattern, pattern.flags)


_Items = list[tuple[Any, Any]]


def _opens_words(pattern: re.Pattern[str]) -> bool:
    """Whether every match of ``pattern`` starts at a word boundary with a word character, read
    from the parsed pattern: every alternative asserts ``\\b`` (after look-arounds only) and then
    consumes a word character. Where it does, the word-start test in front changes no match."""
    if pattern.flags & (re.ASCII | re.LOCALE):
        return False  # \\b and \\w of another alphabet than the test's
    if _parser is None:
        return False
    try:
        parsed = parse(pattern.pattern, pattern.flags)
        ok, empty, _ = _word_first(list(parsed), boundary=False)
    except (re.error, AttributeError, TypeError, ValueError):  # internals not as expected
        return False
    return ok and not empty


def _items_open_words(items: _Items) -> bool:
    """Whether every match of the parse ``items`` opens a word (see _opens_words)."""
    ok, empty, _ = _word_first(items, boundary=False)
    return ok and not empty


def _word_char(code: int) -> bool:
    """A word character that, in any case, is one (no ignore-case match with a non-word
    character: the Greek iota matches the combining U+0345, which is none)."""
    char = chr(code)
    return (char.isalnum() or char == "_") and char.lower() not in _IOTAS


_IOTAS = frozenset("\u03b9\u1fbe")


def _consumes_word(op: Any, av: Any) -> bool:
    """A LITERAL or IN that takes a word character only."""
    if op is _C.LITERAL:
        return _word_char(av)
    if op is not _C.IN:
        return False
    for member_op, member in av:
        if member_op is _C.LITERAL and _word_char(member):
            continue
        if member_op is _C.RANGE and all(map(_word_char, range(member[0], member[1] + 1))):
            continue
        if member_op is _C.CATEGORY and member in _WORD_CATEGORIES:
            continue
        return False
    return True


def _no_word_before(op: Any, av: Any) -> bool:
    """A look-behind that holds only where no word character comes before: one that ends with
    a character that is none ("(?<=\\bon )"), or that refuses every word character ("(?<!\\w)")."""
    direction, items = av
    if direction != -1 or not items:
        return False
    last_op, last = list(items)[-1]
    if op is _C.ASSERT:  # ASCII: no case of the character is a word character
        return last_op is _C.LITERAL and last < 128 and not _word_char(last)
    return (
        len(items) == 1
        and last_op is _C.IN
        and (_C.CATEGORY, _C.CATEGORY_WORD) in last
        and all(member_op is not _C.NEGATE for member_op, _ in last)
    )


def _word_first(items: _Items, *, boundary: bool) -> tuple[bool, bool, bool]:
    """(every way through ``items`` that consumes opens with \\b and a word character, some way
    consumes nothing, whether \\b holds where the empty way leaves off)."""
    for op, av in items:
        if op is _C.AT:
            boundary = boundary or av is _C.AT_BOUNDARY
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            # Zero width; a look-behind may say that no word character comes before, as \\b
            # does before one ("(?<=\\bon )SR-12", "(?<![\\w.])").
            boundary = boundary or _no_word_before(op, av)
        elif op in (_C.LITERAL, _C.IN):
            return boundary and _consumes_word(op, av), False, boundary
        elif op is _C.SUBPATTERN or op is _C.ATOMIC_GROUP:
            sub = av[-1] if op is _C.SUBPATTERN else av
            ok, empty, after = _word_first(list(sub), boundary=boundary)
            if not ok:
                return False, False, boundary
            if not empty:
                return True, False, boundary
            boundary = after
        elif op is _C.BRANCH:
            ways = [_word_first(list(alt), boundary=boundary) for alt in av[1]]
            if not all(ok for ok, _, _ in ways):
                return False, False, boundary
            if not any(empty for _, empty, _ in ways):
                return True, False, boundary
            boundary = all(after for _, empty, after in ways if empty)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            least, _, sub = av
            ok, empty, _ = _word_first(list(sub), boundary=boundary)
            if not ok:
                return False, False, boundary
            if least > 0 and not empty:
                return True, False, boundary
        else:
            return False, False, boundary  # a back reference, any character, ...
    return True, True, boundary


# Speed: an e-mail pattern reads a run of local-part characters and wants an "@" after it. From
# every start inside a long run with no "@" after it ("A.A.A.", "Aa-Aa-Aa-") the engine reads the
# run to its end again: quadratic (2 s on a 60 KB run). A match lies in a run that ends at an "@";
# every start in that run reads the same "@" and what follows, so only the run's first start
# that the pattern's look-arounds allow is tried: the same matches, in linear time.
_LOCAL_PART = "[A-Za-z0-9._%+-]"
_ZERO_WIDTH = re.compile(r"(?:\(\?<?[=!][^()]*\)|\\b)*")
_LOCAL_RUN = re.compile(rf"(?<!{_LOCAL_PART}){_LOCAL_PART}++(?=@)")


def _local_part_opening(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """Where ``pattern`` is look-arounds, a run of local-part characters and "@", the start of a
    match: the look-arounds and one local-part character; otherwise None."""
    head, at, _ = pattern.pattern.partition(_LOCAL_PART + "+@")
    if not at or _ZERO_WIDTH.fullmatch(head) is None:
        return None
    return re.compile(head + _LOCAL_PART, pattern.flags)


def _local_part_matches(
    pattern: re.Pattern[str], opening: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds (see _local_part_opening), in linear time."""
    if "@" not in text:
        return
    pos = 0
    for run in _LOCAL_RUN.finditer(text):
        if run.end() <= pos:
            continue
        start = opening.search(text, max(pos, run.start()), run.end())
        if start is None:
            continue
        found = pattern.match(text, start.start())
        if found is not None:
            yield found
            pos = found.end()


def _matches(
    pattern: re.Pattern[str],
    text: str,
    cues: TextCues | None = None,
    starts: WordStarts | None = None,
) -> Iterator[re.Match[str]]:
    plan = _PLANS.get(id(pattern)) or _plan(pattern)
    opening, clauses, openings, bound, plain, split, anchor = plan
    if opening is not None:
        return _local_part_matches(pattern, opening, text)
    if openings is not None and starts is not None and starts.usable:
        if clauses and not (cues or TextCues(text)).may_match(clauses):
            return iter(())
        return matches_at(pattern, text, starts.places(openings))
    if split is not None and starts is not None and starts.usable and len(text) >= _SKIP_FROM:
        alternatives = _alternatives_of(pattern, split)
        search = None if alternatives is None else _rest_search(alternatives, text, cues)
        if alternatives is not None and search is not None:
            if clauses and not (cues or TextCues(text)).may_match(clauses):
                return iter(())
            places = starts.places(alternatives.openings)
            return alternative_matches(pattern, text, places, alternatives.keyed, search)
    if anchor is not None and len(text) >= _SKIP_FROM:
        return _matches_in(pattern, text, anchored_lines(anchor, text), plain)
    if clauses:
        cues = cues or TextCues(text)
        if bound:
            regions = cues.regions(clauses)
            if regions is not None:
                return _matches_in(pattern, text, regions, plain)
        elif not cues.may_match(clauses):
            return iter(())
    skipper = _skipper(pattern) if len(text) >= _SKIP_FROM else None
    if skipper is not None:
        return skipped_matches(pattern, skipper, text)
    return (plain or _FIRST_CHARACTER[pattern]).finditer(text)


def _matches_in(
    pattern: re.Pattern[str],
    text: str,
    regions: list[tuple[int, int]],
    plain: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, where every match lies in one of ``regions`` (runs
    of whole lines; the pattern is line_bound, see deid_pattern_cues). In a long text each
    span is searched with the pattern's skipper where that reads no line break either."""
    skipper = _skipper(pattern) if len(text) >= _SKIP_FROM else None
    if skipper is None or not line_bound_skipper(skipper):
        skipper = None
        plain = _FIRST_CHARACTER.get(pattern, pattern) if plain is None else plain
    return matches_in(pattern, skipper, text, regions, plain)


# Kinds of code whose value, when it is a whole date, is a date instead.
_CODE_KINDS = frozenset(
    {
        "mrn", "health_plan_id", "account_number", "licence_number", "vehicle_id", "device_id",
        "id_number",
    }
)  # fmt: skip


# Codes found by their shape alone (no cue): after a device maker or "model" they name a model.
_BARE_CODES = (CODE, SHORT_CODE, DEVICE_CODE, LETTER_PREFIX, BARE_LONG_NUMBER)

_YEAR = re.compile(r"(?:19|20)\d\d")
# Cues after which four digits are mostly the year of the thing ("accreditation 2025",
# "certificate 2019").
_DATED_CUE = re.compile(r"(?i)[ \t]*(?:accred|certif)")
_CHECK_CHARACTER = re.compile(
    # Two capitals only at the end of the number's field ("8833 1742 CX."; "NHS 401 023 2137 BP
    # 120/80" keeps its blood pressure).
    rf"[ \t](?:[A-Z]{{2}}(?=[ \t]*(?:[.,;)]|$))|[B-HJ-Z]|[AI](?![ \t]+[a-z])|"
    rf"\d(?!{UNIT_AFTER}|[ \t]*x\b))(?![\w/,:-]|\.\w)"
    # A version code after a dash ("4417 882 906 - KT   Ph:"), an issue digit after a slash
    # ("5512 88321 4 / 2"), each at the end of its field.
    r"|[ \t]*-[ \t]*[A-Z]{2}(?=[ \t]*(?:[.,;)\n]|$)|[ \t]{2})|[ \t]*/[ \t]*\d(?![\w/.,])"
)


# Round 16: the count of nodes after a nodal stage or a word for nodes, in brackets or not
# ("ypN2 (3/31)", "pN1a (2/14)", "LN 3/31", "lymph nodes: 0/12"): positive of examined, no date.
_DAYS_OF_A_MONTH = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?(?:[ \t]*[-–][ \t]*\d{1,2}(?:st|nd|rd|th)?)?[ \t]+"
    rf"(?:{MONTH_SHORT})\.?"
)
_NODE_COUNT_BEFORE = re.compile(
    r"(?:\b(?:[cpyra]{0,3}N[0-3][a-c]?(?:\((?:mi|sn|i[+-]|mol[+-])\))?|LNs?|(?i:nodes?|"
    r"lymph[ \t]+nodes?|ganglions?|ganglios?|linfonodos?|lymphknoten|ln))[ \t]*[:=]?[ \t]*\(?)\Z"
)
# The first of the scripts whose names deid_scripts reads (Cyrillic on): a cheap test first.
_CJK_FIRST = 0x0400
# A digit and a slash before a day: the day is a score's denominator ("24/30 Mar").
_SLASHED = frozenset(f"{d}/" for d in "0123456789")
_MONTH_IN = re.compile(r"[^\W\d_]")


def pattern_candidates(text: str) -> Iterator[Redaction]:
    """Every match of the fixed-form patterns; overlaps are resolved by the caller."""
    # Found by a scan, not one pattern: text in other scripts, masked identity numbers.
    checkpoint()
    yield from script_candidates(text)
    checkpoint()
    yield from masked_number_candidates(text)
    checkpoint()
    yield from check_code_candidates(text)
    checkpoint()
    yield from card_layout_candidates(text)
    checkpoint()
    yield from login_candidates(text)
    checkpoint()
    yield from csv_age_candidates(text)
    checkpoint()
    yield from column_age_candidates(text)
    checkpoint()
    yield from pipe_age_candidates(text)
    checkpoint()
    yield from sibling_date_candidates(text)
    checkpoint()
    yield from month_first_candidates(text)
    checkpoint()
    yield from national_number_candidates(text)
    checkpoint()
    yield from ssn_form_candidates(text)
    checkpoint()
    yield from table_date_candidates(text)
    checkpoint()
    yield from caps_street_candidates(text)
    checkpoint()
    yield from italian_town_candidates(text)
    checkpoint()
    yield from spelled_email_candidates(text)
    checkpoint()
    yield from kin_phone_candidates(text)
    checkpoint()
    yield from lower_case_plate_candidates(text)
    # Kept for the finders that search this text after (deid_shared_cues, session 59).
    cues = text_cues(text)
    starts = text_word_starts(text) or WordStarts(text, cues.folded_text)
    for kind, pattern in _PATTERNS:
        checkpoint()
        value_groups = _VALUE_GROUPS[id(pattern)]
        for match in checked(_matches(pattern, text, cues, starts)):
            group: int | str = 0
            for name in value_groups:
                if match.group(name):
                    group = name
            start, end = match.span(group)
            value = match.group(group)
            if kind == "url":
                end = start + len(value.rstrip(".,;:"))
            elif kind in _CODE_KINDS and " " in value.strip():
                # A spaced number's check letter or issue digit ("GMS 0911 4472 B", "Medicare
                # 5512 88321 4"): one character more, not a unit, a count of something or the
                # words "A" and "I" ("MRN 1234 5678 A repeat test").
                check = _CHECK_CHARACTER.match(text, end)
                if check is not None:
                    end = check.end()
            if kind == "name" and value and ord(value[0]) >= _CJK_FIRST:
                # A run of Chinese or Japanese letters: its clinical words at either end stay
                # ("高血圧症", "誤嚥性肺炎"; see deid_scripts).
                first, last = without_clinical_words(value)
                if first == last:
                    continue
                start, end = start + first, start + last
                value = text[start:end]
                if katakana_medicine(text, start, end) or field_label(text, start, end):
                    continue  # "メトホルミン 500mg": a medicine before its dose
                if glossed(text, start, end):
                    continue  # "고혈압 (hypertension)": a word of medicine glossed in English
                if all_medicine(text, start, end):
                    continue  # every word one of medicine (deid_script_words, session 53)
            if is_code_exception(pattern, value):
                continue
            if kind in _CODE_KINDS and lab_result_value(value):
                continue  # "reg. HbA1c 58": a lab's name and its result, whatever came before
            if kind in _CODE_KINDS | {"zip_code"} and result_series(text, start, end):
                continue  # "WBC 12000 13000 15000": a test in capitals and its results (s52)
            if kind == "zip_code" and history_year(text, start, end, lexicon()):
                continue  # "Mastectomy 2019", "LSCS 2022": a history's year, no postcode (s52)
            if kind in _CODE_KINDS and (is_date(value) or stamped_date(text, start, end)):
                # "Session 2026-10-05", "sample (2024-03-04 09:15)": a date, found and shifted by
                # the date redactor, and a clock time (deid_stamped_dates, session 61)
                continue
            if _YEAR.fullmatch(value) and _DATED_CUE.match(match.group()):
                continue  # "Lab accreditation 2025 audit": a year ("collar 1903" is a number)
            if kind in _CODE_KINDS | {"zip_code"} and clinical_code_or_trial(value, text, start):
                continue  # "CPT 45385", "ICD-10 I21.4", "KEYNOTE-522": no identifier
            if value.startswith("#") and molecular_notation(value, text, start):
                continue  # "OMIM #612345": a catalogue's entry, not a house's number
            if value.startswith("#") and size_number(text, start, end):
                continue  # "K-file #15", "drill #2": a size, not a unit or a store's number
            if pattern in _BARE_CODES and device_model(text, start, value):
                continue  # "Olympus CF-HQ190L", "model DTPA2D1": a model, not the device
            if kind in ("id_number", "device_id") and catalogue_number(text, start):
                continue  # "Stent REF 1012275-18": the product's catalogue number (session 32)
            if (
                kind == "date"
                and value[:1].isdigit()
                and _NODE_COUNT_BEFORE.search(text, max(0, start - 24), start)
            ):
                continue  # "ypN2 (3/31)": three nodes positive of thirty-one
            if (
                kind == "date"
                and value[:1].isdigit()
                and text[max(0, start - 2) : start] in _SLASHED
            ):
                # "MMSE 24/30 Mar": the day is the score's denominator; the month still goes.
                month = _MONTH_IN.search(text, start, end)
                if month is None:
                    continue
                start = month.start()
            if kind in _CODE_KINDS or kind == "ssn":
                # Round 19: the whole token ("GMS 7718 442K", "41/4471822"; deid_code_edges).
                start, end = code_token(text, start, end)
            actual = kind
            if kind == "phone" and re.search(r"(?i)fax", text[max(0, start - 15) : start]):
                actual = "fax"
            before = text[max(0, start - 30) : start]
            if pattern is BARE_LONG_NUMBER and LAB_BEFORE_NUMBER.search(before):
                continue  # "Platelets 1250000" is a result, not an identifier
            if not owned_by_context(pattern, match, text):
                continue
            if kind == "street_address" and (
                vital_rr(text, start)
                or _DAYS_OF_A_MONTH.fullmatch(value)
                or (pattern is ADDRESS_PART and lone_level(text, start, end))
                or title_not_street(text, start, end)
            ):
                # "RR 95/60", "HR 88, RR 26": blood pressure or breathing rate; "away 16-18
                # Nov,": days of a month (the date rules shift them), no house on a street;
                # "Ward 7B, Level 3": a floor of the hospital (deid_building_levels); "7000 U.
                # Operator Dr Kim": a doctor's title, no Drive (deid_title_streets).
                continue
            if (
                kind == "age_over_89"
                and text[end : end + 1] in "MF"
                and TEMPERATURE_BEFORE.search(before)
            ):
                continue  # "Temp 99F" is a temperature, not a 99-year-old woman
            yield Redaction(actual, start, end, text[start:end], label(actual))


def _parsed(pattern: re.Pattern[str]) -> _Items | None:
    """CPython's parse of ``pattern`` (None where it is not read: each reading parses again)."""
    if _parser is None:
        return None
    try:
        return list(parse(pattern.pattern, pattern.flags))
    except (re.error, AttributeError, TypeError, ValueError, IndexError):
        return None


# Session 53: each pattern is parsed once for the build below, and the patterns written with
# tests in front are compiled from that parse (deid_regex_build); the parses are let go after.
keep()
# The patterns as written, kept for the test that the anchored ones find the same spans.
UNANCHORED_PATTERNS = tuple(_PATTERNS)
_WRITTEN = list(_PATTERNS)
_PATTERNS[:] = [(kind, _at_word_start(pattern)) for kind, pattern in _PATTERNS]
# Session 41: the patterns run in a long text on the lines that hold their anchor only (see
# deid_world_streets.LINE_ANCHORS), by the pattern as written above (the word-start test in
# front changes none of its matches); each reads no line break, checked here.
_LINE_ANCHORS = {
    pattern: anchor
    for (_, written), (_, pattern) in zip(_WRITTEN, _PATTERNS, strict=True)
    if (anchor := LINE_ANCHORS.get(written)) is not None and line_bound(pattern)
}
del _WRITTEN
_OPENINGS = {
    pattern: opening
    for _, pattern in _PATTERNS
    if (opening := _local_part_opening(pattern)) is not None
}
# Speed: the characters a match can open with, tested first (deid_first_characters; a quarter
# of the time of these patterns on a 20-page record). Patterns a context check tells apart by
# identity are matched as they are (the test is in a copy), as are those the e-mail scan reads.


class _FirstCharacterTests(Mapping[re.Pattern[str], re.Pattern[str]]):
    """Each pattern's first-character test, read at the build and compiled on first use
    (session 53): three patterns in four with one are asked only at their word openings
    (_WORD_KEYS), and need it only in a text whose folding moves offsets; compiling all 244 was
    a tenth of the rule build. By the pattern's identity, with the pattern (see _PLANS)."""

    def __init__(self, heads: dict[int, tuple[re.Pattern[str], str]]) -> None:
        self._heads = heads
        self._made: dict[int, re.Pattern[str]] = {}

    def __getitem__(self, pattern: re.Pattern[str]) -> re.Pattern[str]:
        made = self._made.get(id(pattern))
        if made is None:
            known = self._heads.get(id(pattern))
            if known is None or known[0] is not pattern:
                raise KeyError(pattern.pattern[:80])
            made = self._made[id(pattern)] = with_head(pattern, known[1])
        return made

    def __contains__(self, pattern: object) -> bool:
        known = self._heads.get(id(pattern))
        return known is not None and known[0] is pattern

    def __iter__(self) -> Iterator[re.Pattern[str]]:
        return (pattern for pattern, _ in self._heads.values())

    def __len__(self) -> int:
        return len(self._heads)


_FIRST_CHARACTER = _FirstCharacterTests(
    {
        id(pattern): (pattern, head)
        for _, pattern in _PATTERNS
        if pattern not in BY_IDENTITY
        and pattern not in _OPENINGS
        and (head := first_character_head(pattern)) is not None
    }
)
# Session 28: the cue strings a pattern cannot match without (deid_pattern_cues): a pattern
# whose cues a text lacks is not run, and one that reads no line break is run only on the lines
# that hold them (two thirds of the fixed-form patterns find nothing in a 20-page record, each
# after scanning all of it).
# Each pattern is parsed once for the readings below (parsing is most of their cost), and the
# parses are let go.
_PARSED = {pattern: _parsed(pattern) for _, pattern in _PATTERNS}
_CUES = {
    pattern: clauses
    for _, pattern in _PATTERNS
    if (clauses := required_cues(pattern, _PARSED[pattern]))
}
_LINE_BOUND = frozenset(pattern for pattern in _CUES if line_bound(pattern, _PARSED[pattern]))
# Session 35: a pattern that opens a word with one of a list of strings (deid_word_starts) is
# asked only at the words of the text that open with one of them (a weekday's or a street's
# word, a cue before a number), not at every word its first characters admit.
_WORD_KEYS = {
    pattern: openings
    for _, pattern in _PATTERNS
    if pattern not in _OPENINGS
    and (openings := word_openings(pattern, _PARSED[pattern])) is not None
}
# Session 41: a pattern of top-level alternatives, some of which open a word with listed strings
# (a date's cue words, the streets of many countries: deid_alternatives), is asked in a long text
# at those words and where its other alternatives match, not at every word its skipper admits.
# Which are keyed is read here; they are joined and compiled on the pattern's first long text.
_SPLITS = {
    pattern: split
    for _, pattern in _PATTERNS
    if pattern not in _OPENINGS
    and pattern not in _WORD_KEYS
    and (split := read_alternatives(pattern, _items_open_words, _PARSED[pattern])) is not None
}
del _PARSED
forget()
# Round 19: in a long text the engine skips to where a pattern may match (deid_first_characters:
# a set of the characters its matches open with, consumed, where the test above is a look-ahead
# it enters at every position): a fifth of the time of the fixed-form patterns on a 20-page
# record (0.44 -> 0.35 s). Each skipper is written on first use in such a text (compiling them
# all costs about 0.25 s of CPU once, more than they save on a text of a few pages); None where
# there is none.
_SKIP_FROM = 10_000  # characters


# Each split pattern's alternatives, compiled on first use, by the pattern's identity (see _PLANS).
_ALTERNATIVES: dict[int, tuple[re.Pattern[str], Alternatives | None]] = {}


def _alternatives_of(pattern: re.Pattern[str], reading: Reading) -> Alternatives | None:
    known = _ALTERNATIVES.get(id(pattern))
    if known is None:
        known = _ALTERNATIVES[id(pattern)] = (pattern, compile_alternatives(pattern, reading))
    return known[1]


def _rest_search(
    alternatives: Alternatives, text: str, cues: TextCues | None
) -> Callable[[str, int], re.Match[str] | None] | None:
    """rest_search of ``alternatives``; nowhere where ``text`` lacks a cue that every match of
    the other alternatives consumes. Speed (session 61): a highway's or a Hebrew month's pattern
    whose others (a cue's look-behind, a road's number) have no skipper ran whole, skipper and
    all, over a record that holds none of their cues (~15 ms of a 20-page record); so it is
    asked at its keyed words alone, where alone it can match."""
    rest = alternatives.rest
    if rest is not None:
        clauses = cue_clauses(rest)
        if clauses and not (cues or TextCues(text)).may_match(clauses):
            return _nowhere
    return rest_search(alternatives)


def _nowhere(text: str, pos: int) -> re.Match[str] | None:
    """The search of other alternatives that match nowhere in the text."""
    return None


def _skipper(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    # The matches are the pattern's own (skipped_matches reads each with it), so the patterns
    # the context checks tell apart by identity take a skipper too. Kept by the pattern's
    # identity with deid_first_characters' (session 40: see _PLANS).
    return skipper_of(pattern)


# What _matches reads of each pattern (its local part's opening, its cue clauses, its word
# openings, whether it is line-bound, the pattern with its first-character test), read once by
# the pattern's identity. Speed (session 40): hashing a compiled pattern hashes its whole
# compiled code: each lookup by the pattern cost about 1 ms a pass over the 285 patterns, and
# their skippers' hashes more; the patterns live as long as the module, so an identity is
# never another pattern's.
_Plan = tuple[
    re.Pattern[str] | None,
    Any,
    Any,
    bool,
    re.Pattern[str] | None,
    Reading | None,
    re.Pattern[str] | None,
]


def _plan(pattern: re.Pattern[str]) -> _Plan:
    return (
        _OPENINGS.get(pattern),
        _CUES.get(pattern, ()),
        _WORD_KEYS.get(pattern),
        pattern in _LINE_BOUND,
        # The pattern with its first-character test, or None where it has one not compiled
        # yet (compiled where first needed: see _FirstCharacterTests).
        None if pattern in _FIRST_CHARACTER else pattern,
        _SPLITS.get(pattern),
        _LINE_ANCHORS.get(pattern),
    )


_PLANS = {id(pattern): _plan(pattern) for _, pattern in _PATTERNS}
# The named groups that hold a match's value, in the order pattern_candidates reads them (the
# last one that took part wins), by the pattern's identity. Speed (session 49): read from
# ``pattern.groupindex`` at each match, eight lookups made a new mapping each time (about 7
# microseconds a match, 1,500 matches a 20-page record).
_VALUE_GROUPS = {
    id(pattern): tuple(
        name for name in ("v", "w", "u", "v2", "g", "a", "a2", "a3") if name in pattern.groupindex
    )
    for _, pattern in _PATTERNS
}
