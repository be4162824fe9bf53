"""The recall-first word scan: capitalised words that are not known words are identifiers.

After Philter (Norgeot et al., npj Digital Medicine 2020): rather than recognising names, treat
every word that is neither an ordinary English word nor a clinical term as a possible identifier.
Runs of capitalised words are then read as a whole:

* a run ending in a facility word ("Hospital", "Clinic", "Practice", "Nursing Home") with at least
  one distinctive word is a facility ("St. Brigid's Hospital", "Summit Ridge Gastroenterology");
* a run ending in a street word is a street ("Perkins Avenue"), one ending in "County" a county;
* a listed place of two or more words is a location ("Cedar Rapids", "Eau Claire");
* otherwise every unknown word is a name or place, and so are the neighbouring words that are on a
  name or place list ("Helen Vale": "Vale" is an English word but a surname next to a name), and
  every word after a title ("Dr. Frost") or a relation ("his daughter Grace").

A word found once is then removed wherever else it is written with a capital ("Sunrise Meadows
Nursing Home" ... "back to Sunrise Meadows"). Clinical phrases ("Glasgow Coma Scale", "Bell's
palsy") and clinical words are never taken, nor the capitalised words of an eponym: those right
before an eponym head ("Trousseau sign", "Hunt and Hess grade", "Metzenbaum scissors"), before a
grade ("Child-Turcotte-Pugh B"), or after a device maker ("Medtronic Advisa").

Cues come in two strengths: a title or a relation ("Dr.", "his daughter") makes every
capitalised word after it a name; a soft cue ("with", "Present:", "Dear", "paramedic", a name
list before it) only a listed name or a word that is in no dictionary, and the capitalised words
next to it ("discussed with Cardiology" stays). Words in lower case are left alone: names are almost
always capitalised in notes, and lower-case unknown words are mostly drugs, typos and jargon.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field

from medlocal.privacy.deid_cancel import checked, checkpoint
from medlocal.privacy.deid_clinical_values import (
    protect_brands,
    protect_lab_rows,
    protect_med_lists,
    protect_prescribed,
    protect_slashed_abbreviations,
    protect_values,
)
from medlocal.privacy.deid_companies import company_names
from medlocal.privacy.deid_device_nouns import protect_device_nouns
from medlocal.privacy.deid_eponyms import protect_eponyms
from medlocal.privacy.deid_field_label_words import protect_field_labels
from medlocal.privacy.deid_fields import labelled_fields
from medlocal.privacy.deid_first_characters import first_characters_lead
from medlocal.privacy.deid_headings import letterhead_parts
from medlocal.privacy.deid_hospital_names import (
    grown_facilities,
    head_first_names,
    hospital_names,
    named_units,
)
from medlocal.privacy.deid_initials import initial_names, initials_of_found_names
from medlocal.privacy.deid_instrument_eponyms import protect_instrument_eponyms
from medlocal.privacy.deid_joins import join_particles
from medlocal.privacy.deid_known_orgs import (
    hospital_initials,
    hospital_unit_initials,
    known_organisations,
)
from medlocal.privacy.deid_lexicon import Lexicon, fold, lexicon
from medlocal.privacy.deid_list_lines import protect_list_lines
from medlocal.privacy.deid_medicine_slot_names import give_back_listed_names
from medlocal.privacy.deid_names import given_and_surname, names_before_names, split_at_roles
from medlocal.privacy.deid_nicknames import nicknames
from medlocal.privacy.deid_org_cues import cued_organisations
from medlocal.privacy.deid_people_words import PARTICLES, TITLES
from medlocal.privacy.deid_place_words import GENERIC, REGIONS, STREET_WORDS
from medlocal.privacy.deid_places import organisation_acronyms, read_run
from medlocal.privacy.deid_products import protect_products
from medlocal.privacy.deid_runs import complete_runs
from medlocal.privacy.deid_schools import school_names
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_speakers import chat_speakers
from medlocal.privacy.deid_staff_initials import initials_after_names, staff_initials
from medlocal.privacy.deid_surname_initials import surname_initials
from medlocal.privacy.deid_tables import table_cells
from medlocal.privacy.deid_tokens import (
    TOKEN,
    Tok,
    WordSpan,
    capitalised_runs,
    classify,
    word_shape,
)
from medlocal.privacy.deid_unit_letters import protect_unit_letters
from medlocal.privacy.deid_variant_notation import protect_amino_acids


def read_tokens(text: str, lex: Lexicon) -> list[Tok]:
    """The words of ``text`` as the scan reads them: clinical phrases, eponyms, values and
    medication lists protected (read as lower case), each word classified against the lists
    (an identifier on its own, or next to one), organisation acronyms marked."""
    protected = [
        m.span() for m in lex.clinical_phrases.finditer(text) if not _after_given_name(text, m, lex)
    ]
    tokens: list[Tok] = []
    memo: dict[str, tuple[bool, bool, bool]] = {}
    seen: dict[str, tuple[str, str]] = {}  # a word -> (its shape, folded); this text only
    p = 0
    for match in checked(TOKEN.finditer(text)):
        while p < len(protected) and protected[p][1] <= match.start():
            p += 1
        if p < len(protected) and protected[p][0] <= match.start() < protected[p][1]:
            tokens.append(Tok(match.start(), match.end(), match.group(), "lower", "", False))
            continue
        word = match.group()
        if len(word) == 1:  # a lone letter's shape reads the text after it (an initial's stop)
            shape = word_shape(word, text, match.end())
            tok = Tok(match.start(), match.end(), word, shape, fold(word))
        else:
            # Speed (session 36): a longer word's shape and folded form are the word's alone,
            # made once per distinct word of this text.
            read = seen.get(word)
            if read is None:
                read = seen[word] = (word_shape(word, text, match.end()), fold(word))
            tok = Tok(match.start(), match.end(), word, read[0], read[1])
        tokens.append(tok)
    checkpoint()
    protect_eponyms(tokens, text, lex)
    checkpoint()
    protect_instrument_eponyms(tokens, text, lex)
    checkpoint()
    # Session 56 (deid_medicine_slot_names): the medicine passes' keep is undone below for a
    # listed name in a medicine's slot; their shapes before are kept for it.
    shapes_before_medicines = [tok.shape for tok in tokens]
    protect_values(tokens, text, lex)
    checkpoint()
    protect_products(tokens, text, lex)
    checkpoint()
    protect_device_nouns(tokens, text, lex)
    checkpoint()
    protect_med_lists(tokens, text)
    checkpoint()
    protect_list_lines(tokens, text, lex)  # session 57 (deid57d): other languages' lists
    checkpoint()
    protect_field_labels(tokens, text)  # review57a: "Arbeitgeber:", "Hemtjänst:" as words
    checkpoint()
    protect_brands(tokens, text, lex)
    checkpoint()
    protect_lab_rows(tokens, text, lex)
    checkpoint()
    protect_prescribed(tokens, text)
    give_back_listed_names(tokens, text, lex, shapes_before_medicines)
    checkpoint()
    protect_slashed_abbreviations(tokens, text)
    checkpoint()
    protect_amino_acids(tokens, text)
    checkpoint()
    protect_unit_letters(tokens, text)
    checkpoint()
    acronyms = organisation_acronyms(tokens, text, lex)
    for tok in checked(tokens):
        classify(tok, text, lex, memo)
    for tok in acronyms:
        tok.strong = True
    return tokens


# The capitalised word right before a phrase, on its line or the line before.
_WORD_BEFORE_PHRASE = re.compile(r"([A-Z][a-z]+)[ \t]*\n?[ \t]*\Z")


def _after_given_name(text: str, phrase: re.Match[str], lex: Lexicon) -> bool:
    """Round 17: a listed phrase that opens with a surname ("Graves disease", "Hodgkin
    lymphoma") right after a listed given name that is no English or clinical word ("Gary
    Graves\ndisease activity") is a person's name with a word after it: the phrase protects
    neither (privacy first; the eponym rules still keep "Graves disease" where no name leads)."""
    if not phrase.group()[:1].isupper():
        return False
    before = _WORD_BEFORE_PHRASE.search(text, max(0, phrase.start() - 24), phrase.start())
    if before is None:
        return False
    word = before.group(1).lower()
    return word in lex.given_names and word not in lex.english and not lex.clinical(word)


def scan(
    text: str,
    lex: Lexicon | None = None,
    tokens: list[Tok] | None = None,
    record: NameSeeds | None = None,
    written: str | None = None,
) -> list[WordSpan]:
    """Every name, facility and place the word scan finds in ``text``, in text order.
    ``tokens``, where given, are :func:`read_tokens` of this text (the scan marks them).
    ``record``: the names found in the patient's other documents, removed here too wherever
    they are written as a found name's words would be. ``written``: the text as written where
    ``text`` is its re-cased reading (:func:`~medlocal.privacy.deid_case.recase`, same
    offsets)."""
    lex = lex or lexicon()
    tokens = read_tokens(text, lex) if tokens is None else tokens
    checkpoint()
    given_and_surname(tokens, text, lex)
    found: list[WordSpan] = []
    runs = [part for run in capitalised_runs(tokens, text) for part in split_at_roles(run, lex)]
    for run in checked(runs, every=16):
        read_run(run, text, lex, found)
    checkpoint()
    names_before_names(text, tokens, found, lex)
    checkpoint()
    found += labelled_fields(text, lex)
    checkpoint()
    found += initial_names(text, tokens, lex)
    checkpoint()
    found += surname_initials(text, lex)  # session 60 (deid60h): "reply by Okafor A (RXH)"
    checkpoint()
    found += staff_initials(text, lex)
    checkpoint()
    found += chat_speakers(text, lex)
    checkpoint()
    found += company_names(text, lex)
    checkpoint()
    found += school_names(text, lex)
    checkpoint()
    found += known_organisations(text, lex)
    # Round 15: organisations named by neither a facility word nor the list, told by their
    # role in the sentence or the shape of their name.
    checkpoint()
    found += cued_organisations(text, lex)
    checkpoint()
    found += hospital_initials(text, lex)
    checkpoint()
    found += hospital_unit_initials(text, lex)
    checkpoint()
    found += hospital_names(text, lex)
    checkpoint()
    found += named_units(text, lex)
    checkpoint()
    found += head_first_names(text, lex)
    checkpoint()
    found += table_cells(text, lex)
    checkpoint()
    found = complete_runs(text, tokens, runs, found, lex)
    checkpoint()
    found += letterhead_parts(text, tokens, found, lex)
    checkpoint()
    found = grown_facilities(text, found, lex)
    checkpoint()
    found += initials_of_found_names(text, found)
    checkpoint()
    found += initials_after_names(text, found)
    checkpoint()
    found += nicknames(text, found, lex)
    checkpoint()
    return _propagate(text, tokens, join_particles(text, found), lex, record, written)


# Unions of word lists made once, where they were made again for every word read.
_NO_PROPAGATED_NAME = GENERIC | STREET_WORDS | REGIONS | TITLES


@dataclass(frozen=True)
class NameSeeds:
    """What found spans pass on to the other places their words are written with a capital:
    each distinctive word that is not plain English ("Raghunathan", "Vale" as a name), and the
    first two distinctive words of a span together ("Sunrise Meadows" from "Sunrise Meadows
    Nursing Home"), each with the kind of the span it came from."""

    words: Mapping[str, str] = field(default_factory=dict)  # lower-case word -> kind
    phrases: Mapping[str, str] = field(default_factory=dict)  # two words as written -> kind
    # Names found typed in lower case ("dawn (CCOT):"), read again in lower case in that text.
    lower_names: frozenset[str] = frozenset()

    def under(self, first: NameSeeds) -> NameSeeds:
        """These seeds with ``first``'s laid over them (its kinds win where both have a word)."""
        return NameSeeds(
            {**self.words, **first.words},
            {**self.phrases, **first.phrases},
            first.lower_names,
        )


# A person's title right before a found name ("Mr Marigold", "Mrs. Plenty").
_TITLE_BEFORE = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+\Z")


def name_seeds(
    text: str,
    spans: Iterable[WordSpan | Redaction],
    lex: Lexicon,
    kinds: Container[str] | None = None,
) -> NameSeeds:
    """The :class:`NameSeeds` of ``spans`` (those of ``kinds`` only, where given) in ``text``."""
    words: dict[str, str] = {}
    phrases: dict[str, str] = {}
    lower_names: set[str] = set()
    for span in spans:
        if kinds is not None and span.kind not in kinds:
            continue
        parts = [
            m.group().rstrip("'’")
            for m in TOKEN.finditer(text, span.start, span.end)
            if m.group().rstrip("'’").lower() not in _NO_PROPAGATED_NAME
        ]
        titled = span.kind == "name" and _TITLE_BEFORE.search(
            text, max(0, span.start - 8), span.start
        )
        for i, word in enumerate(parts):
            lower = word.lower()
            if (
                len(word) >= 3
                and (
                    lower not in lex.english
                    or lex.name_like(lower)
                    # A plain word as the surname after a title ("Mr Marigold"): a name there.
                    or (
                        titled
                        and i == len(parts) - 1
                        and word[:1].isupper()
                        and not lex.clinical(lower)
                    )
                )
            ):
                words.setdefault(lower, span.kind)
            if word.islower() and span.kind == "name":
                lower_names.add(lower)  # a name found as typed in lower case ("dawn (CCOT):")
        # Round 21: not two particles ("de la" of "rue de la Charité"), which would take the
        # language's own words elsewhere ("claudication de la mâchoire").
        if len(parts) >= 2 and not all(p in PARTICLES for p in parts[:2]):
            phrases.setdefault(" ".join(parts[:2]), span.kind)
    return NameSeeds(words, phrases, frozenset(lower_names))


def _recased_only(text: str, written: str | None, found: list[WordSpan]) -> set[str]:
    """The words of found names that the re-casing alone capitalised: written in lower case
    wherever a found name holds them (an unknown word of a line typed in lower case)."""
    if written is None or written is text:
        return set()
    capitalised: set[str] = set()
    lowered: set[str] = set()
    for span in found:
        for m in TOKEN.finditer(text, span.start, span.end):
            lower = m.group().rstrip("'’").lower()
            as_written = written[m.start() : m.end()]
            (lowered if as_written.islower() else capitalised).add(lower)
    return lowered - capitalised


# A word written with a capital and then lower case ("Her", "Started"): not an acronym ("FY1").
_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-Z][a-z]")


def _own_capitals(written: str, pos: int) -> bool:
    """Whether the line around ``pos`` holds a capitalised word as written (a line typed in
    lower case may hold acronyms: "02:14 jess p (night FY1): hi chase its jess")."""
    start = written.rfind("\n", 0, pos) + 1
    end = written.find("\n", pos)
    return _CAPITALISED.search(written, start, end if end >= 0 else len(written)) is not None


def _propagate(
    text: str,
    tokens: list[Tok],
    found: list[WordSpan],
    lex: Lexicon,
    record: NameSeeds | None,
    written: str | None = None,
) -> list[WordSpan]:
    """Remove every other capitalised occurrence of what was already found (its
    :class:`NameSeeds`), and of what ``record`` found in the patient's other documents."""
    seeds = name_seeds(text, found, lex)
    checkpoint()
    # Walk 41: a redacted summary's flag ("key words ('zirconium', 'cyclosilicate', ...)", a
    # line in lower case) read "Cyclosilicate" re-cased as a name, and it then took the drug
    # from every sentence of the summary, where the writer had typed it in lower case among
    # capitals. A name the re-casing alone made (no capital as written) does not take a word
    # in lower case from a line whose writer used capitals.
    guessed = _recased_only(text, written, found) - set(record.words if record else ())
    # Walk 41: a word of another document's name that is an English or clinical word ("Little"
    # of "Little Hadham", "People" of "... for Older People") took that word from every export
    # of the patient ("Little change overnight"). From the record such a word of a place or an
    # organisation passes on only with its phrase; a person's still goes alone ("Frost will
    # check on her" after "Neighbour Frost" in the referral); this text's own names pass on
    # their words as before.
    record_words = (
        {w for w in record.words if w not in seeds.words and (lex.known(w) or lex.clinical(w))}
        if record is not None
        else set()
    )
    if record is not None:
        seeds = record.under(seeds)
    kinds, phrases, found_lower = seeds.words, seeds.phrases, seeds.lower_names
    covered = bytearray(len(text))  # 1 where a span already lies
    for span in found:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    extra: list[WordSpan] = []
    if phrases:
        # A word the scan protects (a clinical phrase's, an eponym's) is not taken by a phrase
        # found elsewhere: "Charles Bonnet" found as a person leaves "Charles Bonnet syndrome".
        protected = {t.start for t in tokens if t.shape == "lower" and t.word[:1].isupper()}
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        lead = first_characters_lead(phrases)  # speed: the same matches (session 56)
        checkpoint()
        for match in checked(re.finditer(rf"{lead}(?<!\w)(?:{alternatives})(?!\w)", text)):
            if not covered[match.start()] and match.start() not in protected:
                extra.append(WordSpan(phrases[match.group()], match.start(), match.end()))
                covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for tok in checked(tokens):
        # A possessive is its name: "Tyler's truck" after "Grandson Tyler Summers".
        word = tok.word.rstrip("'’")
        if word[-2:] in ("'s", "’s") and word[:-2].lower() in kinds:
            word = word[:-2]
        kind = kinds.get(word.lower())
        if kind is None or covered[tok.start]:
            continue
        if word.lower() in record_words and kind != "name":
            continue
        # In lower case only a person's name that is no known word ("dr halvorsen" after "Dr
        # Halvorsen"), or a listed given name found typed in lower case ("is dawn around?"
        # after "02:18 dawn (CCOT):"): lower-case words are mostly ordinary ones ("Wife Rose"
        # says nothing of "CRP rose to 140"), and a clinical word never goes.
        lower = word.lower()
        person = kind == "name" and (
            not lex.known(lower)
            or (lower in found_lower and lower in lex.given_names and not lex.clinical(lower))
        )
        if (
            guessed
            and word.islower()
            and lower in guessed
            and written is not None
            and _own_capitals(written, tok.start)
        ):
            continue
        if tok.shape in ("title", "caps") or (len(word) >= 4 and word.islower() and person):
            extra.append(WordSpan(kind, tok.start, tok.start + len(word)))
    return sorted(found + extra, key=lambda s: (s.start, s.end))
