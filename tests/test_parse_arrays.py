"""The parse arrays and the bisection look-ups give the answers of the token-by-token reading."""

from __future__ import annotations

import random
import types

import numpy as np
import pytest

from blocs import parse_arrays
from blocs.context import Context, Mention
from blocs.extract.goals import QuoteIndex
from blocs.extract.quotes.reported import _nested_cues
from blocs.records import Document
from tests.conftest import ARTICLES

FILES = ["events_kherson-offensive-2023-06-12.txt", "quotes_yemen.txt"]


@pytest.fixture(scope="module")
def docs(nlp):
    texts = [(ARTICLES / name).read_text(encoding="utf-8") for name in FILES]
    return [nlp(t) for t in texts] + [nlp(""), nlp("One.")]


def test_arrays_are_the_token_attributes(docs):
    for doc in docs:
        a = parse_arrays.of(doc)
        assert parse_arrays.of(doc) is a  # built once per doc
        assert [a.string(h) for h in a.pos] == [t.pos_ for t in doc]
        assert [a.string(h) for h in a.dep] == [t.dep_ for t in doc]
        assert [a.string(h) for h in a.lower] == [t.lower_ for t in doc]
        assert [a.string(h) for h in a.lemma] == [t.lemma_ for t in doc]
        assert a.head == [t.head.i for t in doc]
        assert a.idx == [t.idx for t in doc]
        assert a.ent_iob == [t.ent_iob for t in doc]
        assert a.strings_of("tag") == [t.tag_ for t in doc]
        assert a.strings_of("ent_type") == [t.ent_type_ for t in doc]
        assert a.sent_starts == [s.start for s in doc.sents]
        for t in doc:
            assert a.sent[t.i] == a.sent_starts.index(t.sent.start)
            assert a.sentence(t.i) == (t.sent.start, t.sent.end)
        verbs = a.where("pos", {"VERB", "AUX"}.__contains__)
        assert np.flatnonzero(verbs).tolist() == [t.i for t in doc if t.pos_ in ("VERB", "AUX")]


def test_strings_of_are_the_token_texts(docs):
    for doc in docs:
        a = parse_arrays.of(doc)
        assert a.strings_of("lower") == [t.lower_ for t in doc]
        assert a.strings_of("lemma") == [t.lemma_ for t in doc]
        assert a.strings_of("dep") == [t.dep_ for t in doc]
        assert a.strings_of("pos") == [t.pos_ for t in doc]
        assert a.strings_of("lower") is a.strings_of("lower")  # built once per doc


def test_mention_look_ups_match_a_scan(docs):
    doc = docs[0]
    rng = random.Random(3)
    ctx = Context(doc=doc, document=Document(id="t"), published=None)
    for _ in range(120):
        s = rng.randrange(len(doc) - 6)
        ctx.add_mention(Mention(s, s + rng.randint(1, 6), f"k{s}", "x"))
    ms = ctx.mentions
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for _ in range(300):
        lo, hi = sorted(rng.randrange(-5, len(doc) + 5) for _ in range(2))
        assert ctx.mentions_within(lo, hi) == [m for m in ms if lo <= m.start and m.end <= hi]
        assert ctx.mentions_from(lo, hi) == [m for m in ms if lo <= m.start < hi]
        assert ctx.mentions_ending(lo, hi) == [m for m in ms if lo <= m.end <= hi]
        assert ctx.mentions_starting(lo) == [m for m in ms if m.start == lo]


def test_quote_index_and_nested_speech_match_a_scan():
    rng = random.Random(5)
    for _ in range(50):
        ranges = []
        for k in range(rng.randint(0, 12)):
            s = rng.randrange(200)
            ranges.append((s, s + rng.randint(1, 60), f"q{k}"))
        index = QuoteIndex(ranges)  # type: ignore[arg-type]
        for x in range(-2, 265):
            assert index.at(x) == next((q for s, e, q in ranges if s <= x < e), None)
        items = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randrange(200)
            cue = types.SimpleNamespace(idx=rng.randrange(260))
            items.append(
                types.SimpleNamespace(start=s, end=s + rng.randint(1, 60), reported=rng.random() < 0.6, cue=cue)
            )
        nested = _nested_cues(items)  # type: ignore[arg-type]
        for it in items:
            scan = any(o is not it and o.reported and o.start <= it.cue.idx < o.end for o in items)
            assert (id(it) in nested) == scan


def test_children_and_subtree_are_spacys(docs):
    for doc in docs:
        a = parse_arrays.of(doc)
        for t in doc:
            assert a.children(t.i) == [c.i for c in t.children]
            assert a.subtree(t.i) == [x.i for x in t.subtree]


def test_subtree_blocks_and_token_list_are_spacys(docs):
    """Each subtree sliced from the doc's one walk, the Token list and `lem_at` give what
    spaCy's subtree, `doc[i]` and `lem` give."""
    from blocs.extract.events.patterns import lem, lem_at

    for doc in docs:
        a = parse_arrays.of(doc)
        toks = parse_arrays.tokens(doc)
        assert parse_arrays.tokens(doc) is toks  # made once per doc
        assert [t.i for t in toks] == list(range(len(doc)))
        for tok in doc:
            assert parse_arrays.subtree_of(doc, tok.i) == [t.i for t in tok.subtree]
            assert lem_at(a, tok.i) == lem(tok)
