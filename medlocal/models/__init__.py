"""Model catalog, registry, downloads, imports and fit advice."""
