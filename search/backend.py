"""Placeholder replaced by the search work; lets migrations run meanwhile."""

from haystack.backends.whoosh_backend import WhooshEngine as ChineseWhooshEngine  # noqa: F401
