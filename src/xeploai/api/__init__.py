"""The REST API (django-ninja): thin endpoints over the same selectors, services and permission
predicates as the pages, authenticated by per-user bearer tokens (docs/api.md)."""
