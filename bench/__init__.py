"""Benchmarks: load and question speed at district, region and nation scale (issue 7)."""
