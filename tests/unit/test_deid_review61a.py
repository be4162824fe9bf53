"""review61a: a hospital's ward, unit, team or service named by its usual initials after a place's
preposition is no place (deid_service_acronyms, deid_slot_initials). On main 4d178a4 "moved to
ITU" and "Referred to SALT" lost the unit as a [LOCATION] (towns of those names), "repatriated
to DGH" and "bloods at PHC" as a [FACILITY], and the slot reading of deid61a took French,
Spanish, Italian, German and Norwegian units ("Transféré au USIC", "Trasferito in UTIC").
Must-remove probes: a real facility's initials after the same words, and a service's initials
that the note itself defines as a named facility's, still go."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact
from fixtures.timing import assert_linear

# Each unit was removed on main 4d178a4 (the first four by older readings, the rest by
# deid_slot_initials).
_SERVICES = [
    ("Referred to SALT and OT for swallow review.\n", ("SALT", "OT")),
    ("Patient moved to ITU after MET call.\n", ("ITU",)),
    ("Stable on the ward, repatriated to DGH on day 5.\n", ("DGH",)),
    ("Took bloods at PHC today, results pending.\n", ("PHC",)),
    ("Seen by the medical team, moved to MAU overnight.\n", ("MAU",)),
    ("Pain settled, referred to SDU for review.\n", ("SDU",)),
    ("Bleeding in pregnancy, follow-up at EPAU in 6 weeks.\n", ("EPAU",)),
    ("Abdominal pain, referred to AAU for review.\n", ("AAU",)),
    ("Le patient a été transféré au USIC pour surveillance.\n", ("USIC",)),
    ("Elle est adressée en EHPAD pour suite de soins.\n", ("EHPAD",)),
    ("El paciente fue trasladado a la URPA tras la cirugía.\n", ("URPA",)),
    ("Il paziente è stato trasferito in UTIC per osservazione.\n", ("UTIC",)),
    ("Pasienten ble overflyttet til AKM for overvåkning.\n", ("AKM",)),
    ("Der Patient hat eine Kontrolle im MVZ in 3 Monaten.\n", ("MVZ",)),
    ("Kontrolle beim HNO-Arzt und im SPZ in drei Monaten.\n", ("SPZ",)),
    ("Traslado a UCI, seguimiento en CEX de cardiología.\n", ("CEX",)),
    ("Internado na UTI e depois na UCO por angina.\n", ("UCO",)),
]


@pytest.mark.parametrize(("text", "words"), _SERVICES)
def test_a_service_by_its_initials_stays(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


# A hospital's own initials after the same words still go.
_FACILITIES = [
    ("Patient moved to KATH after MET call.\n", ("KATH",)),
    ("Zuverlegt vom UKE nach TAVI; Reha danach in Bad Segeberg.\n", ("UKE",)),
    ("Previous: TAVI at RPA 2021; PEG at Liverpool Hospital.\n", ("RPA",)),
    ("Retour prévu au CHUL puis en réadaptation.\n", ("CHUL",)),
    # The note defines the service-like initials as a named hospital's: they are that hospital.
    (
        "Admitted to Dandenong General Hospital (DGH) with sepsis. Repatriated to DGH on day 5.\n",
        ("DGH", "Dandenong"),
    ),
    ("Seen at Pine Hill Clinic (PHC) in May. Took bloods at PHC today.\n", ("PHC",)),
    # An organisation's own initials beside its name or its branch's place (dev60, dev33).
    ("Post-op: paracetamol. Employer Shell (SPDC); HMO Hygeia.\n", ("SPDC",)),
    ("He studies nursing at ACU North Sydney.\n", ("ACU",)),
]


@pytest.mark.parametrize(("text", "words"), _FACILITIES)
def test_a_facility_by_its_initials_still_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_a_town_in_an_address_line_in_capitals_still_goes() -> None:
    # "SALT" is a town (Girona): on an address line written in capitals it is no unit.
    out = redact("Address: CARRER MAJOR 12, 17190 SALT, GIRONA\n")
    assert "SALT" not in out, out


def test_a_long_note_of_service_initials_is_linear() -> None:
    units = ["ITU", "SALT", "DGH", "PHC", "MAU", "USIC", "UTIC", "KATH", "UKE", "AKM"]

    def run(n: int) -> object:
        lines = [
            f"Day {i}: moved to {units[i % len(units)]} after review, then to "
            f"{units[(i + 3) % len(units)]}.\n"
            for i in range(n)
        ]
        return redact("".join(lines))

    assert_linear(run, 60)
