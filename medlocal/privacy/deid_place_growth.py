"""A place's span grown over what is written beside it and belongs to it: a house number before
or after a street ("14 [Clepington]", "[Lindenbühl] 7"), an organisation's head word after its
name, also where the name wraps onto the next line ("[Hope Family]\\nClinic", "[Aggieland]
Rehab"), a compass part after a district ("[Kurla] (W)"), a French arrondissement ("[Lyon] 2e",
round 16) and a street word in lower case
("[Ndumberi-Gachika] road"). The rules and the tagger find the name; what they leave beside it
would still point to the place. A name the word scan found ("name" kind) takes a head word only
on its own line, never after a title or a person's cue, and not where a lower-case word follows
the head word unless a word leading to a place stands before the name: "Mr [John Smith]\nSurgery
was uneventful" and "[Sarah Jones] PT today" keep their words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from medlocal.privacy.deid_cancel import checked, checkpoint
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, fold
from medlocal.privacy.deid_people_words import (
    COLON_ROLES,
    FUNCTION_CUES,
    HONORIFICS,
    RELATIONS,
    ROLES,
    SOFT_CUES,
    TITLES,
)
from medlocal.privacy.deid_peoples import peoples
from medlocal.privacy.deid_place_regions import region_end
from medlocal.privacy.deid_spans import Redaction, label

# Spans that may name a place or an organisation (the word scan calls an unknown name "name").
_PLACE_KINDS = frozenset({"name", "facility", "location", "city", "county", "street_address"})
# Head words that end an organisation's name: the strong heads, and short heads that are plain
# words alone but end a name written before them ("Aggieland Rehab", "Velanthangal PS" a police
# station, "Gatundu S.C.H." a sub-county hospital, "Pecan Street PT").
# Specialties and services are left out: "Dr [Patel] Cardiology" keeps its service.
_HEADS = frozenset(
    {
        "hospital", "clinic", "centre", "center", "practice", "surgery", "academy", "school",
        "college", "university", "pharmacy", "hospice", "infirmary", "institute", "laboratory",
        "laboratories", "lab", "labs", "apothecary", "chemist", "chemists", "church", "club",
        "fc", "rfc", "afc", "inn", "hotel", "polyclinic", "dispensary", "sanatorium", "rehab",
        "surgical", "physio", "pt", "ps", "phc", "chc", "sch", "hc", "uhc", "ltd", "inc", "llc",
    }
)  # fmt: skip
# A house number after a street ("Kiamumbi 118", "Borbolla 12, 3ºB", "Jazmines 442"), ending
# the part: not a year, and followed by a comma, a bracket, the line's end or a field gap.
_NUMBER_AFTER = re.compile(
    r"[ \t]+(?!(?:19|20)\d\d\b)\d{1,5}[A-Za-z]?(?:[/-]\d{1,5}[A-Za-z]?)?"
    r"(?:,[ \t]*\d{1,4}[º°ª]?[A-Za-z]?(?=[ \t]*[,\n]))?"
    r"(?=[ \t]*(?:[,;)\n]|\Z)|[ \t]{2}|\.(?:\s|\Z))"
)
# A house number (or "No. 27,") before a street, opening its part: after the line's start, a
# comma, bracket, colon or dash, or a word that leads to an address ("at", "on", "plot"). A
# colon after a digit is a clock's: "at 17:02, Hope Ward wrote" has no house 02 (walk 22).
_NUMBER_BEFORE = re.compile(
    r"(?:^|[\n,(;–-]|(?<!\d):|\b(?:at|on|of|from|in|to|near|off|plot|stand|lot|lives|home))"
    r"[ \t]*"
    r"(?P<n>(?:No\.?[ \t]*)?(?<![\w./])(?:\d{1,5}[ \t]+)?\d{1,5}[A-Za-z]?(?:/\d{1,5}[A-Za-z]?)?"
    r"(?:,[ \t]*|[ \t]*[-–][ \t]*|[ \t]+|))\Z"
)
# A street word abbreviated in lower case before a street that opens its part ("ul. Długa 5",
# "os. Widok 3", "av. Colón 12", "c/ Mayor 4"): after the line's start, a comma or a colon.
# Session 31: a lettered or numbered part of a township, estate or subdivision that opens an
# address part before its house ("of Section C, House 1127", "Zone 4, Stand 88"). A letter
# alone is the part's only when a comma or the house follows: "Zone 2 Stand" is read too.
_PART_BEFORE = re.compile(
    r"(?:^|[\n,:(]|\b(?:at|of|in|from|lives|address))[ \t]*"
    r"(?P<p>(?:(?:Section|Zone|Extension|Ext\.?|Phase|Sector|Purok|Block|Blk\.?)[ \t]+"
    r"[A-Z0-9]{1,4}[ \t]*,?[ \t]*)+)\Z",
    re.M,
)
_STREET_ABBR_BEFORE = re.compile(r"(?:^|[\n,:])[ \t]*(?P<a>(?:[a-zà-ÿа-яё]{1,4}\.|c/)[ \t]*)\Z")
# A compass part in brackets after a district ("Kurla (W)", "Andheri (East)").
_COMPASS = re.compile(r"[ \t]*\((?:N|S|E|W|North|South|East|West)\)")
# The capitalised word after a span, on its line or, where the span ends its line, on the next
# (a name wrapped by the line's width). Only the next word: "Mr [Pellow]\nGeneral Surgery" is a
# service, not the name's head. A field gap (two blanks or a tab) ends the place: the word after
# it opens the next field ("Occupation: [Tesco]  School: none" keeps its label, round 19).
_WORD_AFTER = re.compile(r"(?:[ ](?![ \t])|[ \t]*\n[ \t]*)(?P<w>[A-Z][\w'’.&-]*)")
# A lower-case word right after the head word on its line: the head word opens a sentence or
# a role ("Dr [Patel]\nPharmacy to dispense", "[Sarah Jones] PT today"), not a letterhead.
_LOWER_AFTER = re.compile(r"[ \t]+[a-z]")
# Words before a name (or opening its span) that make it a person's: a title, an honorific, a
# relation, a role or a cue for staff ("Mr [John Smith]", "Dr [Brown]", "Chaperone: [Jo
# Lane]"). A person's name takes no organisation's head word. "GP:" holds a practice as often
# as a doctor ("GP: [Wellmoor] Surgery").
_PERSON_CUES = (
    TITLES | HONORIFICS | (RELATIONS - FUNCTION_CUES) | ((ROLES | SOFT_CUES | COLON_ROLES) - {"gp"})
)
_WORD_BEFORE = re.compile(r"(?P<w>[A-Za-z][\w'’-]*)\.?[ \t]*[:,]?[ \t]*\Z")
# Words before a name that lead to a place, where a head word after it joins it even inside a
# sentence.
_PLACE_WORDS = frozenset(
    {"at", "from", "in", "into", "attends", "attended", "attending", "via", "admitted"}
)
_FIRST_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# A street word in lower case after a street's name ("Ndumberi-Gachika road"): only the words
# that are no everyday word ("close", "way", "place" are).
# Round 16: a French town's arrondissement after it ("Lyon 2e", "Paris 15e", "Paris 1er"),
# ending the part.
_ARRONDISSEMENT = re.compile(
    r"[ \t]+(?:1er|(?:[1-9]|1\d|20)(?:e|ème|eme))(?![\w-])(?=[ \t]*(?:[,;.)\n]|\Z))"
)
_STREET_OPENINGS = ("ul.", "os.", "al.", "Ul.", "Os.", "Al.", "Pº", "C/")
_STREET_AFTER = re.compile(r"[ \t]+(?:road|street|avenue|lane|highway|marg|rd|ave)\b")
_WINDOW = 40
# What stands before a name that opens an address part (see _addressed).
_ADDRESSED = re.compile(
    r"(?:^|[\n,(:;–-]|\b(?:at|on|near|off|plot|stand|lot|lives|home)|\d[A-Za-z]?)"
    r"[ \t]*(?:No\.?[ \t]*)?(?:\d{1,5}[A-Za-z]?(?:/\d{1,5})?[ \t-]*)?\Z"
)
# A head word in lower case after a name ("the Bramble Lane practice", "St Giles' church", "the
# Edgware garage"): words that name a place of that kind, never a plain adjective.
_LOWER_HEAD = re.compile(
    r"[ ](?:practice|surgery|clinic|church|parish|chapel|mosque|temple|school|college|"
    r"academy|pharmacy|chemist|hospital|hospice|garage|depot|mill|factory|plant|club|pub|"
    # Round 19: a day centre, a market and an office by their place ("Seacroft day centre").
    r"day[ \t]cent(?:re|er)|market|office)\b"
)
# The second part of a town's name after a small word ("Freiberg am Neckar", "Newcastle upon
# Tyne", "Rothenburg ob der Tauber", "Boulogne sur Mer").
_TOWN_TAIL = re.compile(
    r"[ \t]+(?:am|im|an[ \t]+der|ob[ \t]+der|auf[ \t]+der|upon|sur|bei)[ \t]+"
    # Round 21: a word with a small letter; initials after "bei" are a diagnosis ("ZNA bei
    # NSTEMI"), not a town's second part.
    r"[A-Z](?=[\w'’-]*[a-zß-ÿ])[\w'’-]+"
)
# A small word between two found parts of one name ("Radiologie am [Schillerplatz]", "Baile
# na [hAbhann]", "Szpital im. [Ludwika] w [Krakowie]").
_BRIDGE = re.compile(
    r"[ \t]+(?:am|im\.?|an|auf|ob|w|we|na|nan|de|la|del|da|do|di|du|des|der|den|van|von|upon|"
    r"sur|y|e|i|le|les|el|al|ul\.|os\.)[ \t]+"
)
# Round 17: two small words inside a town's name ("Buchholz in der Nordheide", "Rotenburg an der
# Wümme"); never before a street ("Wohnt in der Hauptstraße 5a" lives in the street).
_TOWN_BRIDGE = re.compile(r"[ \t]+(?:in|an|auf|ob|unter|vor|bei)[ \t]+(?:der|dem|den)[ \t]+")
# Round 17: a landmark word between two found parts of one address ("Adeniyi Jones Avenue, off
# Oba Akran", "Ganesh Nagar, near Hanuman mandir", "Mill Road opp. the Total garage"): the
# parts are one address, the word with them.
_LANDMARK_BRIDGE = re.compile(
    r",?[ \t]*(?:near|nr\.?|off|opp\.?|opposite|behind|beside|next[ \t]+to|past|"
    r"across[ \t]+from|close[ \t]+to)[ \t]+(?:the[ \t]+)?"
)
# A building, staircase or entrance between two found parts of one address ("Résidence Les
# Tilleuls, bât. C, 18 allée Romain-Rolland", "Torre B, Calle Mayor 4").
_UNIT_BRIDGE = re.compile(
    r",[ \t]*(?:b[âa]t\.?|b[âa]timent|bloc|block|blk\.?|tower|tour|torre|esc\.?|escalier|"
    # Session 43: the address may wrap after the building's comma ("bât. B,\n4 rue ...").
    r"escalera|entrada|portal|Haus|Stiege|wing)[ \t]*[A-Z0-9]{1,3},[ \t]*\n?[ \t]*",
    re.I,
)
# A flat, office, floor or door after a found street, as French, Spanish, Portuguese, German
# and Swedish addresses write them ("8450, boulevard Maurice-Duplessis, bureau 210", "47 montée
# de la Grande-Côte, 3e étage gauche", "Calle Mayor 4, 2º dcha", "Storgatan 3, lgh 1102").
_UNIT_AFTER_STREET = re.compile(
    r",?[ \t]*(?:(?:bureau|bur\.|b[âa]t\.?|b[âa]timent|app\.?|appt\.?|apto\.?|esc\.?|porte|"
    r"local|oficina|despacho|piso|puerta|dpto\.?|depto\.?|lgh\.?|Whg\.?|Wohnung|Stiege|Top|"
    r"T[üu]r)[ \t]*[A-Z0-9]{1,5}\b"
    r"|\d{1,2}(?:e|er|ère|ème|º|ª|°|o|a)[ \t]+(?:[ée]tage|piso|andar|Stock|OG)"
    r"(?:[ \t]+(?:gauche|droite|izq(?:uierda|\.)?|dcha\.?|derecha|esq\.?|dto\.?|links|rechts))?"
    r"|\d{1,2}[ºª°][ \t]*(?:[A-Z]|izq(?:uierda|\.)?|dcha\.?|derecha|esq\.?|dto\.?)\b)"
)
# Session 43: "of" or "at" between an organisation whose name ends in its head word and the
# place or name after it ("Hebrew Home at Riverdale", "Visiting Nurse Service of New York",
# "Royal Infirmary of Edinburgh"): one organisation's name. Both parts are found already; only
# the small word between them was left, and it tells a reader the two go together.
_ORG_BRIDGE = re.compile(r"[ \t]+(?:of|at)(?:[ \t]+the)?[ \t]+")
_ORG_ENDS = frozenset(
    {
        "home", "homes", "service", "services", "hospital", "clinic", "centre", "center",
        "infirmary", "hospice", "institute", "society", "trust", "foundation", "university",
        "college", "school", "academy", "association", "church", "lodge", "house",
    }
)  # fmt: skip
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*\Z")
# Where one of two parts bridged so must be an address's (not two names).
_ADDRESS_KINDS = frozenset({"street_address", "city", "location", "county"})
# Round 17: a compass or size word before a found town or county is part of its name ("North
# Kerry", "Lower Hutt", "West Lothian", "Greater Manchester").
_COMPASS_BEFORE = re.compile(
    r"(?<![\w'’-])(?:North|South|East|West|Northern|Southern|Eastern|Western|Upper|Lower|Mid|"
    r"Central|Greater|Inner|Outer|Old|New)(?:-|[ \t]+)\Z"
)
_REGION_KINDS = frozenset({"city", "location", "county"})
# Session 31: a people's adjective before a found place that opens with a landform names the
# place with it ("American Lake", "French Creek", "English River", "Indian Springs"): the
# adjective alone is kept (deid_peoples), so the scan starts the place after it.
_LANDFORM_FIRST = re.compile(
    r"(?:Lake|Lakes|River|Creek|Fork|Falls|Springs|Hills?|Valley|Bay|Island|Point|Harbou?r|"
    r"Heights|Mountain|Beach|Plains|Flat|Flats|Camp|Landing)\b"
)
_WORD_JUST_BEFORE = re.compile(r"(?<![\w'’-])(?P<w>[A-Z][a-z]+)[ ]\Z")


def grown_place_spans(text: str, spans: Iterable[Redaction]) -> Iterator[Redaction]:
    """Each place-like span of ``spans`` grown over its house number, head word, compass part
    or street word, where it has one (the grown span holds the old one, so the two merge)."""
    spans = list(spans)
    # What another span already holds is not grown over: its own kind and label stand ("〒150-
    # 0002" stays a postcode beside the district grown back to it).
    covered = bytearray(len(text))
    for red in spans:
        covered[red.start : red.end] = b"\x01" * (red.end - red.start)
    places = sorted((r for r in spans if r.kind in _PLACE_KINDS), key=lambda r: r.start)
    checkpoint()
    yield from _bridged(text, places)
    for red in checked(places, every=64):
        start, end = _address_growth(text, red)
        if red.kind in _REGION_KINDS and start == red.start:
            compass = _COMPASS_BEFORE.search(text, max(0, start - 12), start)
            if compass is not None:
                start = compass.start()
        if start == red.start and _LANDFORM_FIRST.match(text, start):
            people = _WORD_JUST_BEFORE.search(text, max(0, start - 24), start)
            if people is not None and people.group("w").lower() in peoples():
                start = people.start()
        if 1 in covered[start : red.start]:
            start = red.start
        after = _next_character(text, end)
        if after.isdigit():
            district = _ARRONDISSEMENT.match(text, end)
            end = district.end() if district is not None else end
        if after.islower():
            for tail in (_TOWN_TAIL, _LOWER_HEAD):
                if tail is _LOWER_HEAD and red.kind == "name" and _personal(text, red):
                    # Walk 41: "Dr [Venkataraman's] clinic" is a person's clinic, no place's
                    # name ("Dr [NAME]'s clinic"); "the [Bramble Lane] practice" still is.
                    continue
                extra = tail.match(text, end)
                if extra is not None:
                    end = extra.end()
        elif after == "(":
            compass = _COMPASS.match(text, end)
            if compass is not None:
                end = compass.end()
        if red.kind in _REGION_KINDS:
            # Round 19: the county, parish or province after the town (deid_place_regions).
            end = region_end(text, end)
        if red.kind != "name":
            # A street, town or facility found by its own rule is a place: its head word joins
            # it inside a sentence too ("at [Maple Grove] Rehab twice weekly").
            if _next_character(text, end, "\n").isupper():
                end = _head_after(text, end, in_sentence=True)
        elif _next_character(text, end).isupper() and not _personal(text, red):
            # A name takes a head word only on its own line: the next line's first word opens
            # a heading or a sentence ("Mr [John Smith]\nSurgery was uneventful").
            end = _head_after(text, end, wrap=False, in_sentence=_placed(text, red.start))
        if 1 in covered[red.end : end]:
            end = red.end
        if (start, end) != (red.start, red.end):
            yield Redaction(red.kind, start, end, text[start:end], red.replacement)


def _bridged(text: str, places: list[Redaction]) -> Iterator[Redaction]:
    """Two found parts of one name or address joined over the small word or landmark word
    between them (_BRIDGE, _LANDMARK_BRIDGE, _UNIT_BRIDGE), and an address's flat or floor
    after it (_UNIT_AFTER_STREET). Overlapping spans (a rule's and the tagger's
    reading of one word) are read as one part, an address's if any of them is."""
    # (first span, end, any address kind, any street)
    parts: list[tuple[Redaction, int, bool, bool]] = []
    for red in places:
        address, street = red.kind in _ADDRESS_KINDS, red.kind == "street_address"
        if parts and red.start < parts[-1][1]:
            head, end, was_address, was_street = parts[-1]
            parts[-1] = (head, max(end, red.end), was_address or address, was_street or street)
        else:
            parts.append((red, red.end, address, street))
    for _head, end, address, _street in parts:
        if address and _next_character(text, end) == ",":
            # The flat, office or floor after a street (_UNIT_AFTER_STREET), a part of its own
            # where another span holds some of it ("[3e étage] gauche").
            unit = _UNIT_AFTER_STREET.match(text, end)
            if unit is not None:
                at = unit.start() + len(unit.group()) - len(unit.group().lstrip(", \t"))
                yield Redaction(
                    "street_address", at, unit.end(), text[at : unit.end()], label("street_address")
                )
    for (first, first_end, first_address, _), (
        second,
        _,
        second_address,
        second_street,
    ) in pairwise(parts):
        second_end = second.end
        gap = second.start - first_end
        if (2 < gap <= 8 and _BRIDGE.fullmatch(text, first_end, second.start)) or (
            gap <= 11
            and not second_street
            and _TOWN_BRIDGE.fullmatch(text, first_end, second.start) is not None
        ):
            kind = first
        elif 2 < gap <= 9 and _org_bridged(text, first.start, first_end, second):
            whole = text[first.start : second_end]
            yield Redaction("facility", first.start, second_end, whole, label("facility"))
            continue
        elif (
            2 < gap <= 18
            and (first_address or second_address)
            and (
                _LANDMARK_BRIDGE.fullmatch(text, first_end, second.start)
                or _UNIT_BRIDGE.fullmatch(text, first_end, second.start)
            )
        ):
            kind = first if first_address or not second_address else second
        else:
            continue
        yield Redaction(
            kind.kind, first.start, second_end, text[first.start : second_end], kind.replacement
        )


def _org_bridged(text: str, start: int, end: int, second: Redaction) -> bool:
    """``text[start:end]`` is an organisation's name (ending in its head word, or opening with
    "The") and only "of" or "at" (and "the") stands between it and the place ``second``
    (_ORG_BRIDGE). A month or a weekday after it is a time; after a name opening with "The"
    only a place found as one joins ("The Willows at Christmas" stays apart)."""
    if _ORG_BRIDGE.fullmatch(text, end, second.start) is None:
        return False
    if fold(second.original.split()[0]) in CALENDAR_WORDS:
        return False
    if text.startswith("The ", start):
        # "The Pines at Linden": a name with its article is a place's, no person's; the part
        # after it a place found as one.
        return second.kind in _ADDRESS_KINDS or second.kind == "facility"
    last = _LAST_WORD.search(text, start, end)
    return last is not None and last.group(1)[:1].isupper() and last.group(1).lower() in _ORG_ENDS


# What follows a town's postal district number ("Dublin 9 D09 V2N0", "Kingston 10."): a postcode
# of letters and digits, or the end of the sentence or line.
_DISTRICT_END = re.compile(r"[ \t]+[A-Z]\d{2}\b|[ \t]*(?:\.[ \t]|\.?\n|\.?\Z)")
# A district number right before a postcode of letters and digits ("Dublin 9 D09 V2N0").
_DISTRICT_BEFORE_POSTCODE = re.compile(r"[ \t]+\d{1,2}(?=[ \t]+[A-Z]\d{2}\b)")


def _district(text: str, start: int, end: int) -> bool:
    """Whether the short number after a town ending at ``end`` is its postal district: the town
    is an address part after a comma (", Dublin 9 D09 V2N0", ", Kingston 10."), the number ends
    the address."""
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k >= 0 and text[k] == "," and _DISTRICT_END.match(text, end) is not None


def _address_growth(text: str, red: Redaction) -> tuple[int, int]:
    """The span grown over a house number after or before it, a street abbreviation before it
    and a lower-case street word after it; a name ("name" kind) only where it opens an address
    part. Each pattern is tried only where the character beside the span can start it: this
    runs for every found span of a record."""
    start, end = red.start, red.end
    after = _next_character(text, end)
    grown = None
    if after.isdigit():
        grown = _NUMBER_AFTER.match(text, end)
        # A number of one or two digits after a town or a name is a type or a grade as often
        # as a house ("Bristol 6", "Berlin 2"): only a street takes one.
        if (
            grown is not None
            and red.kind != "street_address"
            # Round 17: a span opened by a street word is a street ("os. Złotej Jesieni 1").
            and not _street_opened(text, red)
            and len(grown.group().strip(" \t.,")) <= 2
            and not _district(text, red.start, grown.end())
        ):
            grown = None
        if grown is None and red.kind != "street_address":
            grown = _DISTRICT_BEFORE_POSTCODE.match(text, end)
            if grown is not None and not _district(text, red.start, grown.end()):
                grown = None
    elif after.islower():
        grown = _STREET_AFTER.match(text, end)
    if grown is not None:
        end = grown.end()

    k = start - 1
    while k >= 0 and text[k] in " \t\n,-–":
        k -= 1
    digit_before = k >= 0 and (text[k].isdigit() or (k > 0 and text[k - 1].isdigit()))
    # Session 31: a township's, estate's or subdivision's part before the house ("Section C,
    # House 1127", "Zone 4, Stand 88", "Extension 5, 14 Mthembu St").
    part = (
        _PART_BEFORE.search(text, max(0, start - _WINDOW), start)
        if red.kind == "street_address" and k >= 0 and text[k].isalnum()
        else None
    )
    if part is not None:
        start = part.start("p")
    elif digit_before:
        before = _NUMBER_BEFORE.search(text, max(0, start - _WINDOW), start)
        # After a comma a number before a name is a dose's or a count's as often as a house's
        # ("Enoxaparin 40, 20000 Anti Xa"): a name takes one only after a stronger cue.
        if (
            before is not None
            and before.group("n")
            and not (red.kind == "name" and text[: before.start("n")].rstrip().endswith(","))
        ):
            start -= len(before.group("n"))
    elif k >= 0 and text[k] in "./" and red.kind != "name":
        abbr = _STREET_ABBR_BEFORE.search(text, max(0, start - _WINDOW), start)
        if abbr is not None:
            start -= len(abbr.group("a"))
    if (
        (start, end) != (red.start, red.end)
        and red.kind == "name"
        and not _addressed(text, red.start)
    ):
        return red.start, red.end
    return start, end


def _street_opened(text: str, red: Redaction) -> bool:
    """Whether a street word opens the span or stands right before it ("os. [Złotej Jesieni]",
    "[Pº de Errondo]"): its short number after it is a house's."""
    before = text[max(0, red.start - 5) : red.start].rstrip(" \t")
    return red.original.startswith(_STREET_OPENINGS) or before.endswith(_STREET_OPENINGS)


def _next_character(text: str, end: int, blanks: str = "") -> str:
    """The first character after ``end`` that is no space or tab (nor one of ``blanks``), or ""
    at the text's end."""
    i = end
    while i < len(text) and (text[i] in " \t" or text[i] in blanks):
        i += 1
    return text[i] if i < len(text) else ""


def _addressed(text: str, start: int) -> bool:
    """Whether a name opens an address part: after a comma, a bracket, a colon, a dash or a
    house number at its line's start, or after a word that leads to an address."""
    return _ADDRESSED.search(text, max(0, start - _WINDOW), start) is not None


def _personal(text: str, red: Redaction) -> bool:
    """Whether a name is a person's by a title, honorific, relation, role or staff cue opening
    its span or written right before it ("Mr [John Smith]", "[Dr Brown]", "Nurse: [Ama]")."""
    first = _FIRST_WORD.match(text, red.start, red.end)
    if first is not None and first.group().lower() in _PERSON_CUES:
        return True
    line_start = text.rfind("\n", 0, red.start) + 1
    before = _WORD_BEFORE.search(text, max(line_start, red.start - _WINDOW), red.start)
    return before is not None and before.group("w").lower() in _PERSON_CUES


def _placed(text: str, start: int) -> bool:
    """Whether the word right before a name leads to a place ("physio at [Tarnwick] Rehab
    weekly", "discharged from [Maple Grove] Rehab"): a head word after it names the place even
    where the sentence goes on."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _WORD_BEFORE.search(text, max(line_start, start - _WINDOW), start)
    return before is not None and before.group("w").lower() in _PLACE_WORDS


_SENTENCE_WORD = re.compile(r"(?:^|(?<=\s))[a-z]", re.M)  # a word in lower case: prose


def _head_after(text: str, end: int, wrap: bool = True, in_sentence: bool = False) -> int:
    """The end of an organisation's head word written right after a span ("[Wood] Surgical"), or
    the span's own end where none follows. Only on the span's line unless ``wrap``; where a
    lower-case word follows the head word on its line (a sentence or a role goes on there), only
    ``in_sentence`` (the span follows a word that leads to a place)."""
    found = _WORD_AFTER.match(text, end)
    if found is None or (not wrap and "\n" in text[end : found.start("w")]):
        return end
    word = found.group("w").rstrip(".,;:")
    if word.replace(".", "").lower() not in _HEADS:
        return end
    head_end = found.start("w") + len(found.group("w").rstrip(",;:"))
    # Over a line break, the sentence goes on only where the span's own line is a sentence's
    # ("attends Darrow St Anne's\nAcademy in year 9"): a line that is the name alone is a
    # letterhead, and the next line's "Clinic date: ..." opens a label there (walk 32).
    if in_sentence and "\n" in text[end : found.start("w")]:
        line_start = text.rfind("\n", 0, end) + 1
        in_sentence = _SENTENCE_WORD.search(text, line_start, end) is not None
    if (
        in_sentence
        or found.group("w").endswith((",", ";", ":"))
        or not _LOWER_AFTER.match(text, head_end)
    ):
        return head_end
    return end
