"""The coordinator's screen: network views (vis-network, laid out by networkx) and the dashboard.

The design named pyvis; the pages use vis-network, the library pyvis wraps, directly through our
own template, because pyvis's templates fetch vis-network from a CDN, its select and filter
menus garble Cyrillic, and its ``add_node`` slows down on large graphs (see ``viz/page.py``).
"""
