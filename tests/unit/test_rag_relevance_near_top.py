"""Walk 40 (W1): for a question naming a drug class, a passage naming a drug that search ranks
as close to the top as the best passage kept reaches the model, though the class lists miss its
drug and it shares no word with the question ("Warfarin 3 mg daily" beside "apixaban 5 mg" for
"What anticoagulant dose is the patient on?", cosine 0.485 to 0.486, was dropped)."""

from __future__ import annotations

from medlocal.rag.prompts import model_declined_text
from medlocal.rag.relevance import RelevanceThreshold, names_drug_class
from medlocal.vault.records import SearchHit


def _hit(chunk_id: int, text: str, cosine: float | None) -> SearchHit:
    return SearchHit(chunk_id, 1, 1, "a.pdf", 1, 0, len(text), None, text, 0.03, cosine, None)


QUESTION = "What anticoagulant dose is the patient on?"
APIXABAN = "Clinic note. Atrial fibrillation. Started apixaban 2.5 mg twice daily."
WARFARIN = "Referral letter. Warfarin 4 mg at night, INR 2.8."
DABIGATRAN = "Transfer letter: dabigatran 110 mg twice daily since March."


def _kept(hits: list[SearchHit], question: str = QUESTION) -> list[int]:
    return [h.chunk_id for h in RelevanceThreshold().filter(hits, question)]


def test_a_drug_as_close_in_meaning_as_the_passage_kept_is_kept() -> None:
    hits = [_hit(1, APIXABAN, 0.486), _hit(2, WARFARIN, 0.485), _hit(3, DABIGATRAN, 0.45)]
    assert _kept(hits) == [1, 2, 3]


def test_a_drug_ranked_above_the_passage_kept_is_kept() -> None:
    # Search (fused ranking) puts the warfarin passage first; no cosine for it (lexical only).
    assert _kept([_hit(2, WARFARIN, None), _hit(1, APIXABAN, 0.49)]) == [2, 1]


def test_a_drug_far_below_or_a_passage_naming_no_drug_stays_out() -> None:
    far = _hit(2, "Pain clinic: paracetamol 1 g four times daily for knee pain.", 0.34)
    no_drug = _hit(3, "Referral letter. Leg ulcer dressing changed, no infection.", 0.485)
    assert _kept([_hit(1, APIXABAN, 0.486), far, no_drug]) == [1]


def test_only_a_question_naming_a_drug_class_keeps_them() -> None:
    # A question naming one drug is answered by passages naming it, not any drug close by.
    hits = [_hit(1, APIXABAN, 0.486), _hit(2, WARFARIN, 0.485)]
    assert _kept(hits, "What dose of apixaban is she on?") == [1]
    assert names_drug_class(QUESTION) and names_drug_class("Is she on a blood thinner?")
    assert not names_drug_class("What dose of apixaban is she on?")


def test_nothing_kept_stays_nothing() -> None:
    # Relevance starts from a passage that passes on its own: near nothing is not near the top.
    # (A drug outside the class: since session 40 warfarin is an "anticoagulant" member of
    # resources/drug_classes.txt, so a warfarin passage passes on its own.)
    assert _kept([_hit(2, DABIGATRAN.replace("dabigatran", "paracetamol"), 0.30)]) == []
    assert _kept([_hit(2, WARFARIN, 0.30)]) == [2]


def test_a_declined_answer_lists_passages_naming_other_drugs_apart() -> None:
    named = ("'apixaban' (an anticoagulant)",)  # what the passage names (walk 43 D9)
    both = model_declined_text(2, named, ["[1] letter.txt"], ["[2] scan.png"])
    assert both.splitlines()[1:] == [
        "This passage names 'apixaban' (an anticoagulant); read it before concluding the"
        " documents are silent:",
        "[1] letter.txt",
        "This passage names another drug, which may be of that class too:",
        "[2] scan.png",
    ]
    # None names the class (no listed member): the others are still listed, to be read.
    only = model_declined_text(2, ("",), [], ["[1] a.txt", "[2] b.png"])
    assert only.splitlines()[1:] == [
        "These 2 name other drugs, which may be of that class too; read them:",
        "[1] a.txt",
        "[2] b.png",
    ]
