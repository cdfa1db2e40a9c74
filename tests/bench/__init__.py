"""Benchmark harness (``make bench``): corpus generator, naive stack and stage modules."""
