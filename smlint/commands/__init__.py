"""One module per command: check, scan, rules (rule, rules, policies)."""
