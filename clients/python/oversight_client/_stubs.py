"""The generated Protobuf and gRPC modules of the oversight API.

They are generated at build time (CMake target ``oversight_python_stubs``)
into ``<build>/python`` and never committed, so they always match
``proto/oversight/v1/oversight.proto``. That directory must be importable:
put it on ``PYTHONPATH`` or name it in ``OVERSIGHT_PYTHON_STUBS``.
"""

from __future__ import annotations

import os
import sys

_STUBS_DIR = os.environ.get("OVERSIGHT_PYTHON_STUBS", "")
if _STUBS_DIR and _STUBS_DIR not in sys.path:
    # In front, so that the stubs of this build win over a stale copy.
    sys.path.insert(0, _STUBS_DIR)

try:
    from google.rpc import status_pb2
    from oversight.v1 import oversight_pb2 as pb
    from oversight.v1 import oversight_pb2_grpc as pb_grpc
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError(
        "oversight_client: the generated stubs (oversight.v1.oversight_pb2) are not "
        "importable: build the CMake target oversight_python_stubs and put <build>/python "
        "on PYTHONPATH or in OVERSIGHT_PYTHON_STUBS (see docs/python-client.md); "
        f"cause: {error}"
    ) from error

__all__ = ["pb", "pb_grpc", "status_pb2"]
