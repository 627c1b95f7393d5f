"""Unseen real-world input must never crash an analysis or break the format's promises.

Each case here once made a stage raise (a whole article lost) or wrote an
analysis that named an actor it did not list: odd publication-date fields,
publication dates at the ends of the calendar, speakers written in another script.
"""

from __future__ import annotations

import re
from datetime import date

import jsonschema
import pytest

from blocs.clean.metadata import normalize_date
from blocs.errors import BlocsError
from blocs.extract import dates
from blocs.ingest import read_jsonl
from blocs.pipeline import analyze_many
from blocs.records import load_schema

STORY = (
    "On Saturday, Russian forces shelled Kharkiv, Ukraine's army said on Monday. "
    "Last week Iran sent drones to Moscow. Next month NATO leaders meet in Vilnius."
)
ISO = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _ws(s: str) -> str:
    return " ".join(s.split())


def _integrity(data: dict) -> list[str]:
    """Breaches of FORMAT.md's promises: schema, actor and place references, substrings, dates."""
    jsonschema.validate(data, load_schema())
    text, keys = _ws(data["text"]), {a["key"] for a in data["actors"]}
    places = {p["name"] for p in data["places"]}
    refs = [r[k] for r in data["relations"] for k in ("source", "target")]
    refs += [e[k] for e in data["events"] for k in ("source", "target")]
    refs += [q[k] for q in data["quotes"] for k in ("speaker", "via")] + [g["actor"] for g in data["goals"]]
    refs += [k for pair in data["leader_of"].items() for k in pair] + [m for b in data["blocs"] for m in b["members"]]
    spans = [e["evidence"] for e in data["events"]] + [q["text"] for q in data["quotes"]]
    spans += [g["text"] for g in data["goals"]] + data["opinion"] + data["reported"]
    bad = [f"actor {k}" for k in refs if k is not None and k not in keys]
    bad += [f"span {s[:40]}" for s in spans if _ws(s) not in text]
    bad += [f"place {e['place']}" for e in data["events"] if e["place"] is not None and e["place"] not in places]
    bad += [f"date {e['date']}" for e in data["events"] if e["date"] is not None and not ISO.fullmatch(e["date"])]
    pub = data["document"]["published"]
    bad += [f"published {pub}"] if pub is not None and not ISO.fullmatch(pub) else []
    return bad


def _run(stories: list[dict]) -> list:
    raws = [r for r in read_jsonl("\n".join(__import__("json").dumps(s) for s in stories), "t.jsonl")]
    return [r if isinstance(r, BlocsError) else r.model_dump(mode="json") for r in analyze_many(raws)]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2016-12-05", "2016-12-05"),
        ("2016-12-05T10:00:00Z", "2016-12-05"),
        (20161205, "2016-12-05"),
        ("Dec 5, 2016", "2016-12-05"),
        ("5 December 2016", "2016-12-05"),
        ("1914-07-28", "1914-07-28"),
        ("2016", None),
        ("2016-12", None),
        ("", None),
        ("yesterday", None),
        ("2016-02-30", None),
        ("20161345", None),
    ],
)
def test_publication_dates_are_normalised_or_dropped(value, expected):
    assert normalize_date(value) == expected


def test_odd_published_fields_do_not_lose_the_story(nlp):
    """A JSONL `published` that is not YYYY-MM-DD used to fail the whole article."""
    odd = [
        "12/05/2016",
        "2016",
        "",
        None,
        20161205,
        "2016-12",
        "2016-02-30",
        "Dec 5, 2016",
        "yesterday",
        True,
        "2016-12-05T10:00:00Z",
    ]
    out = _run([{"id": f"s{i}", "text": STORY, "published": p} for i, p in enumerate(odd)])
    assert [type(x).__name__ for x in out] == ["dict"] * len(odd)
    assert out[0]["document"]["published"] == "2016-12-05"
    assert out[1]["document"]["published"] is None
    for data in out:
        assert _integrity(data) == []


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1914-07-28", "2099-06-30"])
def test_relative_dates_at_calendar_edges(nlp, published):
    """'Saturday', 'next month' against a date at the end of the calendar raised OverflowError."""
    (data,) = _run([{"id": "edge", "text": STORY, "published": published}])
    assert isinstance(data, dict), data
    assert _integrity(data) == []


@pytest.mark.parametrize("ref", [date(1, 1, 1), date(9999, 12, 31)])
def test_dates_find_never_leaves_the_calendar(ref):
    found = dates.find("On Saturday, 3 days ago, next Monday, next month, next year, in March, tomorrow", ref)
    assert found, "some expressions still resolve"
    assert all(ISO.fullmatch(e.iso) and e.iso[:4] != "0000" for e in found)


def test_speaker_in_another_script_is_listed_as_an_actor(nlp):
    """A quote's new speaker whose words overlap an earlier mention kept 0 mentions and was
    dropped from `actors` while the quote still named it."""
    text = (
        'Houthi leader عبد الملك الحوثي said "we will not stop the attacks on ships" on Thursday. '
        "Israeli minister בנימין נתניהו rejected the truce proposal."
    )
    (data,) = _run([{"id": "rtl", "text": text, "published": "2024-01-12"}])
    assert _integrity(data) == []
    speakers = {q["speaker"] for q in data["quotes"]} - {None}
    assert speakers <= {a["key"] for a in data["actors"]}


def test_finalize_drops_references_to_unknown_actors(nlp):
    """A stage naming a key no stage defined must not write it dangling."""
    from blocs.context import Context
    from blocs.extract import actors
    from blocs.records import Document, Event, Quote, Relation

    doc = nlp("Russian forces shelled Kharkiv on Monday, Ukraine said.")
    ctx = Context(doc=doc, document=Document(id="x", source="x"), published=None)
    actors.resolve(ctx)
    known = next(iter(ctx.actors))
    evs = [
        Event(type="ASSAULT", source="ghost", confidence=0.5, evidence="Russian forces shelled Kharkiv"),
        Event(type="ASSAULT", source=known, target=None, confidence=0.5, evidence="Russian forces shelled Kharkiv"),
    ]
    rels = [Relation(source=known, target="ghost", polarity="hostile", directed=True, confidence=0.5)]
    qs = [Quote(speaker="ghost", via=None, text="shelled Kharkiv", direct=False)]
    used = actors.finalize(ctx, evs, rels, qs, [])
    assert [e.source for e in evs] == [known] and rels == [] and qs[0].speaker is None
    assert known in used


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine",
        "1234 5678 ... !!! ??? 3.14 -- ;; (99) [100] 2024-01-01",
        '"We will fight." "They will lose." "Peace is near."\n\n"No."',
        'Russia said "it will respond to the attack on Kyiv.\n\nUkraine said Russia "lied. "And then',
        'RUSSIAN FORCES SHELLED KHARKIV ON MONDAY, UKRAINE\'S ARMY SAID. "WE WILL RESPOND," ZELENSKY SAID.',
        "Russia\u00a0attacked\u00a0Kyiv on Monday.\u200b Ukraine\u200b said the strikes were\u00ad un\u00adprovoked.\ufeff",
        "Russia attacked Kyiv on Monday.\r\n\r\n" + "\n" * 300 + "Ukraine said it would respond.\r\n",
        "On 31 February, Sudan's army shelled Khartoum. On 2024-13-45 the RSF attacked El Fasher. In the 1990s, "
        "Serbia fought Croatia. On 29 February 2023 Ethiopia attacked Tigray.",
        "- Russia attacked Kharkiv on Monday.\n* The EU announced sanctions.\n\n| Country | Aid |\n|---|---|\n| USA | $1bn |",
        # found by benchmarks/fuzz.py: control characters inside words made stance's author tail empty (ValueError)
        "Fresh strikes hit Sake as Rwanda rejects calls for a truce\n\nS\u0014AKE, October 11 (Al J\raz\u0014\u202eeera) - Rwanda accused Burundi on Monda\u001by of shelling reside\ufeffntia\u0016l \u2066areas\u0006 of Sake, k\u0085illing at least 79 civilians, officials said.\n\nBurundi said it had shot d\u0085own 35 drones launched towards Rutshuru overnight. Di\u001d\u0019plomats said the Democratic Republic of Congo was preparing a resolution demanding an immediate ceasefire around Sake\ufffd.",
    ],
)
def test_edge_texts_give_valid_analyses(nlp, text):
    (data,) = _run([{"id": "edge", "text": text, "published": "2024-03-04"}])
    assert isinstance(data, dict), data
    assert _integrity(data) == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_read(tmp_path, codec):
    """PowerShell's `>` and Notepad's "Unicode" write UTF-16; a UTF-16 JSONL failed every line."""
    from blocs.ingest import read

    story = '{"id": "s1", "text": "Sudan\'s army shelled Omdurman on Monday.", "published": "2024-03-04"}\n'
    (tmp_path / "b.jsonl").write_bytes(story.encode(codec))
    (tmp_path / "a.txt").write_bytes("Sudan's army shelled Omdurman on Monday.\n".encode(codec))
    (item,) = read(tmp_path / "b.jsonl")
    assert not isinstance(item, BlocsError) and item.meta["id"] == "s1" and item.text.startswith("Sudan")
    (doc,) = read(tmp_path / "a.txt")
    assert doc.text.strip() == "Sudan's army shelled Omdurman on Monday."


def test_binary_with_nul_bytes_is_still_refused(tmp_path):
    from blocs.ingest import read

    (tmp_path / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(BlocsError):
        list(read(tmp_path / "x.txt"))


def test_an_over_long_story_fails_alone(nlp, monkeypatch):
    """A text past spaCy's max_length raised inside nlp.pipe and lost every story of the batch."""
    import blocs.clean as clean_mod

    monkeypatch.setattr(clean_mod, "MAX_CHARS", 2000)
    monkeypatch.setattr(nlp, "max_length", 2000)
    short = "Sudan's army shelled Omdurman on Monday."
    out = _run([{"id": "a", "text": short}, {"id": "big", "text": short * 100}, {"id": "c", "text": short}])
    assert [type(x).__name__ for x in out] == ["dict", "BlocsError", "dict"]
    assert out[1].code == "too-long"


def test_clean_limit_matches_the_parser(nlp):
    """clean refuses exactly what spaCy would refuse, so no over-long text reaches nlp.pipe."""
    import blocs.clean as clean_mod

    assert clean_mod.MAX_CHARS <= nlp.max_length


def test_a_cleaning_bug_loses_only_its_own_story(nlp, monkeypatch):
    """An exception escaping clean used to abort the batch parse and every story in it."""
    from blocs.clean import layout

    real = layout.repair

    def flaky(text):
        if "Omdurman" in text:
            raise IndexError("boom")
        return real(text)

    monkeypatch.setattr(layout, "repair", flaky)
    out = _run(
        [
            {"id": "a", "text": "Russian forces shelled Kharkiv."},
            {"id": "b", "text": "Sudan's army shelled Omdurman."},
            {"id": "c", "text": "Iran sent drones to Russia."},
        ]
    )
    assert [type(x).__name__ for x in out] == ["dict", "BlocsError", "dict"]
    assert out[1].code == "internal" and "IndexError" in str(out[1])


@pytest.mark.parametrize(
    "markup",
    [
        "<div>" * 5000
        + "<p>Ethiopian drones struck a market in Amhara on Monday, witnesses said.</p>"
        + "</div>" * 5000,
        "<?xml version='1.0'?><rss><channel><item><title>Drone strike in Amhara</title><description>"
        "Ethiopian drones struck a market in Amhara on Monday, witnesses said.</description></item></channel></rss>",
    ],
)
def test_html_that_lxml_cannot_read_keeps_its_text(tmp_path, markup):
    """Nesting past lxml's depth limit, or an RSS item saved as .html, used to give 'no text'."""
    from blocs.ingest import read

    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    (doc,) = read(tmp_path / "page.html")
    assert "Ethiopian drones struck a market in Amhara on Monday" in " ".join(doc.text.split())


def test_html_without_words_still_has_no_text(tmp_path):
    from blocs.ingest import read

    (tmp_path / "page.html").write_text("<html><head><title>T</title></head><body>< </body></html>", encoding="utf-8")
    (doc,) = read(tmp_path / "page.html")
    assert len(doc.text.split()) < 3


# -- the per-story time budget ------------------------------------------------------


def _stall_on(monkeypatch, word: str):
    """Make the relations stage loop forever on stories containing `word` (a stand-in for a hang)."""
    from blocs.extract import relations

    real = relations.build

    def build(ctx, evs):
        while word in ctx.text:
            pass
        return real(ctx, evs)

    monkeypatch.setattr(relations, "build", build)


def test_a_story_over_budget_fails_alone_and_the_alarm_is_cleared(nlp, monkeypatch):
    import signal

    from blocs.pipeline import StoryBudget

    _stall_on(monkeypatch, "Omdurman")
    stories = [
        {"id": "a", "text": "Russian forces shelled Kharkiv."},
        {"id": "slow", "text": "Sudan's army shelled Omdurman."},
        {"id": "c", "text": "Iran sent drones to Russia."},
    ]
    raws = list(read_jsonl("\n".join(__import__("json").dumps(s) for s in stories), "t.jsonl"))
    before = signal.getsignal(signal.SIGALRM), signal.getsignal(signal.SIGPROF)
    out = list(analyze_many(raws, budget=StoryBudget(0.2)))
    assert [type(x).__name__ for x in out] == ["Analysis", "BlocsError", "Analysis"]
    assert str(out[1]) == "slow: timed out after 0.8 s" and out[1].code == "timeout"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) == signal.getitimer(signal.ITIMER_PROF)
    assert (signal.getsignal(signal.SIGALRM), signal.getsignal(signal.SIGPROF)) == before


def test_a_story_blocked_without_computing_is_caught_by_the_wall_clock():
    import time

    from blocs import pipeline

    t0 = time.monotonic()
    with pytest.raises(pipeline._OverBudget):
        with pipeline.deadline(0.05):
            time.sleep(5)  # no CPU time: only the wall-clock timer (10 x 0.05 s) fires
    assert time.monotonic() - t0 < 2


def test_budget_grows_with_length_and_zero_turns_it_off():
    from blocs.pipeline import StoryBudget

    assert StoryBudget().seconds("word " * 10) == 20.0  # the floor
    assert StoryBudget().seconds("word " * 50_000) == 250.0
    assert StoryBudget(0).seconds("word " * 50_000) == 0.0


def test_off_the_main_thread_the_budget_is_skipped_not_broken(nlp):
    import threading

    from blocs.pipeline import StoryBudget

    out = []
    worker = threading.Thread(
        target=lambda: out.extend(
            analyze_many(
                read_jsonl('{"id": "t", "text": "Iran sent drones to Russia."}', "t.jsonl"), budget=StoryBudget(0.2)
            )
        )
    )
    worker.start()
    worker.join(120)
    assert [type(x).__name__ for x in out] == ["Analysis"]


# -- a small sample of the fuzz and soak run (benchmarks/fuzz.py runs the full one) --------


def _load_fuzz():
    import importlib.util
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fuzz_sample_never_crashes_hangs_or_breaks_the_schema(nlp, tmp_path):
    from blocs.store import ingest, schema

    fuzz = _load_fuzz()
    batch = tmp_path / "fuzz.jsonl"
    kinds = fuzz.write_stories(batch, 30, seed=3, long_words=1500)
    assert {"12kB-sentence", "very-long", "lone-surrogates", "mutated"} <= set(kinds)
    from blocs.ingest import read_many

    results = list(analyze_many(read_many([batch])))
    errors = [str(r) for r in results if isinstance(r, BlocsError)]
    assert not [e for e in errors if "please report" in e or "timed out" in e], errors
    good = [r.model_dump(mode="json") for r in results if not isinstance(r, BlocsError)]
    n, bad, notes = fuzz.validate(good)
    assert n >= 20 and bad == 0, notes
    con = schema.connect(tmp_path / "fuzz.duckdb")
    try:
        stats = ingest.run(con, read_many([batch]), ingest.LocalRunner(), batch=8)
        assert not [e for e in stats.errors if "please report" in e or "timed out" in e], stats.errors
        assert stats.stored == n and stats.failed == len(errors)
    finally:
        con.close()


def test_one_huge_word_costs_no_memory_in_ocr_correction():
    """A 4,000-letter 'word' (fuzz story) made the OCR edit search take 850 MB alone, and the
    split-word join passes ~900 MB after another word: no token longer than a word is edited."""
    import resource

    from blocs.clean import ocr

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ocr.correct("x" * 4000 + " on Monday.")
    ocr.correct("The army " + "x" * 4000 + " on Monday.")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB
