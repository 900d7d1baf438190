"""The coordination questions: support of low-results schools, gaps, load, indicators."""
