"""Where a word that names both a medicine and a blood test ("potassium", "magnesium") is the
test though no value stands beside it: "what was his potassium?", "serum magnesium pending",
"her potassium level was checked". There the sentence asks or tells of a result, and the
medication check must not call the word a medication (walk 55a L8: a restated question "what
was his potassium?" was flagged "unverified medication … 'potassium'").

A value or a word of range beside it ("potassium 5.1", "potassium was normal") is read by
binding.measured_in and checks.ranges.claimed_measures; this reads the words around a test's
name instead. The medicine keeps its reading wherever the sentence gives it one: a salt or a
form after the name ("potassium chloride", "magnesium tablets"), a dose, or a verb of giving
before or after it ("started his potassium", "her potassium was replaced")."""

from __future__ import annotations

import re

from medlocal.measured_things import MEASURES, find_measures
from medlocal.values import extract_values, is_dose

# Before the name: whose it is, or the sample it was measured in.
_TEST_BEFORE = re.compile(
    r"(?:\b(?:his|her|their|its|your|my|(?:patient|pt)['\u2019]s|"
    r"serum|plasma|blood|urine|urinary|venous|arterial|capillary|ioni[sz]ed|corrected)"
    r"\s+)$",
    re.IGNORECASE,
)
# After the name: the result's own words.
_TEST_AFTER = re.compile(
    r"^\s+(?:levels?|concentrations?|results?|values?|readings?|measurements?|tests?)\b",
    re.IGNORECASE,
)
# Right after the name, the medicine: a salt, a form, a route, replacement.
_DRUG_AFTER = re.compile(
    r"^[\s-]+(?:chloride|citrate|bicarbonate|phosphate|glycerophosphate|gluconate|sulph?ate|"
    r"carbonate|acetate|aspartate|lactate|oxide|hydroxide|iodide|supplement\w*|replace\w*|"
    r"tablets?|tabs?|capsules?|caps|infusions?|sachets?|effervescent|syrup|elixir|liquid|"
    r"solution|drip|i\.?v\.?|p\.?o\.?|oral(?:ly)?|intravenous(?:ly)?|slow|sr|mr|dose\w*)\b",
    re.IGNORECASE,
)
_GIVING = (
    r"(?:start\w*|restart\w*|give[ns]?|giving|gave|prescri\w+|continu\w+|stop\w*|held|hold\w*|"
    r"withheld|withh?old\w*|increas\w+|reduc\w+|decreas\w+|replac\w+|supplement\w*|tak\w+|took|"
    r"administ\w+|infus\w+|titrat\w+|wean\w*|charted|dispensed|omitted|add\w*|on)"
)
# Before the name, a verb of giving (a whose-word or sample between): "started his potassium".
_DRUG_BEFORE = re.compile(
    rf"\b{_GIVING}\s+(?:(?:his|her|their|its|the|oral|iv|intravenous)\s+)?$", re.IGNORECASE
)
# After the name, given, stopped or changed: "her potassium was replaced".
_DRUG_VERB_AFTER = re.compile(
    rf"^\s+(?:(?:was|were|is|are|has\s+been|had\s+been|been|being|will\s+be)\s+)+{_GIVING}\b",
    re.IGNORECASE,
)
# How far after the name a dose still belongs to it: "potassium 20 mmol".
_DOSE_REACH = 24
# How much of the text around a name the cues above read (a few words: bounded, so a long
# text costs no more per name).
_AROUND = 80


def names_read_as_tests(text: str) -> set[str]:
    """The measured things ``text`` names as a test without a value (see the module's note),
    with every other name of each (``MEASURES``), as binding.measured_in gives them."""
    doses = [v for v in extract_values(text) if is_dose(v)]
    found: set[str] = set()
    for start, end, attribute in find_measures(text):
        before, after = text[max(0, start - _AROUND) : start], text[end : end + _AROUND]
        if not (_TEST_BEFORE.search(before) or _TEST_AFTER.match(after)):
            continue
        if _DRUG_AFTER.match(after) or _DRUG_VERB_AFTER.match(after):
            continue
        # Before a whose-word or sample: "started his potassium", "giving her serum …".
        opening = _TEST_BEFORE.search(before)
        if _DRUG_BEFORE.search(before[: opening.start()] if opening else before):
            continue
        if any(end <= dose.start <= end + _DOSE_REACH for dose in doses):
            continue
        found.update((attribute, *MEASURES[attribute]))
    return found
