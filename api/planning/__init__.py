"""GraphQL for closing the gaps: the plan, its candidates and what-if, and accepting it."""
