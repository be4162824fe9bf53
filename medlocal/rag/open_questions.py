"""Questions that ask for an overall picture ("How is she doing?", "Any concerns?", "What's
new?") rather than about one thing.

Walk 39 (session 39): "How is she doing?" was answered a bare "Not found in the selected
documents." — which tells a clinician the record is silent — although the clinic letter said
"much less breathless"; "How is he getting on?" was refused before the model because no passage
named "getting". Such a question names nothing a passage must hold, so the term gate does not
apply to it, and when the model still gives no supported answer the reply says what it read and
points to a summary, which is the tool for an overview."""

from __future__ import annotations

import re

from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.relevance import key_terms
from medlocal.rag.topics import question_topic

# Words that ask how things stand, not about what: a question whose key terms are all among
# them names nothing specific. Kept short and general; a clinical word ("breathing", "kidneys",
# "wound") makes the question specific, and the usual gates apply.
OPEN_WORDS = frozenset(
    {"getting", "going", "gone", "progress", "progressing", "progressed", "coping", "cope",
     "managing", "manage", "concern", "concerns", "concerned", "worry", "worries", "worried",
     "problem", "problems", "issue", "issues", "update", "updates", "overview", "status",
     "new", "been", "keeping", "things", "anything", "else", "overall", "generally", "general",
     "summary", "summarise", "summarize", "picture", "course", "well", "like", "look", "looks",
     "looking", "plan", "plans", "next", "note", "notes", "record", "records", "documents",
     "say", "says", "said", "stand", "stands", "currently", "lately", "recently", "doing"}
)  # fmt: skip

# The shape of such a question: without one of these it is not read as open, so a question
# whose clinical word the lexicon misses ("How is her gait?") keeps the usual gates.
_OPEN_SHAPE = re.compile(
    r"\bhow(?:'s| is| are| has| have| was)\b.{0,40}?\b(?:doing|getting on|going|progress\w*|"
    r"coping|managing|keeping|been)\b"
    r"|\bany(?:thing)?\b.{0,20}?\b(?:concerns?|worr\w+|problems?|issues?|new|else|changes?)\b"
    r"|\bwhat(?:'s| is| has)?\b.{0,20}?\b(?:new|happened|changed|the plan|the latest)\b"
    r"|\b(?:overview|update|summary|summari[sz]e|the picture|overall)\b",
    re.IGNORECASE,
)

# A person named with a title ("How's Mrs Hale doing?") is whom, not what, the question asks
# about; a name without a title stays, so the question keeps the usual gates.
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?(?:\s+[A-Z][\w'-]*)+")


def is_open_question(question: str, lexicon: MedicationLexicon | None = None) -> bool:
    """Whether ``question`` asks for an overall picture and names nothing specific: it has an
    open question's shape, names no medicine and no concept, and its key terms (if any) are all
    words that ask how things stand."""
    if not _OPEN_SHAPE.search(question):
        return False
    question = _TITLED_NAME.sub(" ", question)
    # "What is new?" reads as the concept "new": a topic of open words is no concept.
    if any(word not in OPEN_WORDS for word in question_topic(question, lexicon)):
        return False
    terms = key_terms(question, lexicon)
    return all(term in OPEN_WORDS for term in terms)
