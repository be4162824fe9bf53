"""Record context: what one of a patient's documents names, removed from every export of the
patient.

A patient's documents repeat the same people and places: the daughter named with a cue in the
referral ("his daughter Frost") is "Frost" alone in the next letter, where nothing says she is
a person; the care home named whole in the discharge summary ("Sunrise Meadows Nursing Home") is
"back to Sunrise Meadows" in the nursing note. The word scan passes a found name on to the other
places its words are written in the same text (:class:`~medlocal.privacy.deid_words.NameSeeds`);
:func:`record_seeds` reads every document of the record once and passes on what they found of
people, organisations and places, so an export of any one document (or of an answer quoting a
snippet of it) removes them too.

Only names, facilities and locations pass on: streets, cities and counties are found by their
own lists and shapes wherever they stand, and the words of a street ("Mill", "Station") would
take ordinary words from other documents. Dates, numbers and codes are found by their shapes.
"""

from __future__ import annotations

from collections.abc import Iterable

from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_words import NameSeeds, name_seeds
from medlocal.privacy.redact import Redactor

RECORD_KINDS = frozenset({"name", "facility", "location"})


def record_seeds(texts: Iterable[str], identity: PatientIdentity | None = None) -> NameSeeds:
    """The names, organisations and places found in ``texts`` (a patient's documents, read
    with the patient's ``identity``), to be removed from any one of them or any text quoting
    them. Each text is read as its own export reads it, without the optional model line."""
    # The offset is irrelevant here (only names are kept), and a fixed one draws no randomness.
    redactor = Redactor(identity, shift_days=0)
    seeds = NameSeeds()
    for text in texts:
        found = redactor.preview(text)
        seeds = seeds.under(name_seeds(text, found, lexicon(), RECORD_KINDS))
    return NameSeeds(seeds.words, seeds.phrases)
