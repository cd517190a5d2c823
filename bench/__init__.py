"""Benchmarks that print numbers (JSON); never timed assertions."""
