"""The speed-ups read the same answers as the plain code they replace.

Cached doc text, index-based mention look-ups, the per-doc speech-verb set
and the exact bloc search on node numbers are checked against the direct,
token-by-token reading on real-looking articles and on random signed graphs.
"""

from __future__ import annotations

import random
import types

import networkx as nx
import pytest

from blocs.context import Context, Mention, PlaceMention, span_text
from blocs.extract import quotes
from blocs.graph import blocs
from blocs.records import Document
from tests.conftest import ARTICLES

FILES = ["events_kherson-offensive-2023-06-12.txt", "quotes_yemen.txt", "places_sudan-el-fasher-2024-05-20.txt"]


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp((ARTICLES / name).read_text(encoding="utf-8")) for name in FILES]


def test_indexed_attribute_ruler_matches_the_spacy_matcher(nlp, docs):
    ruler = nlp.get_pipe("attribute_ruler")
    spacy_match = types.MethodType(type(ruler).match, ruler)
    texts = [d.text for d in docs] + ["Y'all ain't gonna stop us, there's nothin' left.", "  \n\nLet's go."]
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        found = ruler.match(doc)
        assert found == spacy_match(doc)
        assert len(found) >= len(doc)  # every token gets at least its tag's POS


def test_column_ruler_and_lemmatizer_annotate_as_spacy(nlp, docs):
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import AttributeRuler

    from blocs.rule_pipes import ColumnAttributeRuler, ColumnLemmatizer

    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    assert isinstance(ruler, ColumnAttributeRuler) and isinstance(lemmatizer, ColumnLemmatizer)

    def read(doc):
        return [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]

    texts = [d.text for d in docs] + ["Y'all ain't gonna stop us, there's nothin' left.", "  \n\nLet's go.", "", "Go"]
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        ours, theirs = doc.copy(), doc.copy()
        lemmatizer(ruler(ours))
        AttributeRuler.set_annotations(ruler, theirs, type(ruler).match(ruler, theirs))
        EnglishLemmatizer.__call__(lemmatizer, theirs)
        assert read(ours) == read(theirs)


def test_span_text_is_span_text(docs):
    for doc in docs:
        spans = list(doc.sents) + [doc[3:9], doc[5:5], doc[len(doc) - 2 :], doc[0:1]]
        for span in spans:
            assert span_text(span) == span.text


def test_token_texts_and_folded_words_are_the_tokens(nlp, docs):
    from blocs.context import token_texts
    from blocs.extract.actors.lexicon import fold, words

    extra = nlp("  Émile   Zola's\n\n  co-op,  naïve U.S. rôle 2,000\t km  ")
    for doc in [*docs, extra]:
        assert token_texts(doc) == [t.text for t in doc]
        assert words(doc) == [t.lower_ if t.text.isascii() else fold(t.text) for t in doc]


def test_mention_lookups_match_a_token_scan(docs):
    doc = docs[0]
    ctx = Context(doc=doc, document=Document(id="t"), published=None)
    ents = list(doc.ents)
    assert len(ents) >= 4
    ctx.mentions = [Mention(e.start, e.end, e.text.lower(), e.text) for e in ents[::2]]
    ctx.place_mentions = [PlaceMention(e.start, e.end, e.text, e.text) for e in ents[1::2]]
    ctx.index()
    for sent in doc.sents:
        by_token = []
        for t in sent:
            m = ctx.mention_at(t)
            if m is not None and m not in by_token:
                by_token.append(m)
        assert ctx.actors_in(sent) == by_token
        assert ctx.actors_in(list(sent)) == by_token  # a plain token list still works
        assert ctx.any_actor_in(sent) == bool(by_token)
        places = [p for p in ctx.place_mentions if p.start < sent.end and p.end > sent.start]
        assert ctx.places_in(sent) == places


def test_speech_verbs_found_once_per_doc(docs):
    lex = quotes.lexicon()
    seen = 0
    for doc in docs:
        for tok in doc:
            lemma = tok.lemma_.lower()
            direct = (
                lemma in lex["verbs"]
                and tok.pos_ in ("VERB", "AUX")
                and (
                    lemma not in lex["particles"]
                    or any(c.dep_ == "prt" and c.lower_ == lex["particles"][lemma] for c in tok.children)
                )
            )
            assert quotes.is_speech_verb(tok) == direct
            seen += direct
    assert seen >= 5  # the articles do report speech


def _brute_force(g: nx.Graph) -> tuple[float, int]:
    """Lowest frustration over all set partitions, and the most blocs reaching it."""
    nodes = sorted(g.nodes)
    best = (float("inf"), 0)
    for part in blocs._set_partitions(nodes):
        labels = {n: i for i, block in enumerate(part) for n in block}
        cost = blocs.frustration(g, labels)
        if cost < best[0] - 1e-9 or (abs(cost - best[0]) <= 1e-9 and len(part) > best[1]):
            best = (cost, len(part))
    return best


def test_exact_partition_is_the_cheapest_and_finest():
    rng = random.Random(11)
    for _ in range(60):
        n = rng.randint(2, 7)
        g = nx.Graph()
        g.add_nodes_from(f"actor-{k}" for k in range(n))
        for a in range(n):
            for b in range(a + 1, n):
                if rng.random() < 0.5:
                    g.add_edge(f"actor-{a}", f"actor-{b}", weight=rng.choice([-1.4, -0.64, -0.52, 0.5, 0.72, 1.26]))
        labels = blocs._exact(g)
        assert set(labels) == set(g.nodes)
        cost, size = _brute_force(g)
        assert blocs.frustration(g, labels) == pytest.approx(cost, abs=1e-9)
        assert len(set(labels.values())) == size


def test_long_texts_are_parsed_in_paragraph_chunks(nlp, monkeypatch):
    """A very long text is parsed as paragraph chunks batched like stories and joined back:
    same text, tokens and characters; shorter texts keep the plain `nlp.pipe` parse."""
    from blocs import nlp as nlp_mod

    text = "\n\n".join((ARTICLES / name).read_text(encoding="utf-8").strip() for name in FILES)
    monkeypatch.setattr(nlp_mod, "LONG_TEXT", 2_000)
    monkeypatch.setattr(nlp_mod, "CHUNK", 600)
    pieces = nlp_mod.chunks(text)
    assert len(pieces) >= 3 and "".join(pieces) == text
    assert all(len(p) >= 600 and p.endswith("\n\n") for p in pieces[:-1])
    short = ["Troops shelled the port on Monday.", "The talks in Doha ended without a deal."]
    docs = list(nlp_mod.parse_many(nlp, [short[0], text, short[1]], batch_size=4))
    plain = list(nlp.pipe([short[0], text, short[1]]))
    assert [d.text for d in docs] == [short[0], text, short[1]]
    for got, want in ((docs[0], plain[0]), (docs[2], plain[2])):
        assert [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in got] == [
            (t.tag_, t.dep_, t.head.i, t.ent_type_) for t in want
        ]
    long, whole = docs[1], plain[1]
    assert [(t.text, t.idx, t.whitespace_) for t in long] == [(t.text, t.idx, t.whitespace_) for t in whole]
    starts, at = set(), 0
    for p in pieces:
        starts.add(len(nlp.make_doc(text[:at])) if at else 0)
        at += len(p)
    assert all(long[i].is_sent_start for i in starts)  # each chunk starts a sentence, as a paragraph did
    same = sum((a.tag_, a.dep_, a.head.i) == (b.tag_, b.dep_, b.head.i) for a, b in zip(long, whole))
    assert same >= 0.97 * len(whole)  # the parses differ only near the chunk edges


def test_damage_patterns_count_as_the_look_behind_first_patterns():
    """The OCR-damage patterns that open with a literal or letter class find what the plain
    patterns they replace found, on random strings of the characters they look at."""
    import re

    from blocs.clean import fragments as f

    plain = {
        "fragment": re.compile(r"(?<![\w'’.-])(?![aAIo]\b)[A-Za-z] (?=[a-z]{2,})|\b\d+[oO]\d*\b|\b\d*[oO]\d+\b"),
        "loose": re.compile(r"(?:^|(?<=\s))[_;:,~^`]+(?=\s)|,,"),
        "caps": re.compile(r"\b[A-Z]{3,}[a-rt-z][A-Z]*\b|(?<!\w)[a-z]{1,2}[A-Z](?!\w)"),
        "lone": re.compile(r"(?<=[^\W\d_]{2}) [b-hj-np-uwz](?=,? [^\W\d_]{2})"),
        "l_for_i": re.compile(r"(?<![\w'’])l([a-z]{3,})(?![\w'’])"),
        "capital_i": re.compile(r"(?<=[a-z,] )I[a-z]{2,}(?= [a-z])"),
    }
    rng = random.Random(25)
    chars = "aAIobBcsxyzlLO0179 ’'.-,,;:_~^`\n\tÉé"
    for _ in range(4000):
        t = "".join(rng.choice(chars) for _ in range(rng.randint(1, 30)))
        spans = {k: [(m.span(), m.groups()) for m in p.finditer(t)] for k, p in plain.items()}
        assert len(f.FRAGMENT_LETTER.findall(t)) + len(f.OCR_DIGITS.findall(t)) == len(spans["fragment"]), t
        assert [m.span() for m in f.LOOSE_MARKS.finditer(t)] == [s for s, _ in spans["loose"]], t
        assert f._caps_misreads(t) == len(spans["caps"]), t
        assert [(m.span(), m.groups()) for m in f.LONE_LETTER.finditer(t)] == spans["lone"], t
        assert [(m.span(), m.groups()) for m in f.L_FOR_I.finditer(t)] == spans["l_for_i"], t
        assert [(m.span(), m.groups()) for m in f.CAPITAL_I.finditer(t)] == spans["capital_i"], t


def test_hyphen_patterns_match_only_where_a_split_follows_a_word():
    """`_join_split` skips its hyphen patterns when `split_after_word` is false: they never match there."""
    from blocs.clean import ocr
    from blocs.clean.words import split_after_word

    rng = random.Random(25)
    pieces = ["dis", "- ", " - ", "orderly", "20", "U.S.", "mid", "2023", "- led", ".", ",", "x", "\n", "year-old", "é"]
    for _ in range(4000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if ocr.SPLIT_HYPHEN.search(t) or ocr.NUMBER_HYPHEN.search(t):
            assert split_after_word(t), t


def test_quote_spans_pair_the_marks_as_a_character_scan():
    from blocs.coref import CLOSE_QUOTES, OPEN_QUOTES, _quote_spans

    def scan(text):
        spans, opened = [], None
        for i, ch in enumerate(text):
            if ch in OPEN_QUOTES and opened is None:
                opened = i
            elif ch in CLOSE_QUOTES and opened is not None:
                spans.append((opened, i))
                opened = None
        return spans

    rng = random.Random(7)
    alphabet = "ab \"\u201c\u201d\u2018\u2019'."
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _quote_spans(text) == scan(text)


def test_fallback_clause_of_wanted_tokens_is_the_filtered_clause(docs):
    """`_clause_indexes` with `keep` (walked up from the wanted tokens) is the full clause walk
    filtered to the wanted tokens, in the same order."""
    from blocs.extract.events.arguments import Resolver
    from blocs.extract.events.coder import SentenceCoder
    from blocs.extract.events.patterns import lexicon

    rng = random.Random(3)
    lex = lexicon()
    for doc in docs:
        ctx = Context(doc=doc, document=Document(id="t"), published=None)
        res = Resolver(ctx, lex)
        for sent in doc.sents:
            coder = SentenceCoder(sent, res, lex)
            verbs = [t for t in sent if t.pos_ in ("VERB", "NOUN")]
            for trig in verbs[:6]:
                anchors = [trig.head] if trig.head.i != trig.i and rng.random() < 0.5 else []
                wanted = {t.i for t in sent if rng.random() < 0.3}
                for etype in ("ASSAULT", "CONSULT", "AID"):
                    full = coder._clause_indexes(trig, anchors, etype)
                    kept = coder._clause_indexes(trig, anchors, etype, wanted)
                    assert kept == [i for i in full if i in wanted]


def test_resolver_short_cuts_answer_as_its_rules(docs):
    """A phrase `Resolver._barren` passes over names no actor by any rule of `_actors`; a phrase
    with no place mention below it names no place (`_place`); `party_tokens` are the tokens
    that name an actor or a place."""
    from blocs.extract import actors, places
    from blocs.extract.events.arguments import Resolver
    from blocs.extract.events.parse import forget_view
    from blocs.extract.events.patterns import lexicon

    barren = 0
    for doc in docs:
        forget_view()
        ctx = Context(doc=doc, document=Document(id="t"), published=None)
        actors.resolve(ctx)
        places.resolve(ctx)
        res = Resolver(ctx, lexicon())
        parties = {i for i in range(len(doc)) if ctx.actor_at(i) or ctx.place_at(i)}
        assert res.party_tokens() == parties and parties
        for tok in doc:
            if res._barren(tok):
                barren += 1
                assert res._actor(tok) is None
                assert not (res._modifier_conjuncts(tok) or res._joined_speakers(tok) or res._described(tok))
            if not res._place_below()[tok.i]:
                assert res._place(tok) is None
    assert barren > 100
