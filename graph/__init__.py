"""Methodnet: the graph of a region's system of methodological support (РСНМС)."""

__version__ = "0.1.0"
