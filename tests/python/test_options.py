"""ConnectionOptions: durations, booleans, environment, validation, credentials."""

from __future__ import annotations

import math
import os
import tempfile
import unittest

import support  # noqa: F401 - import paths

from oversight_client import ConnectionOptions, is_loopback, parse_bool, parse_duration


class ParseDurationTest(unittest.TestCase):
    def test_units_as_the_cli_writes_them(self) -> None:
        cases = {
            "30s": 30.0, "1.5s": 1.5, "500ms": 0.5, "10m": 600.0, "1h30m": 5400.0,
            "2": 2.0, "0.25": 0.25, "250us": 250e-6, " 45s ": 45.0, ".5s": 0.5,
        }
        for text, seconds in cases.items():
            with self.subTest(text=text):
                self.assertAlmostEqual(parse_duration(text), seconds, delta=1e-12,
                                       msg=f"{text!r}: computed {parse_duration(text)}, expected {seconds}")

    def test_inf_is_no_limit(self) -> None:
        self.assertTrue(math.isinf(parse_duration("inf")))

    def test_malformed_names_the_option(self) -> None:
        for text in ("", "ten seconds", "10 s", "-5s", "-1", "5d", "1h-30m", "nan"):
            with self.subTest(text=text):
                with self.assertRaisesRegex(ValueError, r"^--timeout: "):
                    parse_duration(text, option="--timeout")


class ParseBoolTest(unittest.TestCase):
    def test_spellings(self) -> None:
        for text in ("1", "true", "TRUE", "yes", "on"):
            self.assertTrue(parse_bool(text, option="X"), text)
        for text in ("", "0", "false", "No", "off"):
            self.assertFalse(parse_bool(text, option="X"), text)
        with self.assertRaisesRegex(ValueError, "^OVERSIGHT_INSECURE: 'maybe'"):
            parse_bool("maybe", option="OVERSIGHT_INSECURE")


class LoopbackTest(unittest.TestCase):
    def test_loopback_targets(self) -> None:
        for server in ("127.0.0.1:50051", "127.10.0.3:1", "localhost:50051", "[::1]:50051",
                       "dns:///localhost:50051", "ipv4:127.0.0.1:5", "unix:/run/oversight.sock"):
            self.assertTrue(is_loopback(server), server)

    def test_remote_targets(self) -> None:
        for server in ("10.0.0.1:50051", "oversight.example.gov.uk:443", "[2001:db8::1]:443",
                       "dns:///oversight.example.gov.uk:443", "localhost.example.com:1"):
            self.assertFalse(is_loopback(server), server)


class FromEnvTest(unittest.TestCase):
    ENV = {
        "OVERSIGHT_SERVER": "oversight.example.gov.uk:443",
        "OVERSIGHT_TOKEN": "tok-123\n",
        "OVERSIGHT_TLS_CA": "/etc/oversight/ca.pem",
        "OVERSIGHT_TIMEOUT": "2m",
        "OVERSIGHT_INSECURE": "0",
    }

    def test_reads_the_cli_variables(self) -> None:
        options = ConnectionOptions.from_env(self.ENV)
        self.assertEqual(options.server, "oversight.example.gov.uk:443")
        self.assertEqual(options.token, "tok-123", "a token file's trailing newline is dropped")
        self.assertEqual(options.tls_ca, "/etc/oversight/ca.pem")
        self.assertEqual(options.timeout, 120.0)
        self.assertFalse(options.insecure)

    def test_defaults_without_environment(self) -> None:
        options = ConnectionOptions.from_env({})
        self.assertEqual(options, ConnectionOptions())
        self.assertEqual(options.server, "127.0.0.1:50051")
        self.assertEqual(options.timeout, 30.0)

    def test_overrides_win_and_none_keeps_the_environment(self) -> None:
        options = ConnectionOptions.from_env(self.ENV, server="127.0.0.1:9", token=None)
        self.assertEqual(options.server, "127.0.0.1:9")
        self.assertEqual(options.token, "tok-123")

    def test_unknown_override_is_a_type_error(self) -> None:
        with self.assertRaisesRegex(TypeError, "serverr"):
            ConnectionOptions.from_env({}, serverr="x")

    def test_malformed_variable_is_named(self) -> None:
        with self.assertRaisesRegex(ValueError, "^OVERSIGHT_TIMEOUT: "):
            ConnectionOptions.from_env({"OVERSIGHT_TIMEOUT": "soon"})
        with self.assertRaisesRegex(ValueError, "^OVERSIGHT_INSECURE: "):
            ConnectionOptions.from_env({"OVERSIGHT_INSECURE": "perhaps"})


class ValidateTest(unittest.TestCase):
    def assert_invalid(self, options: ConnectionOptions, pattern: str) -> None:
        with self.assertRaisesRegex(ValueError, pattern):
            options.validate()

    def test_valid_combinations(self) -> None:
        ConnectionOptions(insecure=True).validate()
        ConnectionOptions(insecure=True, token="t").validate()  # loopback: allowed
        ConnectionOptions(server="remote:443", token="t", tls_ca="ca.pem").validate()
        ConnectionOptions(server="remote:443", tls_cert="c.pem", tls_key="k.pem").validate()
        ConnectionOptions(timeout=math.inf).validate()

    def test_invalid_combinations_name_the_option(self) -> None:
        self.assert_invalid(ConnectionOptions(insecure=True, tls_ca="ca.pem"), "^insecure: ")
        self.assert_invalid(ConnectionOptions(tls_cert="c.pem"), "^tls_key: required with tls_cert")
        self.assert_invalid(ConnectionOptions(tls_key="k.pem"), "^tls_cert: required with tls_key")
        self.assert_invalid(ConnectionOptions(timeout=0), "^timeout: ")
        self.assert_invalid(ConnectionOptions(server=" "), "^server: ")
        self.assert_invalid(ConnectionOptions(token="two words"), "^token: ")
        self.assert_invalid(ConnectionOptions(token=""), "^token: ")

    def test_no_plaintext_token_to_a_remote_server(self) -> None:
        self.assert_invalid(
            ConnectionOptions(server="10.1.2.3:50051", insecure=True, token="secret"),
            "^token: refusing to send a bearer token in plaintext to 10.1.2.3:50051",
        )


class CredentialsTest(unittest.TestCase):
    def test_token_is_metadata_and_never_in_repr(self) -> None:
        options = ConnectionOptions(token="s3cr3t")
        self.assertEqual(options.call_metadata(), (("authorization", "Bearer s3cr3t"),))
        self.assertNotIn("s3cr3t", repr(options))
        self.assertEqual(ConnectionOptions().call_metadata(), ())

    def test_call_timeout(self) -> None:
        self.assertEqual(ConnectionOptions(timeout=12.5).call_timeout(), 12.5)
        self.assertIsNone(ConnectionOptions(timeout=math.inf).call_timeout())

    def test_insecure_has_no_channel_credentials(self) -> None:
        self.assertIsNone(ConnectionOptions(insecure=True).channel_credentials())

    def test_unreadable_or_non_pem_files_name_the_option(self) -> None:
        missing = os.path.join(tempfile.gettempdir(), "oversight-no-such-dir", "ca.pem")
        with self.assertRaisesRegex(ValueError, "^tls_ca: cannot read"):
            ConnectionOptions(tls_ca=missing).channel_credentials()
        with tempfile.NamedTemporaryFile("w", suffix=".pem") as not_pem:
            not_pem.write("hello\n")
            not_pem.flush()
            with self.assertRaisesRegex(ValueError, "^tls_cert: .* is not a PEM file"):
                ConnectionOptions(tls_cert=not_pem.name, tls_key=not_pem.name).channel_credentials()


if __name__ == "__main__":
    unittest.main()
