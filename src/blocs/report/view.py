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
from typing import Any, Optional

import pycountry

from ..graph import blocs as blocs_mod
from ..records import Analysis
from . import layout, tidy
from . import windows as windows_mod
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
    evidence: dict = field(default_factory=dict)  # (doc, sentence) -> evidence dict
    actors: dict = field(default_factory=dict)  # key -> actor dict
    relations: dict = field(default_factory=dict)  # (a, b), a < b -> one tie per pair
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    places: dict = field(default_factory=dict)  # (name, country) -> place dict
    leader_of: dict = field(default_factory=dict)  # person key -> the government or state he leads
    blocs: list[dict] = field(default_factory=list)  # blocs of two or more: {id, members, colour, names}
    unaligned: list[dict] = field(default_factory=list)  # actors with ties in no bloc, and why
    left_out: list[str] = field(default_factory=list)  # place names the analyses took for actors
    place_of: dict = field(default_factory=dict)  # their actor keys -> names
    windows: list[dict] = field(default_factory=list)  # with several articles: blocs per time window
    network_keys: list[str] = field(default_factory=list)
    network_dropped: int = 0
    positions: dict = field(default_factory=dict)  # actor key -> [x, y] in the network drawing

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

    def same_sides(self) -> list[tuple[str, str]]:
        """`blocs.same_side` pairs of the actors shown: the blocs partition holds them together."""
        kinds = {k: (a["type"], a["country"]) for k, a in self.actors.items()}
        return blocs_mod.same_side(kinds, self.leader_of)

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


def _add_actors(view: View, a: Analysis, doc: int, places: set[str]) -> None:
    view.leader_of.update((k, v) for k, v in a.leader_of.items() if k not in places and v not in places)
    for actor in a.actors:
        if actor.key in places:
            if actor.name not in view.left_out:
                view.left_out.append(actor.name)
            view.place_of.setdefault(actor.key, actor.name)
            continue
        merged = view.actors.setdefault(
            actor.key,
            {
                "key": actor.key,
                "name": actor.name,
                "type": actor.type,
                "country": actor.country,
                "mentions": 0,
                "docs": [],
                "bloc": None,
                "best": -1,
                "alone": None,
            },
        )
        merged["mentions"] += actor.mentions
        if doc not in merged["docs"]:
            merged["docs"].append(doc)
        if actor.mentions > merged["best"]:  # the name the most-mentioning article used
            merged.update(
                name=actor.name, type=actor.type, country=actor.country or merged["country"], best=actor.mentions
            )


def _add_relations(view: View, a: Analysis, doc: int, places: set[str]) -> None:
    """One tie per pair of actors, across all analyses: its net polarity and all its evidence."""
    for r in a.relations:
        if not tidy.shown(r, places):
            continue
        key = tidy.pair_key(r.source, r.target)
        rel = view.relations.get(key)
        if rel is None:
            rel = {
                "id": f"rel-{len(view.relations) + 1}",
                "pair": tidy.Pair(r.source, r.target),
                "count": 0,
                "docs": [],
                "evidence": [],
                "evidence_polarity": {},
            }
            view.relations[key] = rel
        rel["pair"].add(r)
        rel["count"] += 1
        if doc not in rel["docs"]:
            rel["docs"].append(doc)
        label = f"{view.name(r.source)} {'→' if r.directed else '–'} {view.name(r.target)} ({r.polarity})"
        for sentence in r.evidence:
            for ev in view.cite(doc, sentence, rel["id"], label):
                if ev not in rel["evidence"]:
                    rel["evidence"].append(ev)
                seen = rel["evidence_polarity"].get(ev)
                rel["evidence_polarity"][ev] = r.polarity if seen in (None, r.polarity) else tidy.EVEN


def _settle_relations(view: View) -> None:
    """The merged pairs' figures as plain data for the page."""
    for rel in view.relations.values():
        pair = rel["pair"]
        rel.update(
            source=pair.source,
            target=pair.target,
            polarity=pair.polarity,
            directed=pair.directed,
            net=pair.net,
            ally=round(pair.ally, 3),
            hostile=round(pair.hostile, 3),
            confidence=pair.confidence,
            weight=abs(pair.net),
        )


def _add_places(view: View, a: Analysis, doc: int) -> dict[str, dict]:
    """Merge this analysis's places; returns them by name for its events."""
    by_name = {}
    for p in a.places:
        if not (math.isfinite(p.lat) and math.isfinite(p.lon)):
            continue  # no position, nothing to draw (and NaN is not JSON)
        place = view.places.setdefault(
            (p.name, p.country),
            {
                "id": f"pl-{len(view.places) + 1}",
                "name": p.name,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "kind": p.kind,
                "mentions": 0,
                "docs": [],
                "events": [],
            },
        )
        place["mentions"] += p.mentions
        if doc not in place["docs"]:
            place["docs"].append(doc)
        by_name[p.name] = place
    return by_name


def _add_events(view: View, a: Analysis, doc: int, places: dict[str, dict], left_out: set[str]) -> None:
    for e in a.events:
        cls = event_class(e.type)
        source, target, place = e.source, e.target, e.place
        if target in left_out:  # a place taken for an actor: where it happened, not to whom
            place = place or view.place_of.get(target, target)
            target = None
        if source in left_out:
            source = None
        item = {
            "id": f"evt-{len(view.events) + 1}",
            "type": e.type,
            "class": cls["key"],
            "class_label": cls["label"],
            "source": source,
            "target": target,
            "source_name": view.name(source),
            "target_name": view.name(target),
            "date": e.date,
            "place": place,
            "place_id": None,
            "doc": doc,
            "confidence": e.confidence,
            "mode": e.mode,
            "trigger": e.trigger,
        }
        label = f"{e.type}: {item['source_name'] or '?'}" + (f" → {item['target_name']}" if target else "")
        item["evidence"] = view.cite(doc, e.evidence, item["id"], label)
        if place and place in places:
            item["place_id"] = places[place]["id"]
            places[place]["events"].append(item["id"])
        view.events.append(item)


def _add_quotes_goals(view: View, a: Analysis, doc: int) -> None:
    for q in a.quotes:
        item: dict[str, Any] = {
            "id": f"quo-{len(view.quotes) + 1}",
            "speaker": q.speaker,
            "speaker_name": view.name(q.speaker),
            "via_name": view.name(q.via),
            "text": _collapse(q.text),
            "direct": q.direct,
            "doc": doc,
        }
        item["evidence"] = view.cite(doc, q.evidence or q.text, item["id"], f"quote: {item['speaker_name'] or '?'}")
        view.quotes.append(item)
    for g in a.goals:
        item = {
            "id": f"goal-{len(view.goals) + 1}",
            "actor": g.actor,
            "actor_name": view.name(g.actor),
            "text": _collapse(g.text),
            "stated": g.stated,
            "doc": doc,
        }
        item["evidence"] = view.cite(doc, g.evidence, item["id"], f"goal: {item['actor_name'] or '?'}")
        view.goals.append(item)


def colour_blocs(found: list, palette: list[str], previous: Optional[list[dict]] = None) -> list[dict]:
    """Blocs of two or more as {id, members, colour}; with `previous` blocs, each takes the colour
    of the one it shares most members with, so a bloc keeps its colour from window to window."""
    out: list[dict] = []
    used: set[str] = set()  # colours taken
    for bloc in found:
        members = list(bloc.members)
        if len(members) < 2:
            continue
        colour = None
        for old in sorted(previous or [], key=lambda o: -len(set(o["members"]) & set(members))):
            if set(old["members"]) & set(members) and old["colour"] not in used:
                colour = old["colour"]
                break
        if colour is None:
            colour = next((c for c in palette if c not in used), palette[len(out) % len(palette)])
        used.add(colour)
        out.append({"id": bloc.id, "members": members, "colour": colour})
    return out


def _blocs(view: View) -> None:
    """Blocs of the ties shown (net per pair, places left out); an actor with ties in no bloc
    of two or more gets the reason written down."""
    pairs = [rel["pair"] for rel in view.relations.values()]
    ranked = sorted(view.actors, key=lambda k: -view.actors[k]["mentions"])
    found = tidy.blocs_of(ranked, pairs, view.same_sides())
    view.blocs = colour_blocs(found, config()["palette"])
    for bloc in view.blocs:
        bloc["names"] = [view.name(m) for m in bloc["members"]]
        for m in bloc["members"]:
            view.actors[m]["bloc"] = bloc["id"]
            view.actors[m]["colour"] = bloc["colour"]
    bloc_of = {m: b["id"] for b in view.blocs for m in b["members"]}
    tied = {k for p in pairs for k in (p.source, p.target)}
    for key in sorted(tied - set(bloc_of), key=lambda k: -view.actors[k]["mentions"]):
        view.actors[key]["alone"] = tidy.why_alone(key, pairs, bloc_of, view.name)
        view.unaligned.append({"key": key, "name": view.name(key), "reason": view.actors[key]["alone"]})


def _network(view: View, max_actors: int) -> None:
    """The actors drawn: those with ties, the most tied first, at most `max_actors`."""
    strength: defaultdict[str, float] = defaultdict(float)
    for rel in view.relations.values():
        for key in (rel["source"], rel["target"]):
            strength[key] += rel["weight"] or rel["confidence"]
    for bloc in view.blocs:
        for m in bloc["members"]:
            strength[m] += 0.0
    ranked = sorted(strength, key=lambda k: (-strength[k], k))
    view.network_keys = ranked[:max_actors]
    view.network_dropped = max(0, len(ranked) - max_actors)


def _times(view: View) -> None:
    """The dates each item belongs to, for the timeline's brush: an event its date; a tie the
    dates of the events between its two actors; with several articles, also their publication dates."""
    published = {d["n"]: d["published"] for d in view.docs} if len(view.docs) > 1 else {}
    by_pair = defaultdict(list)
    for e in view.events:
        e["times"] = [e["date"]] if e["date"] else ([published[e["doc"]]] if published.get(e["doc"]) else [])
        if e["source"] and e["target"] and e["date"]:
            by_pair[tidy.pair_key(e["source"], e["target"])].append(e["date"])
    for key, rel in view.relations.items():
        rel["times"] = sorted(set(by_pair[key]) | {published[d] for d in rel["docs"] if published.get(d)})
    for item in view.quotes + view.goals:
        item["times"] = [published[item["doc"]]] if published.get(item["doc"]) else []
    for place in view.places.values():
        dates = {e["date"] for e in view.events if e["place_id"] == place["id"] and e["date"]}
        place["times"] = sorted(dates | {published[d] for d in place["docs"] if published.get(d)})


def build(analyses: list[Analysis], max_actors: int = 120, window: Optional[str] = None) -> View:
    view = View()
    left_out = [tidy.place_actor_keys(a) for a in analyses]
    for n, a in enumerate(analyses):
        d = a.document
        view.docs.append(
            {"n": n, "id": d.id, "title": d.title or d.id, "published": d.published, "source": d.source, "site": d.site}
        )
        _add_actors(view, a, n, left_out[n])
    for actor in view.actors.values():
        actor["colour"] = config()["unaligned"]
    for n, a in enumerate(analyses):
        _add_relations(view, a, n, left_out[n])
        places = _add_places(view, a, n)
        _add_events(view, a, n, places, left_out[n])
        _add_quotes_goals(view, a, n)
    _settle_relations(view)
    for rel in view.relations.values():
        for end in (rel["source"], rel["target"]):
            view.actors.setdefault(
                end,
                {
                    "key": end,
                    "name": end,
                    "type": "other",
                    "country": None,
                    "mentions": 0,
                    "docs": [],
                    "bloc": None,
                    "best": 0,
                    "alone": None,
                    "colour": config()["unaligned"],
                },
            )
    _blocs(view)
    _network(view, max_actors)
    ties = [{"source": r["source"], "target": r["target"], "polarity": r["polarity"]} for r in view.relations.values()]
    view.positions = layout.positions(view.network_keys, ties, view.blocs)
    view.events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["doc"]))
    _times(view)
    if window and len(analyses) > 1:
        view.windows = windows_mod.by_window(view, analyses, left_out, window)
    return view


def countries(view: View) -> list[str]:
    """World-atlas ids of the countries the articles are about: places' and state actors' countries."""
    codes = {p["country"] for p in view.places.values()}
    codes |= {a["country"] for a in view.actors.values() if a["type"] in ("state", "government")}
    return sorted(filter(None, (numeric_country(c) for c in codes)))


_REL_FIELDS = (
    "id",
    "source",
    "target",
    "polarity",
    "directed",
    "net",
    "ally",
    "hostile",
    "confidence",
    "weight",
    "count",
    "docs",
    "evidence",
    "evidence_polarity",
    "times",
)


def script_data(view: View) -> dict:
    """What report.js needs, as JSON; article text in it is only ever put into the page as text."""
    cfg = config()
    keep = set(view.network_keys)
    return {
        "actors": [
            dict(
                {k: a[k] for k in ("key", "name", "type", "country", "mentions", "bloc", "colour", "alone")},
                position=view.positions.get(a["key"]),
            )
            for a in view.actors.values()
            if a["key"] in keep
        ],
        "relations": [
            {k: r[k] for k in _REL_FIELDS}
            for r in view.relations.values()
            if r["source"] in keep and r["target"] in keep
        ],
        "events": view.events,
        "places": list(view.places.values()),
        "blocs": view.blocs,
        "unaligned": view.unaligned,
        "windows": view.windows,
        "countries": countries(view),
        "docs": view.docs,
        "colours": {
            "polarity": cfg["polarity_colours"],
            "classes": cfg["class_colours"],
            "unaligned": cfg["unaligned"],
        },
        "classes": [{"key": c["key"], "label": c["label"]} for c in cfg["event_classes"]],
    }
