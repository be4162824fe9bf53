"""Every fact of a FHIR bundle is findable by its words and its value: a medication's reason is
the referenced condition's name, onset and resolution dates and the date of birth are labelled as
people ask for them, dates are not glued to their time, whole numbers have no ``.0``."""

from __future__ import annotations

import json
from pathlib import Path

from medlocal.ingest.formats import extract_file

BUNDLE = {
    "resourceType": "Bundle",
    "entry": [
        {
            "fullUrl": "urn:uuid:pat",
            "resource": {"resourceType": "Patient", "birthDate": "1948-07-14", "gender": "female"},
        },
        {
            "fullUrl": "urn:uuid:cond",
            "resource": {
                "resourceType": "Condition",
                "id": "c1",
                "code": {"coding": [{"display": "Acute bronchitis"}]},
                "onsetDateTime": "2022-12-01T09:00:00Z",
                "abatementDateTime": "2022-12-20T00:00:00+01:00",
            },
        },
        {
            "resource": {
                "resourceType": "MedicationRequest",
                "status": "active",
                "medicationCodeableConcept": {"text": "Amoxicillin 500 MG Oral Capsule"},
                "authoredOn": "2022-12-02T10:30:00Z",
                "reasonReference": [{"reference": "urn:uuid:cond"}, {"reference": "Condition/c1"}],
            }
        },
        {
            "resource": {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "Peak expiratory flow"},
                "valueQuantity": {"value": 430.0, "unit": "L/min"},
                "effectiveDateTime": "2024-05-02T08:15:00+02:00",
            }
        },
    ],
}


def test_bundle_facts_read_as_people_ask_for_them() -> None:
    text = extract_file(Path("bundle.json"), json.dumps(BUNDLE).encode()).text
    assert "Date of birth: 1948-07-14" in text
    assert "Onset date: 2022-12-01 09:00 UTC" in text
    assert "Resolved date (abatement): 2022-12-20" in text
    assert "Reason: Acute bronchitis [urn:uuid:cond]; Acute bronchitis [Condition/c1]" in text
    assert "Authored (prescribed) date: 2022-12-02 10:30 UTC" in text
    assert "Value: 430 L/min" in text
    assert "Effective: 2024-05-02 08:15 +02:00" in text


def test_an_unresolvable_reference_is_kept_as_written() -> None:
    bundle = {
        "resourceType": "MedicationRequest",
        "medicationCodeableConcept": {"text": "Metformin"},
        "reasonReference": [{"reference": "Condition/elsewhere"}],
    }
    text = extract_file(Path("one.json"), json.dumps(bundle).encode()).text
    assert "Reason: Condition/elsewhere" in text
