"""blocs: who stands with whom, from the text itself."""

__version__ = "0.1.0"
