"""`kgapi serve`: run the API under uvicorn."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, envvar="KGAPI_HOST")
@click.option("--port", default=8000, show_default=True, envvar="KGAPI_PORT", type=int)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, reload: bool) -> None:
    """Serve the REST and GraphQL API (GraphiQL at /graphql, OpenAPI at /docs)."""
    import uvicorn

    uvicorn.run("kgapi.api.app:create_app", factory=True, host=host, port=port, reload=reload)
