"""Write the report: one self-contained HTML file (Jinja2 template, autoescaped).

Article text reaches the page only through autoescaped template fields or as JSON
in a <script type="application/json"> block with <, > and & escaped, and the
page script puts it into the document as text, never as HTML.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Optional

import jinja2

from .. import __version__
from ..records import Analysis
from . import assets as assets_mod
from . import view as view_mod

TEMPLATES = Path(__file__).parent / "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _title(view: view_mod.View, title: Optional[str]) -> str:
    if title:
        return title
    if len(view.docs) == 1:
        return view.docs[0]["title"]
    return f"{len(view.docs)} articles"


def _period(view: view_mod.View) -> Optional[str]:
    dates = sorted(d["published"] for d in view.docs if d["published"])
    if not dates:
        return None
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def colour_css(cfg: dict) -> str:
    """Colour classes for the palette, the event classes and the ties: the page sets colours by
    class, never by a style attribute, which the Content-Security-Policy would refuse."""
    rules = [f".pal-{i} {{ --chip: {c}; }}" for i, c in enumerate(cfg["palette"])]
    rules.append(f".pal-none {{ --chip: {cfg['unaligned']}; }}")
    rules += [f".cls-{k} {{ --dot: {c}; }}" for k, c in cfg["class_colours"].items()]
    rules.append(".cls-other, .cls-none { --dot: #5b6577; }")
    rules += [f".pol-{k} {{ --pol: {c}; }}" for k, c in cfg["polarity_colours"].items()]
    return "\n".join(rules)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script_bodies: list[str], css: str) -> str:
    """Nothing may load or run but this file's own scripts and style, each named by its hash.

    The JSON blocks (type application/json) never run, so they need no hash; images are
    only the data: favicon; no frame-ancestors (a <meta> policy cannot carry it)."""
    scripts = " ".join(_hash(body) for body in script_bodies)
    return (
        f"default-src 'none'; script-src {scripts}; style-src {_hash(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def render(
    analyses: list[Analysis],
    title: Optional[str] = None,
    max_actors: int = 120,
    assets: Optional[assets_mod.Assets] = None,
    window: str = "month",
) -> str:
    """The whole report as one HTML string."""
    view = view_mod.build(analyses, max_actors=max_actors, window=window)
    assets = assets if assets is not None else assets_mod.load()
    cfg = assets_mod.config()
    text_of = {e["id"]: e["text"] for e in view.evidence.values()}

    def distinct(ids: list[str], n: int = 3) -> list[str]:
        """The first `n` evidence ids with different sentences (a corpus repeats wire copy)."""
        seen, out = set(), []
        for ev in ids:
            if text_of[ev] not in seen:
                seen.add(text_of[ev])
                out.append(ev)
        return out[:n]

    css = (TEMPLATES / "report.css").read_text(encoding="utf-8") + "\n" + colour_css(cfg)
    bodies = [
        f"/* {lib.package} {lib.version} ({lib.licence}), inlined from npm */\n{lib.text}\n" for lib in assets.scripts
    ]
    bodies.append("\n" + assets_mod.script_safe((TEMPLATES / "report.js").read_text(encoding="utf-8")))
    template = _environment().get_template("report.html")
    return template.render(
        title=_title(view, title),
        period=_period(view),
        version=__version__,
        view=view,
        relations=sorted(view.relations.values(), key=lambda r: -abs(r["net"])),
        actors=sorted(view.actors.values(), key=lambda a: -a["mentions"]),
        places=sorted(view.places.values(), key=lambda p: -p["mentions"]),
        evidence_groups=view.evidence_by_doc(),
        window=window,
        palette=cfg["palette"],
        evidence_text=text_of,
        distinct=distinct,
        classes=cfg["event_classes"],
        polarity=cfg["polarity_colours"],
        css=css,
        script_bodies=bodies,
        csp=content_security_policy(bodies, css),
        data_json=assets_mod.json_for_script(view_mod.script_data(view)),
        world=assets.world,
        missing=assets.missing,
        credits=assets.credits,
    )


def write(analyses: list[Analysis], output: Path, **options) -> assets_mod.Assets:
    """Render and write the report; returns the assets used, so the caller can say what was missing."""
    assets = options.pop("assets", None) or assets_mod.load()
    html = render(analyses, assets=assets, **options)
    Path(output).write_text(html, encoding="utf-8")
    return assets
