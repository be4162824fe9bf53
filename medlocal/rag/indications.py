"""What a drug is a recognised treatment of, as far as its therapeutic class says: a member of
the drug dictionary's "diabetes medication" class treats diabetes, an "antihypertensive"
hypertension, a "diuretic" oedema (resources/drug_classes.txt, built from the FDA's classes and
MeSH pharmacological actions, with resources/drug_class_aliases.txt's everyday names).

The project holds no indication database; a therapeutic class is the nearest knowledge it has,
and only classes named for what they treat are read (an "SGLT2 inhibitor" says how a drug
works, "diabetes medication" what it is for). So dapagliflozin, an SGLT2 inhibitor listed among
diabetes medicines, is a recognised treatment of diabetes and not of allergies; its use in
heart failure, which no class here names, is not known from this table (the passages must say
it). rag/checks/reasons.py reads it so as not to flag a drug's second, licensed purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from medlocal.drugs import class_tokens, default_vocabulary

# A class named for what it treats -> the words of that purpose (as a passage would write it;
# reasons.py also matches their lay and clinical synonyms, "blood pressure" for hypertension).
_TREATS: dict[str, str] = {
    "diabetes medication": "diabetes",
    "antidiabetic": "diabetes",
    "antihypertensive": "hypertension",
    "cholesterol medication": "cholesterol",
    "antilipemic agents": "cholesterol",
    "anticoagulant": "anticoagulation",
    "antiplatelet": "clot",
    "antidepressant": "depression",
    "analgesic": "pain",
    "opioid": "pain",
    "antiarrhythmic": "arrhythmia",
    "diuretic": "oedema",
    "bronchodilator": "asthma",
    "antibiotic": "infection",
    "antihistamine": "allergy",
    "anticonvulsant": "epilepsy seizures",
    "antipsychotic": "psychosis schizophrenia",
    "antiemetic": "nausea vomiting",
    "proton pump inhibitor": "reflux",
}


@lru_cache(maxsize=1)
def _purposes_of() -> dict[str, frozenset[str]]:
    """Each generic in a class of ``_TREATS`` -> the purpose words of its classes."""
    classes = default_vocabulary().classes
    found: dict[str, set[str]] = {}
    for name, purpose in _TREATS.items():
        for generic in classes.get(class_tokens(name), ()):
            found.setdefault(generic, set()).update(purpose.split())
    return {generic: frozenset(words) for generic, words in found.items()}


def treated_purposes(generics: Iterable[str]) -> frozenset[str]:
    """The purpose words ("diabetes", "hypertension") the therapeutic classes of ``generics``
    (a drug's generic names, or a class's members) name; empty where none is known."""
    purposes = _purposes_of()
    return frozenset(word for g in generics for word in purposes.get(g.lower(), ()))
