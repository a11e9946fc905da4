"""What receivers posting over HTTP share: a JSON POST whose failures say whether, and when, to retry."""

from __future__ import annotations

import httpx

from tocsin.streams.notify.receivers.kind import DeliveryError

PERMANENT_HTTP = (400, 401, 403, 404, 410)

#: A receiver may ask for a pause, not for the notifier to stop: longer requests are cut to this.
MAX_RETRY_AFTER_SECONDS = 300.0


async def post_json(client: httpx.AsyncClient, url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    """POST JSON; any answer but 2xx is a DeliveryError (permanent for 4xx that a retry cannot fix)."""
    try:
        response = await client.post(url, content=body, headers={"Content-Type": "application/json", **headers})
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{type(exc).__name__}: {str(exc).replace(url, '<url>')}") from exc
    if response.status_code < 300:
        return response
    wait = retry_after(response.headers.get("Retry-After"))
    raise DeliveryError(f"HTTP {response.status_code}", wait, response.status_code in PERMANENT_HTTP)


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header, within [0, MAX_RETRY_AFTER_SECONDS]; None when absent or not a number."""
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    if seconds is None or seconds != seconds:  # NaN
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER_SECONDS)
