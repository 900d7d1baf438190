"""Typed entities of the graph: territories, bodies, people, records and regulations."""
