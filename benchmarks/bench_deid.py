"""De-identification: recall per Safe Harbor type and clinical terms kept, on the halves of the
evaluation set (tests/fixtures/deid), and the time to redact a 20-page record on the CPU.

``python benchmarks/bench_deid.py [--quick] [--show-misses] [--halves dev,dev3]``. Missed
identifiers are printed only with ``--show-misses`` and only for the development data (dev; since
the third round of rules heldout and heldout2; dev3 and dev4, written as development data in the
fourth and fifth; dev5a and dev5b, written in the sixth, where dev5b was the round's validation
half, scored only in aggregate until the round's end; dev6, the seventh round's validation half,
likewise; dev7, written in the eighth from heldout5's brief; dev9, dev10 and dev11, written in the
ninth; dev12 and dev13, written in the tenth; dev14 and dev15, written in the eleventh; dev17 and
dev18, written in the twelfth; dev19, written in the thirteenth; dev20, written at the end of the
thirteenth; dev21 to dev24, written in the fourteenth to sixteenth; dev25 (the hardest types) and
dev26 (precision: clinical words that look like names), written in the seventeenth; dev27 (the
hardest types again) and dev28 (precision), written in the eighteenth; dev36 and dev37, written
blind in the nineteenth; dev38 (precision), written blind in session 42; dev39 (precision:
operative, anaesthesia, allied-health, obstetric, genetics and pathology notes) and dev40 (recall:
the weakest types), written blind in session 43; dev41 (recall: organisations by initials, people
named with no cue, dates with no year), written blind in session 44; dev42 (recall: vehicles,
facilities named with common words, ages over 89, device serials, reference numbers, rural and
postal addresses), written blind in session 45; dev43 (generalisation: clinical words of specialties
and countries the set was thin on, with every type of identifier), written blind in session 46;
dev44 (recall that generalises: facilities with no head word, people named every way, reference
numbers, streets, vehicles, ages and devices of many countries), written blind in session 47; dev45
(recall on facilities and people written the ways notes of many countries write them) and dev46
(recall on reference numbers, streets, vehicles, devices and ages over 89 of many countries, with
dense clinical words), written blind in session 48; dev47 (recall on facilities written every way
and ages over 89 in every form, with clinical words named after places and people) and dev48 (recall
on reference numbers, vehicles, devices and people of many countries and systems, codes in tables
and split over lines, names that are also words), written blind in session 49; dev49 (recall by a
mechanism: names and places with no cue, in genres and countries the set was thin on) and dev50
(precision: clinical words of eleven specialties the set was thin on, eponyms, scales, syndromes,
genes, brands, devices, organisms, vaccines, trials and guideline bodies), written blind in session
50; dev51 (recall on identifiers that hold a digit - plates, serials, lots, UDIs, reference codes,
ages over 89, dates - written every way beside values that stay, and people signed by their
all-capital initials) and dev52 (precision: clinical words that look like names written in Title
Case, headings and capitalised problem lists of twenty specialties and countries the set was thin
on, with facilities written every way), written blind in session 51; dev53 (recall on facilities,
practices, wards, care homes, pharmacies, schools, employers and people of fifteen countries,
written in lower case, all capitals, abbreviated, possessive, in tables, split over lines and with
typos, beside clinical shorthand that must stay) and dev54 (precision: clinical terms in the shapes
the set was thin on - eponyms in lower and Title Case, brands, devices, organisms, scales, serial
results, values written like dates, clinical codes, gene variants, staff grades - with the
identifiers of twenty countries' notes) and dev55 (precision: clinical words in Arabic, Hebrew,
Devanagari, Bengali, Tamil, Thai, Chinese, Japanese and Korean beside names, hospitals, towns and
streets in the same scripts), written blind in session 52; dev56 (recall on facilities of sixteen
countries written every way - care homes, practices, polyclinics, pharmacies, labs, imaging,
dialysis, rehab, hospices, schools, employers, churches, mosques, prisons - in lower case, all
capitals, abbreviated, possessive, with and without the kind's word, in tables and lists, beside
ward numbers, units, specialties and eponyms that stay) and dev57 (recall on vehicles, ages over 89,
devices and reference numbers of twenty-two countries - plates in other scripts, VINs, fleet and
call numbers, boat and aircraft registrations, serials, lots, UDIs, specimen, referral, claim and
badge numbers - beside doses, values, scores, codes and model numbers that stay), both written blind
in session 53; dev59 (recall on reference numbers, ages over 89, vehicles and devices of twenty-two
countries written the ways real notes write them - insurance, national and health-service numbers,
accession, specimen, lot and licence numbers, codes and logins in lower case, passwords and code
words, ages in key-value tables and "93 yof" shorthand, plates in lower case and VINs - beside
doses, drug strengths, values with reference ranges, genes, ECG leads, vertebrae and ICD, SNOMED and
LOINC codes that stay), written blind in session 54; dev58 (recall on facilities of twenty countries
as notes write them after a first full mention - an acronym defined in brackets and used alone,
initials never spelt out, a name without its kind's words, in lower case, all capitals, in transfer
and referral slots, tables and lists, possessive - beside clinical acronyms, units, specialties, lab
names, scales and eponyms that stay), written blind in session 54; dev60 (recall on facilities of
twenty countries named with no kind's word or by common words - one-word names in capitals,
English-word names, clinics named after people, pharmacies, labs, nursing homes, schools and
employers, in tables, lists, lower case and possessives - beside wards, units, specialties, scales,
eponyms, brands, lab names, guideline bodies and trials that stay), written blind in session 55;
dev61 (recall outside facilities: people named with and without a cue, beside doses, in brackets, as
spaced initials and in other scripts, dates written every way and in other languages and calendars,
towns, streets and house numbers of thirty countries, reference numbers, ages over 89, vehicles and
devices, beside clinical words in those languages that must stay), written blind in session 55;
dev62 (recall on people as real notes write them - all-capitals headers, banners and signatures,
names beside lower-case words in shorthand, relatives, clinicians, carers and nicknames of twenty
countries - beside brands in capitals, eponyms, headings, lab names and medicines where a name could
stand), written blind in session 56; dev63 (recall on ages over 89 in digits, words and one-word
forms of other languages, vehicles - plates of many countries, VINs, call signs of spelling-alphabet
words, ambulances named by town - reference numbers of every kind after lower-case words and their
label's own abbreviation, and days and months in tables and lists with no cue, beside doses, values,
ranges, scores, classes, ECG leads, times, beds and wards that stay), written blind in session 56;
dev64 (precision: drug brands of twenty countries in Title Case and all capitals, devices and their
models, eponymous scales, signs, tests, syndromes and operations, organisms and clinical words of
French, Spanish, German, Italian, Portuguese and Dutch, with names, places, dates and numbers in the
same lines), written blind in session 56); dev67 (recall on reference numbers, vehicles and ages
over 89 as systems print them - donation, accession, specimen, episode and order numbers, plates,
VINs and call signs, ages in digits and eight languages' words - beside doses, values, scores,
clinical codes and room numbers that stay), written blind in session 57); dev65 (recall on
facilities as notes write them - hospitals, practices, care homes, pharmacies, labs, hospices, rehab
units, schools and employers of twenty countries in letterheads, cc lists, addresses and fields,
abbreviated, possessive, in capitals, lower case, split over lines and in French, German, Spanish,
Dutch, Italian, Portuguese and Swedish, beside departments, specialties, wards named after people
and eponymous clinics that stay), written blind in session 57); dev66 (recall on people written as
initials - signatures, sign-offs, tables, rotas and cc lists, initials that spell a clinical
abbreviation - and surnames of many countries where a medicine or a dose stands, beside clinical
abbreviations in capitals, brands and eponyms that stay), written blind in session 57); dev69
(precision: clinical abbreviations after "Reviewed:", "Seen:" and "Signed:", eponyms, brands,
devices and their makers, genes, organisms, Title Case problem lists, lab tables and list lines of
other languages, in forty-two notes of thirty genres and forty-two countries, with identifiers of
every type), written blind in session 58; dev70 (recall on facilities in every shape: hospitals,
practices, care homes, pharmacies, hospices, rehab units, labs, schools and employers of forty
countries, in eleven languages and three scripts, acronyms, lower case, all capitals, tables,
addresses, signatures and possessives, beside wards, departments and units that stay), written blind
in session 59; dev71 (recall on reference numbers of every kind - case, claim, accession, specimen,
episode, referral, incident, crime, badge and employee numbers, barcodes' text lines, national
person numbers of thirty countries, device serials and UDIs -, plates of twenty countries, VINs,
fleet numbers and call signs, and ages over 89 in digits, shorthand, words of eight languages and
decades, beside ICD-10, SNOMED, LOINC, OPCS, CPT and ATC codes, gene variants, doses, values and
scores that stay, in forty-two notes of forty-two countries), written blind in session 59; dev72
(recall on people and dates: relatives, clinicians and others with and without a cue - nicknames,
initials, lists, lower case, many languages, particle surnames, names that are words, "c/o", "per",
"d/w" - and dates as words of several languages, ordinals, ranges, partial dates, dates in file
names and named days, beside eponyms, brands, scales, doses and intervals that stay, in forty-four
notes), written blind in session 59; dev73 (recall on facilities and places in the shapes a record
writes them: named after a saint or person with a department after them, trusts and health boards,
one-word brands, acronyms after a preposition, all capitals, lower case, numbered facilities,
facility words of other languages, addresses, neighbourhoods, villages, counties and postcodes,
beside eponym clinics, departments and wards that stay, in forty-seven notes of forty-three
countries), written blind in session 60; dev74 (recall on reference numbers in every shape - spaced
groups, year-prefixed, labels of fifteen languages and labels far from the number -, ages over 89 in
digits, words, "95+", decades and tables, and plates, VINs, call signs, trailers, boats and aircraft
of thirty countries, beside ventilator settings, scores, doses and codes that stay, in forty-eight
notes), written blind in session 60; dev75 (recall on people and dates, dense: signers' and
co-signers' initials, "Surname, Given" in bed lists and tables, lower case and all capitals, names
that are words or places, logins, e-mails and file names, names of many cultures; a day alone after
a preposition of several languages, named days, "Next MDT 9/12", dates beside lab values, ordinal
words, ranges, dates in file names - beside eponyms after a relation word, values, doses and scores
that stay, in forty-two notes), written blind in session 60; dev76 (precision: eponymous diseases,
signs, scores, operations and instruments, brands that look like names or places, genes, organisms
and device models beside identifiers of every type, in forty-two notes of forty-one countries),
written blind in session 60; dev78 (recall on ages over 89 in every suffix, word, decade and table,
identifiers of every layout and labels of many languages, plates of forty countries in their own
scripts, VINs, call signs, boats and aircraft, beside ages under 90, scores, doses, codes and
variants that stay, in forty-five notes), written blind in session 61 (deid61b); dev79 (recall on
people, dense: relatives, clinicians, signers, "Surname I." and initials, lower-case names after
roles, ALL CAPS signature blocks, names repeated in other forms, names that are words or places,
names of many cultures and scripts, beside eponyms that stay, in forty-four notes), written blind in
session 61 (deid61c); dev77 (recall on facilities and places in the contexts a record names them:
after verbs and prepositions of movement and care, as a table's site or location column, in
letterheads, addresses and signatures, before "ED", "ICU", "A&E", a facility named in full and again
by its short name or acronym, lower case and all capitals, beside eponyms, scales named after places
and departments that stay, in forty-four notes of fifty countries), written blind in session 61
(deid61a); dev80 (precision: clinical notation that reads like a date, a time or a number -
fractions and scores out of N, x/12, x/52 and x/7 durations, vision, power, blood pressure in mmHg
and cmHg, gestation, dilutions, doses per time, lab values and ranges, section numbers - and eponyms
beside a negation or a verb, with real dates in every shape in the same places and identifiers of
every type, in forty-four notes), written blind in session 61 (prec61); dev82 (recall on people:
lone initials beside a surname, lower-case names after titles, logins, surname particles, inflected
Finnish, Baltic, Slavic and Hungarian forms, sign-offs, cc lists, table cells, nicknames, name +
role abbreviation, surnames that are clinical words beside the eponyms that stay, in forty-two
notes), written blind in session 62 (deid62b); dev84 (recall on ages over 89 in suffixes, words,
ranges, tables and other scripts, on plates, VINs, fleet numbers, vessels and aircraft, and on
national, insurance, licence, device and account numbers in every layout, beside clinical codes and
values that stay, in forty notes of thirty-six countries), written blind in session 62 (deid62d);
dev81 (recall on facility names written the long ways records write them - legal names, trusts,
health boards, campuses, wings, names with articles, saints, possessives, hyphens, ampersands and
numbers, names split over two lines of a letterhead, lower case and capitals - beside departments,
eponym clinics, scales and protocols that stay, in forty-five notes of thirty-four countries),
written blind in session 62 (deid62a); dev85 (precision: eponymous signs, tests, scores and
classifications in every position, eponyms beside a verdict or a test word, drug brands in capitals,
genes, antigens and blood groups, durations and pressures written as pairs, numbers after
prepositions of other languages and Title Case headings and table cells, beside people named like
eponyms and identifiers of every type, in forty-three notes of twenty-nine countries), written blind
in session 62 (prec62); dev83 (recall on dates, streets, phones and cities, dense: month names of
many languages with and without a stop, ordinals, Roman-numeral months, ranges, weekdays, dates
split across table cells, streets of many countries with flats, blocks, house names and P.O. boxes,
phones with extensions and bleeps, cities after "from", "lives in", "born in" - beside blood
pressures in cmHg, x/12 durations and acuity that stay, in forty-four notes), written blind in
session 62 (deid62c); dev87 (recall on ages over 89, vehicles and the code types again, dense: ages
in suffixes, words, decades and table columns of many languages and scripts, plates, VINs, call
signs, fleet, trailer, vessel and aircraft numbers, national numbers with valid check digits,
insurance, licence, device and account numbers after labels of many languages and in column
headers, beside clinical codes and values that stay, in forty-three notes of forty countries),
written blind in session 63 (deid63b); dev88 (recall on people, streets, reference numbers and
dates together: ward
lists, handovers, messages, e-mails, call transcripts with speaker labels, forms, first names and
lower-case names, surnames repeated without a title, streets without a number, case, claim, sample
and request numbers, dates in every order and language, in forty-two notes of thirty-eight
countries), written blind in session 63 (deid63c); dev90 (recall on ages over 89, vehicles and
the code types a third time: ages in words of many languages, census tables and lists, plates,
VINs, vessel and aircraft registrations, trailer, bicycle-frame and wheelchair serials, national
numbers with valid check digits after labels, on the line above, on wristbands and in messages,
beside clinical codes that stay, in forty-two notes of thirty-eight countries), written blind in
session 64 (deid64b); dev91 (recall on people, streets, reference
numbers and dates again: people's other forms in the same note - initials, surname alone, "Dr A" in
an e-mail header - weekday abbreviations of many languages before short dates, Finnish, Greek,
Hungarian, Czech and Polish streets, in forty-two notes of thirty-four countries), written blind in
session 64 (deid64c).
heldout3 and heldout4 (written in the sixth round by an author who had not
read the rules), heldout5, heldout6 (the ninth round's), heldout7 (the tenth's), heldout8 (the
eleventh's), heldout9 (the twelfth's), heldout10 to heldout15 (the thirteenth's to the
eighteenth's), dev8 (the validation half of the eighth to tenth rounds) and dev16 (the eleventh's)
are never looked at note by note (their misses would invite tuning on them), and ``--halves`` lets a
round of rule work measure the development data without them. The notes are synthetic.
dev86 (recall on facility and organisation names in the slots records put them - letterheads,
signatures, "transferred to", "c/o", "employed by", "attends" - schools, employers, care homes,
pharmacies, insurers, churches, clubs and prisons beside hospitals, beside departments,
guidelines, societies and trial names that stay, in forty-two notes) was written blind in session
63 (deid63a). dev89 (recall on facility and organisation names again, dense: ambulance services,
laboratories, GP practices named after streets and doctors, hospices, prisons, military units,
employers and insurers of forty-odd countries, beside guidelines, scales and brands that stay, in
forty-three notes) was written blind in session 64 (deid64a).

Scoring convention for labels (session 53, score53): an identifier's opening label ("SN", "Lot
no.", "MRN", "VIN:", "NHS") names the KIND of identifier and identifies nobody, so Safe Harbor
asks for the number to go, not the label, and the redactor keeps labels in view on purpose
(deid_id_labels). The newer halves mark labels outside the span, the older ones inside; the
recall printed first trims the redactor's own label words from the start of a code's span in
every half (fixtures.deid_corpus.label_trimmed: code kinds only, whole words, never after a
title or relation), and the recall "as marked" is printed beside it. This changes the measure,
not the redactor. On main 3a95dd30 (one redaction scored both ways; every type not listed is
identical):

    type         development: as marked  labels outside  held-out: as marked  labels outside
    DEVICE       553/565 (97.9%)         559 (98.9%)     227/241 (94.2%)      233 (96.7%)
    ACCOUNT      283/285 (99.3%)         284 (99.6%)     262/268 (97.8%)      262 (97.8%)
    HEALTHPLAN   898/903 (99.4%)         898 (99.4%)     566/583 (97.1%)      567 (97.3%)
    LICENSE      931/934 (99.7%)         931 (99.7%)     689/714 (96.5%)      691 (96.8%)
    ID           1,515/1,527 (99.2%)     1,516 (99.3%)   1,251/1,327 (94.3%)  1,251 (94.3%)
    ALL          38,924/39,448 (98.67%)  38,932 (98.69%) 25,810/26,855 (96.11%) 25,819 (96.14%)

Damage is the same both ways (development 378/27,514, held-out 275/13,043); no half has a span
that is only a label, and no code's span ends with one. Counts: tools/deid_label_audit.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures.deid_corpus import Note, load, score

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import PatientIdentity, Redactor

DEVELOPMENT = (
    "dev", "dev3", "dev4", "dev5a", "dev5b", "dev6", "heldout", "heldout2", "dev7", "dev9", "dev10",
    "dev11", "dev12", "dev13", "dev14", "dev15", "dev17", "dev18", "dev19",
    "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26",
    "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35",
    "dev36", "dev37", "dev38", "dev39", "dev40",
    "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48",
    "dev49", "dev50", "dev51", "dev52", "dev53", "dev54", "dev55", "dev56", "dev57", "dev58",
    "dev59", "dev60", "dev61", "dev62", "dev63", "dev64", "dev66", "dev65", "dev67", "dev68",
    "dev69", "dev70", "dev71", "dev72", "dev73", "dev74", "dev75", "dev76", "dev78", "dev79",
    "dev77", "dev80", "dev82", "dev84", "dev81", "dev85", "dev83", "dev86", "dev87",
    "dev88", "dev90", "dev89", "dev91",
)  # fmt: skip
# Halves scored only in aggregate: their misses are never printed. dev8 is a validation half.
HELD_OUT = (
    "heldout3", "heldout4", "heldout5", "dev8", "heldout6", "heldout7", "heldout8", "dev16",
    "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14",
    "heldout15", "heldout16", "heldout17", "heldout18",
)  # fmt: skip
HALVES = DEVELOPMENT + HELD_OUT


def _spans_by(tagger: bool) -> Callable[[Note], list[tuple[int, int]]]:
    """What the redactor removes from a note; ``tagger=False`` (``--no-tagger``) is the rules
    alone, without the statistical line."""

    def spans(note: Note) -> list[tuple[int, int]]:
        identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
        redactor = Redactor(identity, shift_days=40, tagger=tagger)
        return [(r.start, r.end) for r in redactor.preview(note.text)]

    return spans


def _replay(found: dict[str, list[tuple[int, int]]]) -> Callable[[Note], list[tuple[int, int]]]:
    """The spans already found for each note, so that one redaction is scored both ways."""
    return lambda note: found[note.note_id]


def _twenty_pages(notes: list[Note]) -> str:
    """About 20 pages of 3000 characters, built from the notes themselves."""
    text = ""
    i = 0
    while len(text) < 60_000:
        text += notes[i % len(notes)].text + "\n"
        i += 1
    return text


def _odd_shapes(size: int) -> dict[str, str]:
    """Text no clinic writes but a bad export or a pasted log can hold: each once made a rule
    quadratic (a 50 KB run of "A. A. A." took 48 s before session 13, a 50 KB word 10 s, a
    60 KB "A.A.A." 30 s before the speed round)."""
    rng = random.Random(13)

    def repeat(pick: Callable[[], str], sep: str) -> str:
        parts: list[str] = []
        while sum(map(len, parts)) + len(parts) < size:
            parts.append(pick())
        return sep.join(parts)[:size]

    return {
        "capitalised_words_one_line": repeat(lambda: rng.choice(("Alpha", "Bravo", "Delta")), " "),
        "one_word_of_letters": "".join(rng.choice(string.ascii_letters) for _ in range(size)),
        "initials_and_dots": repeat(lambda: rng.choice(("J.", "K.", "A.B.", "M", "A.")), " "),
        "hyphen_joined_names": repeat(lambda: rng.choice(("Okafor", "Price", "Smith", "x")), "-"),
        "digits_one_word": "".join(rng.choice(string.digits) for _ in range(size)),
        # Added in the speed round: each took 2-30 s at 60 KB before it (recase's capitals, the
        # e-mail patterns' local part, the word runs' kind looked up over every span).
        "capitals_and_dots": ("A." * size)[:size],
        "apostrophe_joined_capitals": ("O'" * size)[:size],
        "initials_without_spaces": ("J.K.L.M." * size)[:size],
        "letters_and_hyphens": ("Aa-" * size)[:size],
        "dashes": "-" * size,
        "names_in_sentences": ("Dr Smith saw Alpha Bravo at Kilo. " * size)[:size],
        # Added in round 15 after its review: 26 s and 10 s at 60 KB before their fixes (a
        # CamelCase scan, a census line read again for every pair on it).
        "camel_case_run": ("aB" * size)[: size - 1] + "_",
        "census_one_line": ("JONES, JOHN; " * size)[:size],
        # Added in round 20: a label, then a long run of blanks (a form exported with its
        # empty fields padded): "DOB" and 4,000 blanks took 245 s before round 19's fix.
        "labels_and_blank_runs": repeat(
            lambda: rng.choice(("DOB", "Ward", "Prescription code", "Name:")) + " " * 4000, ""
        ),
        "tabs": "\t" * size,
    }


def _rule_build_s() -> tuple[float, float]:
    """(CPU, wall) seconds of ``import medlocal.privacy.redact`` in a fresh process: the rule
    build (the fixed-form patterns compiled and read, the word lists' modules) that every CLI
    redacted export and the window's first redacted preview pay once (session 53)."""
    root = str(Path(__file__).resolve().parent.parent)
    child = (
        "import time; c, w = time.process_time(), time.perf_counter(); "
        "import medlocal.privacy.redact; "
        "print(time.process_time() - c, time.perf_counter() - w)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True
    )
    cpu, wall = (float(value) for value in done.stdout.split())
    return cpu, wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--no-tagger", action="store_true", help="the rules alone")
    ap.add_argument("--halves", default=",".join(HALVES), help="comma-separated halves to score")
    args = ap.parse_args()
    spans = _spans_by(tagger=not args.no_tagger)
    result: dict[str, object] = {}
    build_cpu, build_wall = _rule_build_s()
    result["rule_build_cpu_s"] = round(build_cpu, 3)
    result["rule_build_wall_s"] = round(build_wall, 3)
    print(f"rule build: {build_cpu:.3f} s CPU ({build_wall:.3f} s wall)", file=sys.stderr)
    # The word lists' first load: what the first redacted export of a session waits for (14 s
    # before session 11, from a union rebuilt in a loop).
    started = time.perf_counter()
    lexicon()
    result["word_lists_load_s"] = round(time.perf_counter() - started, 3)
    for half in args.halves.split(","):
        notes = load(half)
        replay = _replay({note.note_id: spans(note) for note in notes})  # redacted once
        sc = score(notes, replay, labels_outside=True)
        as_marked = score(notes, replay)
        print(f"== {half}: {len(notes)} notes", file=sys.stderr)
        print(sc.table(), file=sys.stderr)
        print(
            f"as marked (labels inside older halves' spans): {sum(as_marked.found.values())}/"
            f"{sum(as_marked.total.values())} ({as_marked.recall:.1%})",
            file=sys.stderr,
        )
        if args.show_misses and half not in HELD_OUT:
            for note_id, kind, text in sc.missed:
                print(f"  missed {note_id} {kind}: {text}", file=sys.stderr)
            for note_id, text in sc.damaged:
                print(f"  damaged {note_id}: {text}", file=sys.stderr)
        result[half] = {
            "recall": round(sc.recall, 4),
            "word_recall": round(sc.word_recall, 4),
            "recall_by_type": {k: round(sc.recall_of(k), 4) for k in sorted(sc.total)},
            "recall_as_marked": round(as_marked.recall, 4),
            "recall_by_type_as_marked": {
                k: round(as_marked.recall_of(k), 4) for k in sorted(as_marked.total)
            },
            "clinical_redacted": round(1 - sc.clinical_kept, 4),
            "identifiers": sum(sc.total.values()),
            "clinical_terms": sc.clinical_total,
        }
    notes = load("dev") + load("heldout")
    record = _twenty_pages(notes)
    identity = PatientIdentity(notes[0].patient_name, notes[0].mrn, notes[0].dob)
    runs = 1 if args.quick else 5
    for name, redactor in (
        ("patterns_only", Redactor(identity, shift_days=40, word_scan=False)),
        ("rules_only", Redactor(identity, shift_days=40, tagger=False)),
        ("full", Redactor(identity, shift_days=40)),
    ):
        redactor.redact(record)  # warm-up: word lists and compiled patterns load once
        # Each run reads the record cold: the redactor forgets its words after every preview.
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(runs):
            redactor.redact(record)
        # CPU time as well as wall time: on a shared machine other processes inflate the wall.
        result[f"twenty_pages_{name}_wall_s"] = round((time.perf_counter() - wall) / runs, 4)
        result[f"twenty_pages_{name}_cpu_s"] = round((time.process_time() - cpu) / runs, 4)
    full_cpu = float(str(result["twenty_pages_full_cpu_s"]))
    patterns_cpu = float(str(result["twenty_pages_patterns_only_cpu_s"]))
    result["full_over_patterns_only"] = round(full_cpu / max(1e-9, patterns_cpu), 2)
    # The worst odd shape against the 20-page record of the same size: near 1 when every rule
    # stays linear, tens when one is quadratic.
    full = Redactor(identity, shift_days=40)
    odd: dict[str, float] = {}
    for name, text in _odd_shapes(len(record)).items():
        cpu = time.process_time()
        full.redact(text)
        odd[f"odd_{name}_cpu_s"] = round(time.process_time() - cpu, 3)
    result.update(odd)
    record_cpu = float(str(result["twenty_pages_full_cpu_s"]))
    result["worst_odd_shape_over_record"] = round(max(odd.values()) / record_cpu, 2)
    print(
        f"20-page record ({len(record)} chars): full {result['twenty_pages_full_cpu_s']:.3f} s "
        f"CPU ({result['twenty_pages_full_wall_s']:.3f} s wall), patterns only "
        f"{result['twenty_pages_patterns_only_cpu_s']:.3f} s CPU, rules without the tagger "
        f"{result['twenty_pages_rules_only_cpu_s']:.3f} s CPU",
        file=sys.stderr,
    )
    worst_ratio = result["worst_odd_shape_over_record"]
    print(f"worst odd shape of the same size: {worst_ratio}x", file=sys.stderr)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
