"""Canonical URLs, so that one article reached by several links is recognised as one."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "cmpid",
        "ocid",
        "at_medium",
        "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "_hs", "mkt_")
MOBILE_HOST_PREFIXES = ("m.", "mobile.", "amp.")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragment, tracking parameters, AMP and mobile variants.

    Query parameters that are not tracking are kept, sorted: some sites identify
    articles by `?id=`.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an invalid port or bracket: keep the link as given rather than fail the article
        return url.strip()
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in MOBILE_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    if host.startswith("www."):
        host = host[4:]
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    for suffix in ("/amp/", "/amp", ".amp"):
        if path.endswith(suffix) and len(path) > len(suffix):
            path = path[: -len(suffix)] or "/"
            break
    if path.startswith("/amp/"):
        path = path[4:]
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(name) and name.lower() != "amp"
    ]
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))
