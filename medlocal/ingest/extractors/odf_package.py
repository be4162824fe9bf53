"""Opening an OpenDocument file (text .odt, spreadsheet .ods) for odfpy: the zip checked
(zipped.py), a password-protected file told (its manifest says its parts are encrypted), a file
of another OpenDocument kind told, and every XML part checked before odfpy parses it.

odfpy's loader, on XML it cannot parse, prints the whole part (the document's text) to standard
output and goes on with what it read before the fault: a damaged file would be imported cut
short, and its content written to a terminal or a log. So each part is parsed here first, with
defusedxml's parser (no entity expansion, no DTD) and namespaces on, as odfpy reads them; a file
with a part that does not parse is damaged, and odfpy is never handed it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any
from xml.sax import handler

from defusedxml.sax import make_parser
from odf.opendocument import load

from medlocal.ingest.errors import CorruptFileError, EncryptedDocumentError
from medlocal.ingest.extractors.zipped import ZipKind, ZipLimits, check_zip_container

log = logging.getLogger(__name__)

_MANIFEST = "META-INF/manifest.xml"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ROW = (_TABLE, "table-row")
_ROW_GROUPS = {(_TABLE, "table-row-group"), (_TABLE, "table-header-rows"), (_TABLE, "table-rows")}


def open_odf(
    data: bytes,
    file_name: str,
    kind: ZipKind,
    mimetype: bytes,
    other_kind: str,
    limits: ZipLimits | None = None,
) -> Any:
    """The odfpy document of ``data``, a ``kind`` file whose stored mimetype is ``mimetype``;
    ``other_kind``: what a file of another OpenDocument kind is told."""
    damaged = CorruptFileError(file_name, f"damaged {kind.named} that cannot be read")
    with check_zip_container(data, file_name, kind, limits) as archive:
        names = set(archive.namelist())
        stored = archive.read("mimetype").strip() if "mimetype" in names else b""
        manifest = archive.read(_MANIFEST) if _MANIFEST in names else b""
        if b"encryption-data" in manifest:
            locked = f"password-protected {kind.named}; {kind.unlock}"
            raise EncryptedDocumentError(file_name, locked)
        if stored and stored != mimetype:
            raise CorruptFileError(file_name, other_kind)
        for name in sorted(names):
            if name.endswith(".xml") and not _parses(archive.read(name)):
                raise damaged
    try:
        return load(io.BytesIO(data))
    except Exception as err:  # odfpy raises many types on parts it cannot make sense of
        log.debug("%s could not be read: %s", kind.named, type(err).__name__)
        raise damaged from None


def _parses(part: bytes) -> bool:
    parser = make_parser()
    parser.setFeature(handler.feature_namespaces, 1)
    parser.setContentHandler(handler.ContentHandler())
    try:
        parser.parse(io.BytesIO(part))
    except Exception:  # malformed XML, forbidden entities or DTD, an unbound prefix
        return False
    return True


def children(element: Any, qnames: set[tuple[str, str]]) -> Iterator[Any]:
    """The child elements of an odfpy ``element`` named one of ``qnames``."""
    for child in element.childNodes:
        if child.nodeType == child.ELEMENT_NODE and child.qname in qnames:
            yield child


def table_rows(table: Any) -> Iterator[Any]:
    """A table's rows (a text's table or a spreadsheet's sheet), also inside its header rows
    and row groups; not a nested table's."""
    for child in table.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname == _ROW:
            yield child
        elif child.qname in _ROW_GROUPS:
            yield from table_rows(child)
