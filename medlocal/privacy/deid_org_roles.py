"""Organisations told by a person's relation to them or by the kind of place after them
(round 17):

* a pub, a club, a team, a hotel or a body named after a verb of going, playing, staying or
  belonging ("drinks at the Navigation", "plays hurling for Na Fianna", "staying at the Harbour
  Inn", "member of the Rotary Club of Leeds"): after such a verb the capitalised words are the
  place's or the team's name, even when they are plain English words;
* a hospital or a service by unknown initials after a verb of care ("dx at IWK", "admitted
  QRBH", "transferred from KMCH"): initials that are no word, no clinical abbreviation and no
  unit ("HASU", "CAU": initials ending in "U" name a unit);
* a name before the kind of place it is, in lower case ("Kasara railway station", "Clicks
  pharmacy", "the Lincoln Legion hall"): the capitalised words before a word of a place that is
  no clinical service name which one it is;
* a provider's unknown initials first in a bracket before a clinician, a crew or a date ("Lab
  (QKL, 03-11)", "MRI (NORVEX, Dr Vogt)");
* unknown initials listed with a facility already found ("Westmere University Hospital or
  QNCC"), and a national service's board before its found region ("NHS GRAMPIAN");
* a place of care headed by its system's initials in another country ("CLSC de Magog", "CAP
  Sant Boi 3", "CESFAM Los Aromos").

Each is found from an anchor that most text lacks (the verb, the kind word, a bracket, a found
span's end, the system's initials), read forward or back from it, so the cost stays linear and
small.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_place_words import (
    DESCRIPTIVE,
    GENERIC,
    STREET_WORDS,
    STRONG_HEADS,
    WARD_KINDS,
)
from medlocal.privacy.deid_tokens import WordSpan, after_sentence_end

# One word of a name (a capital first), and what may join two of them inside a name.
_NAME_WORD = re.compile(r"[A-Z][\w&'’.-]*")
# Short forms written with a full stop inside a name ("St. Jude", "Mt. Sinai").
_DOTTED = frozenset({"St", "Ste", "Mt", "Ft", "Co", "No", "Sta", "Sto", "Nr"})
_JOIN = re.compile(r"[ \t]+(?:(?:of|&|and|de|du|na|the|les|la|le)[ \t]+)?(?=[A-Z])")
# The head words that end an organisation's name: "and" after one opens another.
# Words that say who or when, not which place: a name does not run over them.
_STOPS = (
    TITLES
    | CALENDAR_WORDS
    | RELATIONS
    | frozenset(
        {
            "i", "christmas", "xmas", "easter", "weekend", "weekends", "night", "nights",
            "home", "the", "a", "an", "his", "her", "their", "my", "our", "your", "work",
            "bed", "mass", "town", "sleep", "school", "church", "theatre", "clinic",
        }
    )
)  # fmt: skip


def _read_name(text: str, pos: int, most: int = 4) -> tuple[int, int, list[str]]:
    """The capitalised words from ``pos`` (at most ``most``), as (start, end, folded words);
    end is -1 where none is there."""
    start = end = -1
    words: list[str] = []
    for _ in range(most):
        word = _NAME_WORD.match(text, pos)
        if word is None:
            break
        bare = fold(word.group().rstrip(".'’").removesuffix("'s").removesuffix("’s"))
        if bare in _STOPS:
            break
        if start < 0:
            start = word.start()
        end = word.end()
        words.append(bare)
        if text[end - 1] == "." and word.group()[:-1] not in _DOTTED:
            return start, end - 1, words  # a full stop ends the sentence and the name
        join = _JOIN.match(text, word.end())
        if join is None:
            break
        if len(words) > 1 and bare in STRONG_HEADS and join.group().strip() == "and":
            break  # walk 21: "the Tolworth Rowing Club and the Mothers' Union" are two
        pos = join.end()
    return start, end, words


# Departments in capitals that every hospital has ("went to A&E").
_SERVICES = frozenset({"a&e", "a+e", "ae", "er", "ed", "nhs"})


def _plain_words(words: list[str], lex: Lexicon) -> bool:
    """Words that name no one place: each clinical, a kind of place, or a care abbreviation."""
    return all(
        lex.clinical(w) or w in GENERIC or w in WARD_KINDS or clinical_abbreviation(w)
        for w in words
    )


# A verb of going, playing, staying or belonging, then the word that says where or whose
# ("drinks at the", "plays hurling for", "coaches U11 hockey at", "member of the"). Found from
# the verb's stem; "the" is read with the name (a pub's "the Navigation" is its name).
_LEISURE_VERB = re.compile(
    r"(?=[dDpPcCsSmMwWjJbBaAgG])(?<![\w-])(?:"
    r"(?i:drinks|drinking|drank|pints)[ \t]+at"
    r"|(?i:plays|playing|played|coaches|coaching|coached|trains|training|swims|swimming)"
    r"(?:[ \t]+[\w'’-]+){0,2}?[ \t]+(?:for|with|at)"
    r"|(?i:staying|stays|stayed|lodging|worships|worshipping|shops|shopping|bowls)[ \t]+at"
    r"|(?i:member|members|membership)[ \t]+(?:of|at)"
    r"|(?i:belongs)[ \t]+to"
    # Where someone goes every week: a school, a church, a club, a pub ("Attends Rookery
    # School", "goes to the Cheshire Cheese").
    r"|(?P<go>(?i:attends|attended)|(?i:goes|went|going)[ \t]+to)"
    r")[ \t]+(?P<the>the[ \t]+)?"
)


def leisure_places(text: str, lex: Lexicon) -> list[WordSpan]:
    """Pubs, clubs, teams, hotels and bodies named after a verb of going, playing, staying or
    belonging."""
    found: list[WordSpan] = []
    for verb in skipped_finditer(_LEISURE_VERB, text):
        start, end, words = _read_name(text, verb.end())
        if start < 0 or any(w in _SERVICES for w in words):
            continue  # "went to A&E"
        if all(w in DESCRIPTIVE or _plain_words([w], lex) for w in words):
            continue  # "plays for Cardiology", "member of the MDT", "the Chronic Pain group"
        if (
            verb.group("go") is not None
            and len(words) == 1
            and lex.known(words[0])
            and not (lex.name_like(words[0]) or words[0] in lex.places)
        ):
            continue  # "Attends Outpatients", "went to Recovery": where in a hospital
        # A pub's or a hotel's "the" is its name's ("drinks at the Navigation"); a school's or a
        # centre's after "attends" is the sentence's ("Attends the Sunnyvale day centre").
        if verb.group("the") is not None and verb.group("go") is None:
            start = verb.start("the")
        found.append(WordSpan("facility", start, end))
    return found


# A verb of care, then the word that says where ("dx at", "seen at", "admitted to", "transferred
# from"): the unknown initials after it are the hospital's or the service's.
_CARE_VERB = re.compile(
    r"(?=[dDsStTaAbBfFmMrR])(?<![\w-])(?i:dx|diagnosed|seen|treated|admitted|admission|born|"
    r"delivered|followed|managed|transferred|transfer|referred|discharged|attends|attended|"
    r"operated|reviewed)"
    r"(?:[ \t]+(?i:up|on|in))?(?:[ \t]+(?i:at|to|from|in|by|with))?[ \t]+(?:the[ \t]+)?"
)
_INITIALS = re.compile(r"[A-Z]{3,6}(?![\w&'’-])")


def care_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """Hospitals and services named by unknown initials after a verb of care."""
    found: list[WordSpan] = []
    for verb in skipped_finditer(_CARE_VERB, text):
        match = _INITIALS.match(text, verb.end())
        if match is None:
            continue
        # Not "admitted HASU", "seen in CAU" (a unit), "seen by ENT" (a service).
        if not _unknown_initials(match.group(), lex):
            continue
        found.append(WordSpan("facility", match.start(), match.end()))
    return found


# The kind of place in lower case after a name ("Kasara railway station", "Clicks pharmacy",
# "the Lincoln Legion hall"): kinds that name a site, not a clinical service.
_KIND = re.compile(
    # From a blank run's start only: read from each blank of a long run, "[ \t]+" was
    # quadratic ("user" and 20,000 blanks).
    r"(?<![ \t])[ \t]+(?P<k>"
    r"(?:railway|train|bus|petrol|filling|gas|service|fire|police|coach|tube|metro)"
    r"[ \t]+station|(?:bus|ferry|taxi|truck)[ \t]+terminal|pharmacy|chemist|supermarket|"
    r"hall|museum|marae|pub|hotel|"
    r"motel|mall|shopping[ \t]+cent(?:re|er)|leisure[ \t]+cent(?:re|er)|stadium|racecourse|"
    r"cinema|library|mortuary|funeral[ \t]+home|car[ \t]+park|parking[ \t]+lot|"
    # Session 31: a care home by its operator's or its own name ("Bupa care home", "the
    # Ridgeway nursing home"), and "home" closing a bracket ("Thornfield (Four Seasons home)").
    r"(?:care|nursing|rest|residential|retirement)[ \t]+home|(?P<b>home)(?=[ \t]*\))"
    # Kinds of a service, named only by a word no list has (below).
    r"|(?P<s>team|service|programme|program|helpline|counselling|counseling|respite))\b"
)
# The name before the kind: one to four capitalised words, "of" or "&" between them.
_NAME_BEFORE = re.compile(
    r"(?<![\w'’&.-])(?:[A-Z][\w'’&.-]*[ \t]+(?:(?:of|&)[ \t]+)?){0,3}[A-Z][\w'’&-]*\Z"
)
_STATIONS = ("station", "terminal")


_NAME_PART = re.compile(r"[A-Z][\w'’&.-]*")


def named_kinds(text: str, lex: Lexicon) -> list[WordSpan]:
    """Names before the kind of place they are, in lower case."""
    found: list[WordSpan] = []
    for kind in skipped_finditer(_KIND, text):
        name = _NAME_BEFORE.search(text, max(0, kind.start() - 60), kind.start())
        if name is None:
            continue
        parts = list(_NAME_PART.finditer(text, name.start(), name.end()))
        # The name starts after a stop word ("Tuesday", "Dr", "The" opening a sentence).
        for k in range(len(parts) - 1, -1, -1):
            if _folded(parts[k].group()) in _STOPS:
                parts = parts[k + 1 :]
                break
        service = kind.group("s") is not None
        while service and parts and parts[-1].group().isupper():
            parts = parts[:-1]  # "Parkinson's Ireland LSVT BIG programme": the programme's
        if not parts:
            continue
        words = [_folded(p.group()) for p in parts]
        if _plain_words(words, lex) or all(w in DESCRIPTIVE for w in words):
            continue  # "Hospital pharmacy", "Community hall", "Village hall"
        if service and not any(
            not p.group().isupper() and (not lex.known(w) or w in lex.places)
            for p, w in zip(parts, words, strict=True)
        ):
            # A service's team or programme is named by a place or a word no list has
            # ("Durham Dales team"); plain, clinical or capital words say what it does
            # ("Early Supported Discharge team", "DESMOND programme").
            continue
        start = parts[0].start()
        # One plain word before a bracket's "home" says whose or what home ("(Own home)",
        # "(New home)").
        if (
            kind.group("b") is not None
            and len(words) == 1
            and lex.known(words[0])
            and not lex.name_like(words[0])
        ):
            continue
        # One word that opens a sentence says nothing by its capital ("Pharmacy closed").
        if (
            len(words) == 1
            and after_sentence_end(text, start)
            and lex.known(words[0])
            and not lex.name_like(words[0])
        ):
            continue
        # A station's kind is part of its own name ("Kasara railway station").
        end = kind.end() if kind.group("k").endswith(_STATIONS) else parts[-1].end()
        found.append(WordSpan("facility", start, end))
    return found


def _folded(word: str) -> str:
    return fold(word.rstrip(".'’").removesuffix("'s").removesuffix("’s"))


def _unknown_initials(word: str, lex: Lexicon) -> bool:
    """Initials that are no word, no clinical abbreviation, no unit, title, day or place."""
    bare = word.lower()
    return not (
        word.endswith("U")
        or clinical_abbreviation(word)
        or lex.known(bare)
        or lex.clinical(bare)
        or bare in lex.places
        or bare in TITLES
        or bare in CALENDAR_WORDS
    )


# Who did a test or a service, first in its bracket before the clinician or the date ("Lab
# (QHL, 16-11)", "MRI (NORMED, Dr Ama Boateng)", "(WMAS, crew 4B)"): unknown initials there are
# the provider's.
_BRACKET_PROVIDER = re.compile(
    r"\([ \t]*(?P<a>[A-Z]{3,8}),[ \t]+(?=(?:Dr|Prof|Mr|Mrs|Ms|Dre|Pr)\.?[ \t]|"
    r"(?i:crew|ref|call[ \t]?sign)\b|\d{1,2}[-/.]\d{1,2}\b)"
)


def bracket_providers(text: str, lex: Lexicon) -> list[WordSpan]:
    """Unknown initials first in a bracket before a clinician, a crew or a date."""
    found: list[WordSpan] = []
    if "(" not in text:
        return found
    for match in _BRACKET_PROVIDER.finditer(text):
        if _unknown_initials(match.group("a"), lex):
            found.append(WordSpan("facility", match.start("a"), match.end("a")))
    return found


# Unknown initials in a list with a found facility ("National University Hospital or NCCS",
# "KMCH / Westgate General"): hospitals named together are named alike.
_LISTED_AFTER = re.compile(r"[ \t]*(?:,|/|[ \t]or|[ \t]and)[ \t]+(?P<a>[A-Z]{3,6})(?![\w&'’-])")
_LISTED_BEFORE = re.compile(r"(?<![\w&'’-])(?P<a>[A-Z]{3,6})[ \t]*(?:,|/|[ \t]or|[ \t]and)[ \t]+\Z")


# A national service's name before a found region or facility names its board ("NHS Lothian",
# "NHS GRAMPIAN", "HSE South"): the board goes with its region.
_BOARD_BEFORE = re.compile(r"(?<![\w&'’-])(?:NHS|HSE)[ \t]+\Z")
_REGION_KINDS = frozenset({"facility", "location", "county"})


def listed_initials(text: str, found: list[WordSpan], lex: Lexicon) -> list[WordSpan]:
    """Unknown initials listed with a facility already found, and a national service's board
    named by the region found after it."""
    more: list[WordSpan] = []
    for span in found:
        if span.kind in _REGION_KINDS:
            board = _BOARD_BEFORE.search(text, max(0, span.start - 6), span.start)
            if board is not None:
                more.append(WordSpan("facility", board.start(), span.end))
        if span.kind != "facility":
            continue
        after = _LISTED_AFTER.match(text, span.end)
        before = _LISTED_BEFORE.search(text, max(0, span.start - 16), span.start)
        for match in (after, before):
            if match is not None and _unknown_initials(match.group("a"), lex):
                more.append(WordSpan("facility", match.start("a"), match.end("a")))
    return more


# The initials that head a place of care in the public systems of other countries, written
# before its place's name: Quebec's local and family-medicine centres and its regional centres,
# Catalonia's primary care centres, Chile's family health centres, Brazil's and Portugal's basic
# health units, the Philippines' rural health units ("CLSC de Magog", "GMF Memphrémagog", "CAP
# Sant Boi 3", "CESFAM Los Castaños", "UBS Vila Nova").
_SYSTEM_HEAD = re.compile(
    r"(?=[CGUERAS])(?<![\w&'’-])(?P<h>CLSC|CHSLD|GMF(?:-U)?|CIUSSS|CISSS|CHU|CHUM|CHUQ|CAP|CESFAM|"
    r"CECOSF|SAPU|UBS|USF|UCSP|EBAIS|RHU|ASL|AUSL)"
    r"(?P<n>(?:[ \t]+(?:(?:de|du|des|del|de[ \t]+la|d'|l'|la|los|las|do|da|dos|das)[ \t]*)?"
    r"[A-ZÀ-Þ][\w'’-]*){1,4})"
    # A numbered centre, then its neighbourhood after a dash ("CAP Sant Boi 3 - Camps Blancs").
    r"(?:[ \t]+\d{1,2}\b(?:[ \t]+[-–][ \t]+[A-ZÀ-Þ][\w'’-]*(?:[ \t]+[A-ZÀ-Þ][\w'’-]*){0,2})?)?"
)


def system_heads(text: str, lex: Lexicon) -> list[WordSpan]:
    """Places of care named by their system's initials and their place."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_SYSTEM_HEAD, text):
        raw = re.findall(r"[A-ZÀ-Þ][\w'’-]*", match.group("n"))
        if any(w.isupper() or any(c.isdigit() for c in w) for w in raw):
            continue  # "CAP CURB-65 score": a clinical abbreviation's measure, no place
        words = [fold(w.rstrip("'’")) for w in raw]
        if any(w in TITLES or w in CALENDAR_WORDS for w in words):
            continue  # "CHU Dr Roy"
        # A place's name among them: a word no English or clinical list has, or a listed place
        # ("CAP Treated", "CAP Day 3" have none).
        if not any((not lex.known(w) and not lex.clinical(w)) or w in lex.places for w in words):
            continue
        found.append(WordSpan("facility", match.start(), match.end()))
    return found


# A name alone on its line right above an address's first line ("The Lindens\n14 Harcourt
# Road", "Kestrel House\nUnit 4, Mill Lane"): a letterhead's or a card's owner. Found from the
# address line (a house number, then a capitalised word), the line above read back from it.
_ADDRESS_LINE = re.compile(
    r"(?m:^)[ \t]*(?:\d{1,5}[A-Za-z]?(?:[-/]\d{1,4})?,?|(?i:unit|suite|level)[ \t]+\d{1,4},?|"
    r"(?i:p\.?o\.?[ \t]+box)[ \t]+\d{1,6},?)[ \t]+[A-Z][a-z]"
)
_LINE_ABOVE = re.compile(
    r"(?m:^)[ \t]*(?P<n>(?:The[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+(?:of|&|and|[A-Z][\w'’.-]*)){0,4})"
    r"[ \t]*,?[ \t]*\n\Z"
)
# Words of a label or a greeting, not of a name ("Home Address", "Dear Sir").
_LABEL_WORDS = frozenset(
    {
        "address", "addresses", "patient", "patients", "name", "re", "dear", "to", "from", "attn",
        "attention", "confidential", "private", "urgent", "home", "contact", "details", "next",
        "kin", "gp", "correspondence", "postal", "residential", "billing", "mailing", "sir",
        "madam", "delivery", "current", "previous", "usual", "temporary", "copy",
    }
)  # fmt: skip


# The capitalised words of the street after the house number ("Harcourt Road", "Mill Lane").
_STREET_RUN = re.compile(r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,3}")


def names_above_addresses(text: str, lex: Lexicon) -> list[WordSpan]:
    """A name alone on its line right above an address's first line."""
    found: list[WordSpan] = []
    if "\n" not in text:
        return found
    for address in _ADDRESS_LINE.finditer(text):
        if address.start() == 0 or text[address.start() - 1] != "\n":
            continue
        above = _LINE_ABOVE.search(text, max(0, address.start() - 80), address.start())
        if above is None:
            continue
        raw = above.group("n").split()
        words = [fold(w.rstrip(".'’").removesuffix("'s").removesuffix("’s")) for w in raw]
        words = [w for w in words if w not in ("of", "&", "and", "the")]
        if not words or any(
            w in TITLES or w in CALENDAR_WORDS or w in RELATIONS or w in _LABEL_WORDS for w in words
        ):
            continue  # "Mrs Jane Doe", "Home Address": a person or a label
        if _plain_words(words, lex):
            continue  # "Cardiology Department": a service of the hospital named elsewhere
        if len(raw) == 1 and lex.known(words[0]) and not lex.name_like(words[0]):
            continue  # "Impression\n1 Likely ...": a heading above a numbered list
        street = _STREET_RUN.match(text, address.end() - 2)
        if street is None or not any(fold(w) in STREET_WORDS for w in street.group().split()):
            continue  # the line below is an address only where it names a street
        found.append(WordSpan("facility", above.start("n"), above.end("n")))
    return found


# Heads of a named place the facility words lack, capitalised after its name ("Flagstaff
# Mortuary", "Te Kauri Marae", "Lucky 7 Lounge", "Ridgeway Crematorium"): read back from the head.
_EXTRA_HEAD = re.compile(
    r"(?=[MCLSTRBP])(?<=[ \t])(?:Mortuary|Marae|Colliery|Lounge|Museum|Stadium|Crematorium|"
    r"Cemetery|Speedway|Racecourse|Raceway|Terminal|Brewery|Distillery|Tavern|Saloon|Pub|Bar|"
    r"Casino|Cinema|Theater|Arena)(?![\w'’-])"
)
_RUN_BEFORE = re.compile(r"(?<![\w'’&.-])(?:[A-Z0-9][\w'’&.-]*[ \t]+){1,3}\Z")
_RUN_PART = re.compile(r"[A-Z0-9][\w'’&.-]*")


def extra_heads(text: str, lex: Lexicon) -> list[WordSpan]:
    """Places named before a head the facility words lack."""
    found: list[WordSpan] = []
    for head in skipped_finditer(_EXTRA_HEAD, text):
        run = _RUN_BEFORE.search(text, max(0, head.start() - 50), head.start())
        if run is None:
            continue
        parts = list(_RUN_PART.finditer(text, run.start(), run.end()))
        for k in range(len(parts) - 1, -1, -1):
            if _folded(parts[k].group()) in _STOPS:
                parts = parts[k + 1 :]
                break
        for k in range(len(parts) - 1, -1, -1):
            word = parts[k].group()
            if word.endswith(".") and word[:-1] not in _DOTTED:
                parts = parts[k + 1 :]  # a sentence ends there ("... Lounge. Family Lounge")
                break
        if not parts:
            continue
        words = [_folded(p.group()) for p in parts]
        # A place's name, a name or a number among the words ("Flagstaff Mortuary", "Lucky 7
        # Lounge"); plain words name a room or a kind ("Family Lounge", "Snack Bar").
        if not any(
            w.isdigit() or (not lex.known(w) and not lex.clinical(w)) or w in lex.places
            for w in words
        ):
            continue
        found.append(WordSpan("facility", parts[0].start(), head.end()))
    return found


def role_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Places named after a verb of leisure or belonging, hospitals by initials after a verb of
    care, names before the kind of place they are, providers' initials in a bracket."""
    return (
        leisure_places(text, lex)
        + care_initials(text, lex)
        + named_kinds(text, lex)
        + bracket_providers(text, lex)
        + system_heads(text, lex)
        + names_above_addresses(text, lex)
        + extra_heads(text, lex)
    )
