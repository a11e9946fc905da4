"""Extra request headers a catalog source may send, checked and resolved at load.

Some publishers want a token or an API key in a header. The catalog file is shared
and committed, so a secret is written as `${VARIABLE}` and read from the
environment when the catalog is loaded: a missing variable stops the load with the
header's name, never its value. Headers that describe the connection (hop-by-hop,
Host, Content-Length) belong to the HTTP client, and the ones the fetcher sets
itself (compression it can decode in bounded steps, conditional GET) would break
its guarantees, so they are refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: RFC 9110 `token`: what a header field name may contain.
_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
CLIENT_OWNED = frozenset({"host", "content-length"})
FETCHER_OWNED = frozenset({"accept-encoding", "if-none-match", "if-modified-since"})


def check_headers(headers: Mapping[str, str], environ: Mapping[str, str] | None) -> dict[str, str]:
    """Validated headers with `${VAR}` references resolved from `environ` (kept as written when it is None).

    Raises ValueError naming the header (and the variable), never a value.
    """
    resolved = {}
    for name, value in headers.items():
        _check_name(name)
        if any(char in value for char in "\r\n\0"):
            raise ValueError(f"header {name!r}: the value must be one line (no CR, LF or NUL)")
        resolved[name] = value if environ is None else _resolve(name, value, environ)
    return resolved


def _check_name(name: str) -> None:
    lowered = name.lower()
    if not _NAME.match(name):
        raise ValueError(f"header name {name!r} is not a valid HTTP field name (letters, digits and !#$%&'*+.^_`|~-)")
    if lowered in HOP_BY_HOP:
        raise ValueError(f"header {name!r} is hop-by-hop: it describes one connection, not the request")
    if lowered in CLIENT_OWNED:
        raise ValueError(f"header {name!r} is set by the HTTP client from the URL and body")
    if lowered in FETCHER_OWNED:
        raise ValueError(f"header {name!r} is set by the fetcher (bounded decompression, conditional GET)")


def _resolve(name: str, value: str, environ: Mapping[str, str]) -> str:
    def substitute(match: re.Match[str]) -> str:
        variable = match.group(1)
        if not environ.get(variable):
            raise ValueError(f"header {name!r}: environment variable {variable} is not set")
        return environ[variable]

    resolved = _REFERENCE.sub(substitute, value)
    if any(char in resolved for char in "\r\n\0"):
        raise ValueError(f"header {name!r}: the value from the environment must be one line (no CR, LF or NUL)")
    return resolved
