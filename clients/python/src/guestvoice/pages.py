"""Iterating over every item of a paginated List method (AIP-158)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


def pages(method: Callable[..., Any], request: Any, items: str,
          **call_options: Any) -> Iterator[Any]:
    """Yields every item of ``items`` across all pages of ``method``.

    ``request`` is copied, never changed; ``call_options`` (for example
    ``timeout``) apply to each page's call. Example::

        for hotel in pages(client.hotels.ListHotels,
                           ListHotelsRequest(parent="organizations/default"), "hotels"):
            ...
    """
    page_request = type(request)()
    page_request.CopyFrom(request)
    while True:
        response = method(page_request, **call_options)
        yield from getattr(response, items)
        if not response.next_page_token:
            return
        page_request.page_token = response.next_page_token
