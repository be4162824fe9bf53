"""Dose routes: a dose given by a route the passages give that drug only by another."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted, sentence_at
from medlocal.rag.drug_facts import DosePair, dose_routes
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.routes import ROUTE_ADVERB
from medlocal.values import Value, is_dose, same_value


def check_routes(
    check: SentenceCheck,
    body: str,
    mine: Sequence[tuple[DosePair, Value]],
    evidence: Sequence[tuple[int, DosePair, Value]],
    facts: PassageFacts,
    lexicon: MedicationLexicon,
    passages: Mapping[int, str],
) -> None:
    """A dose the sentence gives by a route ("intravenous co-amoxiclav 625 mg") that the cited
    passages give that drug only by another route ("oral co-amoxiclav 625 mg"; walk 29: the
    IV and oral doses of an IV-to-oral switch were swapped unflagged). A sentence without a
    route is not checked for one. A dose the passages also give without a route ("Discharge
    medications: amoxicillin 500 mg") is compatible with any route, unless they give that dose
    by another route and the drug by the sentence's route only at other doses (walk 32: "IV
    amoxicillin 1 g ... switched to oral amoxicillin 500 mg" with a route-less 500 mg on the
    discharge list: "intravenous amoxicillin 500 mg" passed)."""
    routes = dose_routes(body, lexicon)
    for (drug, _, _), value in mine:
        claimed = routes.get(value.start)
        if claimed is None or not is_dose(value):
            continue
        same = [
            (n, v, facts.routes(n).get(v.start))
            for n, (d, _, _), v in evidence
            if lexicon.same_drug(drug, d) and same_value(value, v)
        ]
        routed = [(n, v, r) for n, v, r in same if r is not None]
        if not routed or any(r.route == claimed.route for _, _, r in routed):
            continue
        by_claimed = [
            v
            for m, (d, _, _), v in evidence
            if lexicon.same_drug(drug, d)
            and is_dose(v)
            and (r := facts.routes(m).get(v.start)) is not None
            and r.route == claimed.route
        ]
        if len(routed) < len(same) and not by_claimed:
            continue  # the route-less dose may well be the one given by the sentence's route
        n, theirs, route = routed[0]
        routes_given = list(dict.fromkeys(r.route for _, _, r in routed))
        given = " or ".join(ROUTE_ADVERB[r] for r in routes_given)
        if len(routes_given) == 1:
            given += f" ('{route.raw}')"
        instead = (
            f"; {ROUTE_ADVERB[claimed.route]} they give "
            + ", ".join(dict.fromkeys(f"'{v.raw}'" for v in by_claimed))
            if by_claimed
            else ""
        )
        check.add(
            "unverified_number",
            value.raw,
            f"{drug} '{theirs.raw}' is given {given} in the cited passages,"
            f" not {ROUTE_ADVERB[claimed.route]} ('{claimed.raw}'){instead}",
            value.start,
            quote=quoted(sentence_at(passages[n], theirs.start)),
            passage=n,
        )
