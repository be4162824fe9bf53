"""Heading fit: a line under a summary section that lists medications must name one (walk 39b:
"Dr Imogen Hartwell, Cardiology [1] Dr Okonkwo, Cardiology [1]" as the whole of "Current
medications", every word in the cited clinic letter, so no other check flagged it; walk 39b
item 6: "Discharge medications: 1. 5 days of worsening breathlessness and ankle swelling [4]").
The words rest on the passage; their place in the summary does not: "wrong_section".

A line fits when it names a drug of the lexicon, a word given a dose or standing where a
medicine does that no dictionary knows ("zorbaxiline 10 mg": checked as a name elsewhere), a
kind of medicine ("anticoagulant", "inhaler", "insulin"), or says there is none ("No regular
medications", "None documented"; under an allergy heading a denial of allergies anywhere in
the line: "He denies allergies"), or qualifies the section's list: its source, what became of its
drugs together, or that they are unchanged ("Over-the-counter only", "Both were stopped in
hospital", "As above": rag/checks/section_qualifiers.py). The line is read whole: "Stopped
because of a GI bleed [2]." after "Apixaban 5 mg [1]." on its line belongs to the drug before
it. Headings that name neither medications nor allergies ("Hospital course") are not read.
"""

from __future__ import annotations

import re

from medlocal.rag.allergens import allergy_vocabulary
from medlocal.rag.checks.allergy_wording import ALLERGY_HEADING
from medlocal.rag.checks.section_qualifiers import qualifies_the_section, reports_nothing
from medlocal.rag.checks.sentence_flags import SentenceCheck
from medlocal.rag.citations import blank_citations
from medlocal.rag.coverage import list_item, says_documents_silent
from medlocal.rag.drug_facts import unknown_dosed_names, unknown_listed_names
from medlocal.rag.medications import MedicationLexicon

# A heading of a section that lists medications ("Current medications", "Discharge
# medications", "Medicines on admission"); "Treatment" and "Plan" sections say more than that.
_MEDICATION_HEADING = re.compile(r"\b(?:medications?|medicines?|prescriptions?)\b", re.I)
# Words that name a medicine without naming a drug: a class, a form, a course.
_KIND_OF_MEDICINE = re.compile(
    r"\b(?:medications?|medicines?|drugs?|tablets?|capsules?|inhalers?|insulins?|injections?"
    r"|infusions?|patch(?:es)?|creams?|ointments?|drops|sprays?|suppositor\w*|vaccin\w*"
    r"|antibiotics?|anticoagula\w*|antiplatelets?|statins?|diuretics?|steroids?|corticosteroids?"
    r"|opioids?|analgesi\w*|antihypertensives?|antidepressants?|antipsychotics?|laxatives?"
    r"|blockers?|inhibitors?|antagonists?|agonists?|supplements?|vitamins?|oxygen|chemotherapy"
    r"|immunotherap\w*|therapy|treatment|regimen|prescri\w*|dos(?:e|es|age|ing))\b",
    re.IGNORECASE,
)
# A line that says there is none: "No regular medications", "Nil", "None", "Not on any", "NKDA";
# at the line's start (after a list marker or a label such as "Allergies:"), never inside a
# sentence ("discharged with no discharge instructions", walk 44 D7).
_NONE = re.compile(
    r"^\W*(?:[A-Za-z][\w ]{0,30}:\s*)?"
    r"(?:no|nil|none|nothing|not\s+on\s+any|not\s+stated|unknown|nkda|nka|nkfa)\b",
    re.IGNORECASE,
)

# Under an allergy heading, a line denying allergies anywhere in it ("She has no known
# allergies", "He denies allergies", "Patient reports no allergies", "She is not allergic to
# anything", "Allergic reactions: none") says there is none (review 44b B2). The denial must
# stand next to the allergy word (a few words apart at most), so a "no" about something else
# ("discharged with no discharge instructions", walk 44 D7) is not read as one.
_NO_ALLERGY = re.compile(
    r"\b(?:no|nil|not|never|denies|denied|deny|denying|without|free\s+of)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:allerg\w*|intoleran\w*|sensitivit\w*|adverse\s+(?:drug\s+)?reactions?)"
    r"|\b(?:allerg\w*|intoleran\w*|sensitivit\w*|adverse\s+(?:drug\s+)?reactions?)"
    r"(?:\s+[\w-]+){0,2}?\s*[:-]?\s*(?:none|nil|nothing|not\s+known|unknown)\b",
    re.IGNORECASE,
)


def check_heading_fit(
    check: SentenceCheck, heading: str, line: str, lexicon: MedicationLexicon
) -> None:
    """Flag the sentence when it stands under a medication or allergy heading on a ``line`` (the
    whole line it is part of) that names no medicine (nor, under an allergy heading, an
    allergen) and does not say there is none."""
    medicines = _MEDICATION_HEADING.search(heading) is not None
    # A heading that lists allergies ("Allergies and intolerances", "Medications and allergies").
    allergies = ALLERGY_HEADING.search(heading) is not None
    if not (medicines or allergies):
        return
    plain = blank_citations(line, fill=" ")
    if not any(c.isalpha() for c in plain) or says_documents_silent(line):
        return
    if _NONE.search(plain) or _names_a_medicine(plain, lexicon):
        return
    # Under an allergy heading "Patient reported" is how allergy records give an item's
    # source (beside "confirmed"), so only a medication list's line is read as a report cut
    # short (review46 D5).
    if medicines and reports_nothing(plain):
        check.add(
            "wrong_section",
            heading,
            f"this stands under “{heading}” and says who reported, but not what: it names"
            " nothing for this list, so its citation supports no item of it. Check what the"
            " cited passage says was reported.",
        )
        return
    if qualifies_the_section(plain):
        return  # "Over-the-counter only", "Both were stopped in hospital": about the list
    if allergies and _NO_ALLERGY.search(plain):
        return  # a denial of allergies: "she has no known allergies"
    if allergies and allergy_vocabulary(lexicon).spans(plain):
        return  # latex, peanuts, contrast: an allergen that is no medicine
    if allergies:
        named, kind = ("no medicine and no allergen", "a medication or an allergy")
        if not medicines:
            named, kind = "no allergen", "an allergy"
    else:
        named, kind = "no medicine", "a medication"
    check.add(
        "wrong_section",
        heading,
        f"this stands under “{heading}” but names {named}: its words may come from the"
        f" passage, but not as {kind}. Check what the record lists under this heading.",
    )


def _names_a_medicine(plain: str, lexicon: MedicationLexicon) -> bool:
    """Whether ``plain`` (a line, citations blanked) names a drug, a dosed or listed name no
    dictionary knows, or a kind of medicine."""
    item = list_item(plain)
    medicines_from = item.start if item is not None and item.medicines else None
    return bool(
        _KIND_OF_MEDICINE.search(plain)
        or lexicon.find(plain)
        or unknown_dosed_names(plain, lexicon)
        or unknown_listed_names(plain, lexicon, medicines_from)
    )
