"""The scoring rules of FORMAT.md behind `blocs eval`: an analysis against a blocs-gold/1 file.

Each area gets recall over required gold items and precision over analysis
items; `overall` is the mean F1 over the areas the article asks something of.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import BlocsError

_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
SEMANTIC_AREAS = ("actors", "relations", "places", "events", "quotes", "goals", "stance")


def collapse(s: Optional[str]) -> str:
    return re.sub(r"\s+", " ", (s or "").translate(_STRAIGHT))


def norm(s: Optional[str]) -> str:
    return collapse(s).strip().lower()


def tokens(s: Optional[str]) -> list[str]:
    return re.findall(r"[\w']+", norm(s))


def overlap(a: str, b: str) -> float:
    sa, sb = set(tokens(a)), set(tokens(b))
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def same_text(a: str, b: str, threshold: float = 0.7) -> bool:
    na, nb = norm(a), norm(b)
    return bool(na and nb) and (na in nb or nb in na or overlap(a, b) >= threshold)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def _km(p: Optional[dict], g: Optional[dict]) -> Optional[float]:
    if p is None or g is None:
        return None
    try:
        return distance_km(float(p["lat"]), float(p["lon"]), float(g["lat"]), float(g["lon"]))
    except (KeyError, TypeError, ValueError):
        return None


@dataclass
class Tally:
    required: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    missed: list = field(default_factory=list)

    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    def precision(self) -> float:
        if self.predicted:
            return self.correct / self.predicted
        return 1.0 if self.required == 0 else 0.0

    def f1(self) -> float:
        r, p = self.recall(), self.precision()
        return 2 * r * p / (r + p) if r + p else 0.0

    def row(self) -> dict:
        return {
            "recall": round(self.recall(), 3),
            "precision": round(self.precision(), 3),
            "f1": round(self.f1(), 3),
            "required": self.required,
            "found": self.found,
            "predicted": self.predicted,
            "correct": self.correct,
            "missed": self.missed,
        }


REGION_KM = 250  # a region (Tigray, the Sahel) is matched by a point within this distance
COUNTRY_KM = 500


def _limit(gold_place: Optional[dict]) -> int:
    kind = (gold_place or {}).get("kind")
    return COUNTRY_KM if kind == "country" else REGION_KM if kind == "region" else 50


def _tally(preds: list, golds: list, match, label, counted: Optional[list] = None) -> Tally:
    """Recall over required gold items; precision over `counted` (default: every prediction)."""
    counted = preds if counted is None else counted
    t = Tally(predicted=len(counted))
    t.correct = sum(1 for p in counted if any(match(p, g) for g in golds))
    for g in golds:
        if g.get("required", True):
            t.required += 1
            if any(match(p, g) for p in preds):
                t.found += 1
            else:
                t.missed.append(label(g))
    return t


class Scorer:
    """Holds the actor mapping that every other area is judged through."""

    def __init__(self, gold: dict, analysis: dict):
        self.gold, self.ana = gold, analysis
        gold_forms = {a["key"]: {norm(x) for x in [a["name"], *a.get("aliases", [])]} for a in gold["actors"]}
        self.mapping: dict = {}
        for actor in analysis.get("actors", []):
            forms = {norm(x) for x in [actor.get("name", ""), *actor.get("aliases", [])] if x}
            best, shared = None, 0
            for key, gforms in gold_forms.items():
                if len(gforms & forms) > shared:
                    best, shared = key, len(gforms & forms)
            self.mapping[actor.get("key")] = best
        self.leader_of = dict(gold.get("leader_of", {}))
        self.gold_places = {norm(p["name"]): p for p in gold.get("places", [])}
        self.ana_places = {norm(p.get("name")): p for p in analysis.get("places", [])}

    def same_actor(self, pred_key, gold_key) -> bool:
        if gold_key is None:
            return True
        mapped = self.mapping.get(pred_key)
        if mapped is None:
            return False
        return mapped == gold_key or self.leader_of.get(mapped) == gold_key or self.leader_of.get(gold_key) == mapped

    def actors(self) -> Tally:
        t = Tally(predicted=len(self.mapping), correct=sum(1 for v in self.mapping.values() if v))
        hit = set(self.mapping.values())
        for g in self.gold["actors"]:
            if g.get("required", True):
                t.required += 1
                if g["key"] in hit:
                    t.found += 1
                else:
                    t.missed.append(g["name"])
        return t

    def relations(self) -> Tally:
        def match(p, g):
            if p.get("polarity") != g["polarity"]:
                return False
            s, o = p.get("source"), p.get("target")
            return (self.same_actor(s, g["source"]) and self.same_actor(o, g["target"])) or (
                self.same_actor(o, g["source"]) and self.same_actor(s, g["target"])
            )

        return _tally(
            self.ana.get("relations", []),
            self.gold["relations"],
            match,
            lambda g: f"{g['source']} {g['polarity']} {g['target']}",
        )

    @staticmethod
    def place_match(p: dict, g: dict) -> bool:
        if norm(p.get("name")) != norm(g["name"]):
            return False
        if g.get("kind") == "country" and p.get("country") == g.get("country"):
            return True
        d = _km(p, g)
        return d is not None and d <= _limit(g)

    def places(self) -> Tally:
        return _tally(self.ana.get("places", []), self.gold.get("places", []), self.place_match, lambda g: g["name"])

    def _event_place(self, pred_name, gold_name) -> bool:
        if gold_name is None:
            return True
        if pred_name is None:
            return False
        if norm(pred_name) == norm(gold_name):
            return True
        gp, pp = self.gold_places.get(norm(gold_name)), self.ana_places.get(norm(pred_name))
        if gp and pp and gp.get("kind") == "country" and gp.get("country") and pp.get("country") == gp.get("country"):
            return True  # an event "in Turkey" placed in Istanbul
        d = _km(pp, gp)
        return d is not None and d <= (REGION_KM if (gp or {}).get("kind") == "region" else 50)

    def events(self, loose: bool = False) -> Tally:
        def match(p, g):
            if p.get("type") not in g["types"] or not self.same_actor(p.get("source"), g["source"]):
                return False
            if g.get("target") and not self.same_actor(p.get("target"), g["target"]):
                return False
            if loose:
                return True
            if g.get("date") and not str(p.get("date") or "").startswith(g["date"]):
                return False
            return self._event_place(p.get("place"), g.get("place"))

        return _tally(self.ana.get("events", []), self.gold["events"], match, lambda g: g["evidence"][:60])

    def quotes(self) -> Tally:
        def match(p, g):
            return self.same_actor(p.get("speaker"), g["speaker"]) and same_text(p.get("text", ""), g["text"])

        # Gold lists direct quotations: an indirect quote (direct: false) whose words stand in no
        # quotation marks is neither credited nor an error unless it matches a gold quote.
        preds, golds = self.ana.get("quotes", []), self.gold.get("quotes", [])
        marked = norm(self.ana.get("text", ""))

        def quoted_in_text(q: dict) -> bool:
            t = norm(q.get("text", ""))
            i = marked.find(t) if t else -1
            return i >= 0 and ('"' in marked[max(0, i - 2) : i] or '"' in marked[i + len(t) : i + len(t) + 3])

        counted = [
            p
            for p in preds
            if p.get("direct", True) is not False or quoted_in_text(p) or any(match(p, g) for g in golds)
        ]
        return _tally(preds, golds, match, lambda g: g["text"][:60], counted)

    def goals(self) -> Tally:
        def match(p, g):
            if not self.same_actor(p.get("actor"), g["actor"]):
                return False
            pw, gw = tokens(p.get("text", "")), tokens(g["text"])
            cover = len(set(gw) & set(pw)) / len(set(gw)) if gw else 0
            return cover >= 0.7 and len(pw) <= 2.5 * len(gw) + 5

        return _tally(
            self.ana.get("goals", []), self.gold.get("goals", []), match, lambda g: f"{g['actor']}: {g['text'][:50]}"
        )

    def corrections(self, raw: Optional[str]) -> tuple[Tally, list[str]]:
        preds = self.ana.get("corrections", [])
        want = {(c["original"], c["corrected"]): c.get("count", 1) for c in self.gold.get("corrections", [])}
        got = {(p.get("original"), p.get("corrected")): p.get("count") for p in preds}
        t = Tally(predicted=len(preds), required=len(want))
        t.correct = sum(1 for p in preds if want.get((p.get("original"), p.get("corrected"))) == p.get("count"))
        for pair, n in want.items():
            if got.get(pair) == n:
                t.found += 1
            else:
                t.missed.append(f"{pair[0]}->{pair[1]} x{n}")
        damage = []
        if raw is not None:
            before_text, after_text = collapse(raw), collapse(self.ana.get("text"))
            for name in self.gold.get("must_not_change", []):
                before, after = before_text.count(name), after_text.count(name)
                if after < before:
                    damage.append(f"{name}: {before}->{after}")
        t.missed += [f"damaged {d}" for d in damage]
        t.predicted += len(damage)
        return t, damage

    def gold_spans(self) -> list[str]:
        g = self.gold
        spans = [x["evidence"] for x in g.get("relations", []) + g.get("events", []) if x.get("evidence")]
        spans += [q["text"] for q in g.get("quotes", [])] + [x["text"] for x in g.get("goals", [])]
        return spans + g.get("opinion", []) + g.get("reported", [])

    def text(self) -> Tally:
        have = collapse(self.ana.get("text")).lower()
        t = Tally()
        for span in self.gold_spans():
            t.required += 1
            if norm(span) in have:
                t.found += 1
            else:
                t.missed.append(span[:60])
        t.predicted, t.correct = t.required, t.found
        return t

    def stance(self) -> Tally:
        po, pr = self.ana.get("opinion", []), self.ana.get("reported", [])
        go, gr = self.gold.get("opinion", []), self.gold.get("reported", [])
        t = Tally(required=len(go) + len(gr), predicted=len(po) + len(pr))
        for label, want, have in (("opinion", go, po), ("reported", gr, pr)):
            for s in want:
                if any(same_text(p, s) for p in have):
                    t.found += 1
                else:
                    t.missed.append(f"{label}: {s[:50]}")
        conflicts = sum(1 for p in po if any(same_text(p, s) for s in gr)) + sum(
            1 for p in pr if any(same_text(p, s) for s in go)
        )
        t.correct = t.predicted - conflicts
        return t


def score(gold: dict, analysis: dict, raw: Optional[str] = None) -> dict:
    s = Scorer(gold, analysis)
    areas = {
        "actors": s.actors(),
        "relations": s.relations(),
        "places": s.places(),
        "events": s.events(),
        "quotes": s.quotes(),
        "goals": s.goals(),
    }
    areas["corrections"], damage = s.corrections(raw)
    areas["text"] = s.text()
    areas["stance"] = s.stance()
    counted = list(SEMANTIC_AREAS)
    if areas["corrections"].required or areas["corrections"].predicted:
        counted.append("corrections")
    t = areas["text"]
    raw_norm = norm(raw) if raw is not None else None
    if raw_norm is None or t.found < t.required or any(norm(x) not in raw_norm for x in s.gold_spans()):
        counted.append("text")
    out: dict[str, object] = {k: v.row() for k, v in areas.items()}
    out["events_loose"] = s.events(loose=True).row()
    out["damage"], out["counted"] = damage, counted
    out["overall"] = round(sum(areas[k].f1() for k in counted) / len(counted), 3)
    semantic = [areas[k] for k in counted if k != "text"]
    out["required_recall"] = round(sum(a.found for a in semantic) / max(1, sum(a.required for a in semantic)), 3)
    return out


def table(result: dict) -> str:
    lines = [f"{'area':14} {'recall':>7} {'prec':>6} {'f1':>6}   missed"]
    for name, row in result.items():
        if isinstance(row, dict):
            mark = " " if name in result["counted"] else "-"
            lines.append(
                f"{name:13}{mark} {row['recall']:7.3f} {row['precision']:6.3f} {row['f1']:6.3f}   "
                + "; ".join(row["missed"][:6])
            )
    lines.append("(-: not counted in overall for this article: nothing to do there)")
    lines.append(f"damage: {result['damage'] or 'none'}")
    lines.append(f"overall {result['overall']:.3f}  required_recall {result['required_recall']:.3f}")
    return "\n".join(lines)


FORMATS = {"gold": "blocs-gold/1", "analysis": "blocs/1"}
NAMES = {"blocs-gold/1": "a blocs-gold/1 annotation", "blocs/1": "a blocs/1 analysis"}


def _load_json(path: Path, kind: str) -> dict:
    if not path.exists():
        raise BlocsError("missing", str(path))
    if path.is_dir():
        raise BlocsError("directory", str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BlocsError("json", str(path), detail=str(err).splitlines()[0][:80]) from None
    except RecursionError:
        raise BlocsError("json", str(path), detail="nested too deeply") from None
    want = FORMATS[kind]
    found = data.get("format") if isinstance(data, dict) else None
    if found in NAMES and found != want:  # the two files given the wrong way round, or twice the same kind
        raise BlocsError("other-format", str(path), detail=NAMES[found], want=NAMES[want])
    if not isinstance(data, dict) or found not in (want, None) or not _shaped(data, kind):
        raise BlocsError("format", str(path), detail=want)
    return data


def _shaped(data: dict, kind: str) -> bool:
    """The fields every scoring rule reads are there, with the right kinds of values."""
    actors = data.get("actors")
    if not isinstance(actors, list) or not all(isinstance(a, dict) for a in actors):
        return False
    if kind == "gold":
        return all(isinstance(a.get("key"), str) and isinstance(a.get("name"), str) for a in actors)
    return isinstance(data.get("document"), dict)


def score_files(gold: Path, analysis: Path, raw: Optional[Path] = None) -> dict:
    raw_text = None
    if raw is not None:
        if not raw.is_file():
            raise BlocsError("missing" if not raw.exists() else "directory", str(raw))
        raw_text = raw.read_text(encoding="utf-8", errors="replace")
    gold_data, analysis_data = _load_json(gold, "gold"), _load_json(analysis, "analysis")
    try:
        return score(gold_data, analysis_data, raw_text)
    except (KeyError, TypeError, AttributeError, ValueError) as err:  # a hand-edited file with an odd item
        raise BlocsError("malformed", f"{gold} / {analysis}", detail=f"{type(err).__name__}: {err}") from None
