"""FHIR R4 JSON (a Bundle or a single resource) rendered as readable clinical text.

Each resource becomes one block that starts with its label and reference, e.g.
``Observation [Observation/abc]``, followed by ``Field: value`` lines, so a cited passage always
says which resource it came from. The reference is also the section heading. DocumentReference
and DiagnosticReport attachments sent inline (base64) are decoded and their text follows the
resource block. Unknown resource types fall back to their human-readable narrative.

Every fact must be findable by its words and its value: labels say what a clinician would ask
("Date of birth", "Resolved date"), references to other resources in the bundle are written with
what they point at (a medication's reason is the condition's name, not ``urn:uuid:...``), dates
are written ``2024-03-05 08:00 UTC`` (an ISO ``T`` glues date and time into one search token),
and whole numbers lose a trailing ``.0``.

Real-world exports are often malformed, so every field is read by type: a value of the wrong type
(a number where a list belongs, an object where a string belongs) is ignored, never trusted; only
a Bundle whose ``entry`` is not a list is refused outright, since nothing in it could be found.
"""

from __future__ import annotations

import base64
import binascii
import contextvars
import json
import re
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from medlocal.ingest.document import DocumentBuilder, ExtractedDocument
from medlocal.ingest.errors import IngestError, InvalidFhirError, NoTextError
from medlocal.ingest.extractors.html import html_to_document
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.extractors.textcodec import decode_text

Json = dict[str, Any]

# What each resource of the bundle being rendered is called, by ``Type/id`` and by fullUrl: set
# for the length of one extract_fhir call (a context variable, so concurrent imports on other
# threads each see their own bundle).
_NAMES: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar(
    "fhir_names", default=MappingProxyType({})
)
_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"
)


def extract_fhir(data: bytes, file_name: str) -> ExtractedDocument:
    text = decode_text(data, file_name)
    try:
        root = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidFhirError(
            file_name, f"invalid JSON (line {err.lineno}, column {err.colno})"
        ) from None
    except RecursionError:
        raise InvalidFhirError(file_name, "invalid JSON (nested too deeply)") from None
    if not isinstance(root, dict) or not isinstance(root.get("resourceType"), str):
        raise InvalidFhirError(file_name, "JSON but not a FHIR resource (no resourceType)")
    builder = DocumentBuilder("fhir")
    resources = list(_resources(root, file_name))
    token = _NAMES.set(_names(resources))
    try:
        for position, (resource, full_url) in enumerate(resources, start=1):
            _render(builder, resource, _reference(resource, full_url, position), file_name)
    finally:
        _NAMES.reset(token)
    if not builder.has_text:
        raise NoTextError(file_name, "FHIR content without any resources to import")
    return builder.build()


def _resources(root: Json, file_name: str) -> Iterator[tuple[Json, str | None]]:
    if root["resourceType"] != "Bundle":
        yield root, None
        return
    entries = root.get("entry")
    if entries is not None and not isinstance(entries, list):
        raise InvalidFhirError(file_name, "FHIR Bundle whose 'entry' is not a list")
    for entry in entries or []:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and isinstance(resource.get("resourceType"), str):
            full_url = entry.get("fullUrl")
            if resource["resourceType"] == "Bundle":
                yield from _resources(resource, file_name)
            else:
                yield resource, full_url if isinstance(full_url, str) and full_url else None


def _names(resources: list[tuple[Json, str | None]]) -> dict[str, str]:
    names: dict[str, str] = {}
    for resource, full_url in resources:
        kind = resource["resourceType"]
        if kind == "Patient" or kind == "Practitioner":
            name = "; ".join(filter(None, map(_human_name, _list(resource.get("name")))))
        elif kind in ("MedicationRequest", "MedicationStatement"):
            name = _choice(resource, "medication")
        elif kind == "Observation":
            name = f"{_concept(resource.get('code'))} {_choice(resource, 'value')}".strip()
        else:
            name = _concept(resource.get("code")) or _concepts(resource.get("type"))
        if not name:
            continue
        if full_url:
            names[full_url] = name
        if isinstance(resource.get("id"), str):
            names[f"{kind}/{resource['id']}"] = name
    return names


def _reference(resource: Json, full_url: str | None, position: int) -> str:
    kind = resource["resourceType"]
    if isinstance(resource.get("id"), str) and resource["id"]:
        return f"{kind}/{resource['id']}"
    return full_url or f"{kind}/#{position}"


def _render(builder: DocumentBuilder, resource: Json, reference: str, file_name: str) -> None:
    kind = resource["resourceType"]
    heading = f"{_LABELS.get(kind, kind)} [{reference}]"
    renderer = _RENDERERS.get(kind, _narrative_only)
    lines = [f"{label}: {value}" for label, value in renderer(resource) if value]
    if not lines:
        lines = [f"{label}: {value}" for label, value in _narrative_only(resource) if value]
    builder.add_section_marker(heading)
    builder.add_block("\n".join([heading, *lines]))
    for attachment in _attachments(resource):
        builder.add_block(_attachment_text(attachment, file_name))


# ---- small readers for FHIR datatypes ------------------------------------------------------


def _text(value: Any) -> str:
    """A FHIR primitive as text; anything else (an object or list where a primitive belongs) is
    malformed and reads as nothing rather than as Python's rendering of it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 430.0 L/min is written as people search for it: 430
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def _when(value: Any) -> str:
    """A FHIR date or dateTime as people write it: ``2024-03-05 08:00 UTC`` (midnight: the date)."""
    text = _text(value)
    match = _DATETIME.match(text)
    if match is None:
        return text
    date, clock, zone = match.groups()
    if clock == "00:00":
        return date
    return f"{date} {clock} {'UTC' if zone == 'Z' else zone or ''}".strip()


def _concept(value: Any) -> str:
    """CodeableConcept -> its text, else the first coding's display, else code (system)."""
    if not isinstance(value, dict):
        return ""
    if _text(value.get("text")):
        return _text(value["text"])
    codings = [coding for coding in _list(value.get("coding")) if isinstance(coding, dict)]
    for key in ("display", "code"):
        for coding in codings:
            if _text(coding.get(key)):
                return _text(coding[key])
    return ""


def _concepts(values: Any) -> str:
    return "; ".join(text for text in (_concept(v) for v in _list(values)) if text)


def _ref(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    display, target = _text(value.get("display")), _text(value.get("reference"))
    display = display or _NAMES.get().get(target, "")
    if display and target:
        return f"{display} [{target}]"
    return display or target


def _quantity(value: Any) -> str:
    if not isinstance(value, dict) or not _text(value.get("value")):
        return ""
    comparator = _text(value.get("comparator"))
    unit = _text(value.get("unit")) or _text(value.get("code"))
    return f"{comparator}{_text(value['value'])} {unit}".strip()


def _period(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    start, end = _when(value.get("start")), _when(value.get("end"))
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else (f"until {end}" if end else "")


def _range(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    low, high = _quantity(value.get("low")), _quantity(value.get("high"))
    return f"{low} - {high}" if low and high else (low and f">= {low}") or (high and f"<= {high}")


def _choice(resource: Json, prefix: str) -> str:
    """A FHIR choice element (``value[x]``, ``onset[x]``, ...) rendered whatever its type."""
    for key, value in resource.items():
        if not key.startswith(prefix) or key == prefix:
            continue
        suffix = key[len(prefix) :]
        if suffix == "Quantity" or suffix == "Age" or suffix == "Duration":
            return _quantity(value)
        if suffix == "CodeableConcept":
            return _concept(value)
        if suffix == "Period":
            return _period(value)
        if suffix == "Range":
            return _range(value)
        if suffix == "Ratio" and isinstance(value, dict):
            return f"{_quantity(value.get('numerator'))} / {_quantity(value.get('denominator'))}"
        if suffix == "Reference":
            return _ref(value)
        if suffix in ("DateTime", "Instant", "Date"):
            return _when(value)
        if _text(value):
            return _text(value)
    return ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _notes(resource: Json) -> str:
    return " ".join(
        filter(
            None,
            (
                _text(note.get("text"))
                for note in _list(resource.get("note"))
                if isinstance(note, dict)
            ),
        )
    )


def _status(resource: Json, key: str) -> str:
    value = resource.get(key)
    return _concept(value) if isinstance(value, dict) else _text(value)


def _human_name(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    if _text(value.get("text")):
        return _text(value["text"])
    parts = [*map(_text, _list(value.get("prefix"))), *map(_text, _list(value.get("given")))]
    parts.append(_text(value.get("family")))
    return " ".join(filter(None, parts))


def _reason(resource: Json) -> str:
    """Coded reasons and referenced ones (a Condition in the bundle, written by its name)."""
    coded = [_concept(v) for v in _list(resource.get("reasonCode"))]
    referenced = [_ref(v) for v in _list(resource.get("reasonReference"))]
    return "; ".join(text for text in (*coded, *referenced) if text)


def _dosages(resource: Json, key: str) -> str:
    texts = []
    for dosage in _list(resource.get(key)):
        if not isinstance(dosage, dict):
            continue
        if _text(dosage.get("text")):
            texts.append(_text(dosage["text"]))
            continue
        pieces = [_concept(dosage.get("route"))]
        for dose in _list(dosage.get("doseAndRate")):
            if isinstance(dose, dict):
                pieces.append(_choice(dose, "dose"))
        texts.append(" ".join(piece for piece in pieces if piece))
    return "; ".join(text for text in texts if text)


# ---- one renderer per resource type ---------------------------------------------------------

Lines = list[tuple[str, str]]


def _patient(r: Json) -> Lines:
    identifiers = [
        f"{_concept(i.get('type')) or _text(i.get('system'))} {_text(i.get('value'))}".strip()
        for i in _list(r.get("identifier"))
        if isinstance(i, dict) and _text(i.get("value"))
    ]
    return [
        ("Name", "; ".join(filter(None, map(_human_name, _list(r.get("name")))))),
        ("Gender", _text(r.get("gender"))),
        ("Date of birth", _when(r.get("birthDate"))),
        ("Deceased", _choice(r, "deceased")),
        ("Identifiers", "; ".join(identifiers)),
    ]


def _condition(r: Json) -> Lines:
    return [
        ("Condition", _concept(r.get("code"))),
        ("Clinical status", _status(r, "clinicalStatus")),
        ("Verification", _status(r, "verificationStatus")),
        ("Severity", _concept(r.get("severity"))),
        ("Onset date", _choice(r, "onset")),
        ("Resolved date (abatement)", _choice(r, "abatement")),
        ("Recorded date", _when(r.get("recordedDate"))),
        ("Note", _notes(r)),
    ]


def _medication(r: Json) -> Lines:
    return [
        ("Medication", _choice(r, "medication")),
        ("Status", _status(r, "status")),
        ("Intent", _text(r.get("intent"))),
        ("Dosage", _dosages(r, "dosageInstruction") or _dosages(r, "dosage")),
        ("Reason", _reason(r)),
        ("Authored (prescribed) date", _when(r.get("authoredOn"))),
        ("Effective", _choice(r, "effective")),
        ("Requester", _ref(r.get("requester"))),
        ("Note", _notes(r)),
    ]


def _allergy(r: Json) -> Lines:
    reactions = []
    for reaction in _list(r.get("reaction")):
        if isinstance(reaction, dict):
            text = _concepts(reaction.get("manifestation"))
            severity = _text(reaction.get("severity"))
            reactions.append(f"{text} ({severity})" if severity and text else text)
    return [
        ("Allergy", _concept(r.get("code"))),
        ("Clinical status", _status(r, "clinicalStatus")),
        ("Verification", _status(r, "verificationStatus")),
        ("Category", ", ".join(filter(None, map(_text, _list(r.get("category")))))),
        ("Criticality", _text(r.get("criticality"))),
        ("Reactions", "; ".join(filter(None, reactions))),
        ("Recorded", _text(r.get("recordedDate"))),
        ("Note", _notes(r)),
    ]


def _observation(r: Json) -> Lines:
    ranges = [
        _range(rr) or _text(rr.get("text"))
        for rr in _list(r.get("referenceRange"))
        if isinstance(rr, dict)
    ]
    components = [
        f"{_concept(c.get('code'))} {_choice(c, 'value')}".strip()
        for c in _list(r.get("component"))
        if isinstance(c, dict)
    ]
    return [
        ("Test", _concept(r.get("code"))),
        ("Value", _choice(r, "value")),
        ("Components", "; ".join(filter(None, components))),
        ("Interpretation", _concepts(r.get("interpretation"))),
        ("Reference range", "; ".join(filter(None, ranges))),
        ("Status", _text(r.get("status"))),
        ("Effective", _choice(r, "effective")),
        ("Issued", _when(r.get("issued"))),
        ("Note", _notes(r)),
    ]


def _diagnostic_report(r: Json) -> Lines:
    return [
        ("Report", _concept(r.get("code"))),
        ("Status", _text(r.get("status"))),
        ("Effective", _choice(r, "effective")),
        ("Issued", _when(r.get("issued"))),
        ("Results", "; ".join(filter(None, map(_ref, _list(r.get("result")))))),
        ("Conclusion", _text(r.get("conclusion"))),
        ("Coded conclusion", _concepts(r.get("conclusionCode"))),
    ]


def _procedure(r: Json) -> Lines:
    return [
        ("Procedure", _concept(r.get("code"))),
        ("Status", _text(r.get("status"))),
        ("Performed", _choice(r, "performed")),
        ("Reason", _reason(r)),
        ("Outcome", _concept(r.get("outcome"))),
        ("Body site", _concepts(r.get("bodySite"))),
        ("Note", _notes(r)),
    ]


def _encounter(r: Json) -> Lines:
    encounter_class = r.get("class")
    class_text = (
        _text(encounter_class.get("display")) or _text(encounter_class.get("code"))
        if isinstance(encounter_class, dict)
        else ""
    )
    hospitalization = r.get("hospitalization")
    discharge = (
        _concept(hospitalization.get("dischargeDisposition"))
        if isinstance(hospitalization, dict)
        else ""
    )
    return [
        ("Class", class_text),
        ("Type", _concepts(r.get("type"))),
        ("Status", _text(r.get("status"))),
        ("Period", _period(r.get("period"))),
        ("Reason", _reason(r)),
        ("Discharge", discharge),
        (
            "Diagnoses",
            "; ".join(
                _ref(d.get("condition")) for d in _list(r.get("diagnosis")) if isinstance(d, dict)
            ),
        ),
    ]


def _document_reference(r: Json) -> Lines:
    return [
        ("Document type", _concept(r.get("type"))),
        ("Category", _concepts(r.get("category"))),
        ("Status", _text(r.get("status"))),
        ("Date", _when(r.get("date"))),
        ("Description", _text(r.get("description"))),
        ("Authors", "; ".join(filter(None, map(_ref, _list(r.get("author")))))),
    ]


def _narrative_only(r: Json) -> Lines:
    narrative = r.get("text")
    div = narrative.get("div") if isinstance(narrative, dict) else None
    if not isinstance(div, str):
        return []
    try:
        return [("Narrative", " ".join(html_to_document(div, "narrative").text.split()))]
    except IngestError:
        return []


_RENDERERS: dict[str, Callable[[Json], Lines]] = {
    "Patient": _patient,
    "Condition": _condition,
    "MedicationRequest": _medication,
    "MedicationStatement": _medication,
    "AllergyIntolerance": _allergy,
    "Observation": _observation,
    "DiagnosticReport": _diagnostic_report,
    "Procedure": _procedure,
    "Encounter": _encounter,
    "DocumentReference": _document_reference,
}
_LABELS = {
    "MedicationRequest": "Medication request",
    "MedicationStatement": "Medication statement",
    "AllergyIntolerance": "Allergy",
    "DiagnosticReport": "Diagnostic report",
    "DocumentReference": "Document",
}


# ---- inline attachments -----------------------------------------------------------------------


def _attachments(resource: Json) -> Iterator[Json]:
    for content in _list(resource.get("content")):
        if isinstance(content, dict) and isinstance(content.get("attachment"), dict):
            yield content["attachment"]
    for form in _list(resource.get("presentedForm")):
        if isinstance(form, dict):
            yield form


def _attachment_text(attachment: Json, file_name: str) -> str:
    content_type = _text(attachment.get("contentType")).split(";")[0].strip().lower()
    title = _text(attachment.get("title")) or "attachment"
    data = attachment.get("data")
    if not isinstance(data, str):
        where = _text(attachment.get("url"))
        return f"[{title}: stored outside this file{f' at {where}' if where else ''}, not imported]"
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return f"[{title}: attachment data is not valid base64]"
    inner_name = f"{file_name} ({title})"
    try:
        if content_type == "application/pdf":
            body = extract_pdf(raw, inner_name).text
        elif content_type in ("text/html", "application/xhtml+xml"):
            body = html_to_document(decode_text(raw, inner_name), inner_name).text
        elif content_type.startswith("text/") or not content_type:
            body = decode_text(raw, inner_name)
        else:
            return f"[{title}: {content_type} attachment, not text]"
    except IngestError as err:
        return f"[{title}: attachment could not be read: {err.reason}]"
    except Exception as err:  # one broken attachment must not lose the resources around it
        return f"[{title}: attachment could not be read ({type(err).__name__})]"
    return f"{title}\n{body.strip()}"
