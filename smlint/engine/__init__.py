"""The engine: the linter that runs the checks over a post's analysis."""
