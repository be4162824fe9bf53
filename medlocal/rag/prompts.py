"""The instructions MedLocal gives the chat model. Kept short: small local models follow short,
concrete instructions better than long ones."""

from __future__ import annotations

from collections.abc import Sequence

# The model is told to answer with exactly this when the passages are silent; see answer.py.
NOT_FOUND_SENTINEL = "NOT IN DOCUMENTS"
NOT_FOUND_MESSAGE = "Not found in the selected documents."
# Said instead when the model wrote an answer none of whose statements a passage supports: the
# documents may still hold the answer (walk 29: "Not found" headed an answer whose passage [1]
# held the antibiotic and dose asked for, and read as "the records don't say").
# How every "no supported answer" text opens (a follow-up after one names no drug of it).
NO_SUPPORTED_OPENING = "No supported answer:"
# Said when every statement of a longer answer is flagged, though some cite passages.
ALL_STATEMENTS_FLAGGED = (
    NO_SUPPORTED_OPENING + " every statement the model wrote is flagged (unsupported, or giving"
    " what the passages it cites do not). Read the passages listed; the documents may still hold"
    " the answer."
)
# Said when the model's answer broke down: it looped, or named a page, document or passage it
# was not given (walk 46a D2: rows made up in a loop, "[4] (referral_scan.pdf, page 20)" of a
# one-page scan, shown as the answer).
BROKEN_ANSWER = (
    NO_SUPPORTED_OPENING + " the model's answer broke down (it repeated itself, or named a page,"
    " document or passage it was not given). Read the passages listed; the documents may still"
    " hold the answer."
)
# Said when the model only repeated the patient's details from a record's heading (walk 47b
# D10: "Patient: Ólafur Þórsson, kennitala …, Laugavegur 58 … [1]" for "What was his INR?").
IDENTITY_ONLY_ANSWER = (
    NO_SUPPORTED_OPENING + " the model only repeated the patient's details (name, date of birth,"
    " record number, address) from a document's heading, which do not answer the question. Read"
    " the passages listed; the documents may still hold the answer."
)
NO_SUPPORTED_ANSWER = (
    "No supported answer: none of the statements the model wrote rests on the passages it was"
    " given. Read the passages listed; the documents may still hold the answer."
)
# Said when the model declined although passages naming the question's terms were read: "Not
# found in the selected documents" read as "the record does not say" (walk 39: the discharge
# table gave amlodipine's dose, search ranked it first, and the window said "Not found").
MODEL_DECLINED_OPENING = "The model gave no supported answer"
MODEL_DECLINED = MODEL_DECLINED_OPENING + " from the {given} passage(s) it read."
# Said after it when the question asks for an overall picture and names nothing to look for.
OPEN_QUESTION_HINT = (
    "The question asks for an overall picture: ask about one thing (a problem, a medicine, a test,"
    " a date), or write a summary (Summarise) for an overview. The passages it read:"
)


def model_declined_text(
    given: int, terms: Sequence[str], listed: Sequence[str], other_drugs: Sequence[str] = ()
) -> str:
    """What the answer says when the model declined but ``listed`` passages (as "[n] place")
    of the ``given`` it read name ``terms`` (("",): nothing to name); ``other_drugs``: passages
    it read that name a drug no class list puts in the drug class the question names (walk 40:
    warfarin for "anticoagulant"), listed after them."""
    if not terms:  # an open question ("How is she doing?"): every passage read is listed
        return "\n".join([MODEL_DECLINED.format(given=given), OPEN_QUESTION_HINT, *listed])
    lines = [MODEL_DECLINED.format(given=given)]
    if listed:
        # ``terms`` are what the passages name, as they write it and quoted by the caller
        # ("'apixaban' (an anticoagulant)"), never question words they lack (walk 43 D9); none
        # to show (a concept only): the passages are still listed, to be read.
        it = "it" if len(listed) == 1 else "them"
        if any(terms):
            these = "This passage names" if len(listed) == 1 else f"These {len(listed)} name"
            head = f"{these} {', '.join(terms)}; read {it}"
        else:
            these = "This passage" if len(listed) == 1 else f"These {len(listed)}"
            head = f"{these} may answer the question; read {it}"
        lines += [f"{head} before concluding the documents are silent:", *listed]
    if other_drugs:
        these = (
            "This passage names another drug"
            if len(other_drugs) == 1
            else f"These {len(other_drugs)} name other drugs"
        )
        lines += [
            f"{these}, which may be of that class too"
            f"{'' if listed else '; read ' + ('it' if len(other_drugs) == 1 else 'them')}:",
            *other_drugs,
        ]
    return "\n".join(lines)


GENERAL_LABEL = (
    "General answer — not from the patient's documents and without references; verify"
    " independently:"
)

GROUNDED_SYSTEM = (
    "You are a careful clinical assistant. Answer the question using only the numbered passages"
    " from the patient's documents. End every sentence with the numbers of the passages it relies"
    " on in square brackets, like [1] or [2, 3]. Copy numbers, doses, units and dates exactly as"
    " written. If the passages do not contain the answer, reply exactly: " + NOT_FOUND_SENTINEL
)

GENERAL_SYSTEM = (
    "You are a careful medical assistant. Answer briefly from general medical knowledge. Say so"
    " when you are unsure."
)

MAP_SYSTEM = (
    "You summarise parts of a patient's medical record. Write short factual sentences. End every"
    " sentence with the number of the passage it comes from in square brackets, like [2]. Copy"
    " numbers, doses, units and dates exactly. Do not add anything that is not in the passages."
)

REDUCE_SYSTEM = (
    "You write one section of a clinical document from numbered notes about a patient. Use only"
    " the notes. Keep the bracketed passage numbers, like [4], at the end of every sentence that"
    " uses them. Copy numbers, doses, units and dates exactly. If the notes hold nothing for this"
    " section, write: None documented."
)


def grounded_user_message(passage_block: str, question: str) -> str:
    return f"Passages:\n\n{passage_block}\n\nQuestion: {question}"


def map_user_message(passage_block: str) -> str:
    return f"Passages:\n\n{passage_block}\n\nSummarise the clinically relevant facts."


def reduce_user_message(notes: str, document_title: str, section: str, instructions: str) -> str:
    return (
        f"Notes:\n\n{notes}\n\nWrite the section '{section}' of a {document_title}. {instructions}"
    )


def reduce_frame() -> str:
    """MedLocal's own wording of a section's task, without the notes and the template's words:
    what a sentence that restates the instructions shares with the prompt (section_guard.py)."""
    return f"{REDUCE_SYSTEM}\n{reduce_user_message('', '', '', '')}"


def combine_user_message(notes: str) -> str:
    return (
        f"Notes:\n\n{notes}\n\nCondense these notes into fewer sentences, keeping every bracketed"
        " passage number with the fact it supports."
    )
