"""Rule data: the catalog, policy packs and lexicons in rules/, loaded and validated."""
