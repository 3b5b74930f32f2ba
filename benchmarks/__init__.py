"""Benchmarks: mathforml against the industrial references, as ratios in one run."""
