"""The coordinator's screen: network views and the dashboard (pyvis)."""
