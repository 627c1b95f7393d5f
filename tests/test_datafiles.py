"""Every shipped data file is read by one loader and checked against the shared shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs import datafiles

SRC = Path(datafiles.__file__).parent
DATA_FILES = sorted(SRC.rglob("*.yaml"))


def test_words_yaml_1_1_turns_into_booleans_stay_words():
    assert datafiles.parse("preps: [on, off, in]\nflags: {insist: on}\nok: true") == {
        "preps": ["on", "off", "in"],
        "flags": {"insist": "on"},
        "ok": True,
    }


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_every_data_file_validates(path):
    data = datafiles.read(path)
    assert isinstance(data, dict) and data


def test_a_word_list_holding_a_number_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("# source: test\nverbs: [attack, 12]\n", encoding="utf-8")
    with pytest.raises(datafiles.DataFileError) as err:
        datafiles.read(bad)
    assert "cues.yaml: verbs" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_every_data_file_says_where_it_came_from(path):
    head = path.read_text(encoding="utf-8")[:2000].lower()
    assert head.lstrip().startswith("#") and ("source" in head or "from" in head), path.name
