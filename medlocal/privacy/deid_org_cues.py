"""Organisations told by their role in a sentence or by the shape of their name (fifteenth round).
The word scan needs a facility word or a listed name; these are named by neither:

* a name written in CamelCase after a word that says where or by whom ("locum at MyHealth
  Harbourside", "taken home by CityRide taxi", "works at TeleNova"): a word with a capital
  inside it is a company's or a brand's, and after "at", "by" or "from" it is the company's;
  a drug, a device or a clinical word of that shape ("NovoRapid", "BiPAP", "MoCA") stays;
* a union's branch by its number ("Teamsters Local 88"), and a name after the word "union"
  ("union Unison", "His union, GMB,");
* a laboratory's or a provider's name before "accession" or "portal" ("Quest accession QX1",
  "QLD portal says"): the word before names whose system it is;
* a named campus ("North Campus", "City Campus");
* a place of care, work or school named in apposition after its kind in lower case ("his
  daycare, Little Acorns,", "her gym (Pulse Fitness)");
* a German, Swiss or Austrian practice named by its site ("Praxis am Marktplatz",
  "Hausarztpraxis im Zentrum") and a Dutch or Flemish group practice ("Groepspraktijk De Linde",
  "huisartsenpraktijk 't Hoogeland");
* where a named doctor works, the capitalised words after "Dr Name at" ("Dr Okafor at Westgate
  Eye");
* an ambulance or transport operator after "brought by" or before its crew, trip or pickup;
* the employer in brackets on an occupation line; an American school district by its initials
  and number ("ISD 742").

Each rule is found from an anchor that most text lacks (a capital inside a word, "Local", "union",
"accession", "portal", "Campus", a comma after a kind word, "praxis", "praktijk", a title, "by",
a crew, an occupation label), so the cost stays linear and small (about 2 ms on 20 pages).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_bar_letterheads import bar_letterheads
from medlocal.privacy.deid_cancel import checkpoint
from medlocal.privacy.deid_facility_parts import facility_parts
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_kind_labels import kind_labelled_organisations
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_org_affiliations import affiliated_organisations
from medlocal.privacy.deid_org_forms import (
    acronyms_by_role,
    asian_heads,
    bodies_for,
    defined_initials,
    foreign_heads,
    occupation_employers,
    pub_names,
    qualified_bodies,
)
from medlocal.privacy.deid_org_initials import initialled_organisations
from medlocal.privacy.deid_org_labels import labelled_organisations
from medlocal.privacy.deid_org_references import referenced_organisations
from medlocal.privacy.deid_org_roles import role_organisations
from medlocal.privacy.deid_org_shapes import shaped_organisations
from medlocal.privacy.deid_org_stays import admission_sites
from medlocal.privacy.deid_org_wraps import wrapped_organisations
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_place_words import FACILITY_HEADS, GENERIC, WARD_KINDS, WEAK_HEADS
from medlocal.privacy.deid_tokens import WordSpan
from medlocal.privacy.deid_workplaces import bracket_affiliations, work_employers
from medlocal.privacy.deid_world_heads import world_heads
from medlocal.privacy.deid_world_initials import world_initials

# A word with a lower-case letter and then a capital inside it ("TeleNova", "CityRide"); a
# surname's prefix ("McDonald", "MacLeod", "DeMarco", "O'Neill") or a clinical stem ("IgG",
# "HbA1c", "RxBIN", "PhD", "CrCl") is no company.
# Found from the capital inside ("aR" of "CityRide"), then read back to the word's start: a scan
# from every capital was most of the rule's cost.
_CAMEL_INSIDE = re.compile(r"[a-z][A-Z]")
_CAMEL_START = re.compile(r"(?<![\w'’&.-])[A-Z][a-z]+\Z")
# Possessive: on a long run of letters with a word character after it, a backtracking pattern
# tried every split of the run (review of round 15: 26 s on 60,000 characters of "aB").
_CAMEL_REST = re.compile(r"[A-Za-z]*+\d*+(?![\w'’&-])")
_WORD_RUN = re.compile(r"[\w'’&-]*")
# A number, a dose or a device word after the name: a medicine or a device of that shape
# ("at NovoMix 30", "at HumaPen dose", "at FreeStyle Libre clinic"; review of round 15).
_PRODUCT_AFTER = re.compile(
    r"[ \t]*(?:\d|(?i:pens?|device|dose|doses|units?|mg|sensor|meter|pump|libre|flexpen|"
    r"cartridges?|insulin|injector)\b)"
)
_NOT_CAMEL = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|St|Ig|Hb|Rx|Ph|Cr|Ma|Ka|Kwa|Sp)[A-Z]")
# The word before it that says a place or a firm follows.
# The word before it that says a place or an employer follows. "for", "from" and "by" alone
# also come before tests and devices of this shape ("sent for GeneXpert", "data from CareLink",
# "confirmed by FibroScan"): "by" counts only before a vehicle ("by CityRide taxi").
_CAMEL_CUE = re.compile(
    r"\b(?:at|works?[ \t]+(?:at|for)|worked[ \t]+(?:at|for)|employed[ \t]+(?:at|by))"
    r"[ \t]+(?:the[ \t]+)?\Z",
    re.I,
)
_BY_BEFORE = re.compile(r"\bby[ \t]+\Z", re.I)
_VEHICLE_AFTER = re.compile(r"[ \t]+(?:taxi|cab|van|minibus|shuttle|bus|ambulance|car)\b")
# Words of two or more parts, each a capital and small letters ("TeleNova", "ColonCareCheck"):
# a part in capitals or of one letter is a test's or a measure's ("FeNO", "TcB", "QoL", "DoLS",
# "QuantiFERON", "QuickDASH").
_TITLE_PARTS = re.compile(r"(?:[A-Z][a-z]+){2,}\d*")
# Capitalised words after the name that go with it: its site or its line of business ("MyHealth
# Harbourside", "TeleNova BPO Eastgate").
_NEXT_WORD = re.compile(r"[ \t](?P<w>[A-Z][\w'’-]*)")


_HEADS = FACILITY_HEADS | WEAK_HEADS
_GENERIC_PLACES = GENERIC | WARD_KINDS


def _names_a_site(word: str, lex: Lexicon) -> bool:
    """A word after a CamelCase name that makes it a place's: a facility word ("CityRide
    Dialysis") or a place that is no English word ("TeleNova Makati")."""
    return word in _HEADS or (word in lex.places and word not in lex.english)


def _camel_names(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    last = -1
    for inside in _CAMEL_INSIDE.finditer(text):
        if inside.start() < last:
            continue  # a second capital inside the same word ("ColonCancerCheck")
        head = _CAMEL_START.search(text, max(0, inside.start() - 30), inside.start() + 1)
        rest = _CAMEL_REST.match(text, inside.end())
        if head is None or rest is None:
            # The rest of this word is read once: every capital inside it was read again.
            run = _WORD_RUN.match(text, inside.end())
            last = run.end() if run is not None else inside.end()
            continue
        start, end = head.start(), rest.end()
        last = end
        word = text[start:end]
        if _NOT_CAMEL.match(word):
            continue
        bare = fold(word)
        if lex.clinical(bare) or bare in lex.products or lex.known(bare):
            continue
        if not _TITLE_PARTS.fullmatch(word) or _PRODUCT_AFTER.match(text, end):
            continue
        first = _NEXT_WORD.match(text, end)
        told = first is not None and _names_a_site(fold(first.group("w")), lex)
        if (
            not told
            and not _CAMEL_CUE.search(text, max(0, start - 24), start)
            and not (
                _BY_BEFORE.search(text, max(0, start - 8), start)
                and _VEHICLE_AFTER.match(text, end)
            )
        ):
            continue
        for _ in range(2):
            after = _NEXT_WORD.match(text, end)
            if after is None:
                break
            nxt = fold(after.group("w"))
            if nxt in _HEADS:
                end = after.end()  # "CityRide Dialysis"
                continue
            if lex.clinical(nxt) or nxt in TITLES or nxt in CALENDAR_WORDS:
                break
            if lex.known(nxt) and nxt not in lex.places and not after.group("w").isupper():
                break
            end = after.end()
        found.append(WordSpan("facility", start, end))
    return found


# A union's branch by its number ("Teamsters Local 88", "UFCW Local 1000").
_LOCAL = re.compile(r"Local[ \t]+\d{1,4}\b")
_LOCAL_NAME = re.compile(r"(?<![\w'’-])(?:[A-Z][\w&'’-]*[ \t]+){1,3}\Z")
# A name after the word "union" ("union Unison", "his union, GMB,"): one capitalised word, or an
# acronym, that the sentence goes on from.
_UNION = re.compile(
    r"[Uu]nion(?:[ \t]+is)?(?:,[ \t]*|[ \t]+)(?P<n>[A-Z][\w&'’-]+)"
    r"(?=[ \t]*[,.;)\n]|[ \t]+(?:rep|representative|steward|official)\b)"
)


def _unions(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for local in _LOCAL.finditer(text):
        name = _LOCAL_NAME.search(text, max(0, local.start() - 60), local.start())
        if name is not None:
            found.append(WordSpan("facility", name.start(), local.end()))
    for match in _UNION.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "-_"):
            continue  # "reunion", "non-union"
        bare = fold(match.group("n"))
        if lex.clinical(bare) or bare in TITLES or bare in CALENDAR_WORDS or bare in RELATIONS:
            continue
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found


# A laboratory's or provider's system named by its owner ("Quest accession", "QLD portal").
_SYSTEM = re.compile(r"(?P<k>accession|portal)\b")
_SYSTEM_OWNER = re.compile(r"(?<![\w'’&-])(?P<n>[A-Z][\w&'’-]+)[ \t]+(?:patient[ \t]+)?\Z")


# Words before "accession" that say what was accessioned or which number, not whose lab it is.
_NOT_OWNERS = frozenset(
    {
        "lab", "labs", "laboratory", "specimen", "sample", "samples", "pathology", "histology",
        "cytology", "microbiology", "case", "order", "test", "tissue", "block", "slide", "our",
        "the", "this", "that", "your", "their", "his", "her", "new", "old", "original", "prior",
        "previous", "same", "hospital", "clinic", "provider", "patient", "web", "online",
    }
)  # fmt: skip


def _systems(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for kind in _SYSTEM.finditer(text):
        match = _SYSTEM_OWNER.search(text, max(0, kind.start() - 40), kind.start())
        if match is None:
            continue
        name = match.group("n")
        bare = fold(name)
        if lex.clinical(bare) or bare in TITLES or bare in CALENDAR_WORDS:
            continue
        if re.search(r"-[a-z]", name):
            continue  # "MyChart-style portal": a kind of portal, not whose
        # A portal is also the patient's or the hospital's own ("Patient portal", "Online
        # portal"): a plain word before it names none; a lab's accession is always a lab's.
        if bare in _NOT_OWNERS:
            continue  # "Specimen accession", "The portal": what or which, not whose
        if kind.group("k") != "accession" and lex.known(bare) and not name.isupper():
            continue
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found


# A named campus: capitalised words before "Campus" ("North Campus", "Riverside Campus").
_CAMPUS = re.compile(r"Campus\b")
_CAMPUS_NAME = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’-]*[ \t]+){1,2}\Z")
_CAMPUS_NOT = frozenset(
    {"the", "this", "our", "same", "other", "each", "every", "which", "a", "main", "another"}
)


def _campuses(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for campus in _CAMPUS.finditer(text):
        match = _CAMPUS_NAME.search(text, max(0, campus.start() - 60), campus.start())
        if match is None:
            continue
        words = match.group().split()
        while words and fold(words[0]) in _CAMPUS_NOT:
            words = words[1:]
        if not words or all(lex.clinical(fold(w)) for w in words):
            continue
        start = text.rfind(words[0], match.start(), campus.start())
        found.append(WordSpan("facility", start, campus.end()))
    return found


# A place named in apposition after its kind in lower case ("his daycare, Little Acorns,",
# "her gym (Pulse Fitness)"): one to four capitalised words closed by a comma, a full stop, a
# bracket or the line's end.
# Found from the comma or bracket before a capital, then the kind read back from it: a scan
# from every word boundary for the kinds was most of the rule's cost.
_APPOSED = re.compile(
    r"[,(][ \t]*"
    r"(?P<n>[A-Z][\w'’&-]*(?:[ \t]+(?:&|of|the|[A-Z][\w'’&-]*)){0,3})(?=[ \t]*(?:[,.;)]|\n|\Z))"
)
_KIND_BEFORE = re.compile(
    r"(?<![\w-])(?:daycare|day[ \t]+care|nursery|childcare|preschool|pre-school|kindergarten|"
    r"creche|crèche|employer|workplace|gym|church|mosque|temple|synagogue|charity|landlord|"
    r"housing|housing[ \t]+association|agency|union|sports[ \t]+club|club|care[ \t]+agency|"
    # Round 20: a firm that serves the patient, named after its kind ("the lab (Sonic)", "his
    # insurer, Mutual Harbour,", "the taxi firm (Metro Cabs)").
    r"lab|laboratory|pharmacy|chemist|insurer|airline|ambulance[ \t]+service|firm|company|"
    r"school|hospice|care[ \t]+home|nursing[ \t]+home|undertaker|undertakers|funeral[ \t]+home|"
    r"funeral[ \t]+directors?|hospital)[ \t]*\Z"
)


# A faith after "church" or "mosque" says which kind, not which one ("his church, Catholic").
_FAITHS = frozenset(
    {
        "catholic", "anglican", "methodist", "baptist", "orthodox", "muslim", "jewish", "christian",
        "protestant", "presbyterian", "evangelical", "pentecostal", "hindu", "sikh", "buddhist",
        "lutheran", "reformed", "sunni", "shia",
    }
)  # fmt: skip


def _appositions(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in _APPOSED.finditer(text):
        if not _KIND_BEFORE.search(text, max(0, match.start() - 24), match.start()):
            continue
        words = [fold(w) for w in match.group("n").split() if w not in ("&", "of", "the")]
        if any(w in TITLES or w in CALENDAR_WORDS or w in RELATIONS or w in _FAITHS for w in words):
            continue  # "his employer, Dr ...", "church, Sunday": a person or a day
        if all(lex.clinical(w) for w in words):
            continue
        if text[match.start()] == "(" and len(words) == 1 and clinical_abbreviation(words[0]):
            continue  # "the lab (FBC)": what was sent, not whose lab (round 20)
        if (
            text[match.start()] == "("
            and len(words) == 1
            and lex.known(words[0])
            and not lex.name_like(words[0])
        ):
            continue  # "gym (Hydrotherapy)": what is done there (review of round 15)
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found


# A practice named by its site ("Praxis am Marktplatz", "Hausarztpraxis im Zentrum", "Praxis an
# der Aare") or a Dutch group practice ("Groepspraktijk De Linde", "huisartsenpraktijk 't Veld").
_PRACTICE_SITE = re.compile(
    r"[Pp]ra(?:xis|ktijk)[ \t]+"
    r"(?:am|im|an[ \t]+der|in[ \t]+der|auf[ \t]+der|zum|zur|beim|'t|’t|De|de|Het|het)[ \t]+"
    r"[A-ZÄÖÜ][\wäöüß'’-]+(?:[ \t]+[A-ZÄÖÜ][\wäöüß'’-]+)?"
)

_PRACTICE_START = re.compile(r"(?<![\w'’-])[A-ZÄÖÜa-zäöüß]*\Z")


def _practices(text: str) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in _PRACTICE_SITE.finditer(text):
        word = _PRACTICE_START.search(text, max(0, match.start() - 30), match.start())
        if word is None:
            continue
        head = word.group() + text[match.start() : match.start() + 1]
        if not (head[:1].isupper() or head.islower()):
            continue  # "FooPraxis": not one word of a practice
        found.append(WordSpan("facility", word.start(), match.end()))
    return found


# Where a named doctor works: the capitalised words after "Dr Name at" ("Dr Okafor at Westgate
# Eye in Hull", "Mr Lund at Kestrel Orthopaedics"): a clinician is "at" a practice or a hospital.
_DOCTOR_AT = re.compile(
    r"(?=[DPM])\b(?:Dr|Doctor|Prof|Mr|Mrs|Ms|Miss)\.?[ \t]+[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?"
    r"[ \t]+at[ \t]+(?:the[ \t]+)?"
    r"(?P<n>[A-Z][\w'’&-]*(?:[ \t]+(?:&|of|the|[A-Z][\w'’&-]*)){0,4})"
)
# Feasts and seasons are times, not places ("Dr Lee at Christmas").
_OCCASIONS = frozenset(
    {
        "christmas", "xmas", "easter", "thanksgiving", "diwali", "eid", "ramadan", "hanukkah",
        "passover", "new", "year", "weekend", "handover", "home", "clinic", "lunchtime", "noon",
        "night", "nights", "morning", "evening", "afternoon", "round", "rounds", "grand",
        "outpatients", "inpatients", "theatre", "theatres", "clinics", "work", "school",
    }
)  # fmt: skip
_RUN_TAIL = re.compile(r"(?:[ \t]+(?:&|of|the))+\Z")


def _doctors_places(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in skipped_finditer(_DOCTOR_AT, text):
        run = _RUN_TAIL.sub("", match.group("n"))
        words = [fold(w.rstrip("'’")) for w in run.split() if w not in ("&", "of", "the")]
        if any(w in CALENDAR_WORDS or w in TITLES or w in _OCCASIONS for w in words):
            continue  # "Dr Ray at Christmas", "Dr Ray at Dr Lee's"
        if all(lex.clinical(w) or w in _GENERIC_PLACES or clinical_abbreviation(w) for w in words):
            continue  # "Dr Ray at MDT", "Dr Ray at Outpatients"
        found.append(WordSpan("facility", match.start("n"), match.start("n") + len(run)))
    return found


# Ambulance and transport operators: the capitalised name after "brought by", "transported by"
# ("brought by MedEvac7 from home"), and the name before its crew, trip or pickup ("(Coastline
# Ambulance, crew 4B)", "Transport: Harbour Wheels van, pickup 06:10").
# Each found from its anchor ("by", ", crew"), the verb or the vehicle then read back from it: a
# scan for the verbs at every word was most of the rule's cost.
_BY = re.compile(
    r"(?<=[ \t])[Bb]y[ \t]+(?:the[ \t]+)?(?P<n>[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,3})"
)
_CONVEYED_BEFORE = re.compile(
    r"(?i:\b(?:brought|conveyed|transported|airlifted|transferred|taken|collected)"
    r"(?:[ \t]+in)?[ \t]+)\Z"
)
_CREW_AFTER = re.compile(r",[ \t]+(?:crew|trip|pickup|pick-up|call[ \t]?sign)\b")
_VEHICLE_BEFORE = re.compile(r"[ \t]+(?:van|taxi|cab|bus|minibus|shuttle|ambulance|helicopter)\Z")
_RUN_BEFORE = re.compile(r"(?<![\w&'’-])(?:[A-Z][\w&'’-]*[ \t]+){0,2}[A-Z][\w&'’-]*\Z")


_LAST_WORD = re.compile(r"[ \t]+(\S+)\Z")


def _operators(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    spans = [
        (m.start("n"), m.end("n"))
        for m in skipped_finditer(_BY, text)
        if _CONVEYED_BEFORE.search(text, max(0, m.start() - 20), m.start())
    ]
    for crew in _CREW_AFTER.finditer(text):
        before = crew.start()
        vehicle = _VEHICLE_BEFORE.search(text, max(0, before - 16), before)
        if vehicle is not None:
            before = vehicle.start()
        run = _RUN_BEFORE.search(text, max(0, before - 60), before)
        if run is not None:
            spans.append((run.start(), run.end()))
    for start, end in spans:
        # A trailing service word is what it is, not its name ("... Fire Department EMS").
        tail = _LAST_WORD.search(text, start, end)
        while tail is not None and tail.start() > start and clinical_abbreviation(tail.group(1)):
            end = tail.start()
            tail = _LAST_WORD.search(text, start, end)
        words = [fold(w.rstrip("'’")) for w in text[start:end].split()]
        if words[0] in TITLES or words[0] in RELATIONS or words[0] in CALENDAR_WORDS:
            continue  # "brought by Dr Ames", "brought by Mum": a person
        if all(lex.clinical(w) or w in _GENERIC_PLACES or clinical_abbreviation(w) for w in words):
            continue  # "brought by EMS", "transferred by Ambulance"
        found.append(WordSpan("facility", start, end))
    return found


# The employer in brackets on an occupation line ("Occupation: retired ferryman (SeaLink,
# island route)", "Job: packer (Harlow Foods)"): the line says a job, the bracket whose.
_OCCUPATION_LINE = re.compile(
    r"(?im:^[ \t]*(?:occupation|employment|job|work|employer)[ \t]*:)[^\n(]{0,80}\([ \t]*"
    r"(?P<n>[A-Z][\w&'’-]*(?:[ \t]+(?:&|of|[A-Z][\w&'’-]*)){0,3})(?=[ \t]*[,;)])"
)


def _employers(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in _OCCUPATION_LINE.finditer(text):
        words = [fold(w.rstrip("'’")) for w in match.group("n").split() if w not in ("&", "of")]
        if any(w in CALENDAR_WORDS or w in TITLES for w in words) or all(
            lex.clinical(w) or clinical_abbreviation(w) or w in _GENERIC_PLACES for w in words
        ):
            continue  # "(Mon-Fri)", "(NHS)": a time or a kind, not the employer's name
        if len(words) == 1 and lex.known(words[0]) and not lex.name_like(words[0]):
            continue  # "(Retired)", "(Self-employed)": a state, not a name (review of round 15)
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found


# An American school district by its initials and number ("ISD 742", "CUSD 3", "UFSD #12").
_SCHOOL_DISTRICT = re.compile(r"(?=[ICU])\b(?:ISD|CISD|CUSD|UFSD|CCSD)[ \t]?#?[ \t]?\d{1,4}\b")


def cued_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Organisations named by CamelCase after a cue, unions, systems' owners, campuses, places
    in apposition after their kind, and practices named by their site."""
    # Read back from their anchor ("Local 88", "accession", "Campus"): a field gap before the
    # anchor ends what belongs to it (the part after the last gap is kept).
    ahead: list[WordSpan] = []
    if "Local" in text or "nion" in text:
        ahead += _unions(text, lex)
    if "accession" in text or "portal" in text:
        ahead += _systems(text, lex)
    if "Campus" in text:
        ahead += _campuses(text, lex)
    checkpoint()
    found = _camel_names(text, lex)
    checkpoint()
    found += _appositions(text, lex)
    checkpoint()
    found += _doctors_places(text, lex)
    checkpoint()
    found += _operators(text, lex)
    checkpoint()
    found += _employers(text, lex)
    if "SD" in text:
        found += [
            WordSpan("facility", m.start(), m.end())
            for m in skipped_finditer(_SCHOOL_DISTRICT, text)
        ]
    if "rax" in text or "rakt" in text:
        found += _practices(text)
    # Round 16: organisations defined with their initials ("King's College London (KCL)").
    checkpoint()
    found += defined_initials(text, lex)
    checkpoint()
    found += acronyms_by_role(text, lex)
    checkpoint()
    found += qualified_bodies(text, lex)
    checkpoint()
    found += bodies_for(text, lex)
    checkpoint()
    found += pub_names(text, lex)
    checkpoint()
    found += foreign_heads(text, lex)
    checkpoint()
    found += asian_heads(text, lex)
    checkpoint()
    found += labelled_organisations(text, lex)
    checkpoint()
    found += kind_labelled_organisations(text, lex)  # deid57a: care homes, labs, other languages
    checkpoint()
    found += occupation_employers(text, lex)
    # Round 16, second wave: employers after a verb of working, initials in a bracket after a
    # named person.
    checkpoint()
    found += work_employers(text, lex)
    checkpoint()
    found += bracket_affiliations(text, lex)
    checkpoint()
    found += shaped_organisations(text, lex)
    # Round 17: places after a verb of leisure or belonging, initials after a verb of care,
    # names before the kind of place they are.
    checkpoint()
    found += role_organisations(text, lex)
    # Round 20: bodies named after a person's role, a degree or a specialty, or before a street.
    checkpoint()
    found += affiliated_organisations(text, lex)
    # Round 20, second wave: initials where a body stands, names ending in "International".
    checkpoint()
    found += initialled_organisations(text, lex)
    # Round 20, second wave: a body named before its own reference number.
    if "ref" in text:
        found += referenced_organisations(text, lex)
    # Round 20, second wave: a hospital named between an admission and its date.
    if "dmi" in text:
        found += admission_sites(text, lex)
    # Round 21: heads and short kinds of other languages ("Szpital im. ...", "SK Taman ..."),
    # and initials after a cc, a follow-up or a locative word of another language.
    checkpoint()
    found += world_heads(text, lex)
    checkpoint()
    found += world_initials(text, lex)
    checkpoint()
    found += bar_letterheads(text, lex)
    # Round 19: a named wing, suite, bay or ward of a hospital or care home ("(Rowan wing)").
    checkpoint()
    found += [WordSpan("facility", start, end) for start, end in facility_parts(text, lex)]
    # Round 20, second wave: a name cut in two by a hard line break; the next line's indent is
    # no field gap.
    wrapped = wrapped_organisations(text, lex) if "\n" in text else []
    return _before_field_gaps(text, found) + _after_field_gaps(text, ahead) + wrapped


# A field gap (two blanks or a tab) inside a span: the words after it open the next field of a
# form ("Works at Tesco  School: none" is no "Tesco School"; round 19).
_FIELD_GAP = re.compile(r"[ ]{2}|\t")


def _before_field_gaps(text: str, found: list[WordSpan]) -> list[WordSpan]:
    """Each span of ``found`` cut at the first field gap inside it (kept only before it)."""
    out = []
    for span in found:
        gap = _FIELD_GAP.search(text, span.start, span.end)
        if gap is None:
            out.append(span)
        elif gap.start() > span.start:
            out.append(WordSpan(span.kind, span.start, gap.start()))
    return out


def _after_field_gaps(text: str, found: list[WordSpan]) -> list[WordSpan]:
    """Each span of ``found`` read back from its anchor, cut after the last field gap in it."""
    out = []
    for span in found:
        start = span.start
        for gap in _FIELD_GAP.finditer(text, span.start, span.end):
            start = gap.end()
        while start < span.end and text[start] in " \t":
            start += 1
        if start < span.end:
            out.append(WordSpan(span.kind, start, span.end))
    return out
