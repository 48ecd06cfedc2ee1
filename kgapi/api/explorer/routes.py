"""Routes of the explorer: the page (`/`, `/explore`) and its files (`/explore/static/…`).

Only the files named in `vendor.json` (npm libraries) and in `OWN_ASSETS` (the page's
own scripts and styles, in `static/`) are ever served: no request path reaches the
filesystem. Libraries come from the wheel's `explorer/vendor/` (copied there by
`hatch_build.py`) or, in a checkout, from `node_modules/` (`npm ci`).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from string import Template

from fastapi import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from kgapi.api.graphql.ide import INSTALL_COMMAND, node_modules_candidates

HERE = Path(__file__).parent
STATIC = HERE / "static"
BUNDLED = HERE / "vendor"  # filled by the wheel build only
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}
VENDOR_ASSETS: dict[str, str] = json.loads((HERE / "vendor.json").read_text("utf-8"))["assets"]
OWN_ASSETS = ("queries.js", "explorer.js", "explorer.css")
PAGES = ("/", "/explore")
STATIC_PATH = "/explore/static"


def _node_modules() -> Path:
    candidates = node_modules_candidates()
    first = next(iter(VENDOR_ASSETS.values()))
    for candidate in candidates:
        if (candidate / first).is_file():
            return candidate
    return candidates[0]


def asset_files() -> dict[str, Path]:
    """Every servable file: URL name -> path (the wheel's bundled copies when complete)."""
    bundled = {name: BUNDLED / name for name in VENDOR_ASSETS}
    if not all(path.is_file() for path in bundled.values()):
        modules = _node_modules()
        bundled = {name: modules / relative for name, relative in VENDOR_ASSETS.items()}
    return {**bundled, **{name: STATIC / name for name in OWN_ASSETS}}


def render_page() -> HTMLResponse:
    """The explorer page, or a page naming the missing files and the command (503)."""
    missing = [path for path in asset_files().values() if not path.is_file()]
    if missing:
        items = "".join(f"<li><code>{escape(str(path))}</code></li>" for path in missing)
        html = Template((STATIC / "missing.html").read_text("utf-8")).substitute(
            missing=items, command=escape(INSTALL_COMMAND)
        )
        return HTMLResponse(html, status_code=503)
    html = Template((STATIC / "page.html").read_text("utf-8")).substitute(static=STATIC_PATH)
    return HTMLResponse(html)


async def _page(request: Request) -> Response:
    return render_page()


async def _asset(request: Request) -> Response:
    name = request.path_params["name"]
    path = asset_files().get(name)
    if path is None:
        raise HTTPException(404, f"No explorer file named {name!r}.")
    if not path.is_file():
        raise HTTPException(
            404, f"Explorer file {name!r} is not installed: run `{INSTALL_COMMAND}`."
        )
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[path.suffix],
        headers={"Cache-Control": "public, max-age=3600"},
    )


def explorer_routes() -> list[BaseRoute]:
    """The explorer's page and files, as routes for the app."""
    return [
        *(Route(path, _page, methods=["GET"], include_in_schema=False) for path in PAGES),
        Route(f"{STATIC_PATH}/{{name}}", _asset, methods=["GET"], include_in_schema=False),
    ]
