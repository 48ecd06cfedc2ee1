"""Prometheus metrics at /metrics: requests and latency per route template, Neo4j query time.

The HTTP metrics are recorded by prometheus-fastapi-instrumentator's middleware, which finds
each request's route template (`/api/v1/claims/{claim_id}`, never the raw path) among the
app's routes, included routers too; kgapi only names the metrics and labels them as it
always has (`kgapi_http_requests_total{method,route,status}`,
`kgapi_http_request_duration_seconds{method,route}`), with one `route="<unmatched>"` for
every path no route matches.

Each app owns its `CollectorRegistry` (not the process-global one), so several apps in one
process — the test suite starts a few — never register the same metric twice.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest
from prometheus_fastapi_instrumentator.metrics import Info
from prometheus_fastapi_instrumentator.middleware import PrometheusInstrumentatorMiddleware
from starlette.routing import compile_path

# Unmatched paths share one label: a scanner's random URLs must not explode cardinality.
UNMATCHED_ROUTE = "<unmatched>"
# What the instrumentator calls a request no route template matches.
_INSTRUMENTATOR_UNMATCHED = "none"


@lru_cache(maxsize=1024)
def route_label(template: str) -> str:
    """A route template as the label shows it: without path converters, as OpenAPI writes
    it (`/claims/{claim_id}`, not `/claims/{claim_id:path}`). One entry per route."""
    if template == _INSTRUMENTATOR_UNMATCHED:
        return UNMATCHED_ROUTE
    return compile_path(template)[1]


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

    def observe_request(self, info: Info) -> None:
        """The instrumentator's callback: one finished HTTP request under its route template."""
        route = route_label(info.modified_handler)
        method = info.method
        self.requests.labels(method=method, route=route, status=info.modified_status).inc()
        self.latency.labels(method=method, route=route).observe(info.modified_duration)

    def install_middleware(self, app: FastAPI) -> None:
        """Add the middleware that counts and times every HTTP request of `app`."""
        app.add_middleware(
            PrometheusInstrumentatorMiddleware,
            should_group_status_codes=False,  # "404", not "4xx"
            should_group_untemplated=True,  # one label for every unmatched path
            registry=self.registry,
            instrumentations=[self.observe_request],
        )

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return bytes(generate_latest(self.registry))


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
