"""Shared fixtures. Django is imported inside fixtures only, so tests/rules runs with -p no:django."""
