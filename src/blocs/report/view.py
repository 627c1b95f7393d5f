"""The report's view model: analyses merged into actors, ties, events, places and evidence.

Every item keeps the ids of its evidence sentences (`ev-N`), and every evidence
sentence the items that cite it, so the page can link both ways. Actors are
joined across analyses by key, as the corpus store joins them.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

import networkx as nx
import numpy as np
import pycountry

from ..graph import blocs as blocs_mod
from ..records import Analysis
from .assets import config

_SPACE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def event_class(event_type: str) -> dict:
    """The PLOVER quad category of an event type (report.yaml)."""
    for cls in config()["event_classes"]:
        if event_type in cls["types"]:
            return cls
    return {"key": "other", "label": "Other", "types": []}


def numeric_country(alpha3: Optional[str]) -> Optional[str]:
    """ISO 3166 numeric code, the id world-atlas gives each country."""
    country = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
    return country.numeric if country else None


@dataclass
class View:
    """Everything the template and the page script need, as plain data."""
    docs: list[dict] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)          # (doc, sentence) -> evidence dict
    actors: dict = field(default_factory=dict)            # key -> actor dict
    relations: dict = field(default_factory=dict)         # (a, b, polarity, directed) -> relation dict
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    places: dict = field(default_factory=dict)            # (name, country) -> place dict
    blocs: list[dict] = field(default_factory=list)
    network_keys: list[str] = field(default_factory=list)
    network_dropped: int = 0
    alone: int = 0                                        # blocs of a single actor, not listed
    positions: dict = field(default_factory=dict)         # actor key -> [x, y] in the network drawing

    # -- evidence --------------------------------------------------------------------------
    def cite(self, doc: int, sentence: Optional[str], anchor: str, label: str) -> list[str]:
        """The id of a sentence's evidence entry (made on first use), noting who cites it."""
        if not sentence or not sentence.strip():
            return []
        text = _collapse(sentence)
        entry = self.evidence.get((doc, text))
        if entry is None:
            entry = {"id": f"ev-{len(self.evidence) + 1}", "doc": doc, "text": text, "cites": []}
            self.evidence[(doc, text)] = entry
        if (anchor, label) not in entry["cites"]:
            entry["cites"].append((anchor, label))
        return [entry["id"]]

    def name(self, key: Optional[str]) -> Optional[str]:
        if key is None:
            return None
        actor = self.actors.get(key)
        return actor["name"] if actor else key

    def evidence_by_doc(self) -> list[tuple[dict, list[dict]]]:
        groups = defaultdict(list)
        for entry in self.evidence.values():
            groups[entry["doc"]].append(entry)
        return [(doc, groups[doc["n"]]) for doc in self.docs if groups[doc["n"]]]


def _add_actors(view: View, a: Analysis, doc: int) -> None:
    for actor in a.actors:
        merged = view.actors.setdefault(actor.key, {
            "key": actor.key, "name": actor.name, "type": actor.type, "country": actor.country,
            "mentions": 0, "docs": [], "bloc": None, "best": -1})
        merged["mentions"] += actor.mentions
        if doc not in merged["docs"]:
            merged["docs"].append(doc)
        if actor.mentions > merged["best"]:  # the name the most-mentioning article used
            merged.update(name=actor.name, type=actor.type, country=actor.country or merged["country"],
                          best=actor.mentions)


def _add_relations(view: View, a: Analysis, doc: int) -> None:
    for r in a.relations:
        ends = (r.source, r.target) if r.directed else tuple(sorted((r.source, r.target)))
        key = (*ends, r.polarity, r.directed)
        rel = view.relations.get(key)
        if rel is None:
            rel = {"id": f"rel-{len(view.relations) + 1}", "source": ends[0], "target": ends[1],
                   "polarity": r.polarity, "directed": r.directed, "confidence": 0.0, "weight": 0.0,
                   "count": 0, "docs": [], "evidence": []}
            view.relations[key] = rel
        rel["count"] += 1
        rel["confidence"] = max(rel["confidence"], r.confidence)
        rel["weight"] += r.weight or r.confidence
        if doc not in rel["docs"]:
            rel["docs"].append(doc)
        label = f"{view.name(ends[0])} {'→' if r.directed else '–'} {view.name(ends[1])} ({r.polarity})"
        for sentence in r.evidence:
            for ev in view.cite(doc, sentence, rel["id"], label):
                if ev not in rel["evidence"]:
                    rel["evidence"].append(ev)


def _add_places(view: View, a: Analysis, doc: int) -> dict[str, dict]:
    """Merge this analysis's places; returns them by name for its events."""
    by_name = {}
    for p in a.places:
        if not (math.isfinite(p.lat) and math.isfinite(p.lon)):
            continue  # no position, nothing to draw (and NaN is not JSON)
        place = view.places.setdefault((p.name, p.country), {
            "id": f"pl-{len(view.places) + 1}", "name": p.name, "country": p.country, "lat": p.lat,
            "lon": p.lon, "kind": p.kind, "mentions": 0, "docs": [], "events": []})
        place["mentions"] += p.mentions
        if doc not in place["docs"]:
            place["docs"].append(doc)
        by_name[p.name] = place
    return by_name


def _add_events(view: View, a: Analysis, doc: int, places: dict[str, dict]) -> None:
    for e in a.events:
        cls = event_class(e.type)
        item = {"id": f"evt-{len(view.events) + 1}", "type": e.type, "class": cls["key"],
                "class_label": cls["label"], "source": e.source, "target": e.target,
                "source_name": view.name(e.source), "target_name": view.name(e.target),
                "date": e.date, "place": e.place, "place_id": None, "doc": doc,
                "confidence": e.confidence, "mode": e.mode, "trigger": e.trigger}
        label = f"{e.type}: {item['source_name'] or '?'}" + (f" → {item['target_name']}" if e.target else "")
        item["evidence"] = view.cite(doc, e.evidence, item["id"], label)
        if e.place and e.place in places:
            item["place_id"] = places[e.place]["id"]
            places[e.place]["events"].append(item["id"])
        view.events.append(item)


def _add_quotes_goals(view: View, a: Analysis, doc: int) -> None:
    for q in a.quotes:
        item = {"id": f"quo-{len(view.quotes) + 1}", "speaker": q.speaker, "speaker_name": view.name(q.speaker),
                "via_name": view.name(q.via), "text": _collapse(q.text), "direct": q.direct, "doc": doc}
        item["evidence"] = view.cite(doc, q.evidence or q.text, item["id"], f"quote: {item['speaker_name'] or '?'}")
        view.quotes.append(item)
    for g in a.goals:
        item = {"id": f"goal-{len(view.goals) + 1}", "actor": g.actor, "actor_name": view.name(g.actor),
                "text": _collapse(g.text), "stated": g.stated, "doc": doc}
        item["evidence"] = view.cite(doc, g.evidence, item["id"], f"goal: {item['actor_name'] or '?'}")
        view.goals.append(item)


def _blocs(view: View, analyses: list[Analysis]) -> None:
    """An analysis's own blocs; for several, the blocs of all their ties together."""
    if len(analyses) == 1:
        found = analyses[0].blocs
    else:
        relations = [r for a in analyses for r in a.relations]
        found = blocs_mod.partition(list(view.actors), relations)
    palette = config()["palette"]
    shared = [b for b in found if len([m for m in b.members if m in view.actors]) > 1]
    view.alone = len(found) - len(shared)  # an actor alone in its bloc is drawn as in none
    for i, bloc in enumerate(shared):
        members = [m for m in bloc.members if m in view.actors]
        colour = palette[i % len(palette)]
        view.blocs.append({"id": bloc.id, "members": members, "colour": colour,
                           "names": [view.name(m) for m in members]})
        for m in members:
            view.actors[m]["bloc"] = bloc.id
            view.actors[m]["colour"] = colour


def _network(view: View, max_actors: int) -> None:
    """The actors drawn: those with ties, the most tied first, at most `max_actors`."""
    strength = defaultdict(float)
    for rel in view.relations.values():
        for key in (rel["source"], rel["target"]):
            strength[key] += rel["weight"] or rel["confidence"]
    for bloc in view.blocs:
        for m in bloc["members"]:
            strength[m] += 0.0
    ranked = sorted(strength, key=lambda k: (-strength[k], k))
    view.network_keys = ranked[:max_actors]
    view.network_dropped = max(0, len(ranked) - max_actors)


# target distances of the network drawing, in units of an ally tie
_DISTANCE = {"ally": 1.0, "bloc": 1.4, "none": 2.2, "hostile": 2.8, "apart": 4.5}


def _stress(target: np.ndarray, seed: int = 7, iterations: int = 200) -> np.ndarray:
    """Points whose distances fit `target`: weighted stress majorization (SMACOF), weights 1/d^2.

    The weights favour short distances, so allies and bloc mates keep their places
    (Gansner, Koren and North, "Graph drawing by stress majorization", 2004).
    """
    n = len(target)
    x = np.random.default_rng(seed).standard_normal((n, 2))
    if n < 2:
        return x * 0.0
    with np.errstate(divide="ignore"):
        w = np.where(target > 0, 1.0 / target ** 2, 0.0)
    v = np.diag(w.sum(1)) - w
    v_pinv = np.linalg.pinv(v)
    for _ in range(iterations):
        d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
        b = -w * target / np.maximum(d, 1e-9)
        np.fill_diagonal(b, 0.0)
        np.fill_diagonal(b, -b.sum(1))
        x = v_pinv @ b @ x
    x -= x.mean(0)
    _, _, axes = np.linalg.svd(x, full_matrices=False)
    return x @ axes.T  # widest spread left to right, to suit a wide box


def _spread(x: np.ndarray, gap: float = 0.8, rounds: int = 50) -> np.ndarray:
    """Push apart points nearer than `gap`, so no two actors sit on each other."""
    for _ in range(rounds):
        diff = x[:, None, :] - x[None, :, :]
        d = np.sqrt((diff ** 2).sum(-1))
        np.fill_diagonal(d, 2 * gap)  # a point never pushes itself
        close = d < gap
        if not close.any():
            break
        push = np.where(close, (gap - d) / np.maximum(d, 1e-6) / 2, 0.0)
        x = x + (diff * push[:, :, None]).sum(1)
    return x


def _layout(view: View, unit: float = 95.0) -> None:
    """Place the drawn actors: allies close, bloc mates near, foes far (networkx has no signed layout).

    Computed here rather than in the page so one analysis always gives the same picture.
    """
    keys = view.network_keys
    if not keys:
        return
    at = {k: i for i, k in enumerate(keys)}
    target = np.full((len(keys), len(keys)), _DISTANCE["none"])
    ties = nx.Graph([(r["source"], r["target"]) for r in view.relations.values()
                     if r["source"] in at and r["target"] in at])
    ties.add_nodes_from(keys)
    component = {k: n for n, comp in enumerate(nx.connected_components(ties)) for k in comp}
    comp = np.array([component[k] for k in keys])
    target[comp[:, None] != comp[None, :]] = _DISTANCE["apart"]  # unconnected conflicts stay apart
    for bloc in view.blocs:
        members = [at[m] for m in bloc["members"] if m in at]
        for i in members:
            target[i, members] = _DISTANCE["bloc"]
    for rel in view.relations.values():
        if rel["source"] in at and rel["target"] in at:
            i, j = at[rel["source"]], at[rel["target"]]
            target[i, j] = target[j, i] = _DISTANCE[rel["polarity"]]
    np.fill_diagonal(target, 0.0)
    xy = _spread(_stress(target))
    view.positions = {k: [round(float(xy[i, 0]) * unit, 1), round(float(xy[i, 1]) * unit, 1)] for k, i in at.items()}


def build(analyses: list[Analysis], max_actors: int = 120) -> View:
    view = View()
    for n, a in enumerate(analyses):
        d = a.document
        view.docs.append({"n": n, "id": d.id, "title": d.title or d.id, "published": d.published,
                          "source": d.source, "site": d.site})
        _add_actors(view, a, n)
    for actor in view.actors.values():
        actor["colour"] = config()["unaligned"]
    for n, a in enumerate(analyses):
        _add_relations(view, a, n)
        places = _add_places(view, a, n)
        _add_events(view, a, n, places)
        _add_quotes_goals(view, a, n)
    for rel in view.relations.values():
        for end in (rel["source"], rel["target"]):
            view.actors.setdefault(end, {"key": end, "name": end, "type": "other", "country": None,
                                         "mentions": 0, "docs": [], "bloc": None, "best": 0,
                                         "colour": config()["unaligned"]})
    _blocs(view, analyses)
    _network(view, max_actors)
    _layout(view)
    view.events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["doc"]))
    return view


def countries(view: View) -> list[str]:
    """World-atlas ids of the countries the articles are about: places' and state actors' countries."""
    codes = {p["country"] for p in view.places.values()}
    codes |= {a["country"] for a in view.actors.values() if a["type"] in ("state", "government")}
    return sorted(filter(None, (numeric_country(c) for c in codes)))


def script_data(view: View) -> dict:
    """What report.js needs, as JSON; article text in it is only ever put into the page as text."""
    cfg = config()
    keep = set(view.network_keys)
    return {
        "actors": [dict({k: a[k] for k in ("key", "name", "type", "country", "mentions", "bloc", "colour")},
                        position=view.positions.get(a["key"]))
                   for a in view.actors.values() if a["key"] in keep],
        "relations": [r for r in view.relations.values() if r["source"] in keep and r["target"] in keep],
        "events": view.events,
        "places": list(view.places.values()),
        "blocs": view.blocs,
        "countries": countries(view),
        "docs": view.docs,
        "colours": {"polarity": cfg["polarity_colours"], "classes": cfg["class_colours"],
                    "unaligned": cfg["unaligned"]},
        "classes": [{"key": c["key"], "label": c["label"]} for c in cfg["event_classes"]],
    }
