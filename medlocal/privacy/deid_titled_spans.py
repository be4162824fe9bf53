"""Placeholders that say what a span is where its context says it (walk 22, round 19).

"Dr Bill Street" became "Dr [ADDRESS]" in every document ("[ADDRESS] is also her neighbour's
GP") and "Mrs Hope Ward" "Mrs [FACILITY]": a surname that is a street's or a ward's word read the
whole name as a street or a unit. The span is removed either way; its placeholder told the
reader a false thing. A short street or facility span (a given name and such a surname) right
after a personal title is labelled as the name it is. A possessive ("Dr Gray's Hospital") or a
longer span stays what it was found as.

Round 19 reads two more contexts of the same kind:

* such a span that opens with a listed given name and is followed by a verb of a person ("Hope
  Ward phoned", "Bill Street said") is a name too;
* a name span that ends with a facility's own head ("Meadowbank Lodge Care Home", "Ashby
  Community Hospital") is a facility: "Senior Carer, [NAME]" told of a person where a care home
  stood;

and drops a device's maker written before its product ("Abbott FreeStyle Libre 2"), which names
no one (deid_device_makers).

Walk 45 (D7): a letter's salutation names a person ("Dear Anand," was a "[LOCATION]"), and a
name span that opens with "The" is an organisation's or a place's ("The Alfred" was a name).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_device_makers import is_device_maker, is_maker_and_product
from medlocal.privacy.deid_device_models import is_device_model
from medlocal.privacy.deid_lexicon import Lexicon, fold, lexicon
from medlocal.privacy.deid_people_words import TITLE_BEFORE
from medlocal.privacy.deid_spans import Redaction, label

_RELABELLED = frozenset({"street_address", "facility"})
# A salutation right before a span, and the span's capitalised words up to its comma or line end.
_SALUTATION_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:Dear|Hi|Hello)[ \t]+\Z")
_GREETED = re.compile(r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}")
_GREETED_END = re.compile(r"[ \t]*(?:,|\n|\Z)")
# Review 45b (D11): the salutation inside the span, at the text's very start ("Dear Anand,").
_SALUTATION_OPENING = re.compile(r"(?:Dear|Hi|Hello)[ \t]+")
_PLACE_KINDS = frozenset({"street_address", "facility", "location", "city", "county"})
# A name span that opens with the article: no person's name does ("The Alfred").
_ARTICLE_OPENING = re.compile(r"The[ \t]+[A-Z]")
_NAME_WORDS = re.compile(r"[A-Z][a-zà-ÿ'’-]+(?:[ \t]+[A-Z][a-zà-ÿ'’-]+){1,2}")
# A verb only a person does, right after the span ("Hope Ward phoned", "Bill Street says").
_PERSON_VERB = re.compile(
    r"[ \t]+(?:(?:has|had|have)[ \t]+)?(?:phoned|phones|rang|rung|rings|called|calls|said|says|"
    r"stated|states|reported|reports|told|tells|asked|asks|wrote|writes|emailed|emails|texted|"
    r"texts|agreed|agrees|confirmed|confirms|explained|explains|feels|felt|wants|wanted|thinks|"
    r"thought|worries|worried|mentioned|mentions|visited|visits|declined|declines|requested|"
    r"requests|consented|consents)\b"
)
# The facility's own head at a name span's end: a name written so is a place's, not a person's
# ("Care Home", "Nursing Home", "Hospital"); a person's surname is never one of these words.
_FACILITY_END = re.compile(
    r"(?:[ \t](?:Care|Nursing|Residential|Rest|Retirement)[ \t]+Home|[ \t](?:Hospital|Clinic|"
    r"Hospice|Infirmary|Pharmacy|Polyclinic|Sanatorium|Health[ \t]+Cent(?:re|er)|Medical[ \t]+"
    r"Cent(?:re|er)|Surgery|Primary[ \t]+School|High[ \t]+School))\Z"
)


def _greeted_inside(text: str, red: Redaction) -> Redaction | None:
    """The name of a salutation read into a place's span at a line's start ("Dear Anand,"), as
    a name span without the salutation; None for any other span."""
    opening = _SALUTATION_OPENING.match(red.original)
    if (
        opening is None
        or not _SALUTATION_BEFORE.search(text[: red.start] + "Dear ")
        or not _GREETED.fullmatch(red.original, opening.end())
        or not _GREETED_END.match(text, red.end)
    ):
        return None
    start = red.start + opening.end()
    return Redaction("name", start, red.end, text[start : red.end], label("name"))


def _family(text: str, red: Redaction, lex: Lexicon) -> bool:
    """Review 45b (D11): "The" and a listed surname before a person's verb is a family ("The
    Jones called"), not an organisation."""
    words = red.original.split()
    return (
        len(words) == 2
        and fold(words[1]) in lex.surnames
        and _PERSON_VERB.match(text, red.end) is not None
    )


def titled_as_names(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` with each short street or facility span after a title (or opening with a
    given name before a person's verb) labelled a name, each name span with a facility's head
    labelled a facility, and without a device's maker before its product."""
    out = []
    lex = None
    for red in redactions:
        if red.kind in _PLACE_KINDS and (greeted := _greeted_inside(text, red)) is not None:
            out.append(greeted)  # its placeholder may be another place's ("[FACILITY]")
            continue
        if red.replacement != label(red.kind):
            out.append(red)
            continue
        if (
            red.kind in _PLACE_KINDS
            and _GREETED.fullmatch(red.original)
            and _SALUTATION_BEFORE.search(text, max(0, red.start - 12), red.start)
            and _GREETED_END.match(text, red.end)
        ):
            red = Redaction("name", red.start, red.end, red.original, label("name"))
        elif (
            red.kind in _RELABELLED
            and _NAME_WORDS.fullmatch(red.original)
            and "'" not in red.original
            and "’" not in red.original
        ):
            titled = TITLE_BEFORE.search(text, max(0, red.start - 8), red.start)
            if titled or _PERSON_VERB.match(text, red.end):
                lex = lex or lexicon()
                first = fold(red.original.split()[0])
                if titled or (first in lex.given_names and not lex.clinical(first)):
                    red = Redaction("name", red.start, red.end, red.original, label("name"))
        elif red.kind == "name" and " " in red.original:
            lex = lex or lexicon()
            if is_maker_and_product(text, red, lex) or is_device_model(text, red, lex):
                continue  # "Zimmer Persona knee", "Dräger Evita V800": a maker and its product
            if _FACILITY_END.search(red.original) or (
                _ARTICLE_OPENING.match(red.original) and not _family(text, red, lex)
            ):
                red = Redaction("facility", red.start, red.end, red.original, label("facility"))
        elif red.kind == "name" and red.original.isalpha():
            lex = lex or lexicon()
            if is_device_maker(text, red, lex) or is_device_model(text, red, lex):
                continue  # "Edwards FloTrac", "Stryker S3" (session 58: deid_device_models)
        out.append(red)
    return out
