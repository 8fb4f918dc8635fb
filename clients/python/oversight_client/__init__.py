"""Python client of oversightd, the financial-oversight risk engine for
providers of children's homes and independent fostering agencies in England.

    from oversight_client import OversightClient, to_records

    with OversightClient() as client:          # OVERSIGHT_SERVER, OVERSIGHT_TOKEN, ...
        for p in client.list_providers(rating=["red", "black"]):
            print(p.rank, p.provider_id, p.name)
        for alert in client.follow_alerts(after_sequence=0, timeout=60):
            print(alert.sequence, alert.title)

See docs/python-client.md.
"""

from ._stubs import pb
from .alerts import PERMANENT_CODES, AlertFollower, Backoff
from .client import OversightClient
from .convert import flatten, to_dataframe, to_dict, to_records
from .enums import enum_name, parse_enum
from .errors import OversightError
from .options import ConnectionOptions, is_loopback, parse_bool, parse_duration

__all__ = [
    "PERMANENT_CODES",
    "AlertFollower",
    "Backoff",
    "ConnectionOptions",
    "OversightClient",
    "OversightError",
    "enum_name",
    "flatten",
    "is_loopback",
    "parse_bool",
    "parse_duration",
    "parse_enum",
    "pb",
    "to_dataframe",
    "to_dict",
    "to_records",
]
