"""A filled PDF form's values: each field's name and what was filled in, page by page.

A form's values live in its fields (AcroForm), not in the page's content: a text extractor reads
the printed labels ("Target INR:") and none of the answers, so a filled referral form was stored
as an empty one (walk 53b, H1), whether or not the filler wrote appearance streams. The values
are read from the page's widget annotations (the field each belongs to, its value inherited
down the field tree), in the order they stand on the page, top to bottom, left to right.

A blank form adds nothing: its checkboxes are told as "ticked" / "not ticked" only when some
field was filled (never as an answer "No": an unticked box may be a question left blank, review
53c F3).
Push buttons and signature fields hold no text to read and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

FORM_LABEL = "Form fields (as filled in):"
# /Ff flags of a button field (PDF 32000-1, table 226).
_RADIO = 1 << 15
_PUSH_BUTTON = 1 << 16
_MAX_DEPTH = 32  # a field tree deeper than this is damaged (or a loop)


@dataclass(frozen=True)
class FilledField:
    name: str
    value: str
    checkbox: bool  # a tick box: told only when the form holds some other filled value


def page_fields(page: PageObject, seen: set[object]) -> list[FilledField]:
    """The fields whose widgets are on ``page``, in reading order; a field shown by several
    widgets (radio buttons, a name repeated on each page) once, ``seen`` holding those told."""
    placed: list[tuple[float, float, FilledField]] = []
    for widget in _widgets(page):
        field = _field_of(widget)
        if field is None or _key(field) in seen:
            continue
        if _not_shown(widget):
            # A hidden widget (a form's calculation or template field) shows nothing a reader
            # filled in (review 53c F4); remembered so it is not counted as a field on no page.
            seen.add((_HIDDEN, _key(field)))
            continue
        filled = _filled(field, widget)
        if filled is None:
            continue
        seen.add(_key(field))
        top, left = _position(widget)
        placed.append((-top, left, filled))
    placed.sort(key=lambda item: (round(item[0]), item[1]))
    return [filled for _, _, filled in placed]


def unplaced_fields(reader: PdfReader, seen: set[object]) -> list[FilledField]:
    """Filled fields with no widget on any page (a form whose fields are only in the catalog)."""
    try:
        form = reader.trailer["/Root"].get("/AcroForm")
        roots = form.get_object().get("/Fields") if form is not None else None
    except (KeyError, AttributeError):
        return []
    if not isinstance(roots, ArrayObject):
        return []
    found: list[FilledField] = []
    for field in _terminal_fields(roots, 0):
        if _key(field) in seen or (_HIDDEN, _key(field)) in seen:
            continue
        filled = _filled(field, field)
        if filled is not None:
            seen.add(_key(field))
            found.append(filled)
    return found


def form_block(fields: list[FilledField], form_filled: bool) -> str:
    """The block to store for one page's fields ("" when none has a value to tell)."""
    lines = [
        f"{field.name}: {field.value}" for field in fields if form_filled or not field.checkbox
    ]
    return "\n".join([FORM_LABEL, *lines]) if lines else ""


# Annotation flags (PDF 32000-1, 12.5.3): Hidden (2) and NoView (6) widgets are not shown.
_HIDDEN_FLAGS = (1 << 1) | (1 << 5)
_HIDDEN = "hidden"


def _not_shown(widget: DictionaryObject) -> bool:
    flags = widget.get("/F")
    flags = flags.get_object() if flags is not None else 0
    return isinstance(flags, int) and bool(flags & _HIDDEN_FLAGS)


def _key(field: DictionaryObject) -> object:
    """The same field however it was reached (its object number where it has one)."""
    reference = field.indirect_reference
    return (reference.idnum, reference.generation) if reference is not None else id(field)


def _widgets(page: PageObject) -> Iterator[DictionaryObject]:
    annotations = page.get("/Annots")
    if annotations is None:
        return
    annotations = annotations.get_object()
    if not isinstance(annotations, ArrayObject):
        return
    for item in annotations:
        annotation = item.get_object()
        if isinstance(annotation, DictionaryObject) and annotation.get("/Subtype") == "/Widget":
            yield annotation


def _field_of(widget: DictionaryObject) -> DictionaryObject | None:
    """The field a widget shows: the widget itself when merged with it (it has a /T), else its
    parent. A kid widget may repeat its field's /FT (reportlab's radio buttons do): it is still
    one of the field's widgets, not a field of its own (each button was told as the group's
    value, and the group counted as a field on no page)."""
    if "/T" in widget:
        return widget
    parent = widget.get("/Parent")
    parent = parent.get_object() if parent is not None else None
    if isinstance(parent, DictionaryObject):
        return parent
    return widget if "/FT" in widget else None


def _inherited(field: DictionaryObject, key: str) -> Any:
    node: Any = field
    for _ in range(_MAX_DEPTH):
        if not isinstance(node, DictionaryObject):
            return None
        if key in node:
            return node[key].get_object()
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def _name(field: DictionaryObject) -> str:
    """The field's name for a reader: its alternate (user-facing) name, else its full name."""
    alternate = field.get("/TU")
    if alternate is not None and str(alternate).strip():
        return " ".join(str(alternate).split())
    parts: list[str] = []
    node: Any = field
    for _ in range(_MAX_DEPTH):
        if not isinstance(node, DictionaryObject):
            break
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts)) or "(unnamed field)"


def _filled(field: DictionaryObject, widget: DictionaryObject) -> FilledField | None:
    kind = _inherited(field, "/FT")
    value = _inherited(field, "/V")
    flags = _inherited(field, "/Ff")
    flags = int(flags) if isinstance(flags, int) else 0
    if kind == "/Btn":
        if flags & _PUSH_BUTTON:
            return None
        state = value if value is not None else widget.get("/AS")
        if flags & _RADIO:
            if not isinstance(state, NameObject) or state == "/Off":
                return None
            chosen = _radio_option(field, str(state)[1:])
            return FilledField(_name(field), _plain(chosen), checkbox=False)
        ticked = isinstance(state, NameObject) and state != "/Off"
        return FilledField(_name(field), "ticked" if ticked else "not ticked", checkbox=True)
    if kind in ("/Tx", "/Ch") and value is not None:
        shown = _choice_labels(field) if kind == "/Ch" else {}
        if isinstance(value, ArrayObject):  # a list box with several choices
            text = ", ".join(_plain(_label(str(item.get_object()), shown)) for item in value)
        else:
            text = _plain(_label(str(value), shown))
        return FilledField(_name(field), text, checkbox=False) if text else None
    return None  # signatures, and fields of no known kind


def _choice_labels(field: DictionaryObject) -> dict[str, str]:
    """A list or combo box's options as {export value: the text shown}: the field's value is the
    export value, often a code ("W", "2") where the form showed "Warfarin" (review 53c F4)."""
    options = _inherited(field, "/Opt")
    labels: dict[str, str] = {}
    if isinstance(options, ArrayObject):
        for option in options:
            option = option.get_object()
            if isinstance(option, ArrayObject) and len(option) == 2:
                export, shown = (str(part.get_object()) for part in option)
                if shown.strip():
                    labels.setdefault(export, shown)
    return labels


def _label(value: str, labels: dict[str, str]) -> str:
    return labels.get(value, value)


def _radio_option(field: DictionaryObject, state: str) -> str:
    """A radio button's chosen state as its option (/Opt, PDF 1.5: one text per button, in the
    order of the group's /Kids). A button's on state may be named by its index ("0", "1", which
    name nothing for a reader) or by its value itself: the option is the one of the button that
    turns on with ``state``. Without such a button, a state that is no option is an index
    (review54a: a pain score named '1'..'5' with /Opt '1'..'5' was read '3' -> '4')."""
    options = _inherited(field, "/Opt")
    if not isinstance(options, ArrayObject):
        return state
    shown = [_option_text(option) for option in options]
    for index, kid in enumerate(_kids(field)[: len(shown)]):
        if state in _on_states(kid) and shown[index].strip():
            return shown[index]
    if state.isdigit() and int(state) < len(shown) and state not in shown:
        return shown[int(state)] if shown[int(state)].strip() else state
    return state


def _option_text(option: Any) -> str:
    option = option.get_object()
    if isinstance(option, ArrayObject) and option:  # [export, shown] as a choice's
        option = option[-1].get_object()
    return str(option)


def _kids(field: DictionaryObject) -> list[DictionaryObject]:
    kids = field.get("/Kids")
    kids = kids.get_object() if kids is not None else None
    if not isinstance(kids, ArrayObject):
        return []
    return [kid for kid in (k.get_object() for k in kids) if isinstance(kid, DictionaryObject)]


def _on_states(widget: DictionaryObject) -> set[str]:
    """The names of a button's on states (its normal appearances other than /Off)."""
    try:
        normal = widget["/AP"].get_object()["/N"].get_object()
        return {str(name)[1:] for name in normal if name != "/Off"}
    except (KeyError, AttributeError, TypeError):
        return set()


def _plain(text: str) -> str:
    """A value as one block's lines: a multi-line text field keeps its lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "; ".join(" ".join(line.split()) for line in lines if line.strip())


def _position(widget: DictionaryObject) -> tuple[float, float]:
    """The widget's top and left edge (points, from the page's lower left)."""
    rect = widget.get("/Rect")
    try:
        x1, y1, x2, y2 = (float(number) for number in rect.get_object())
    except (AttributeError, TypeError, ValueError):
        return 0.0, 0.0
    return max(y1, y2), min(x1, x2)


def _terminal_fields(fields: ArrayObject, depth: int) -> Iterator[DictionaryObject]:
    if depth > _MAX_DEPTH:
        return
    for item in fields:
        field = item.get_object()
        if not isinstance(field, DictionaryObject):
            continue
        kids = field.get("/Kids")
        kids = kids.get_object() if kids is not None else None
        named_kids = isinstance(kids, ArrayObject) and any(
            isinstance(kid.get_object(), DictionaryObject) and "/T" in kid.get_object()
            for kid in kids
        )
        if named_kids:
            yield from _terminal_fields(kids, depth + 1)
        else:
            yield field
