"""GraphiQL served from the app itself: no CDN, so it works on closed networks.

The assets (React 18 and GraphiQL 3 UMD builds) are installed from the npm registry
into `graphiql/node_modules` by `npm ci --prefix kgapi/api/graphql/graphiql`; versions
are pinned in `graphiql/package.json` + `package-lock.json`. Only the files named in
`ASSETS` are ever served, so no request path reaches the filesystem.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from string import Template

from fastapi import HTTPException
from starlette.responses import FileResponse, HTMLResponse

HERE = Path(__file__).parent / "graphiql"
NODE_MODULES = HERE / "node_modules"
INSTALL_COMMAND = "npm ci --prefix kgapi/api/graphql/graphiql"

# The headline question, preloaded in the editor (README's first example too).
DEFAULT_QUERY = """\
{ claims(speaker: "Blinken", about: "Ukraine") {
    totalCount
    edges { node { text kind speaker { name } about { name } article { title } } } } }
"""

# URL name -> (file, media type). Vendor files come from node_modules, the boot script is ours.
ASSETS: dict[str, tuple[Path, str]] = {
    "react.production.min.js": (
        NODE_MODULES / "react/umd/react.production.min.js",
        "text/javascript",
    ),
    "react-dom.production.min.js": (
        NODE_MODULES / "react-dom/umd/react-dom.production.min.js",
        "text/javascript",
    ),
    "graphiql.min.js": (NODE_MODULES / "graphiql/graphiql.min.js", "text/javascript"),
    "graphiql.min.css": (NODE_MODULES / "graphiql/graphiql.min.css", "text/css"),
    "kgapi-graphiql.js": (HERE / "kgapi-graphiql.js", "text/javascript"),
}


def missing_assets() -> list[Path]:
    """Asset files that are not installed (empty when GraphiQL can load)."""
    return [path for path, _ in ASSETS.values() if not path.is_file()]


def _json_for_script(value: object) -> str:
    # `<` escaped so no value can close the <script> element it is embedded in.
    return json.dumps(value).replace("<", "\\u003c")


def render_page(endpoint: str) -> HTMLResponse:
    """The GraphiQL page for `endpoint`, or a page saying how to install missing assets (503)."""
    missing = missing_assets()
    if missing:
        items = "".join(f"<li><code>{escape(str(path))}</code></li>" for path in missing)
        html = Template((HERE / "missing.html").read_text(encoding="utf-8")).substitute(
            missing=items, command=escape(INSTALL_COMMAND)
        )
        return HTMLResponse(html, status_code=503)
    config = {"endpoint": endpoint, "defaultQuery": DEFAULT_QUERY}
    html = Template((HERE / "page.html").read_text(encoding="utf-8")).substitute(
        static=escape(endpoint.rstrip("/") + "/static", quote=True),
        config=_json_for_script(config),
    )
    return HTMLResponse(html)


async def serve_asset(name: str) -> FileResponse:
    """One of the IDE's static files, by its name in `ASSETS`."""
    entry = ASSETS.get(name)
    if entry is None:
        raise HTTPException(404, f"No GraphiQL asset named {name!r}.")
    path, media_type = entry
    if not path.is_file():
        raise HTTPException(
            404, f"GraphiQL asset {name!r} is not installed: run `{INSTALL_COMMAND}`."
        )
    return FileResponse(
        path,
        media_type=media_type,
        headers={"Cache-Control": "public, max-age=3600"},
    )
