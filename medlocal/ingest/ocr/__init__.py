"""Offline OCR for scanned pages and photos: engine, image decoding, layout, page assembly."""
