"""GraphiQL served from the app itself: no CDN, so it works on closed networks.

The assets (React 18 and GraphiQL 3 UMD builds, versions pinned in `package.json` +
`package-lock.json`) come from one of two places:
- an installed wheel carries them in `graphiql/vendor/`, copied there at build time by
  `hatch_build.py` (Node runs at build time only, never at run time);
- a checkout (editable install, `make install`) reads them from its `node_modules/`, which
  `npm ci` fills.
`graphiql/vendor.json` names the files, for both. Only the files named there are ever
served, so no request path reaches the filesystem.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from string import Template

from fastapi import HTTPException
from starlette.responses import FileResponse, HTMLResponse

HERE = Path(__file__).parent / "graphiql"
# Filled by the wheel build only; absent from a checkout.
BUNDLED = HERE / "vendor"
INSTALL_COMMAND = "npm ci --omit=dev"
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}


def node_modules_candidates() -> list[Path]:
    """Where `npm ci` may have put node_modules: the checkout this package runs from
    (editable installs, CI), else the working directory."""
    return [Path(__file__).resolve().parents[3] / "node_modules", Path.cwd() / "node_modules"]


def node_modules() -> Path:
    """The first candidate holding GraphiQL, else the first (named in the install hint)."""
    candidates = node_modules_candidates()
    for candidate in candidates:
        if (candidate / "graphiql/graphiql.min.js").is_file():
            return candidate
    return candidates[0]


# The headline question, preloaded in the editor (README's first example too).
DEFAULT_QUERY = """\
# Blinken's statements about Ukraine, each with its article.
# Run it with ▶ or Ctrl-Enter.
{
  claims(speaker: "Blinken", about: "Ukraine") {
    totalCount
    edges {
      node {
        text
        kind
        speaker { name }
        about { name }
        article { title }
      }
    }
  }
}
"""

# URL name -> file under node_modules/ (the wheel's vendor/ holds it under the URL name).
VENDOR_ASSETS: dict[str, str] = json.loads((HERE / "vendor.json").read_text("utf-8"))["assets"]
# URL name -> file under HERE.
OWN_ASSETS: dict[str, str] = {"kgapi-graphiql.js": "kgapi-graphiql.js"}


def vendor_files() -> dict[str, Path]:
    """GraphiQL's and React's files: the wheel's bundled copies when they are all there,
    else the checkout's node_modules/."""
    bundled = {name: BUNDLED / name for name in VENDOR_ASSETS}
    if all(path.is_file() for path in bundled.values()):
        return bundled
    modules = node_modules()
    return {name: modules / relative for name, relative in VENDOR_ASSETS.items()}


def asset_files() -> dict[str, tuple[Path, str]]:
    """Every servable asset: URL name -> (file, media type)."""
    files = vendor_files()
    files.update({name: HERE / relative for name, relative in OWN_ASSETS.items()})
    return {name: (path, MEDIA_TYPES[path.suffix]) for name, path in files.items()}


def missing_assets() -> list[Path]:
    """Asset files that are not installed (empty when GraphiQL can load)."""
    return [path for path, _ in asset_files().values() if not path.is_file()]


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
    entry = asset_files().get(name)
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
