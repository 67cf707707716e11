"""Benchmarks and the synthetic corpora they run on."""
