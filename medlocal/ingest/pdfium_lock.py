"""One lock for every PDFium call in the process.

PDFium is not thread-safe, not even across documents, and two threads use it: an import
rendering scanned pages for OCR and the window's sources panel rendering a cited page. Kept in a
module of its own so the window can take it without importing the OCR stack.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
