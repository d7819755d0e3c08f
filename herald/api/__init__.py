"""Herald's REST API (django-ninja, OpenAPI 3): thin endpoints over the same services, selectors and
access checks as the web pages, authenticated by per-representative API tokens (docs/api.md)."""
