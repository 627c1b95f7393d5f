"""Extraction stages: each reads the Context and adds to it or returns records."""
