"""One extractor per format; each turns a file's bytes into an ExtractedDocument in memory."""
