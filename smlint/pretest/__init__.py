"""Pre-tests: what every match of a pattern must contain (``requirements``), one index that
tells which of a linter's patterns a post can match (``index``), and where a pattern can
start (``positions``). A pre-test only ever skips work that cannot produce a finding."""
