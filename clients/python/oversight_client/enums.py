"""Short, analyst-friendly names for the API's enumerations.

On the wire every enumeration value carries its type as a prefix
(``RATING_RED``, ``ALERT_SEVERITY_CRITICAL``); data files and the CLI use the
bare snake_case name (``red``, ``critical``). These helpers convert both ways
so that callers can write ``rating="red"``.
"""

from __future__ import annotations

from typing import Union

from google.protobuf.descriptor import EnumDescriptor
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

EnumLike = Union[int, str, None]
"""An enumeration argument: the number, any spelling of the name, or None."""

_UNSPECIFIED = "UNSPECIFIED"


def _descriptor(enum_type: EnumTypeWrapper | EnumDescriptor) -> EnumDescriptor:
    return enum_type if isinstance(enum_type, EnumDescriptor) else enum_type.DESCRIPTOR


def _prefix(descriptor: EnumDescriptor) -> str:
    # Every enumeration of the API starts with <PREFIX>_UNSPECIFIED = 0, which
    # names its prefix exactly (the type name is not enough: "Rating" is
    # RATING_, "ProviderKind" is PROVIDER_KIND_).
    zero = descriptor.values_by_number.get(0)
    if zero is not None and zero.name.endswith(_UNSPECIFIED):
        return zero.name[: -len(_UNSPECIFIED)]
    return ""


def enum_name(enum_type: EnumTypeWrapper | EnumDescriptor, value: int) -> str | None:
    """The short lower-case name of ``value`` (``"red"``), None when unspecified.

    A number this client does not know (a newer server) comes back as its
    decimal string rather than failing.
    """
    descriptor = _descriptor(enum_type)
    if value == 0:
        return None
    known = descriptor.values_by_number.get(value)
    if known is None:
        return str(value)
    prefix = _prefix(descriptor)
    name = known.name[len(prefix):] if known.name.startswith(prefix) else known.name
    return name.lower()


def _normalise(text: str) -> str:
    # The same forgiveness as the data files: case, spaces, hyphens and
    # apostrophes ("Children's homes" reads as CHILDRENS_HOMES).
    return text.strip().upper().replace("'", "").replace("-", "_").replace(" ", "_")


def parse_enum(enum_type: EnumTypeWrapper | EnumDescriptor, value: EnumLike, *, field: str) -> int:
    """The number of ``value``: None or "" is 0 (unspecified, i.e. any).

    Accepts a number, the full name (``"RATING_RED"``) or the short name in
    any case (``"red"``). Raises ValueError naming ``field`` and the accepted
    values otherwise.
    """
    descriptor = _descriptor(enum_type)
    if value is None:
        return 0
    if isinstance(value, bool):  # bool is an int; True is never meant as a rating
        raise ValueError(f"{field}: expected an enumeration value, got {value!r}")
    if isinstance(value, int):
        if value in descriptor.values_by_number:
            return value
        raise ValueError(f"{field}: {value} is not a {descriptor.name} value")
    if not isinstance(value, str):
        raise ValueError(f"{field}: expected a name or number, got {type(value).__name__}")
    if not value.strip():
        return 0
    wanted = _normalise(value)
    prefix = _prefix(descriptor)
    for candidate in (wanted, prefix + wanted):
        known = descriptor.values_by_name.get(candidate)
        if known is not None:
            return known.number
    accepted = ", ".join(
        name for name in (enum_name(descriptor, v.number) for v in descriptor.values) if name
    )
    raise ValueError(f"{field}: unknown {descriptor.name} {value!r}; expected one of {accepted}")
