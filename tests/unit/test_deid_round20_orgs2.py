"""Round 20, second wave on organisations: initials where a body stands, a former employer
before a job, names ending in "International", family firms, initials before "Health", a
provider's "Care at Home", and a firm named in apposition after its kind. Invented examples."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def _removed(redactor: Redactor, text: str) -> list[str]:
    return [text[r.start : r.end] for r in redactor.preview(text)]


def _covered(redactor: Redactor, text: str, part: str) -> bool:
    start = text.index(part)
    end = start + len(part)
    spans = redactor.preview(text)
    return all(
        any(r.start <= i < r.end for r in spans) for i in range(start, end) if text[i].isalnum()
    )


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Follow-up booked at QTRH.", "QTRH"),
        ("Fitness report sent to the VLTO, awaiting reply.", "VLTO"),
        ("El vecino avisa al SEMPRA (unidad 7) y la acompaña.", "SEMPRA"),
        ("Ex-KLM pilot, retired in 2019.", "KLM"),
        ("He is an ex-BHP miner with silicosis.", "BHP"),
        ("Flying in on KLM flight 605 tomorrow.", "KLM"),
        ("Mesh donated by Hernia International via the mission.", "Hernia International"),
        ("Volunteers with Amnesty International on weekends.", "Amnesty International"),
        ("Body released to Mabena and Sons Funeral Parlour on Friday.", "Mabena and Sons"),
        ("Bed delivered by Okafor & Daughters Removals.", "Okafor & Daughters Removals"),
        ("Place of death: inpatient, KRH Health.", "KRH Health"),
        ("Home care from Lochside Care at Home twice daily.", "Lochside Care at Home"),
        ("Her insurer, Mutual Harbour, declined the claim.", "Mutual Harbour"),
        ("Seen at the hospital (Kestrelwood) last year.", "Kestrelwood"),
    ],
)
def test_bodies_found(redactor: Redactor, text: str, part: str) -> None:
    assert _covered(redactor, text, part), _removed(redactor, text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Switched to TDF at review.", "TDF"),
        ("Care continued at ICU.", "ICU"),
        ("Moved from the UK in 2019.", "UK"),
        ("He is an ex-IVDU, on methadone.", "IVDU"),
        ("Discussed at MDT.", "MDT"),
        ("Transferred to the CICU.", "CICU"),
        ("Reviewed at OPD (follow-up in 6 weeks).", "OPD"),
        ("Community Care at Home was discussed.", "Care at Home"),
        ("Hospital at Home team to review.", "Hospital at Home"),
        ("International Normalised Ratio 2.4 on warfarin.", "International Normalised Ratio"),
        ("The lab (FBC) result was normal.", "FBC"),
    ],
)
def test_clinical_and_plain_text_kept(redactor: Redactor, text: str, kept: str) -> None:
    start = text.index(kept)
    end = start + len(kept)
    assert not any(r.start < end and start < r.end for r in redactor.preview(text)), _removed(
        redactor, text
    )


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "She was treated at Kingsmere Radiotherapy\n    Oncology and Nuclear Medicine Centre;"
            " then re-staged.",
            "Kingsmere Radiotherapy\n    Oncology and Nuclear Medicine Centre",
        ),
        (
            "Referred to the Kestrel Valley\nCommunity Mental Health Team for review.",
            "Kestrel Valley\nCommunity Mental Health Team",
        ),
    ],
)
def test_wrapped_names_found(redactor: Redactor, text: str, part: str) -> None:
    assert _covered(redactor, text, part), _removed(redactor, text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("She was seen in Orthopaedic\nClinic today.", "Orthopaedic\nClinic"),
        ("Discussed with Cardiology\nTeam on the ward.", "Cardiology\nTeam"),
        ("Past Medical History\nGeneral Practice: see below", "General Practice"),
        ("plan to refer to Physiotherapy\nServices next week.", "Physiotherapy\nServices"),
        ("He was seen by Dr Lee\nPharmacy review pending.", "Pharmacy"),
    ],
)
def test_wrapped_kinds_kept(redactor: Redactor, text: str, kept: str) -> None:
    start = text.index(kept)
    end = start + len(kept)
    assert not any(r.start < end and start < r.end for r in redactor.preview(text)), _removed(
        redactor, text
    )


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("He works at Tullamore\nQuarries part-time - no lifting.", "Tullamore\nQuarries"),
        ("Injured playing for Ardmore\nRovers (hurling) on Saturday.", "Ardmore\nRovers"),
        ("Previous admission Rosslare Aug 2024 with sepsis.", "Rosslare"),
        ("Prev admission WKGH Aug 12-19, 2023 (pneumonia).", "WKGH"),
        ("Admitted Mbekweni 03/2021 with TB.", "Mbekweni"),
        ("Medical aid through Karoo Minerals (Pty) Ltd.", "Karoo Minerals (Pty) Ltd"),
        ("Works at Panaderia Lopez S.A. de C.V. in the plant.", "Panaderia Lopez S.A. de C.V."),
    ],
)
def test_more_bodies_found(redactor: Redactor, text: str, part: str) -> None:
    assert _covered(redactor, text, part), _removed(redactor, text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("He works at Tesco\nLives with his wife.", "Lives"),
        ("She works at Tesco\nAllergies: nil known.", "Allergies"),
        ("Admission Hb 92, CRP 120 on 3/4.", "Hb 92"),
        ("Admission CT Aug 2024 was clear.", "CT"),
        ("Admission BP 140/90 on arrival.", "BP"),
        ("Admission ECG 3/4 normal.", "ECG"),
        ("contrast retained, grade de Chagas II\nLab today: Hb 12.4 g/dL", "Lab today"),
    ],
)
def test_more_plain_text_kept(redactor: Redactor, text: str, kept: str) -> None:
    start = text.index(kept)
    end = start + len(kept)
    assert not any(r.start < end and start < r.end for r in redactor.preview(text)), _removed(
        redactor, text
    )


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Out of hours: KerryDoc called, ref WD-26-118473.", "KerryDoc"),
        ("Notified to Kestrel Homes, case ref KH-44187.", "Kestrel Homes"),
        ("Sample sent to Brantwood Genomics (ref BG-2611-903).", "Brantwood Genomics"),
    ],
)
def test_bodies_before_their_reference(redactor: Redactor, text: str, part: str) -> None:
    assert _covered(redactor, text, part), _removed(redactor, text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Incident (ref 2231) logged.", "Incident"),
        ("Referral (ref RF-22931) sent today.", "Referral"),
        ("MRI report (ref MR-2231) reviewed.", "MRI"),
        ("Police (ref CAD 4471) attended.", "Police"),
    ],
)
def test_kinds_before_a_reference_kept(redactor: Redactor, text: str, kept: str) -> None:
    start = text.index(kept)
    end = start + len(kept)
    assert not any(r.start < end and start < r.end for r in redactor.preview(text)), _removed(
        redactor, text
    )
