"""Benchmarks: the service against the floor of its own stack, side by side in one run."""
