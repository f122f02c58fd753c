"""Read-only JSON API (v1) over the template library, described by an OpenAPI 3.1 document."""
