"""Build hook: the browser assets go into the wheel, so an installed kgapi serves GraphiQL and
the explorer.

The assets are the npm packages `package.json` + `package-lock.json` pin (React, GraphiQL;
Cytoscape.js, Chart.js, graphql-ws). Building a wheel runs `npm ci --omit=dev
--ignore-scripts` in a scratch directory and copies the files each manifest names
(`kgapi/api/graphql/graphiql/vendor.json`, `kgapi/api/explorer/vendor.json`), with each
package's LICENSE, into the `vendor/` directory beside that manifest in the wheel. Node is needed here, at build time, and
never at run time. `KGAPI_NODE_MODULES=/path/to/node_modules` uses one that `npm ci` already
made (the Dockerfile's Node stage); either way every copied package must be the version
`package-lock.json` pins, or the build stops.

Editable installs (`make install`) skip this: they serve the checkout's own node_modules/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# (manifest, directory of the wheel its files go to)
MANIFESTS = (
    ("kgapi/api/graphql/graphiql/vendor.json", "kgapi/api/graphql/graphiql/vendor"),
    ("kgapi/api/explorer/vendor.json", "kgapi/api/explorer/vendor"),
)
LICENSE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt")
NPM_FILES = ("package.json", "package-lock.json")


class GraphiQLAssetsHook(BuildHookInterface):
    """Puts the pinned browser builds (GraphiQL, the explorer's libraries) and their licences
    into the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._scratch = Path(tempfile.mkdtemp(prefix="kgapi-graphiql-"))
        modules = os.environ.get("KGAPI_NODE_MODULES")
        node_modules = Path(modules) if modules else self._npm_ci(self._scratch)
        root = Path(self.root)
        locked = json.loads((root / "package-lock.json").read_text("utf-8"))["packages"]
        include = build_data["force_include"]
        every_package: set[str] = set()
        for manifest, vendor in MANIFESTS:
            assets: dict[str, str] = json.loads((root / manifest).read_text("utf-8"))["assets"]
            packages = sorted({relative.split("/")[0] for relative in assets.values()})
            for package in packages:
                _check_locked_version(node_modules / package, locked[f"node_modules/{package}"])
            for name, relative in assets.items():
                include[str(_existing(node_modules / relative))] = f"{vendor}/{name}"
            for package in packages:
                include[str(_license(node_modules / package))] = (
                    f"{vendor}/licenses/{package}.LICENSE"
                )
            every_package.update(packages)
        self.app.display_info(
            f"browser assets from {node_modules}: {', '.join(sorted(every_package))}"
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    def _npm_ci(self, scratch: Path) -> Path:
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                "building kgapi's wheel needs npm (Node.js): the browser assets are "
                "installed by `npm ci` at build time. Install Node.js, or set "
                "KGAPI_NODE_MODULES to a node_modules/ made by `npm ci --omit=dev`."
            )
        for name in NPM_FILES:
            shutil.copy2(Path(self.root) / name, scratch / name)
        self.app.display_info("npm ci --omit=dev (the browser assets)")
        subprocess.run(
            [
                npm,
                "ci",
                "--omit=dev",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
            ],
            cwd=scratch,
            check=True,
        )
        return scratch / "node_modules"


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise RuntimeError(f"browser asset missing after npm ci: {path}")
    return path


def _license(package_dir: Path) -> Path:
    for name in LICENSE_NAMES:
        if (package_dir / name).is_file():
            return package_dir / name
    raise RuntimeError(f"no licence file in {package_dir} (looked for {', '.join(LICENSE_NAMES)})")


def _check_locked_version(package_dir: Path, locked: dict[str, Any]) -> None:
    manifest = package_dir / "package.json"
    installed = json.loads(manifest.read_text("utf-8"))["version"] if manifest.is_file() else None
    if installed != locked["version"]:
        raise RuntimeError(
            f"{package_dir} is version {installed}, package-lock.json pins "
            f"{locked['version']}: run `npm ci --omit=dev` again."
        )
