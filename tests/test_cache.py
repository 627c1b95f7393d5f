"""Start-up tables kept between processes (blocs.cache) give the answers built afresh."""

from __future__ import annotations

import gzip

import pytest

from blocs import cache, datafiles


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCS_CACHE_DIR", str(tmp_path / "c"))
    return tmp_path / "c"


def test_a_table_is_built_once_then_read(folder):
    calls = []

    def build():
        calls.append(1)
        return {"a": [1, 2.5, None], "b": "x"}

    key = cache.digest("inputs", b"bytes")
    first = cache.cached("t", key, build)
    second = cache.cached("t", key, build)
    assert first == second == {"a": [1, 2.5, None], "b": "x"}
    assert len(calls) == 1
    assert second is not first  # a fresh object per read: callers may change what they get
    assert len(list(folder.glob("t-*.pickle"))) == 1


def test_changed_inputs_build_afresh(folder):
    assert cache.cached("t", cache.digest("one"), lambda: 1) == 1
    assert cache.cached("t", cache.digest("two"), lambda: 2) == 2
    assert cache.digest("ab", "c") != cache.digest("a", "bc")


def test_off_and_broken_caches_still_answer(folder, monkeypatch):
    key = cache.digest("k")
    folder.mkdir(parents=True)
    (folder / f"t-{key}.pickle").write_bytes(b"not a pickle")
    assert cache.cached("t", key, lambda: "built") == "built"
    assert cache.cached("t", key, lambda: "again") == "built"  # the broken file was replaced
    monkeypatch.setenv("BLOCS_CACHE_DIR", "")
    assert cache.directory() is None
    assert cache.cached("t", key, lambda: "off") == "off"
    blocked = folder / "file"
    blocked.write_text("")
    monkeypatch.setenv("BLOCS_CACHE_DIR", str(blocked / "below"))  # cannot be created
    assert cache.cached("t", key, lambda: "no folder") == "no folder"


def test_a_cached_data_file_parses_as_yaml(folder):
    text = "words:\n  - on\n  - 'no'\nflag: true\nwhen: 2024-05-01\n" + "# padding\n" * 600
    assert len(text) >= datafiles.CACHED_FROM
    fresh = datafiles.parse(text)
    again = datafiles.parse(text)  # from the cache folder
    assert fresh == again == {"words": ["on", "no"], "flag": True, "when": fresh["when"]}
    assert type(again["when"]).__name__ == "date"
    assert list(folder.glob("data-*.pickle"))


def test_gazetteer_lines_are_the_text_lines():
    from blocs.kb.gazetteer import _Lines

    text = "alpha\tä\nbeta\n\ngamma – δ\nlast"
    lines = _Lines(text.encode("utf-8"))
    assert [lines[i] for i in range(len(lines))] == text.split("\n")
    ended = _Lines((text + "\n").encode("utf-8"))
    assert [ended[i] for i in range(len(ended))] == text.split("\n")
    again = _Lines.restore(*ended.freeze())  # as the cache folder gives them back
    assert [again[i] for i in range(len(again))] == text.split("\n")


def test_gazetteer_reads_the_same_from_the_cache(folder, tmp_path):
    from blocs.kb.gazetteer import Gazetteer

    rows = [
        "country\t1\tSyria\tSYR\t35.0\t38.0\t17000000\t\t\tSyrian|Syrians",
        "city\t2\tAr Raqqah\tSYR\t35.9\t39.0\t0\tSY.04\t\t",
    ]
    keys = ["ar raqqah\t1", "raqqa\t1", "syria\t0"]
    body = "# gazetteer\n# rows: 2\n" + "\n".join(rows + keys) + "\n"
    path = tmp_path / "g.tsv.gz"
    path.write_bytes(gzip.compress(body.encode("utf-8")))
    for _ in range(2):  # built, then read from the cache folder
        g = Gazetteer(path)
        assert [e.name for e in g.lookup("al-Raqqa")] == ["Ar Raqqah"]
        assert g.demonym("Syrians") == "SYR"
        assert g.lookup("Aleppo") == []


def test_cached_tokens_are_the_tokenizer_s(nlp, folder):
    from blocs.extract.actors.matchers import _tokenised

    texts = ["Hamas", "U.S. State Department", "al-Burhan", "Côte d'Ivoire", "the Northern Front (NF)"]
    for tokens in (_tokenised(nlp, texts), _tokenised(nlp, texts)):
        for t in texts:
            doc = nlp.make_doc(t)
            assert tokens[t] == (tuple(w.text for w in doc), tuple(w.lower_ for w in doc))


def test_the_cached_knowledge_base_is_the_built_one(folder):
    from blocs.kb import loader

    built = loader.load_from(loader.DATA)
    for _ in range(2):  # built and stored, then read from the cache folder
        kb = loader.load.__wrapped__()
        assert vars(kb) == vars(built)
        assert kb.leaders("USA", None) == built.leaders("USA", None)
    assert len(list(folder.glob("kb-*.pickle"))) == 1
    assert loader.source_key() == loader.source_key.__wrapped__()  # a pure function of the files


def test_the_cached_actor_plan_is_the_built_one(folder):
    from blocs.extract.actors import matchers
    from blocs.kb import loader

    kb, lex = loader.load(), matchers.lexicon()
    built = matchers._build_plan(kb, lex)
    assert matchers._plan(kb, lex) == built == matchers._plan(kb, lex)
    assert len(list(folder.glob("actor-plan-*.pickle"))) == 1
    forms, written, _, texts = built
    assert set(forms) == set(written) and all(vs == sorted(vs) for vs in written.values())
    assert texts == sorted(set(texts))


def test_the_verb_index_opens_each_verb_as_built(folder):
    from blocs.extract.events import cameo

    built = cameo._index()
    for _ in range(2):  # built and stored, then read from the cache folder
        index = cameo.index.__wrapped__()
        assert len(index) == len(built) and list(index) == list(built)
        assert index["attack"] == built["attack"] and index.get("attack") is index["attack"]
        assert index.get("no-such-verb") is None and "no-such-verb" not in index
        assert dict(index.items()) == built
    with pytest.raises(KeyError):
        index["no-such-verb"]


def test_a_lexicon_is_checked_once_per_version_and_a_bad_one_always(folder, tmp_path):
    import yaml

    from blocs.extract.actors.lexicon import LEXICON, read_lexicon
    from blocs.extract.actors.schema import LexiconError

    good = tmp_path / "actors_lexicon.yaml"
    good.write_bytes(LEXICON.read_bytes())
    assert read_lexicon(good) == read_lexicon(good) == read_lexicon(LEXICON)
    assert len(list(folder.glob("lexicon-checked-*.pickle"))) == 1
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    data["about_mentions"] = "three"
    good.write_text(yaml.safe_dump(data), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LexiconError):
            read_lexicon(good)
    assert len(list(folder.glob("lexicon-checked-*.pickle"))) == 1


def test_sorted_word_table_answers_as_the_dict():
    from blocs.clean.sorted_table import SortedTable, compact

    words = {"the": 0.05, "théâtre": 1e-6, "ab": 2.5e-4, "abc": 1e-5, "": 3.0, "a\x00b": 4.0, "zz": 1e-8}
    table = SortedTable(words)
    for key, value in words.items():
        assert table.get(key) == value and type(table.get(key)) is float
    for absent in ("a", "abd", "the ", "x" * 50, "\udc80", "a\x00c"):
        assert table.get(absent) is None and table.get(absent, 0) == 0
    counts = compact({"of the": 10**10, "in a": 7})
    assert isinstance(counts, SortedTable) and counts.get("of the") == 10**10 and type(counts.get("in a")) is int
    assert isinstance(compact({"mixed": 1, "kinds": 2.0}), dict)
    assert isinstance(compact({"huge": 2**70}), dict)


def test_sorted_word_table_turns_back_into_the_dict_after_many_lookups(monkeypatch):
    import pickle

    from blocs.clean import sorted_table

    monkeypatch.setattr(sorted_table, "WHOLE_AFTER", 3)
    words = {"war": 1e-4, "peace": 2e-4, "truce": 3e-6, "": 1.0}
    table = pickle.loads(pickle.dumps(sorted_table.SortedTable(words)))  # as read from the cache folder
    answers = [table.get(w) for w in ("war", "peace", "ceasefire", "truce", "war", "", "talks")]
    assert answers == [words.get(w) for w in ("war", "peace", "ceasefire", "truce", "war", "", "talks")]
    assert table.as_dict() == words
    assert pickle.loads(pickle.dumps(table)).__getstate__().keys() == {"odd", "parts"}
