"""The third-party files a report inlines, read from node_modules at write time.

They come from npm (`make install` runs `npm ci` on the repo's package.json), so
nothing third-party is copied into the repository; when they are missing the
report is still written, without the network and map.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .. import datafiles

CONFIG_PATH = Path(__file__).parent / "report.yaml"
ENV_VAR = "BLOCS_NODE_MODULES"


@lru_cache(maxsize=1)
def config() -> dict:
    return datafiles.read(CONFIG_PATH)


@dataclass
class Library:
    package: str
    version: str
    licence: str
    text: str


@dataclass
class Assets:
    scripts: list[Library] = field(default_factory=list)
    world: Optional[Library] = None
    missing: list[str] = field(default_factory=list)

    @property
    def credits(self) -> list[Library]:
        return self.scripts + ([self.world] if self.world else [])


def node_modules() -> Optional[Path]:
    """$BLOCS_NODE_MODULES, else the first node_modules above this package (the repository of an
    editable install), else above the working directory."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    for base in (*Path(__file__).resolve().parents, Path.cwd(), *Path.cwd().parents):
        candidate = base / "node_modules"
        if (candidate / "cytoscape").is_dir():
            return candidate
    return None


def script_safe(text: str) -> str:
    """Text that cannot end or comment out the <script> element it is inlined into."""
    return re.sub(r"<(/script|!--)", r"<\\\1", text, flags=re.IGNORECASE)


def json_for_script(data) -> str:
    """JSON that is safe inside <script>: ASCII only, and no <, > or & that HTML could read."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _read(root: Optional[Path], entry: dict) -> Optional[Library]:
    """One package's file as inlinable text (JSON re-encoded safely), or None when absent."""
    if root is None:
        return None
    pkg_dir = root / entry["package"]
    try:
        text = (pkg_dir / entry["file"]).read_text(encoding="utf-8")
        version = json.loads((pkg_dir / "package.json").read_text(encoding="utf-8"))["version"]
        text = json_for_script(json.loads(text)) if entry["file"].endswith(".json") else script_safe(text)
    except (OSError, ValueError, KeyError):
        return None
    return Library(entry["package"], version, entry["licence"], text)


def load() -> Assets:
    """Every configured library and the world outline; what could not be read goes to `missing`."""
    root = node_modules()
    assets = Assets()
    for entry in config()["assets"]["scripts"]:
        lib = _read(root, entry)
        if lib:
            assets.scripts.append(lib)
        else:
            assets.missing.append(entry["package"])
    world_entry = config()["assets"]["world"]
    assets.world = _read(root, world_entry)
    if assets.world is None:
        assets.missing.append(world_entry["package"])
    return assets
