"""Pre-tests: what a pattern's matches must contain, and which patterns a post can match."""
