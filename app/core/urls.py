from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: an open redirect would make phishing links look like ours."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
