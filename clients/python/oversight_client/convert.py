"""Results as plain Python data: dicts, flat records and (optionally) pandas.

Conventions of the conversion, chosen for analysis rather than for the wire:
- an enumeration becomes its short name (``"red"``), and the unspecified
  value becomes None;
- a field that may be absent (proto3 ``optional``, a message, a oneof member)
  becomes None when absent, so an unknown figure is never read as 0;
- 64-bit integers stay ints (``MessageToDict`` would make them strings).
"""

from __future__ import annotations

from typing import Any, Iterable

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from .enums import enum_name


def _value(field: FieldDescriptor, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return to_dict(value)
    if field.type == FieldDescriptor.TYPE_ENUM:
        return enum_name(field.enum_type, value)
    return value


def to_dict(message: Message) -> dict[str, Any]:
    """Every field of ``message`` by its proto name, converted as above."""
    result: dict[str, Any] = {}
    for field in message.DESCRIPTOR.fields:
        value = getattr(message, field.name)
        if field.label == FieldDescriptor.LABEL_REPEATED:
            entry = field.message_type
            if entry is not None and entry.GetOptions().map_entry:
                value_field = entry.fields_by_name["value"]
                result[field.name] = {k: _value(value_field, v) for k, v in value.items()}
            else:
                result[field.name] = [_value(field, v) for v in value]
        elif field.has_presence and not message.HasField(field.name):
            result[field.name] = None
        else:
            result[field.name] = _value(field, value)
    return result


def flatten(record: dict[str, Any], *, separator: str = ".") -> dict[str, Any]:
    """Nested dicts as dotted keys ({"provider": {"name": x}} -> {"provider.name": x}).

    Lists are kept as they are (one cell); an absent nested message stays a
    single None under its own key.
    """
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            for inner_key, inner_value in flatten(value, separator=separator).items():
                flat[f"{key}{separator}{inner_key}"] = inner_value
        else:
            flat[key] = value
    return flat


def to_records(messages: Iterable[Message], *, flat: bool = True) -> list[dict[str, Any]]:
    """One dict per message; nested messages flattened to dotted keys by default."""
    return [flatten(to_dict(m)) if flat else to_dict(m) for m in messages]


def to_dataframe(messages: Iterable[Message], *, flat: bool = True) -> Any:
    """A pandas DataFrame with one row per message (columns as ``to_records``).

    pandas is optional and never required by this package: without it this
    raises ImportError saying so; ``to_records`` gives the same data as dicts.
    """
    try:
        import pandas  # noqa: PLC0415 - optional dependency, imported on use
    except ImportError as error:
        raise ImportError(
            "to_dataframe needs pandas, which is optional and not installed "
            "(Debian: apt install python3-pandas); to_records() gives the same rows as dicts"
        ) from error
    records = to_records(messages, flat=flat)
    # Columns in the messages' field order; every row has the same keys.
    return pandas.DataFrame.from_records(records, columns=list(records[0]) if records else None)
