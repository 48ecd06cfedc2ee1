"""Who may do what, and how often: API keys with scopes (`keys`) and the rate-limit
specification (`rate_limits`). Pure Python and files: knows nothing of HTTP or Neo4j."""
