"""Prometheus metrics at /metrics: requests and latency per route template, Neo4j query time.

Each app owns its `CollectorRegistry` (not the process-global one), so several apps in one
process — the test suite starts a few — never register the same metric twice.
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest
from starlette.routing import compile_path
from starlette.types import ASGIApp, Scope

from kgapi.api.middleware.base import ResponseObserver

logger = logging.getLogger(__name__)

# Unmatched paths share one label: a scanner's random URLs must not explode cardinality.
UNMATCHED_ROUTE = "<unmatched>"


class Metrics:
    """The collectors of one app."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "kgapi_http_requests_total",
            "HTTP requests, by method, route template and status code.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "kgapi_http_request_duration_seconds",
            "HTTP request latency, by method and route template.",
            ["method", "route"],
            registry=self.registry,
        )
        self.neo4j_time = Histogram(
            "kgapi_neo4j_query_duration_seconds",
            "Time spent in Neo4j read queries, by query name.",
            ["query"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )

    def observe_query(self, name: str, seconds: float) -> None:
        """A `GraphReader` observer: records one query's duration."""
        self.neo4j_time.labels(query=name or "query").observe(seconds)

    def exposition(self) -> bytes:
        return bytes(generate_latest(self.registry))


class RouteTemplates:
    """Maps a matched request to its full route template (`/api/v1/claims/{claim_id}`).

    FastAPI puts the matched route in `scope["route"]`, but a route of an included router
    keeps its own path there (`/claims/{claim_id}`, without the `/api/v1` prefix). The
    full templates are the OpenAPI document's paths; the longest one that matches the
    request path and ends with the route's own template is it.
    """

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._compiled: list[tuple[re.Pattern[str], str]] | None = None

    def _templates(self) -> list[tuple[re.Pattern[str], str]]:
        if self._compiled is None:  # the routes are complete once requests arrive
            try:
                paths = self.app.openapi().get("paths", {})
            except Exception:  # metrics must never break a request: fall back to own paths
                logger.exception("no OpenAPI document: metrics use routes' own paths")
                paths = {}
            self._compiled = [(compile_path(path)[0], path) for path in paths]
        return self._compiled

    def __call__(self, scope: Scope) -> str:
        route = scope.get("route")
        own = getattr(route, "path_format", None) or getattr(route, "path", None)
        if not own:
            return UNMATCHED_ROUTE
        own = str(own)
        path = str(scope.get("path", ""))
        for regex, template in self._templates():
            if template.endswith(own) and regex.fullmatch(path):
                return template
        return own  # a route outside the OpenAPI document (/metrics, /docs)


class MetricsMiddleware(ResponseObserver):
    """Counts and times every HTTP request under its route template (`/claims/{id}`)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, templates: RouteTemplates) -> None:
        super().__init__(app)
        self.metrics = metrics
        self.templates = templates

    def finished(self, scope: Scope, status: int, seconds: float) -> None:
        route = self.templates(scope)
        method = str(scope.get("method", ""))
        self.metrics.requests.labels(method=method, route=route, status=str(status)).inc()
        self.metrics.latency.labels(method=method, route=route).observe(seconds)


def install_metrics(app: FastAPI) -> Metrics:
    """Create the app's collectors, keep them on `app.state.metrics`, serve /metrics."""
    metrics = Metrics()
    app.state.metrics = metrics
    # Every GraphReader of this app reports its query times here (see deps.get_reader).
    app.state.query_observers = [metrics.observe_query]

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics(request: Request) -> Response:
        return Response(content=metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    return metrics
