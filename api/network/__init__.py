"""Questions 5–8 in GraphQL: duty compliance, paths and structure, network analysis, search."""
