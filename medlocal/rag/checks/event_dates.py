"""Dates and the events they date: not "discharged on" the admission date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted, sentence_at
from medlocal.rag.date_events import EVENT_DATE, date_ties, placed_apart, the_one_date
from medlocal.values import dates_agree


def check_date_events(
    check: SentenceCheck,
    body: str,
    cited: Sequence[int],
    facts: PassageFacts,
    passages: Mapping[int, str],
) -> None:
    """A date the sentence ties to one event ("discharged on 12/10/2026") that the cited
    passages tie to another ("Admission date: 12/10/2026") while they give the sentence's event
    another date ("Discharge date: 19/10/2026") or put it at another time ("five weeks after his
    admission"): misattributed (walk 32). Where the passages tie the date to nothing, or to the
    sentence's event too, or give another date of an event that may recur (a review on the
    ward, one drug's start), nothing is said."""
    if not cited:
        return
    ties = [(n, t) for n in cited for t in facts.date_ties(n)]
    for mine in date_ties(body, facts.sentence_day_first(body, cited)):
        date = mine.value
        theirs = [(n, t) for n, t in ties if dates_agree(date.canonical, t.value.canonical)]
        if not theirs or any(t.event == mine.event for _, t in theirs):
            continue
        _, tie = theirs[0]
        given_as = EVENT_DATE[tie.event]
        other = next(
            (
                (m, t)
                for m, t in ties
                if t.event == mine.event
                and the_one_date(t)
                and not dates_agree(date.canonical, t.value.canonical)
            ),
            None,
        )
        if other is not None:
            m, elsewhere = other
            message = (
                f"the cited passage{'s give' if len(cited) > 1 else ' gives'}"
                f" {elsewhere.value.raw} as {EVENT_DATE[mine.event]}; {date.raw} is {given_as}"
            )
            quote, passage = sentence_at(passages[m], elsewhere.value.start), m
        else:
            apart = next(
                ((m, w) for m in cited if (w := placed_apart(passages[m], mine.event))), None
            )
            if apart is None:
                continue
            passage, words = apart
            message = (
                f"{date.raw} is {given_as} in the cited passage, not"
                f" {EVENT_DATE[mine.event]}: it puts the {mine.event} at another time ('{words}')"
            )
            quote = sentence_at(passages[passage], passages[passage].find(words))
        check.add(
            "misattributed_value",
            date.raw,
            message,
            date.start,
            quote=quoted(quote),
            passage=passage,
        )
