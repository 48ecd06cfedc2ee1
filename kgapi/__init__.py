"""kgapi: a knowledge graph of who said what, about whom, in the news."""

__version__ = "0.1.0"
