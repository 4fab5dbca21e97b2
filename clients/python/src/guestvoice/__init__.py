"""Client for guestvoice, the Social CRM backend for hotel chains.

The generated messages and stubs live in ``guestvoice.v1``; this package adds
only what every caller would otherwise write again: a channel with the bearer
key, TLS and retries (``connect``), page iteration (``pages``), request ids
(``new_request_id``) and the google.rpc details of an error (``error_details``).
"""

from guestvoice.channel import Client, connect, new_request_id
from guestvoice.errors import ErrorDetails, error_details
from guestvoice.pages import pages

__all__ = ["Client", "ErrorDetails", "connect", "error_details", "new_request_id", "pages"]
