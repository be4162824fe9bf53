"""Hospitals named by ordinary words (fourteenth round): the run scan takes a facility only when
one word before its head is distinctive, so a hospital named by plain English, by a place that a
clinical phrase protects, or by a word that is itself a facility word is missed ("Memorial
Hospital", "Services Hospital", "University College Hospital", "ST. BONAVENTURE MEDICAL CENTER").
Read here from the form of the text:

* capitalised words right before a hospital head ("Hospital", "Infirmary", "Hospice", "Medical
  Center", "Health Centre", "Nursing Home"), in title case or all capitals like the head, with
  at least one word that says which hospital rather than what kind ("General", "Community",
  "District", "Children's", "Teaching", "Receiving" only say what kind);
* a saint's name before an emergency department ("Saint Francis ED", "St. Jude Regional
  EMERGENCY DEPARTMENT");
* a Mexican social-security unit by its number ("UMF No. 7 Tlalpan", "UMAE 34"), a Philippine
  barangay health centre ("Brgy. Health Center") and a Malaysian klinik kesihatan by its initials
  ("KK Taman Seri Indah").

A heading is not a hospital: a head followed by another capitalised word that is no department
("Prior Hospital Course", "Hospital Anxiety and Depression Scale") or by a colon is left alone.
:func:`head_first_names` reads a foreign facility written head first, its kind in lower case
and its name after it ("Centre de santé mentale Le Phare", "Institut médico-légal de Nancy").
:func:`grown_facilities` then grows any facility span over the town after its comma ("...
Hospital, Yaba") or the site after a dash ("... Health Center - Southwest").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, fold
from medlocal.privacy.deid_nordic_orgs import nordic_facilities
from medlocal.privacy.deid_org_forms import grown_suffix
from medlocal.privacy.deid_org_roles import listed_initials
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_place_words import (
    DESCRIPTIVE,
    FACILITY_HEADS,
    GENERIC,
    STRONG_HEADS,
    WARD_KINDS,
)
from medlocal.privacy.deid_tokens import WordSpan, sentence_start

# Heads that say "a hospital or a home for care" whatever the words before them.
_HEAD = re.compile(
    # The heads' first letters, tried first: most words start none of them.
    r"(?=[hHiIsSpPmMnNcCrRlLaAbBfFvV])"
    r"(?i:\b(?:hospitals?|infirmary|hospice|sanatorium|polyclinic|"
    r"(?:medical|health|healthcare)[ \t]+(?:cent(?:er|re)|clinic)|"
    r"(?:nursing|care|rest)[ \t]+home|"
    # Laboratories, pharmacies, police forces and banks named the same way ("Tri-County
    # Reference Laboratories", "Fenwick Apothecary", "Thames Valley Police", "Harbour Credit
    # Union").
    r"laboratory|laboratories|apothecary|police|constabulary|credit[ \t]+union|"
    r"building[ \t]+society|"
    # Community services named by their area ("Crescent City Community Health", "Ohio Valley
    # Visiting Nurses", "Tamar Home Health").
    r"community[ \t]+health|family[ \t]+health|visiting[ \t]+nurses?|home[ \t]+health)\b)"
)
# The heads a name in lower case may come before ("ngata memorial hospital" is read by the
# capitalised rule once re-cased; "kapiolani medical center" in a dictated note is not).
_LOWER_HEADS = re.compile(
    r"hospitals?|infirmary|hospice|(?:medical|health)[ \t]+cent(?:er|re)|nursing[ \t]+home|"
    r"family[ \t]+health"
)
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'’.-])(?P<w>[A-Za-zÀ-ÿ][a-zà-ÿ'’]{3,})[ \t]+\Z")
# A saint's or Our Lady's dedication before "of" goes with the name ("St. Jude of the Brazos
# Surgical Hospital", "Our Lady of Lourdes Hospital").
_DEDICATION = re.compile(
    r"(?<![\w'’])(?P<d>(?:St|ST|Ste|STE)\.?[ \t]+[A-Z][\w'’-]*|(?:Saint|SAINT)[ \t]+[A-Z][\w'’-]*"
    r"|Our[ \t]+Lady|OUR[ \t]+LADY)[ \t]+(?:of|OF)(?:[ \t]+(?:the|THE))?[ \t]+\Z"
)
# Words that say what kind of hospital it is, or which of a patient's hospitals, not its name:
# with only these (and clinical words) before the head the phrase is generic ("the General
# Hospital", "Receiving Hospital", "Psychiatric Hospital", "EMI Nursing Home").
_KIND_WORDS = (
    DESCRIPTIVE
    | (GENERIC - FACILITY_HEADS)
    | WARD_KINDS
    | frozenset(
        re.findall(
            r"[\w'’-]+",
            "general community district children's childrens children women's womens women"
            " teaching private psychiatric maternity rehabilitation rehab regional county city"
            " state national university veterans veterans' mental eye heart cancer military army"
            " base referral rural provincial specialist specialty speciality multispecialty"
            " multi-specialty super public local main the our a an your his her their this that"
            " any nearest other previous prior past recent last current home referring receiving"
            " sending transferring accepting admitting discharging destination outside tertiary"
            " secondary primary acute cottage field day virtual dental orthopaedic orthopedic"
            " paediatric pediatric surgical medical geriatric infectious diseases chest tb fever"
            " isolation birth birthing burns trauma spinal stroke government govt civil zonal"
            " divisional taluk upazila sub-district subdistrict sub-county level research"
            " training va nhs emi gp ed er icu nearby same usual new old central east west north"
            " south care nursing health healthcare residential dementia elderly respite hospital"
            " hospitals named admitted discharged transferred seen attends attended visited"
            " to at from in on of for and by with via into"
            # what an eponym names, never which hospital ("Down Syndrome Hospital" is a kind)
            " syndrome syndromes disease diseases disorder disorders",
        )
    )
)
# Words before a name that are no part of it: verbs that open a note's sentence, articles.
_LEADING = frozenset(
    re.findall(
        r"\w+",
        "a an our your his her their this that any other previous prior past recent last"
        " current nearest referring receiving sending transferring accepting admitting"
        " discharging admitted discharged transferred seen attends attended visited went"
        " taken brought referred sent called phoned contacted",
    )
)
# Whom a hospital is for, part of its name ("Medical Center for Women and Children", "Hospital
# for Sick Children").
_FOR_WHOM = re.compile(
    r"(?i:[ \t]+for[ \t]+(?:the[ \t]+)?(?:sick[ \t]+)?(?:women|children|men|mothers|babies|"
    r"infants|veterans|the[ \t]+aged|aged|elderly)"
    r"(?:(?:[ \t]+and|[ \t]*&)[ \t]+(?:children|infants|babies|women|men|families))?)\b"
)
# Words that end the reading backwards: a name goes no further back than these.
_STOPS = frozenset(
    re.findall(r"\w+", "to at from in on of for and by with via into is was see per re cc")
)
# Capitalised words, scanned backwards from the head on its own line.
_WORD_BEFORE = re.compile(r"(?<![\w'’.&-])(?P<w>[A-ZÀ-Þ][\w'’.&-]*)[ \t]+\Z")
# A department or service after the head belongs to the name ("Mission Hospital Urology"); any
# other capitalised word makes the phrase a heading's ("Hospital Course", "Hospital Number").
# One space: a wider gap or a tab opens the next field of a letterhead ("LABORATORIES    CLIA").
_AFTER_WORD = re.compile(r" (?P<w>[A-Z][\w'’&-]*)")
# A hospital's English trust after its head (round 15): "Kentwell Hospitals NHS Trust".
_NHS_TRUST = re.compile(r" (?:NHS|HSC)(?: Foundation)? Trust\b")
_SPLIT_WORD_BEFORE = re.compile(
    r"(?<![\w'’.&-])(?P<w>[A-ZÀ-Þ][a-zà-ÿ]+-[ \t]*\n[ \t]*[a-zà-ÿ]+)[ \t]+\Z"
)
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\n[ \t]*")
_EMERGENCY_AFTER = frozenset({"ed", "er", "a&e", "emergency", "urgent", "casualty"})


def _words_before(text: str, end: int, caps: bool) -> list[tuple[int, str]]:
    """The capitalised words right before ``end`` (at most five), nearest last, each with its
    start; written in capitals where the head is, and stopped by a word that ends a sentence."""
    words: list[tuple[int, str]] = []
    pos = end
    while len(words) < 5:
        if words and (saint := _DEDICATION.search(text, max(0, pos - 40), pos)) is not None:
            words.append((saint.start(), saint.group("d")))
            break
        match = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if match is None:
            # Round 15: a word split by a hyphen at a line's end ("Nottingham Univer-\nsity
            # Hospitals") is read whole.
            match = _SPLIT_WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if match is None:
            break
        word = _LINE_BREAK_HYPHEN.sub("", match.group("w"))
        letters = word.rstrip(".")
        if caps and not letters.isupper():
            break
        if not caps and letters.isupper() and len(letters) > 4:
            break
        # "... seen by Dr. Smith. Memorial Hospital": a full stop after a long word ends a
        # sentence; one after a short word abbreviates ("St.", "Mt.", "Brgy.").
        if word.endswith(".") and (len(letters) > 4 or not letters.isalpha()):
            break  # "Class C3. Hospital bill": a code's full stop ends its sentence too
        if fold(letters) in _STOPS:
            break  # "Transferred To Psychiatric Hospital"
        words.append((match.start("w"), letters))
        pos = match.start("w")
    words.reverse()
    return words


# A hospital's number, ending its name before a comma, a bracket or the line's end.
_NUMBER_AFTER = re.compile(r" \d{1,4}(?=[ \t]*(?:[,;)]|\n|\Z))")


def _opening_verb(text: str, start: int, word: str, lex: Lexicon) -> bool:
    """A plain English verb's form that opens a sentence ("Needs", "Requires", "Contacted"):
    the sentence's verb, not a name."""
    bare = fold(word)
    return (
        sentence_start(text, start)
        and bare.endswith(("s", "ed", "ing"))
        and lex.known(bare)
        and not lex.name_like(bare)
        and bare not in lex.places
    )


def _lower_name(text: str, end: int, lex: Lexicon) -> int | None:
    """Where a name in lower case before a head starts: up to three words before ``end`` that
    are no known word (or a place that is no English word) and no clinical word ("kapiolani
    medical center"); None where the word before is an ordinary one ("admitted to hospital",
    "the mission hospital", "post-op hospital stay" with a known word)."""
    start = None
    pos = end
    for _ in range(3):
        match = _LOWER_WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if match is None:
            break
        bare = fold(match.group("w")).rstrip("'’")
        if lex.clinical(bare) or bare in _KIND_WORDS:
            break
        if lex.known(bare) and not (bare in lex.places and bare not in lex.english):
            break
        start = pos = match.start("w")
    return start


# A specialty's or a science's ending: "Microbiology Laboratory", "Psychiatric Hospital" say
# what kind of place it is.
_SPECIALTY = re.compile(r"(?:olog(?:y|ies|ic|ical)|iatr(?:y|ic|ics)|istry|etics|ical)\Z")


def _names_one(words: list[str], lex: Lexicon) -> bool:
    """Whether a word of ``words`` says which hospital: no kind word, clinical word, specialty
    or title. A hyphenated word is clinical only where each part is ("Tri-County" names one)."""
    for word in words:
        whole = fold(word)
        bare = whole.removesuffix("'s").removesuffix("’s")
        if whole in _KIND_WORDS or bare in _KIND_WORDS or bare in TITLES:
            continue
        if _SPECIALTY.search(bare):
            continue
        parts = [p for p in bare.split("-") if p]
        if (
            all(lex.clinical(p) or p in _KIND_WORDS for p in parts)
            if len(parts) > 1
            else (lex.clinical(bare))
        ):
            continue
        return True
    return False


def hospital_names(text: str, lex: Lexicon) -> list[WordSpan]:
    """Hospitals and homes named by capitalised words before their head, however plain."""
    found: list[WordSpan] = []
    for head in skipped_finditer(_HEAD, text):
        written = head.group()
        caps = written.isupper()
        if written.islower():
            lower = _lower_name(text, head.start(), lex)
            if lower is not None and _LOWER_HEADS.fullmatch(written):
                whom = _FOR_WHOM.match(text, head.end())
                found.append(WordSpan("facility", lower, whom.end() if whom else head.end()))
            continue
        if not caps and not all(w[:1].isupper() for w in written.split()):
            continue
        end = head.end()
        trust = _NHS_TRUST.match(text, end)
        if trust is not None:
            end = trust.end()  # "... Hospitals NHS Foundation Trust"
        after = None if trust is not None else _AFTER_WORD.match(text, end)
        if after is not None:
            word = fold(after.group("w"))
            if word in STRONG_HEADS and word not in ("home", "house"):
                end = after.end()  # "Mission Hospital Urology"
            elif word not in _EMERGENCY_AFTER and word not in WARD_KINDS:
                continue  # "Prior Hospital Course", "Hospital Anxiety and Depression Scale"
        if text.startswith(":", end):
            continue  # "Receiving Hospital:" is a label
        whom = _FOR_WHOM.match(text, end)
        if whom is not None:
            end = whom.end()  # "... Medical Center for Women and Children"
        number = _NUMBER_AFTER.match(text, end)
        if number is not None:
            end = number.end()  # "People's Hospital 115, Thu Duc branch"
        words = _words_before(text, head.start(), caps)
        # A verb or a determiner before the name is not the name ("Attended Memorial Hospital",
        # "Our Memorial Hospital"); a capital "The" is kept ("THE LARCHES NURSING HOME").
        while words and fold(words[0][1]) in _LEADING:
            words = words[1:]
        if not words:
            continue
        if not _names_one([w for _, w in words], lex) and not _town_names_it(text, end, lex):
            continue
        if len(words) == 1 and _opening_verb(text, words[0][0], words[0][1], lex):
            continue  # "Needs Home Health.", "Requires Nursing Home placement"
        if written.lower().startswith("laborator") and all(
            fold(w) in lex.english for _, w in words
        ):
            continue  # "Pulmonary Function Laboratory", "Core Laboratory": a hospital's service
        found.append(WordSpan("facility", words[0][0], end))
    return found


# A saint's hospital by its emergency department, the department with it ("Saint Ignatius ED"),
# and a saint's church, school or surgery called so in lower case ("St Giles' church").
_SAINT_EMERGENCY = re.compile(
    r"(?=S)\b(?P<n>(?:St|ST|Ste|STE)\.?[ \t]+|(?:Saint|SAINT)[ \t]+)"
    r"(?P<w>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}?)"
    r"(?P<e>[ \t]+(?:ED|ER|A&E|A\+E|Emergency|EMERGENCY|Urgent[ \t]+Care|URGENT[ \t]+CARE)"
    r"|['’]?[ \t]+(?:church|chapel|cathedral|parish|hospital|hospice|school|surgery|practice|"
    r"primary|academy|college))\b"
)
# A Mexican IMSS unit by its number, then the place that names it ("UMF No. 7 Tlalpan",
# "UMF No.28 Gabriel Mancera", "HGZ 8", "UMAE 34").
_NUMBERED_UNIT = re.compile(
    r"(?=[UHC])\b(?:UMF|UMAE|UMAA|HGZ|HGR|HGSZ|HGP|HGO|UMFH|CMF|CAF)"
    r"(?:[ \t]*(?:No|Núm|Num|N[º°o])\.?[ \t]*|[ \t]+)\d{1,4}\b"
    r"(?:[ ](?!(?:de|del|la|y)\b)[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]+){0,3}"
)
# A school district by its number ("School District 43", "Prairie Rose School District 12"),
# and a German or Austrian practice by its doctor ("Hausarztpraxis Dr. med. Anna Roth & Kollegen",
# "Gemeinschaftspraxis Dres. Lenz").
# Each read from its anchor ("School District", "praxis"), found first: trying the names
# before them at every capitalised word was the cost of the whole rule.
_DISTRICT = re.compile(r"\bSchool[ \t]+District[ \t]+(?:No\.?[ \t]*)?\d{1,4}\b")
_NAME_BEFORE_DISTRICT = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’-]+[ \t]+){1,3}\Z")
_PRAXIS = re.compile(r"(?=[Pp]r)[Pp]raxis[ \t]")
_PRAXIS_WORD_START = re.compile(r"(?<![\w'’-])[A-ZÄÖÜ]?[a-zäöüß]*\Z")
_PRAXIS_DOCTOR = re.compile(
    r"[ \t]+(?:(?:Dr|Dres|Prof)\.?[ \t]+(?:(?:med|dent|univ|rer[ \t]+nat)\.?[ \t]+)*)?"
    r"[A-ZÄÖÜ][\wäöüß'’-]+(?:[ \t]+[A-ZÄÖÜ][\wäöüß'’-]+){0,2}"
    r"(?:[ \t]+(?:&|und)[ \t]+(?:Kollegen|Kolleginnen|Partner|Partnerinnen))?"
)


# Round 19: a hospital named with a number before its head ("District 8 Hospital", "Thika Level 5
# Hospital", "Military 175 Hospital"): read from the head, back over the number and up to three
# capitalised words. Not where the word before the number counts something else ("Day 3
# Hospital stay", "Ward 4 Hospital corridor", "Bed 2 Hospital").
_NUMBERED_HEAD = re.compile(r"(?=[HPM])(?:Hospital|Polyclinic|Medical[ \t]+Cent(?:re|er))\b")
_NAME_AND_NUMBER_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<w>(?:[A-Z][\w'’-]+[ \t]+){0,2}(?P<last>[A-Z][\w'’-]+))[ \t]+\d{1,3}[ \t]+\Z"
)
_COUNTING_WORDS = frozenset(
    {
        "day", "days", "week", "weeks", "ward", "bed", "room", "bay", "floor", "grade", "stage",
        "type", "gate", "door", "platform", "bus", "route", "cubicle", "year", "years", "month",
        "months", "page", "no", "number", "step", "phase", "dose", "cycle", "visit", "apartment",
        "flat", "unit", "suite", "building", "block", "wing",
    }
)  # fmt: skip


def _numbered_hospitals(text: str) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in skipped_finditer(_NUMBERED_HEAD, text):
        before = _NAME_AND_NUMBER_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if before is None or fold(before.group("last")) in _COUNTING_WORDS:
            continue
        found.append(WordSpan("facility", before.start(), match.end()))
    return found


def _districts_and_practices(text: str) -> list[WordSpan]:
    found: list[WordSpan] = _numbered_hospitals(text)
    for match in skipped_finditer(_DISTRICT, text):
        name = _NAME_BEFORE_DISTRICT.search(text, max(0, match.start() - 60), match.start())
        found.append(WordSpan("facility", name.start() if name else match.start(), match.end()))
    for match in skipped_finditer(_PRAXIS, text):
        start = _PRAXIS_WORD_START.search(text, max(0, match.start() - 30), match.start())
        doctor = _PRAXIS_DOCTOR.match(text, match.end() - 1)
        if start is not None and doctor is not None:
            found.append(WordSpan("facility", start.start(), doctor.end()))
    return found


# A barangay's health centre ("Brgy. Health Center", "Barangay San Roque Health Station") and a
# Malaysian klinik kesihatan by its initials and place ("KK Taman Seri Indah").
_LOCAL_CLINIC = re.compile(
    r"(?=[BK])\b(?:(?:Brgy|Bgy|Barangay)\.?[ \t]+(?:[A-Z][\w'’-]+[ \t]+){0,3}?"
    r"(?:Health[ \t]+(?:Center|Centre|Station|Unit)|Birthing[ \t]+(?:Home|Center|Clinic))\b"
    r"|KK[ \t]+[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*){0,3})"
)


def named_units(text: str, lex: Lexicon) -> list[WordSpan]:
    """Saints' emergency departments, numbered social-security units and local health centres."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_SAINT_EMERGENCY, text):
        words = match.group("w").split()
        if all(lex.clinical(fold(w)) for w in words):
            continue
        found.append(WordSpan("facility", match.start("n"), match.end("e")))
    for pattern in (_NUMBERED_UNIT, _LOCAL_CLINIC):
        for match in skipped_finditer(pattern, text):
            end = match.end()
            # The place after a unit stops before a title or a month ("UMF 12 Dr. Ruiz").
            parts = list(re.finditer(r"\S+", match.group()))
            keep = len(parts)
            for i, part in enumerate(parts[1:], start=1):
                bare = fold(part.group().rstrip(".,"))
                if bare in TITLES or bare in CALENDAR_WORDS:
                    keep = i
                    break
            if keep < len(parts):
                end = match.start() + parts[keep - 1].end()
            found.append(WordSpan("facility", match.start(), end))
    found += _districts_and_practices(text)
    return found


# The town after a facility's comma, to the line's end or a closing mark ("..., Yaba\n").
_TOWN_AFTER = re.compile(
    r",[ \t]*(?P<t>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)"
    r"(?=[ \t]*(?:\n|\Z|[;)(]|[ \t][–—-][ \t]))"
)
# Round 20: a health centre's level in roman numerals ("Kisoro Health Centre IV", "Rural Health
# Unit I"), closing its clause, after a name that ends in its head word.
_LEVEL_AFTER = re.compile(
    r"(?P<head>[ \t]+(?i:centre|center|unit|hospital|clinic|dispensary))?"
    r"[ \t]+(?:I{1,3}|IV|V|VI{1,3})(?![\w'’-])"
    r"(?=[ \t]*(?:[,;:()\n]|\Z|\.(?:\s|\Z)|[ \t][–—-][ \t]))"
)
_LEVEL_HEAD = re.compile(r"(?i:centre|center|unit|hospital|clinic|dispensary)\Z")
# Round 20: a site after a dash named as a town's part ("... Medical Center - Global City").
_SITE_TOWN_WORDS = frozenset({"city", "town", "village", "heights"})
# The town in brackets after a facility ("... Ageing Hub (Tampines)").
_TOWN_IN_BRACKETS = re.compile(r"[ \t]*\((?P<t>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)\)")
# A branch, campus or site after a comma, named in capitals and called so in lower case.
_BRANCH_AFTER = re.compile(
    r"(?: \d{1,4})?,[ \t]*[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}[ \t]+(?:branch|campus|site)\b"
)
# The site after a dash, to the line's end or a comma ("... Health Center - Southwest, Dr. B",
# "... Dialysis - Unit 3").
_SITE_AFTER = re.compile(
    r"[ \t]+[–—-][ \t]+(?P<t>(?:Unit|Site|Campus|Branch|Building|Block|Wing)[ \t]+[\w]{1,4}"
    r"|[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)(?=[ \t]*(?:\n|\Z|[,;)|]))"
)
# A branch's number after a pharmacy's or a shop's name ("Fenwick Apothecary #112", "Store
# #0417").
_STORE_NUMBER = re.compile(r"(?:[ \t]+(?:Store|Branch))?[ \t]+#[ \t]?\d{1,6}\b")
_DIRECTIONS = frozenset(
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
        "central", "downtown", "uptown", "midtown",
    }
)  # fmt: skip
_SITE_WORDS = frozenset({"unit", "site", "campus", "branch", "building", "block", "wing"})
# A head-first facility word, the lower-case words of its kind and the capitalised name after
# them ("Centre de santé mentale Le Phare", "Institut médico-légal de Nancy", "Centro de salud
# Las Américas"); English words after the head ("Centre for Sexual Health") are not read here.
_HEAD_FIRST_NAME = re.compile(
    r"(?=[lLCHIMP])(?<![\w'’])(?:[lL]['’])?(?:Centre|Clinique|Hôpital|Institut|Maison|Cabinet|Centro|Clínica|"
    r"Instituto|Policlínico|Hospital)"
    r"(?P<kind>(?:[ \t]+(?!(?:for|in|at|on|to|and|the|with|of|or)\b)[a-zà-ÿ][\w'’-]*){1,4})"
    r"(?P<name>(?:[ \t]+(?:L['’]|D['’])?[A-ZÀ-Þ][\w'’-]*){1,3})"
)


def head_first_names(text: str, lex: Lexicon) -> list[WordSpan]:
    """Foreign facilities written head first, with the name after their lower-case kind."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_HEAD_FIRST_NAME, text):
        kind = match.group("kind").split()
        # As written: an accent makes it a foreign word ("Cabinet médical du Vieux-Port" is
        # no English "medical", round 19).
        if any(w.lower() in lex.english for w in kind if len(w) > 3):
            continue  # "Hospital discharge summary Dr ...": English words, not a foreign kind
        names = [fold(w.strip("'’")) for w in match.group("name").split()]
        if all(lex.clinical(w) or w in TITLES or w in CALENDAR_WORDS for w in names):
            continue
        found.append(WordSpan("facility", match.start(), match.end()))
    # Round 19: the name-first form of the Nordic and Dutch compounds ("Akademiska sjukhuset").
    found += nordic_facilities(text, lex)
    return found


# How a document marks itself after its letterhead: no town or site of the organisation.
_MARKINGS = frozenset(
    {
        "confidential", "private", "draft", "copy", "urgent", "restricted", "sensitive",
        "original", "duplicate", "final", "amended", "addendum", "confidence", "official",
    }
)  # fmt: skip


def _place_like(words: list[str], lex: Lexicon, line_end: bool) -> bool:
    """Words that name a town or a site: a listed place or no known word, never a clinical,
    department or kind word, a title, a month or a weekday; one plain English word only where
    it ends the line ("Hospital, Yaba\n")."""
    for word in words:
        bare = fold(word)
        if lex.clinical(bare) or bare in TITLES or bare in CALENDAR_WORDS:
            return False
        if bare in _MARKINGS:
            return False  # walk 24: "Oatlands Medical Practice - CONFIDENTIAL" lost its marking
        if bare in _KIND_WORDS - _DIRECTIONS or bare in FACILITY_HEADS:
            return False
        if bare in _DIRECTIONS:
            continue
        if lex.known(bare) and bare not in lex.places and not (line_end and len(words) == 1):
            return False
    return True


# Round 19: or the sentence's end ("... at Govt. Taluk Hospital, Aluva.").
_TOWN_NAMING = re.compile(
    r",[ \t]*(?P<t>[A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+)?)"
    r"(?=[ \t]*(?:[,;)\n]|\Z|\.(?:\s|\Z)))"
)


def _town_names_it(text: str, end: int, lex: Lexicon) -> bool:
    """Round 15: a hospital named by kind words alone is one hospital where a town follows its
    comma ("National Rehabilitation Hospital, Dún Laoghaire", "Regional Hospital, Mullingar"):
    the town must be a listed place or no known word, never a plain English one."""
    town = _TOWN_NAMING.match(text, end)
    if town is None:
        return False
    words = [fold(w) for w in town.group("t").split()]
    if any(
        lex.clinical(w)
        or w in TITLES
        or w in CALENDAR_WORDS
        or w in _KIND_WORDS
        or w in FACILITY_HEADS
        for w in words
    ):
        return False
    return any(w in lex.places or not lex.known(w) for w in words)


def _at_line_end(text: str, end: int) -> bool:
    rest = text[end : end + 40]
    return rest.lstrip(" \t")[:1] in ("\n", "")


# Round 19: a company's legal form right after a found name or place, ending its clause (not
# "SA" or "NT", which are also states, read by grown_suffix).
_LEGAL_AFTER = re.compile(
    r"[ \t]+(?P<s>AS|ASA|A/S|ApS|AB|Oy|Oyj|BV|B\.V\.|NV|N\.V\.|AG|GmbH|SpA|S\.p\.A\.|"
    r"Srl|S\.r\.l\.|SARL|Ltd\.?|Inc\.?|LLC|PLC|plc)"
    r"(?=[ \t]*(?:[,;)\n]|\.?[ \t]*$|\.[ \t]))",
    re.M,
)
_NAMED_KINDS = frozenset({"name", "location", "city"})


def grown_facilities(text: str, found: list[WordSpan], lex: Lexicon) -> list[WordSpan]:
    """``found`` with each facility grown over its town or its site."""
    grown: list[WordSpan] = []
    for span in found:
        if span.kind != "facility":
            # Round 19: a legal form after a name or a place makes it a company ("owner
            # Stavanger Bulk AS"): where the name's words are all known the company rule leaves
            # it, and the suffix still says which company.
            legal = _LEGAL_AFTER.match(text, span.end) if span.kind in _NAMED_KINDS else None
            if legal is not None and text[span.start : span.start + 1].isupper():
                grown.append(WordSpan("facility", span.start, legal.end("s")))
                continue
            # Round 16: a name read as a person's keeps its state's code ("Heart Kids SA").
            end = grown_suffix(text, span, lex) if span.kind == "name" else span.end
            grown.append(WordSpan(span.kind, span.start, end) if end != span.end else span)
            continue
        end = span.end
        legal = _LEGAL_AFTER.match(text, end)
        if legal is not None:
            end = legal.end("s")  # "[Hansen Marine] AS"
        # The head may have been left out of the span, read as a clinical "IV" run's.
        level = _LEVEL_AFTER.match(text, end)
        if level is not None and (
            level.group("head") or _LEVEL_HEAD.search(text, max(span.start, end - 12), end)
        ):
            end = level.end()  # "Kisoro Health Centre IV"
        store = _STORE_NUMBER.match(text, end)
        if store is not None:
            end = store.end()  # "Fenwick Apothecary #112"
        branch = _BRANCH_AFTER.match(text, end)
        if branch is not None:
            end = branch.end()  # "People's Hospital 115, Thu Duc branch"
        # A bracket closes the town as the line's end does: one plain word may name it.
        bracketed = _TOWN_IN_BRACKETS.match(text, end)
        town = _TOWN_AFTER.match(text, end) or bracketed
        if town is not None and _place_like(
            town.group("t").split(), lex, bracketed is not None or _at_line_end(text, town.end())
        ):
            end = town.end()
        else:
            site = _SITE_AFTER.match(text, end)
            if site is not None:
                words = site.group("t").split()
                if (
                    fold(words[0]) in _SITE_WORDS
                    or (len(words) == 2 and fold(words[-1]) in _SITE_TOWN_WORDS)
                    or _place_like(words, lex, _at_line_end(text, site.end()))
                ):
                    end = site.end()
        # Round 16: its state's code or its site after "at" ("... Service NZ", "Memorial
        # Hospital at Gulfport").
        end = grown_suffix(text, WordSpan("facility", span.start, end), lex)
        grown.append(WordSpan("facility", span.start, end) if end != span.end else span)
    # Round 17: unknown initials listed with a facility ("... Hospital or NCCS").
    return grown + listed_initials(text, grown, lex)
