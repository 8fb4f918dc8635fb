"""Enumeration names, conversion to plain data, and error details."""

from __future__ import annotations

import sys
import types
import unittest

import grpc

import support  # noqa: F401 - import paths

from oversight_client import (
    OversightError, enum_name, flatten, parse_enum, pb, to_dataframe, to_dict, to_records,
)
from oversight_client._stubs import status_pb2


class EnumTest(unittest.TestCase):
    def test_short_names(self) -> None:
        self.assertEqual(enum_name(pb.Rating, pb.RATING_RED), "red")
        self.assertEqual(enum_name(pb.ProviderKind, pb.PROVIDER_KIND_INDEPENDENT_FOSTERING_AGENCY),
                         "independent_fostering_agency")
        self.assertEqual(enum_name(pb.AlertKind, pb.ALERT_KIND_COVENANT_HEADROOM_LOW),
                         "covenant_headroom_low")
        self.assertIsNone(enum_name(pb.Rating, pb.RATING_UNSPECIFIED))
        self.assertEqual(enum_name(pb.Rating, 42), "42", "a value from a newer server")

    def test_every_value_round_trips(self) -> None:
        for enum_type in (pb.Rating, pb.Band, pb.Region, pb.ProviderKind, pb.Ownership,
                          pb.AlertSeverity, pb.AlertKind, pb.CompanyStatus, pb.Role):
            for value in enum_type.DESCRIPTOR.values:
                if value.number == 0:
                    continue
                short = enum_name(enum_type, value.number)
                self.assertEqual(parse_enum(enum_type, short, field="f"), value.number, short)
                self.assertEqual(parse_enum(enum_type, value.name, field="f"), value.number)

    def test_parse_forgives_spelling(self) -> None:
        self.assertEqual(parse_enum(pb.Rating, "Red", field="rating"), pb.RATING_RED)
        self.assertEqual(parse_enum(pb.ProviderKind, "Children's homes", field="kind"),
                         pb.PROVIDER_KIND_CHILDRENS_HOMES)
        self.assertEqual(parse_enum(pb.Region, "yorkshire-and-the-humber", field="region"),
                         pb.REGION_YORKSHIRE_AND_THE_HUMBER)
        self.assertEqual(parse_enum(pb.Rating, None, field="rating"), 0)
        self.assertEqual(parse_enum(pb.Rating, "", field="rating"), 0)
        self.assertEqual(parse_enum(pb.Rating, 4, field="rating"), pb.RATING_BLACK)

    def test_parse_rejects_with_field_and_choices(self) -> None:
        with self.assertRaisesRegex(ValueError, r"^rating: unknown Rating 'crimson'; expected one of "
                                                r"green, amber, red, black$"):
            parse_enum(pb.Rating, "crimson", field="rating")
        with self.assertRaisesRegex(ValueError, "^rating: 9 is not a Rating value"):
            parse_enum(pb.Rating, 9, field="rating")
        with self.assertRaisesRegex(ValueError, "^rating: expected an enumeration value"):
            parse_enum(pb.Rating, True, field="rating")


def summary() -> pb.ProviderSummary:
    return pb.ProviderSummary(
        provider_id="P004", name="Kestrelmoor Group Ltd", rank=2, rating=pb.RATING_BLACK,
        score=673.7, pd_one_year=0.6867, net_debt_to_ebitda=8.11, operating_margin=0.0,
        children_placed=980, as_of="2026-03-31",
    )


class ToDictTest(unittest.TestCase):
    def test_absent_optional_is_none_and_present_zero_is_zero(self) -> None:
        d = to_dict(summary())
        self.assertEqual(d["rating"], "black")
        self.assertEqual(d["net_debt_to_ebitda"], 8.11)
        self.assertIsNone(d["interest_cover"], "unknown, never 0")
        self.assertEqual(d["operating_margin"], 0.0, "a known zero stays 0")
        self.assertIsNone(d["kind"], "unspecified enumeration")
        self.assertEqual(d["children_placed"], 980)
        self.assertEqual(list(d), [f.name for f in pb.ProviderSummary.DESCRIPTOR.fields])

    def test_nested_repeated_and_int64(self) -> None:
        alert = pb.Alert(sequence=2**40, provider_id="P1", severity=pb.ALERT_SEVERITY_CRITICAL,
                         regions=[pb.REGION_LONDON, pb.REGION_NORTH_EAST], local_authorities=["Leeds"])
        d = to_dict(alert)
        self.assertEqual(d["sequence"], 2**40)
        self.assertIsInstance(d["sequence"], int, "int64 stays an int (MessageToDict gives str)")
        self.assertEqual(d["regions"], ["london", "north_east"])
        self.assertEqual(d["local_authorities"], ["Leeds"])
        self.assertEqual(d["severity"], "critical")

        view = pb.ProviderView(provider=pb.Provider(provider_id="P1", name="A"), facilities=3)
        v = to_dict(view)
        self.assertIsNone(v["latest_assessment"], "never scored")
        self.assertEqual(v["provider"]["name"], "A")
        self.assertIsNone(v["provider"]["provenance"])

    def test_oneof_members_absent_are_none(self) -> None:
        record = pb.Record(facility=pb.DebtFacility(provider_id="P1", facility_id="TLB", drawn=5.0))
        d = to_dict(record)
        self.assertIsNone(d["provider"])
        self.assertEqual(d["facility"]["drawn"], 5.0)

    def test_flatten_and_records(self) -> None:
        self.assertEqual(flatten({"a": {"b": 1, "c": {"d": None}}, "e": [1]}),
                         {"a.b": 1, "a.c.d": None, "e": [1]})
        view = pb.ProviderView(provider=pb.Provider(provider_id="P1"), settings=2)
        records = to_records([view])
        self.assertEqual(records[0]["provider.provider_id"], "P1")
        self.assertEqual(records[0]["settings"], 2)
        self.assertIn("provider", to_records([view], flat=False)[0])


class ToDataFrameTest(unittest.TestCase):
    def setUp(self) -> None:
        self._saved = sys.modules.get("pandas", ...)

    def tearDown(self) -> None:
        if self._saved is ...:
            sys.modules.pop("pandas", None)
        else:
            sys.modules["pandas"] = self._saved

    def test_without_pandas_says_it_is_optional(self) -> None:
        sys.modules["pandas"] = None  # makes `import pandas` raise ImportError
        with self.assertRaisesRegex(ImportError, "needs pandas, which is optional"):
            to_dataframe([summary()])

    def test_with_pandas_builds_rows_in_field_order(self) -> None:
        built = {}

        class DataFrame:
            @staticmethod
            def from_records(records, columns=None):
                built["records"], built["columns"] = records, columns
                return "frame"

        sys.modules["pandas"] = types.SimpleNamespace(DataFrame=DataFrame)
        self.assertEqual(to_dataframe([summary(), summary()]), "frame")
        self.assertEqual(len(built["records"]), 2)
        self.assertEqual(built["columns"][:3], ["provider_id", "name", "kind"])
        self.assertEqual(built["records"][0]["rating"], "black")


class FakeRpcError(grpc.RpcError):
    def __init__(self, code, details, trailers=()):
        self._code, self._details, self._trailers = code, details, trailers

    def code(self):
        return self._code

    def details(self):
        return self._details

    def trailing_metadata(self):
        return self._trailers


class OversightErrorTest(unittest.TestCase):
    def test_bad_request_fields_are_read_from_the_trailer(self) -> None:
        bad = status_pb2.BadRequest(field_violations=[
            status_pb2.BadRequest.FieldViolation(field="as_of", description="not a date"),
            status_pb2.BadRequest.FieldViolation(field="provider_id", description="required"),
        ])
        status = status_pb2.Status(code=3, message="bad request")
        status.details.add().Pack(bad)
        error = OversightError.from_rpc_error("ExplainAssessment", FakeRpcError(
            grpc.StatusCode.INVALID_ARGUMENT, "bad request",
            (("other", "x"), ("grpc-status-details-bin", status.SerializeToString()))))
        self.assertEqual(error.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(error.field_violations, [("as_of", "not a date"), ("provider_id", "required")])
        self.assertEqual(str(error), "ExplainAssessment: INVALID_ARGUMENT: bad request\n"
                                     "  as_of: not a date\n  provider_id: required")

    def test_garbage_trailer_keeps_the_status(self) -> None:
        error = OversightError.from_rpc_error("GetProvider", FakeRpcError(
            grpc.StatusCode.NOT_FOUND, "no provider P9",
            (("grpc-status-details-bin", b"\xff\xff\xff"),)))
        self.assertEqual(error.code, grpc.StatusCode.NOT_FOUND)
        self.assertEqual(error.field_violations, [])
        self.assertEqual(str(error), "GetProvider: NOT_FOUND: no provider P9")


if __name__ == "__main__":
    unittest.main()
