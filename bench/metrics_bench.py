"""Per-request cost of the HTTP metrics middleware: kgapi's own (commit 9c81640, read with
`git show`) against prometheus-fastapi-instrumentator, on the real app's route table.

ASGI calls on an app that answers at once (no Neo4j, no HTTP): only the middleware's own
work is timed. Run from the checkout: `.venv/bin/python bench/metrics_bench.py`.
"""

from __future__ import annotations

import asyncio
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

from prometheus_fastapi_instrumentator.middleware import PrometheusInstrumentatorMiddleware

from kgapi.api.app import create_app
from kgapi.api.metrics import Metrics
from kgapi.config import Settings

BEFORE = "9c81640"
PATHS = ("/api/v1/claims/claim:x:1-2", "/graphql", "/nowhere")
# What routing leaves in the scope (a route of an included router keeps its own path).
ROUTES = {
    "/api/v1/claims/claim:x:1-2": types.SimpleNamespace(path_format="/claims/{claim_id}"),
    "/graphql": types.SimpleNamespace(path_format="/graphql"),
}


def _old_metrics() -> Any:
    source = subprocess.run(
        ["git", "show", f"{BEFORE}:kgapi/api/metrics.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("kgapi.api.asgi", "kgapi.api.middleware.base")
    path = Path(tempfile.mkdtemp()) / "old_metrics.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("old_metrics", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_metrics"] = module
    spec.loader.exec_module(module)
    return module


async def _answer(scope: Any, receive: Any, send: Any) -> None:
    scope["route"] = ROUTES.get(scope["path"])
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def _receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


async def _send(message: Any) -> None:
    return None


async def _time(app: Any, fastapi_app: Any, path: str, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        scope = {
            "type": "http",
            "method": "GET",
            "path": path,
            "root_path": "",
            "query_string": b"",
            "headers": [],
            "app": fastapi_app,
        }
        await app(scope, _receive, _send)
    return (time.perf_counter() - started) / n * 1e6


async def main() -> None:
    fastapi_app = create_app(Settings(rate_limits="off"))
    old = _old_metrics()
    before, after = old.Metrics(), Metrics()
    variants = {
        "none": _answer,
        "own (before)": old.MetricsMiddleware(
            _answer, metrics=before, templates=old.RouteTemplates(fastapi_app)
        ),
        "instrumentator (after)": PrometheusInstrumentatorMiddleware(
            _answer,
            should_group_status_codes=False,
            registry=after.registry,
            instrumentations=[after.observe_request],
        ),
    }
    for path in PATHS:
        runs: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(7):
            for name, app in variants.items():  # interleaved
                runs[name].append(await _time(app, fastapi_app, path, 2000))
        medians = ", ".join(f"{n}: {statistics.median(r):.1f} µs" for n, r in runs.items())
        print(f"{path}: {medians}")


if __name__ == "__main__":
    asyncio.run(main())
