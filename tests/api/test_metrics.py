"""/metrics over real HTTP: per-route-template counts and latency, Neo4j query time."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.helpers import LiveServer, serve_app


def _samples(client: httpx.Client) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(
    samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_per_route_template_not_raw_path(api: httpx.Client) -> None:
    before = _samples(api)
    for claim_id in ("claim:nope:1-2", "claim:nope:3-4"):
        api.get(f"/api/v1/claims/{claim_id}")
    after = _samples(api)
    labels = {"method": "GET", "route": "/api/v1/claims/{claim_id}", "status": "404"}
    assert (
        _value(after, "kgapi_http_requests_total", **labels)
        - _value(before, "kgapi_http_requests_total", **labels)
        == 2
    )
    assert "claim:nope" not in api.get("/metrics").text  # ids never become labels


def test_graphql_requests_are_counted_under_their_route(api: httpx.Client) -> None:
    before = _samples(api)
    api.post("/graphql", json={"query": "{ __typename }"})
    after = _samples(api)
    labels = {"method": "POST", "route": "/graphql", "status": "200"}
    assert (
        _value(after, "kgapi_http_requests_total", **labels)
        - _value(before, "kgapi_http_requests_total", **labels)
        == 1
    )


def test_unmatched_paths_share_one_label(api: httpx.Client) -> None:
    api.get("/scanner/probe-12345")
    text = api.get("/metrics").text
    assert "probe-12345" not in text
    assert 'route="<unmatched>"' in text


def test_latency_histogram_has_buckets_per_route(api: httpx.Client) -> None:
    api.get("/health")
    samples = _samples(api)
    count = _value(
        samples, "kgapi_http_request_duration_seconds_count", method="GET", route="/health"
    )
    inf = _value(
        samples,
        "kgapi_http_request_duration_seconds_bucket",
        method="GET",
        route="/health",
        le="+Inf",
    )
    assert count >= 1 and inf == count


def test_neo4j_query_time_is_observed(api: httpx.Client) -> None:
    def total(samples: dict[tuple[str, frozenset[tuple[str, str]]], float]) -> float:
        return sum(
            v
            for (name, _), v in samples.items()
            if name == "kgapi_neo4j_query_duration_seconds_count"
        )

    before = total(_samples(api))
    assert api.get("/api/v1/claims", params={"speaker": "Blinken"}).status_code == 200
    assert total(_samples(api)) > before


def test_each_app_has_its_own_registry(live_server: LiveServer, api: httpx.Client) -> None:
    api.get("/health")
    with serve_app(live_server.settings) as server, server.client() as other:
        fresh = _samples(other)
    labels = {"method": "GET", "route": "/health", "status": "200"}
    assert _value(fresh, "kgapi_http_requests_total", **labels) == 0
    assert _value(_samples(api), "kgapi_http_requests_total", **labels) >= 1
