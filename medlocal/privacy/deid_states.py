"""A state or province is kept (deidfix34, session 33): the one rule for every reading.

Safe Harbor removes the geographic subdivisions smaller than a state; the state itself names no
one. The development halves write it outside every annotation, in full or by its code, for the
first-level parts of many countries: "{CITY|Millbrook}, NY", "{CITY|Montréal} QC", "lives in
{CITY|...}, Ontario", "Karnataka", "Selangor", "Lagos State", "AOK Bayern". Before this module
two readings disagreed: the address lines kept a state's code after a town ("Ottawa, ON K1A
0B1"), while the word scan, the tagger and the region after a town (deid_place_regions) took
"Sydney NSW", "Perth, WA", "Ontario" and "Brisbane, Queensland" ("[NAME]").

Read after resolution, whichever rule found the span:

* a place's span (a location, city, county or street) that ends with a state after a comma, or
  with a state's code after a comma or a blank, ends before it ("Sydney NSW", "Perth, WA");
* a span that is a state alone is dropped right after a town's or a county's span (", " or " "
  between: "[Brisbane], Queensland", "[Hamilton], Ontario, Canada"), and after "in" or "from"
  when its name is a state's only ("lives in Ontario") and no other span stands beside it with
  blanks only between ("[Sonora Pathology] Queensland": one organisation's name read in two).
  A name that is also a town's or a person's ("Victoria", "Georgia", "Washington", "New
  York", "Québec" the city) stays as found anywhere else, and so does any state with a code
  after it ("Québec (QC)": the city); a code stays unless it follows a town.
* fixdeid34 (review34b): after a town such a name goes back only where it ends the phrase (a
  comma, a full stop, a bracket, a line's or the text's end after it): "[Leeds], Victoria
  accompanied him" and "[Hull], Georgia visits daily" are people. A state after "in" or "from"
  with a comma and a capitalised word after it is that place's town ("lives in Munster,
  Germany"): it stays removed.

A facility's name keeps its state ("Pathology Queensland", "Texas Cancer Centre"): the state is
a word of the name there.

Walk 45 (D5): a state's adjective before a word in lower case ("a Victorian driver licence",
"Victorian dress"), or a state's name after "a" or "an" and before one ("a Queensland nurse"),
says of what state a thing is: it is given back, as the state is.
"""

from __future__ import annotations

import functools
import re

from medlocal.privacy.deid_addresses import STATES
from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_spans import Redaction

# First-level subdivisions by name, lower case: the states of the United States, Australia,
# India, Malaysia and Nigeria, the provinces and territories of Canada and South Africa, the
# regions of New Zealand, Germany's Länder, Ireland's provinces. Names that are also a large
# city's are left out ("New York" stays in: _CITY_TOO reads it only after a town).
_NAMES = frozenset(
    {
        # United States
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
        "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
        "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
        "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
        "new hampshire", "new jersey", "new mexico", "new york", "north carolina",
        "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
        "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
        "washington", "west virginia", "wisconsin", "wyoming", "puerto rico",
        "district of columbia",
        # Canada
        "ontario", "quebec", "québec", "british columbia", "alberta", "manitoba",
        "saskatchewan", "nova scotia", "new brunswick", "newfoundland",
        "newfoundland and labrador", "prince edward island", "yukon", "northwest territories",
        "nunavut",
        # Australia
        "new south wales", "victoria", "queensland", "south australia", "western australia",
        "tasmania", "northern territory", "australian capital territory",
        # India
        "andhra pradesh", "arunachal pradesh", "assam", "bihar", "chhattisgarh", "goa",
        "gujarat", "haryana", "himachal pradesh", "jharkhand", "karnataka", "kerala",
        "madhya pradesh", "maharashtra", "manipur", "meghalaya", "mizoram", "nagaland",
        "odisha", "punjab", "rajasthan", "sikkim", "tamil nadu", "telangana", "tripura",
        "uttar pradesh", "uttarakhand", "west bengal",
        # Malaysia
        "johor", "kedah", "kelantan", "negeri sembilan", "pahang", "perak", "perlis", "sabah",
        "sarawak", "selangor", "terengganu",
        # Nigeria, as its states are written
        "lagos state", "ogun state", "oyo state", "kano state", "rivers state", "kaduna state",
        "enugu state", "anambra state", "delta state", "edo state", "imo state", "abia state",
        "ondo state", "osun state", "ekiti state", "kwara state", "plateau state",
        "borno state", "akwa ibom state", "cross river state",
        # South Africa
        "gauteng", "kwazulu-natal", "western cape", "eastern cape", "northern cape",
        "free state", "limpopo", "mpumalanga",
        # New Zealand
        "northland", "waikato", "bay of plenty", "hawke's bay", "taranaki",
        "manawatū-whanganui", "manawatu-whanganui", "marlborough", "otago", "southland",
        # Germany
        "bayern", "bavaria", "baden-württemberg", "hessen", "hesse", "niedersachsen",
        "lower saxony", "nordrhein-westfalen", "north rhine-westphalia", "sachsen", "saxony",
        "thüringen", "thuringia", "rheinland-pfalz", "schleswig-holstein", "saarland",
        "mecklenburg-vorpommern", "sachsen-anhalt",
        # Ireland
        "munster", "leinster", "connacht", "ulster",
    }
)  # fmt: skip
# Names of a state that are also a town's or a city's: a state only right after a town.
_CITY_TOO = frozenset(
    {"new york", "washington", "québec", "quebec", "victoria", "delaware", "indiana", "goa",
     "marlborough", "perak", "sabah", "nevada", "georgia", "virginia", "maine"}
)  # fmt: skip
# States and provinces by their codes (the United States', Canada's and Australia's).
CODES = frozenset(STATES.split("|")) | frozenset(
    {"ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE", "PEI", "YT", "NT", "NU",
     "NSW", "VIC", "QLD", "TAS", "ACT"}
)  # fmt: skip
_PLACE_KINDS = frozenset({"location", "city", "county", "street_address"})
_TOWN_KINDS = frozenset({"location", "city", "county"})
_KINDS = _PLACE_KINDS | {"name"}
_SPACES = re.compile(r"\s+")
# A state at a place span's end: a name after a comma, a code after a comma or a blank.
_LAST_PART = re.compile(
    r"(?:,[ \t]*(?P<n>[^\W\d_][\w'’ -]*?)|(?:,[ \t]*|[ \t]+)(?P<c>[A-Z]{2,3}))\Z"
)
# Between a town's span and the state after it.
_AFTER_TOWN = re.compile(r"[ \t]*,?[ \t]*")
_BLANKS = re.compile(r"[ \t]*")
# A word that places what follows, before a state alone ("lives in Ontario", "from Kerala"); "at"
# or "to" may name a hospital by its region ("mapping at Waikato vascular lab", dev33).
_PLACED = re.compile(r"(?i:\b(?:in|from|across|throughout))[ \t]+\Z")
# What ends the phrase after a state that may be a person's name ("[Geelong], Victoria.").
_PHRASE_END = re.compile(r"[ \t]*(?:[,.;:)\]\r\n]|\Z)")
# A comma and a capitalised word after a state: the place the word before it is a town of.
_PLACE_AFTER = re.compile(r"[ \t]*,[ \t]*[A-Z]")
# A state's code after a name, bare or in brackets: the name is its city's.
_CODE_AFTER = re.compile(r"[ \t]*\(?(?:QC|ON|NY|WA|BC|VIC|NSW|[A-Z]{2})\)?(?![\w])")


# The adjectives of states, lower case ("Victorian", "Queenslander", "Californian").
_ADJECTIVES = frozenset(
    {"victorian", "queenslander", "tasmanian", "western australian", "south australian",
     "territorian", "californian", "texan", "floridian", "ontarian", "albertan", "quebecer",
     "québécois", "quebecois", "british columbian", "manitoban", "bavarian", "keralite"}
)  # fmt: skip
# A word in lower case right after the span: what the state's adjective or name describes.
_NOUN_AFTER = re.compile(r"[ \t]+[a-z]")
_ARTICLE_BEFORE = re.compile(r"(?i:\ban?)[ \t]+\Z")


def _of_a_state(text: str, red: Redaction, bare: str) -> bool:
    """Whether ``red`` (its words ``bare``) is a state's adjective, or a state's name that is no
    person's or town's after "a", before a word in lower case: "a Victorian driver licence", "a
    Queensland nurse" ("a Victoria ward" may be a ward's name)."""
    if _NOUN_AFTER.match(text, red.end) is None:
        return False
    if bare.lower() in _ADJECTIVES:
        return True
    return bare.lower() in _plain_names() and (
        _ARTICLE_BEFORE.search(text, max(0, red.start - 4), red.start) is not None
    )


@functools.cache
def _plain_names() -> frozenset[str]:
    """The state names that are no listed given name or surname: a state wherever it stands."""
    lex = lexicon()
    return frozenset(n for n in _NAMES - _CITY_TOO if " " in n or not lex.name_like(fold(n)))


def is_state(words: str) -> bool:
    """Whether ``words`` is a state's or a province's name, or its code in capitals."""
    bare = _SPACES.sub(" ", words.strip())
    return bare in CODES or bare.lower() in _NAMES


def _trimmed(red: Redaction) -> Redaction | None:
    """``red`` without the state at its end (a place's span only); None where none ends it."""
    last = _LAST_PART.search(red.original)
    if last is None or last.start() == 0:
        return None
    name, code = last.group("n"), last.group("c")
    # A name that is also a city's ends an address as the city ("1401, 18e Rue, Québec (QC)").
    plain = name is not None and name.lower() in _NAMES and name.lower() not in _CITY_TOO
    if not (plain or (code is not None and code in CODES)):
        return None
    cut = last.start()
    return Redaction(red.kind, red.start, red.start + cut, red.original[:cut], red.replacement)


def _in_a_name(text: str, redactions: list[Redaction], i: int) -> bool:
    """Whether the span ``i`` stands right beside another that is no town's, with blanks only
    between: a word of an organisation's name read in two ("[Sonora Pathology] [Queensland]",
    dev13), which the state's give-back must not split."""
    red = redactions[i]
    before = redactions[i - 1] if i > 0 else None
    after = redactions[i + 1] if i + 1 < len(redactions) else None
    return (
        before is not None
        and before.kind not in _TOWN_KINDS
        and _BLANKS.fullmatch(text, before.end, red.start) is not None
    ) or (after is not None and _BLANKS.fullmatch(text, red.end, after.start) is not None)


def without_states(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` (in text order) less the states and provinces they took (see above)."""
    out: list[Redaction] = []
    for i, red in enumerate(redactions):
        if red.kind not in _KINDS:
            out.append(red)
            continue
        if red.kind in _PLACE_KINDS:
            trimmed = _trimmed(red)
            if trimmed is not None:
                out.append(trimmed)
                continue
        bare = _SPACES.sub(" ", red.original.strip())
        if _of_a_state(text, red, bare):
            continue
        if is_state(bare):
            previous = out[-1] if out else None
            plain = bare.lower() in _plain_names()
            after_town = (
                previous is not None
                and previous.kind in _TOWN_KINDS
                and _AFTER_TOWN.fullmatch(text, previous.end, red.start) is not None
                and (plain or _PHRASE_END.match(text, red.end) is not None)
            )
            if _CODE_AFTER.match(text, red.end) is not None:
                pass  # a state's code after it: the city ("[1401, 18e Rue], Québec (QC)", dev21)
            elif after_town or (
                plain
                and _PLACED.search(text, max(0, red.start - 12), red.start) is not None
                and _PLACE_AFTER.match(text, red.end) is None
                and not _in_a_name(text, redactions, i)
            ):
                continue
        out.append(red)
    return out
