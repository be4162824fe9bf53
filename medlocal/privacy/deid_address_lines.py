"""Address lines read part by part after their label or an address part ("Location: Ballyheigue
Road, Causeway, Co. Kerry"): what no other detector found inside one is removed too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_addresses import ADDRESS_PART, vital_rr
from medlocal.privacy.deid_admin_units import admin_unit_spans
from medlocal.privacy.deid_building_levels import lone_level
from medlocal.privacy.deid_cancel import checkpoint
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, fold, lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_suffixes import suffixed_place_spans
from medlocal.privacy.deid_place_words import GENERIC, not_place_word
from medlocal.privacy.deid_scale_parts import scale_not_address
from medlocal.privacy.deid_size_numbers import size_number
from medlocal.privacy.deid_spans import Redaction, label


def address_line_candidates(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The parts of address lines (see _address_lines) that no other detector has found: the
    other detectors keep their finds and kinds ("Springfield" a city, "62704" a ZIP), and what
    they all missed in the line ("Causeway", "Trinoma Mall", "EDSA cor.") is removed too. A
    state or province code of two or three capitals is left ("IL", "NSW"): Safe Harbor keeps
    states."""
    found = list(found)
    # Round 17: districts, counties and communes named with their unit word.
    yield from admin_unit_spans(text)
    # and towns named by their ending word after a word that leads to them ("in Piney Flats").
    yield from suffixed_place_spans(text)
    yield from _places_after_facilities(text, found)
    yield from _quoted_houses(text, found)
    yield from _postcodes_beside_places(text, found)
    yield from _towns_before_postcodes(text, found)
    yield from _town_lines(text, found)
    spans = list(_address_lines(text))
    checkpoint()
    spans += _lines_before_postcodes(text, found)
    checkpoint()
    if not spans:
        return
    covered = bytearray(len(text))
    for red in found:
        covered[red.start : red.end] = b"\x01" * (red.end - red.start)
    for start, end in spans:
        i = start
        while i < end:
            if covered[i]:
                i += 1
                continue
            j = i
            while j < end and not covered[j]:
                j += 1
            piece = re.search(r"[\w#〒].*[\w.]|[\w#〒]", text[i:j])
            if piece is not None:
                a, b = i + piece.start(), i + piece.end()
                value = text[a:b].rstrip(".")
                words = [w for w in re.split(r"[\s,]+", value) if w]
                # A small word in lower case stays where it joins two parts or ends one, and
                # goes inside a name, between two found words ("Baile na hAbhann").
                inside = i > start and j < end and not re.search(r"[,;]", text[i:j])
                if not (
                    re.fullmatch(r"[A-Z]{2,3}", value)
                    or (not inside and all(w in _ADDRESS_JOINERS for w in words))
                ):
                    end_at = a + len(value)
                    yield Redaction(
                        "street_address", a, end_at, text[a:end_at], label("street_address")
                    )
            i = j


# Round 16: a bare postcode of digits (or the Dutch four digits and two capitals) right after a
# found place or street, across its comma or on the next line ("Parkstraße 3, 44787", "...,
# Singapore / 310480"), or right before one that opens a line after an address line's comma
# ("Trogerstraße 18, / 81675 München").
_PLACE_KINDS = frozenset({"street_address", "city", "location", "state", "country"})
# Round 18: also after a town's abbreviation's stop ("Oax. 70465") and before a dash that
# opens a way there ("Te Kūiti 3982 - last house before the bridge").
_POSTCODE_AFTER = re.compile(
    r"\.?,?[ \t]*(?P<n>\n[ \t]*)?(?P<v>\d{4,6}|\d{4}[ \t][A-Z]{2})"
    r"(?=[ \t]*(?:$|,|\.(?:\s|\Z))|[ \t]+[-–—][ \t]|[ \t]+(?P<w>[A-Z][a-zà-ÿ]+))",
    re.M,
)
# Round 18: a place the rules took for a person ("Te Kūiti", "Oax") is an address's last part
# where it follows another found part across the line's comma ("RD 2, Te Kūiti 3982").
_COMMA_BEFORE = re.compile(r",[ \t]*\Z")
# A clock time in four digits ("1430"): after a line break it opens the next entry of a log.
_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_POSTCODE_BEFORE = re.compile(r"(?:^|,[ \t]*)(?P<v>\d{4,6}|\d{4}[ \t]?[A-Z]{2})[ \t]+\Z", re.M)
# A year is no postcode ("moved to Lagos, 2019").
_YEAR = re.compile(r"(?:19|20)\d\d")


def _postcodes_beside_places(text: str, found: list[Redaction]) -> Iterator[Redaction]:
    """Postcodes that stand beside a found place where an address puts them (_POSTCODE_AFTER):
    after a place or a street, or opening a line before a place where the line above ends an
    address's part with a comma. Each span reads a few characters beside it: linear."""
    ends = {red.end for red in found}
    for red in found:
        if red.kind in _PLACE_KINDS or (
            red.kind == "name" and _after_found_part(text, red.start, ends)
        ):
            after = _POSTCODE_AFTER.match(text, red.end)
            if (
                after is not None
                and not _YEAR.fullmatch(after.group("v"))
                and _postcode(after, text, red.start)
            ):
                yield Redaction(
                    "zip_code",
                    after.start("v"),
                    after.end("v"),
                    after.group("v"),
                    label("zip_code"),
                )
        if red.kind in _PLACE_KINDS or red.kind == "name":
            before = _POSTCODE_BEFORE.search(text, max(0, red.start - 12), red.start)
            if before is None or _YEAR.fullmatch(before.group("v")):
                continue
            at = before.start("v")
            # Before a name only where it opens a line after an address part's comma (a place
            # the rules took for a person: "81675 München").
            if red.kind == "name" and not (
                text[at - 1 : at] == "\n" and text[max(0, at - 6) : at].rstrip()[-1:] == ","
            ):
                continue
            yield Redaction(
                "zip_code", before.start("v"), before.end("v"), before.group("v"), label("zip_code")
            )


def _after_found_part(text: str, start: int, ends: set[int]) -> bool:
    """Whether the span at ``start`` follows a comma that ends another found span."""
    comma = _COMMA_BEFORE.search(text, max(0, start - 4), start)
    return comma is not None and comma.start() in ends


def _postcode(after: re.Match[str], text: str, place: int) -> bool:
    """Not a time or a count read as a postcode (review of round 16): a clock time opening the
    next line after a place in a sentence ("transfer to Wigan\n1430 Ambulance arrived"; after
    an address's parts, "3/114 Puriri, Pukekohe East\n2120", it is the postcode), or a number
    before an ordinary English word ("Leeds, 2500 Steps challenge"); a town after a postcode is
    no dictionary word."""
    if after.group("n"):
        line = text[text.rfind("\n", 0, place) + 1 : place]
        return not _CLOCK.fullmatch(after.group("v")) or "," in line
    word = after.group("w")
    return word is None or word.lower() in _LABELS or word.lower() not in lexicon().english


# Contact labels that follow a postcode on an address's line ("2120   Mob 021 ...").
_LABELS = frozenset({"mob", "mobile", "tel", "phone", "ph", "fax", "email", "cell", "home"})


# What opens an address in a note: a field label or a phrase, or an address part ("Lot 14").
_ADDRESS_CUE = re.compile(
    # The cues' first letters, tried first: a class fails faster than the alternation.
    r"(?=[hpmcwsuraldeiojHPMCWSURALDEIOJ])"
    r"(?i:\b(?:(?:home|postal|mailing|current|winter|summer|permanent|usual|street|residential)"
    r"[ \t]+)?(?:address|addr)\b\.?(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*:?|"
    r"\b(?:home|location|residence)[ \t]*:|"
    # The address labels of other languages, with a word of their own before the colon
    # ("Dirección prestador:"), and a short "Res:" before a capital ("Res: 18/min" is a rate).
    r"\b(?:domicilio|direcci[oó]n|endere[cç]o|anschrift|adresse|adres|indirizzo|alamat|"
    r"morada|residencia|wohnort|woonadres|osoite|adresa)(?:[ \t]+[a-zà-ÿ]+)?\.?[ \t]*:|"
    r"\bres\.?[ \t]*:(?=[ \t]*(?-i:[A-Z]))|"
    r"\b(?:lives|living|resides|residing|located|staying)[ \t]+(?:at|in)\b|\bc/o\b|"
    # Round 17: German "wohnhaft" (residing), Italian "residenza", Indian "R/O" (resident of).
    r"\bwohnhaft(?:[ \t]+in)?\b|\bresidenza[ \t]*:|\bR/O\b|"
    r"\bcare[ \t]+of\b|\bmail[ \t]+to\b|\b(?:calling|joined|phoning)[ \t]+from\b)[ \t]*"
)
# Quotes around a house's name.
_QUOTES = "\"“”„‘’'«»"
# Words that end a house's name in an address ("Low Barn Cottage", "Glebe Farm").
HOUSE_WORDS = frozenset(
    {"cottage", "cottages", "farm", "farmhouse", "barn", "house", "lodge", "villa", "bungalow",
     "croft", "grange", "mill", "rectory", "vicarage", "homestead", "station", "ranch", "whare"}
)  # fmt: skip
# Small words an address line holds in lower case ("EDSA cor. North Avenue", "Rue de la Paix").
_ADDRESS_JOINERS = frozenset(
    {
        "of", "the", "de", "la", "le", "du", "des", "del", "da", "van", "der", "cor", "cor.",
        "cnr", "cnr.", "corner", "off", "near", "opp", "opp.", "and", "&", "-", "–", "on", "upon",
        "am", "an", "y", "e",
        # Round 13: the small words of Irish, Portuguese, German, Dutch and Malay addresses,
        # the unit and block words of Latin America ("apto 31", "Mz 14 Lt 22"), Polish street
        # words ("ul.", "os.") and the words that date an address ("prev", "now").
        "na", "ni", "di", "do", "dos", "das", "von", "zu", "im", "ter", "ten", "den", "bin",
        "binti", "sur", "les", "en", "apto", "apt", "apt.", "piso", "dpto", "depto", "int",
        "ext", "lt", "mz", "ul", "ul.", "os", "os.", "al.", "prev", "prev.", "now", "formerly",
        "previously", "s/n",
    }
)  # fmt: skip
_ADDRESS_ABBR = frozenset(
    {
        "cor", "cnr", "no", "st", "rd", "ave", "av", "co", "mt", "ft", "opp", "nr", "blk", "apt",
        "ste", "dr", "ln", "hwy", "pl", "ct", "sq", "bldg", "flr", "brgy", "ext", "jr",
    }
)  # fmt: skip
# A part ends at a comma, a colon, a bracket or the line's end, and at a table's bar or an HL7
# field's or component's separator ("...^LINN||541-555-0172^PRN^PH": deid_hl7 reads those).
_ADDRESS_SEGMENT = re.compile(r"[^,;:()|^\n]+")
# Small street words that open a street's name (Polish "ul. Długa 5", "os. Widok 3").
_STREET_OPENERS = frozenset({"ul.", "os.", "al."})
# An Irish place word with its mutation in lower case ("Baile na hAbhann", "Cill an tSléibhe").
_IRISH_PREFIXED = re.compile(r"(?:h|n|t|m|g|b|d|bh|dt|gc|mb|ng|nd)[A-ZÁÉÍÓÚ]")


def _address_lines(text: str) -> Iterator[tuple[int, int]]:
    """An address line read part by part after its opening (an address label or phrase, or an
    address part such as "Lot 14"): every comma-separated part written like a place (capitals,
    numbers, a few small joining words) belongs to it, up to the end of the line, a sentence or
    a field gap. A line that only follows a label must hold a number or a word that is no plain
    English or clinical word, so "Location: Left Lower Lobe" stays."""
    lex = lexicon()
    starts: list[tuple[int, bool]] = [
        (m.end(), False) for m in skipped_finditer(_ADDRESS_CUE, text)
    ]
    starts += [
        (m.start(), True)
        for m in skipped_finditer(ADDRESS_PART, text)
        if not vital_rr(text, m.start())
        and not scale_not_address(text, m.start(), m.end())
        and not lone_level(text, m.start(), m.end())
        and not size_number(text, m.start(), m.end())
    ]
    done = -1
    for begin, from_part in sorted(starts):
        if begin < done:
            continue
        pos = begin
        end = begin
        evidence = from_part
        for _ in range(7):
            segment = _ADDRESS_SEGMENT.match(text, pos)
            if segment is None:
                break
            raw = segment.group()
            gap = re.search(r"[ \t]{2,}|\t|\.(?=[ \t]+[A-Z])|\.$", raw)
            cut = False
            if gap is not None:
                before = re.search(r"(\w+)$", raw[: gap.start()])
                # A period after an abbreviation ("cor.", "No.", "St.") does not end the line.
                if not (
                    gap.group().startswith(".")
                    and before
                    and (len(before.group(1)) == 1 or before.group(1).lower() in _ADDRESS_ABBR)
                ):
                    raw = raw[: gap.start()]
                    cut = True
            if not cut and text.startswith(":", segment.end()):
                # deidfix33 (walk 35): the next field's label ends the line before its colon
                # ("Pune 411001   Mobile: +91 ...", "Kingston ON K7M 2N4 Mobile: ..." read
                # "[ADDRESS]: [PHONE]"): a capitalised word the dictionary knows and the
                # small words after it.
                field = _FIELD_LABEL.search(raw)
                if field is not None and lex.known(fold(field.group("w"))):
                    raw = raw[: field.start()]
                    cut = True
            title = _PERSON_TITLE.search(raw)
            if title is not None:
                # Session 42 (walk 42d): a person's title ends the line before it ("Room 12,
                # Bed 4 - Mr Seamus Tierney-Walsh, 88, MRN" took "Mr" and the age 88).
                raw = raw[: title.start()]
                cut = True
            # Round 17: a house's name in quotes opens its part ('"Whare Kōwhai", up the road').
            words = [w.strip(_QUOTES) for w in raw.split() if w.strip(_QUOTES)]
            if not words or len(words) > 9:
                break
            if not all(
                w[0].isupper()
                or w[0].isdigit()
                or w[0] in "#〒"
                or w.lower() in _ADDRESS_JOINERS
                or _IRISH_PREFIXED.match(w)
                for w in words
            ):
                break
            if any(
                lex.clinical(fold(w.strip(".'’")))
                and not w[0].isdigit()
                and w not in _ADDRESS_JOINERS
                for w in words
            ):
                break
            evidence = evidence or any(
                any(c.isdigit() for c in w) or not lex.known(fold(w.strip(".,'’"))) for w in words
            )
            # Round 17: a house named in words ("Low Barn Cottage", "Ivy House Farm"): a name
            # word or two before a house word says where someone lives.
            evidence = evidence or (
                len(words) > 1
                and words[-1].lower() in HOUSE_WORDS
                and all(w.lower() not in GENERIC or w.lower() in HOUSE_WORDS for w in words[:-1])
            )
            end = segment.start() + len(raw.rstrip(" \t."))
            pos = segment.start() + len(raw)
            if cut or pos >= len(text) or text[pos] not in ",;":
                break
            pos += 1
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        if evidence and end > begin:
            start = begin
            while start < end and text[start] in " \t":
                start += 1
            done = end
            yield start, end


# A title before a capitalised word: a person's, not an address's ("Dr", "Sr" and "Fr" are left:
# "Smith Dr", a street's "Drive", ends a street's name).
_PERSON_TITLE = re.compile(
    r"(?:^|(?<=[ \t]))(?:Mr|Mrs|Ms|Miss|Mx|Prof|Rev|MR|MRS|MS|MISS)\.?[ \t]+(?=[A-Z])"
)
# A field's label at a segment's end, before its colon: "Mobile", "Contact number".
_FIELD_LABEL = re.compile(r"(?:^|[ \t]+)(?P<w>[A-Z][a-z]+)(?:[ \t]+[a-z]+){0,3}[ \t]*\Z")
_STATE_CODE = re.compile(r"[A-Z]{2,3}")
_NON_SPACE = re.compile(r"\S+")
# Words before a name, not an address ("GP Dr [NAME], 31 Bell St").
_NOT_AN_ADDRESS_OPENING = TITLES | ROLES | RELATIONS | {"gp"}
# What ends an address part when reading back from a postcode.
_PART_END = re.compile(r"[,;:()|\n]")


def _lines_before_postcodes(text: str, found: list[Redaction]) -> Iterator[tuple[int, int]]:
    """An address read back from its postcode, which no label opened ("Address of record: 5111
    Riverside, Bethesda, MD 20816", "niece Charity Moore of 2 Mill Race, Spalding PE11 1AX"):
    the postcode's own part (its town or state) and up to three comma-separated parts before
    it, each written like a place (:func:`_place_suffix`), one of them with a number (a house,
    a box, a unit). A part with plain words first gives only its end from a house number on
    ("of 2 Mill Race"), and the reading stops there."""
    lex = lexicon()
    senses = default_abbreviations().senses
    for red in found:
        if red.kind != "zip_code":
            continue
        start = end = red.start
        numbered = False  # a house number, box or unit among the parts read
        for _ in range(6):
            window = max(0, end - 200)
            cut = max((m.end() for m in _PART_END.finditer(text, window, end)), default=window)
            spans = [m.span() for m in _NON_SPACE.finditer(text, cut, end)]
            if not spans and end == red.start and cut > 0 and text[cut - 1] == ",":
                # The postcode opens its part, before its town ("47400 Petaling Jaya", as in
                # most of Europe and Asia): the parts before it are read back from its comma.
                start = end = cut - 1
                continue
            words = [text[a:b] for a, b in spans]
            taken = _place_suffix(words, lex, senses, own=end == red.start)
            if not taken:
                break
            opening = spans[-taken][0]
            if start == red.start and opening == red.start:
                break  # no town or state before the postcode: no address line
            start = opening
            numbered = numbered or (end < red.start and any(c.isdigit() for c in text[opening:end]))
            if taken < len(words) or cut == 0:
                break
            if text[cut - 1] != ",":
                # A part wrapped onto the next line after its comma ("31 Cottongrass,\n Higher
                # Croft, Blackburn BB2 7NQ") is read on from that comma.
                back = len(text[:cut].rstrip(" \t\n"))
                if text[cut - 1] != "\n" or back == 0 or text[back - 1] != ",":
                    break
                cut = back
            end = cut - 1
        if numbered:
            yield start, red.start


def _place_suffix(words: list[str], lex: Lexicon, senses: Mapping[str, object], own: bool) -> int:
    """How many of ``words``, from the end, are written like an address part: capitalised words,
    numbers and small joining words, at most six. Where plain words come before them, only from
    a house number on ("of 2 Mill Race" -> 3, "daughter Merle Gray" -> 0); a title, role or
    relation before a name is left ("GP Dr [NAME]"), and so is a part that only names a service
    ("Department of Cardiology") or holds a clinical word or abbreviation ("CKD 3b"), but for a
    state's code in the postcode's own part ("MD 20816")."""
    count = 0
    for word in reversed(words[-6:]):
        bare = word.strip(".'’")
        if not bare or not (
            bare[0].isupper() or bare[0].isdigit() or bare.lower() in _ADDRESS_JOINERS
        ):
            break
        state = own and _STATE_CODE.fullmatch(bare) is not None
        if (
            not bare[0].isdigit()
            and not state
            and (lex.clinical(fold(bare)) or bare.lower() in CLINICAL_SHORT or bare in senses)
        ):
            return 0
        count += 1
    if count < len(words):
        while count and not words[len(words) - count][:1].isdigit():
            count -= 1
    taken = words[len(words) - count :]
    while taken and (
        taken[0].lower().strip(".") in _NOT_AN_ADDRESS_OPENING
        or (taken[0].lower() in _ADDRESS_JOINERS and taken[0].lower() not in _STREET_OPENERS)
    ):
        taken = taken[1:]
    if not own and not any(
        any(c.isdigit() for c in w) or fold(w.strip(".,'’")).lower() not in GENERIC for w in taken
    ):
        return 0
    return len(taken)


# Round 15: the places after a found facility, comma by comma, to the end of its line or
# sentence, or to where the sentence goes on in lower case ("Abellana Clinic, Poblacion,
# Talisay", "referred from Grace Hospital, Tauranga."): a facility's suburb and town, which may
# be obscure dictionary words. Each part is one to three capitalised words.
_PLACE_PART = r"[A-ZÀ-Þ][a-zß-ÿ'’-]+(?:[ \t]+[A-ZÀ-Þ][a-zß-ÿ'’-]+){0,2}"
_PLACES_TO_LINE_END = re.compile(
    rf"(?:,[ \t]*{_PLACE_PART}){{1,3}}[ \t]*"
    # A sentence's full stop, not a number's abbreviation ("Star Health, Policy No. P/1171").
    r"(?:(?<!\bNo)(?<!\bNr)(?<!\bNum)\.(?=[ \t]*$|[ \t]+[A-Z])|[;)]|$"
    # Walk 21: or the sentence going on in lower case ("Torbay Hospital, Lowes Bridge, Torquay
    # under Dr. Ng" lost only its facility, "..., Torquay." all three).
    r"|(?<=[a-zß-ÿ'’])(?=[ \t]+[a-z])"
    # Session 46 (dev43): or a spaced dash before the department or the date of a heading
    # ("Tata Memorial Hospital, Parel, Mumbai - Breast DMG, Wed 4 Feb").
    r"|(?=[ \t]+[-–—][ \t]))",
    re.M,
)
_PART = re.compile(_PLACE_PART)


# Round 16: the town right before a found postcode and the suburb before it after a comma,
# perhaps across the line's end ("Main Road,\nObservatory, Cape Town 7925", "Karori,
# Wellington 6012"): in an address these words are places, whatever else they mean.
_TOWN_BEFORE_POSTCODE = re.compile(
    rf"(?:(?<![\w'’-])(?P<s>{_PLACE_PART}),[ \t]*\n?[ \t]*)?"
    rf"(?<![\w'’-])(?P<t>{_PLACE_PART}),?[ \t]+\Z"
)


_POSTCODE_LABEL = re.compile(
    r"(?i:post(?:al)?[ \t]*code|pin[ \t]*code|zip(?:[ \t]*code)?|eircode|plz)"
)


def _towns_before_postcodes(text: str, found: list[Redaction]) -> Iterator[Redaction]:
    """The town (and suburb) before each found postcode (_TOWN_BEFORE_POSTCODE), where no word
    is generic, clinical, a title, a role or a calendar word ("Ward 4, Clinic 7" stays)."""
    lex = lexicon()
    for red in found:
        if red.kind != "zip_code":
            continue
        before = _TOWN_BEFORE_POSTCODE.search(text, max(0, red.start - 90), red.start)
        if before is None:
            continue
        # An address's parts: the town after a comma (or after its suburb), the suburb after a
        # comma, a colon or a line's start ("Datix 884120", "Date: 12 Oktober 2026" stay).
        if not before.group("s") and _opening(text, before.start("t")) != ",":
            continue
        if _POSTCODE_LABEL.fullmatch(before.group("t")):
            continue  # "Co. Cork, Eircode P12 XK27"
        # The town first: the suburb is read only with its town.
        for group in ("t", "s"):
            value = before.group(group)
            if not value or (group == "s" and _opening(text, before.start("s")) not in ",:\n"):
                break
            words = [w.lower() for w in value.split()]
            if any(not_place_word(w, lex) for w in words):
                break
            yield Redaction("city", before.start(group), before.end(group), value, label("city"))


# Session 38 (issue 16): an address written a part a line, with no label and no commas ("3
# Beckside Cottages\nSettle\nNorth Yorkshire\nBD24 9AA"): the lines between a found street's
# line and a found postcode's are its town and county, even where the town is an English word
# no gazetteer lists. One or two such lines, each one to three capitalised words alone.
_PLACE_LINE = re.compile(rf"[ \t]*(?P<p>{_PLACE_PART})[ \t]*,?[ \t]*\n")


def _town_lines(text: str, found: list[Redaction]) -> Iterator[Redaction]:
    """The town and county lines between a found street's line and a found postcode's line
    (:data:`_PLACE_LINE`), where no word is generic, clinical, a title, a role or a calendar
    word, and each is a listed place, a name-like word or no English word."""
    postcodes = {red.start for red in found if red.kind == "zip_code"}
    if not postcodes:
        return
    lex = lexicon()
    for red in found:
        if red.kind != "street_address":
            continue
        at = red.end
        while at < len(text) and text[at] in " \t,":
            at += 1
        if not text.startswith("\n", at):
            continue  # the street does not end its line
        at += 1
        lines: list[re.Match[str]] = []
        while len(lines) < 2 and (line := _PLACE_LINE.match(text, at)) is not None:
            lines.append(line)
            at = line.end()
        while at < len(text) and text[at] in " \t":
            at += 1
        if not lines or at not in postcodes:
            continue
        for n, line in enumerate(lines):
            value = line.group("p")
            words = [fold(w) for w in value.split()]
            if any(not_place_word(w, lex) for w in words) or not all(
                # A heading between the parts ("Diagnosis") is a plain English word.
                w in lex.places or lex.name_like(w) or not lex.known(w)
                for w in words
            ):
                break
            kind = "city" if n == 0 else "location"
            yield Redaction(kind, line.start("p"), line.end("p"), value, label(kind))


def _opening(text: str, start: int) -> str:
    """The character before ``start`` past spaces and tabs ("\n" at the text's start)."""
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return text[k] if k >= 0 else "\n"


_FACILITY_OR_STREET = frozenset({"facility", "street_address"})


def _places_after_facilities(text: str, found: list[Redaction]) -> Iterator[Redaction]:
    """The suburb and town after a found facility, where every part reads as a place: no
    department, clinical word, title, role or calendar word ("St Mary's Hospital, Cardiology."
    and "Mercy Clinic, Monday." stay)."""
    lex = lexicon()
    for red in found:
        # Round 17: a street's too ("1123 Dimasalang St, Sampaloc, Manila.").
        if red.kind not in _FACILITY_OR_STREET or text[red.end : red.end + 1] != ",":
            continue
        tail = _PLACES_TO_LINE_END.match(text, red.end)
        if tail is None:
            continue
        parts = list(_PART.finditer(text, red.end, tail.end()))
        words = [w.lower() for part in parts for w in part.group().split()]
        if any(not_place_word(w, lex) for w in words):
            continue
        for part in parts:
            yield Redaction("city", part.start(), part.end(), part.group(), label("city"))


# Round 17: a house or farm named in quotes before the rest of its address ('"Whare Kōwhai", up
# the metal road past the marae', 'the family property "Wattle Creek", RMB 2241 Nangus Rd'):
# one to four capitalised words in quotes, a comma, then a way there or a found address part.
_QUOTED_HOUSE = re.compile(
    r"[\"“](?P<v>[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*){0,3})[\"”],[ \t]*"
    # The way there, before "the" or a capitalised name ('"Fine", up until Monday' is speech).
    r"(?P<way>(?:up|down|along|off|past|near|behind|opposite|beside|next[ \t]+to|at[ \t]+the"
    r"[ \t]+end[ \t]+of)[ \t]+(?:the\b|[A-Z]))?"
)
_ADDRESS_PART_KINDS = frozenset({"street_address", "city", "location", "county", "zip_code"})


def _quoted_houses(text: str, found: list[Redaction]) -> Iterator[Redaction]:
    """Houses named in quotes before their address (_QUOTED_HOUSE); no clinical word among the
    name's words ('"Chest Pain", up to ...' is a quotation)."""
    if '",' not in text and "”," not in text:
        return
    starts = {red.start for red in found if red.kind in _ADDRESS_PART_KINDS}
    lex = lexicon()
    for match in _QUOTED_HOUSE.finditer(text):
        if match.group("way") is None and match.end() not in starts:
            continue
        words = [fold(w) for w in match.group("v").split()]
        if any(not_place_word(w, lex) for w in words):
            continue
        yield Redaction(
            "street_address",
            match.start("v"),
            match.end("v"),
            match.group("v"),
            label("street_address"),
        )
