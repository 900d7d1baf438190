"""The GraphQL API (strawberry on FastAPI): it translates requests to the query layer."""
