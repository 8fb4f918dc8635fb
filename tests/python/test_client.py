"""OversightClient and AlertFollower against an in-process gRPC server.

The fake server (support.FakeServer) is real gRPC on 127.0.0.1, scripted per
call, so these tests see exactly what the client sends and how it reacts to
what comes back: paging, filters, the bearer token, error details, resuming
the alert stream after disconnects, cancellation, deadlines and TLS.
"""

from __future__ import annotations

import threading
import unittest

import grpc

import support
from support import FakeServer, abort_with_bad_request, alert

from oversight_client import (
    AlertFollower, Backoff, ConnectionOptions, OversightClient, OversightError, pb,
)


def summaries(*ranked: tuple[int, str, int]) -> list[pb.ProviderSummary]:
    return [pb.ProviderSummary(rank=r, provider_id=p, rating=rating) for r, p, rating in ranked]


class ClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = FakeServer().__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)
        self.fake = self.server.servicer
        self.client = OversightClient(ConnectionOptions(
            server=self.server.address, insecure=True, token="analyst-token", timeout=30))
        self.addCleanup(self.client.close)

    def test_list_providers_pages_with_filters_and_token(self) -> None:
        self.fake.script(
            "ListProviders",
            lambda req, ctx: pb.ListProvidersResponse(
                providers=summaries((1, "P5", 4), (3, "P3", 4)), next_page_token="page2", total=3),
            # A re-score between the pages shifted P3 onto the second page too.
            lambda req, ctx: pb.ListProvidersResponse(providers=summaries((3, "P3", 4), (4, "P6", 4)),
                                                      total=3),
        )
        providers = self.client.list_providers(rating="black", kind="Children's homes",
                                               region="london", local_authority="Leeds")
        self.assertEqual([p.provider_id for p in providers], ["P5", "P3", "P6"])
        first, second = self.fake.requests("ListProviders")
        self.assertEqual(first.rating, pb.RATING_BLACK)
        self.assertEqual(first.kind, pb.PROVIDER_KIND_CHILDRENS_HOMES)
        self.assertEqual(first.region, pb.REGION_LONDON)
        self.assertEqual(first.local_authority, "Leeds")
        self.assertEqual(first.page_size, 500)
        self.assertEqual(first.page_token, "")
        self.assertEqual(second.page_token, "page2", "the next page asks with the server's token")
        self.assertEqual(second.rating, first.rating, "a page token is bound to the same filters")
        for metadata in self.fake.metadata("ListProviders"):
            self.assertEqual(metadata.get("authorization"), "Bearer analyst-token")

    def test_several_ratings_merge_by_market_rank(self) -> None:
        def by_rating(req, ctx):
            ranked = {pb.RATING_RED: summaries((2, "P2", 3), (7, "P7", 3)),
                      pb.RATING_BLACK: summaries((1, "P1", 4), (5, "P5", 4))}
            return pb.ListProvidersResponse(providers=ranked[req.rating])

        self.fake.script("ListProviders", by_rating, by_rating)
        providers = self.client.list_providers(rating=["black", "red", "red"])
        self.assertEqual([(p.rank, p.provider_id) for p in providers],
                         [(1, "P1"), (2, "P2"), (5, "P5"), (7, "P7")])
        self.assertEqual(sorted(r.rating for r in self.fake.requests("ListProviders")),
                         [pb.RATING_RED, pb.RATING_BLACK], "one listing per distinct rating")

    def test_bad_filter_is_refused_before_any_call(self) -> None:
        with self.assertRaisesRegex(ValueError, "^region: unknown Region 'wales'"):
            self.client.list_providers(region="wales")
        with self.assertRaisesRegex(ValueError, "^rating: 'any'"):
            self.client.list_providers(rating=[None, "red"])
        self.assertEqual(self.fake.requests("ListProviders"), [])

    def test_invalid_argument_carries_field_violations(self) -> None:
        self.fake.script("ExplainAssessment", lambda req, ctx: abort_with_bad_request(
            ctx, "invalid request", [("as_of", "\"2026-02-30\" is not a date")]))
        with self.assertRaises(OversightError) as raised:
            self.client.explain("P1", "2026-02-30")
        self.assertEqual(raised.exception.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(raised.exception.method, "ExplainAssessment")
        self.assertEqual(raised.exception.field_violations, [("as_of", "\"2026-02-30\" is not a date")])

    def test_get_provider_explain_and_history_requests(self) -> None:
        import datetime
        self.fake.script("GetProvider", lambda req, ctx: pb.ProviderView(
            provider=pb.Provider(provider_id=req.provider_id), facilities=2))
        self.fake.script("ExplainAssessment", lambda req, ctx: pb.Assessment(
            provider_id=req.provider_id, as_of=req.as_of, rating=pb.RATING_RED))
        self.fake.script("GetAssessmentHistory", lambda req, ctx: pb.AssessmentHistory(
            assessments=[pb.Assessment(as_of="2026-03-31"), pb.Assessment(as_of="2025-03-31")]))
        self.assertEqual(self.client.get_provider("P4").facilities, 2)
        self.assertEqual(self.client.explain("P4", datetime.date(2026, 3, 31)).as_of, "2026-03-31")
        self.assertEqual([a.as_of for a in self.client.history("P4", limit=2)],
                         ["2026-03-31", "2025-03-31"])
        self.assertEqual(self.fake.requests("GetAssessmentHistory")[0].limit, 2)
        self.assertEqual(self.fake.requests("ExplainAssessment")[0].as_of, "2026-03-31")

    def test_list_alerts_pages_until_a_short_page(self) -> None:
        full = [alert(s) for s in range(1, 1001)]
        self.fake.script("ListAlerts",
                         lambda req, ctx: pb.ListAlertsResponse(alerts=full),
                         lambda req, ctx: pb.ListAlertsResponse(alerts=[alert(1001), alert(1002)]))
        alerts = self.client.list_alerts(min_severity="warning", provider_id="P1")
        self.assertEqual([a.sequence for a in alerts], list(range(1, 1003)))
        first, second = self.fake.requests("ListAlerts")
        self.assertEqual((first.after_sequence, first.limit), (0, 1000))
        self.assertEqual((second.after_sequence, second.limit), (1000, 1000))
        self.assertEqual(first.filter.min_severity, pb.ALERT_SEVERITY_WARNING)
        self.assertEqual(first.filter.provider_id, "P1")

    def test_list_alerts_stops_at_limit(self) -> None:
        self.fake.script("ListAlerts", lambda req, ctx: pb.ListAlertsResponse(
            alerts=[alert(s) for s in range(11, 11 + req.limit)]))
        self.assertEqual([a.sequence for a in self.client.list_alerts(10, limit=3)], [11, 12, 13])
        self.assertEqual(self.fake.requests("ListAlerts")[0].limit, 3)


class AlertFollowerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = FakeServer().__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)
        self.fake = self.server.servicer
        self.client = OversightClient(ConnectionOptions(
            server=self.server.address, insecure=True, token="t0k"))
        self.addCleanup(self.client.close)

    def follow(self, after: int = 0, **kwargs) -> AlertFollower:
        # The delays themselves are tested in BackoffTest; keep the suite quick.
        return self.client.follow_alerts(after, initial_backoff=0.01, max_backoff=0.02, **kwargs)

    def test_resumes_after_each_kind_of_disconnect_without_gaps_or_repeats(self) -> None:
        def first(req, ctx):
            yield alert(1)
            yield alert(2)
            yield alert(3)
            ctx.abort(grpc.StatusCode.UNAVAILABLE, "server shutting down")

        def second(req, ctx):
            yield alert(3)  # an overlap must not be repeated
            yield alert(4)
            yield alert(5)
            ctx.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "subscriber too slow; resume after 5")

        def third(req, ctx):
            yield alert(6)
            # returns: the server closed the stream with OK

        def fourth(req, ctx):
            ctx.abort(grpc.StatusCode.PERMISSION_DENIED, "token revoked")
            yield  # pragma: no cover - makes this a generator

        self.fake.script("SubscribeAlerts", first, second, third, fourth)
        reconnects = []
        follower = self.follow(0, min_severity="critical",
                               on_reconnect=lambda last, err, delay: reconnects.append(
                                   (last, err.code if err else None)))
        received = []
        with self.assertRaises(OversightError) as raised:
            for a in follower:
                received.append(a.sequence)
        self.assertEqual(raised.exception.code, grpc.StatusCode.PERMISSION_DENIED)
        self.assertEqual(received, [1, 2, 3, 4, 5, 6])
        self.assertEqual([r.after_sequence for r in self.fake.requests("SubscribeAlerts")],
                         [0, 3, 5, 6], "each resubscription resumes after the last alert received")
        self.assertTrue(all(r.filter.min_severity == pb.ALERT_SEVERITY_CRITICAL
                            for r in self.fake.requests("SubscribeAlerts")))
        self.assertEqual(reconnects, [(3, grpc.StatusCode.UNAVAILABLE),
                                      (5, grpc.StatusCode.RESOURCE_EXHAUSTED), (6, None)])
        self.assertEqual(follower.reconnects, 3)
        self.assertEqual(follower.last_sequence, 6)
        self.assertTrue(all(m.get("authorization") == "Bearer t0k"
                            for m in self.fake.metadata("SubscribeAlerts")))

    def test_cancel_from_another_thread_ends_a_blocked_iteration(self) -> None:
        released = threading.Event()

        def hold_open(req, ctx):
            # Registered before the first message: if the client cancels
            # before this generator resumes, a callback added afterwards
            # would be refused (the RPC is already over) and never run.
            self.assertTrue(ctx.add_callback(released.set))  # runs when the client cancels
            yield alert(8)
            released.wait(60)

        self.fake.script("SubscribeAlerts", hold_open)
        follower = self.follow(7)
        self.assertEqual(next(follower).sequence, 8)
        stopper = threading.Thread(target=lambda: (self.fake.wait_for_calls("SubscribeAlerts", 1),
                                                   follower.cancel()))
        stopper.start()
        self.assertEqual(list(follower), [], "nothing after cancel, and no exception")
        stopper.join(30)
        self.assertTrue(released.wait(30), "the server saw the stream cancelled")
        self.assertEqual(len(self.fake.requests("SubscribeAlerts")), 1, "no resubscription")

    def test_leaving_the_loop_cancels_the_stream(self) -> None:
        ended = threading.Event()

        def endless(req, ctx):
            ctx.add_callback(ended.set)
            sequence = req.after_sequence
            while ctx.is_active():
                sequence += 1
                yield alert(sequence)
                if sequence > 10_000:
                    return

        self.fake.script("SubscribeAlerts", endless)
        with self.follow(0) as follower:
            taken = [a.sequence for _, a in zip(range(3), follower)]
        self.assertEqual(taken, [1, 2, 3])
        self.assertTrue(ended.wait(30), "the stream ended when the follower was closed")

    def test_deadline_ends_iteration_normally(self) -> None:
        def silent(req, ctx):
            while ctx.is_active():
                threading.Event().wait(0.05)
            return
            yield  # pragma: no cover

        self.fake.script("SubscribeAlerts", silent)
        follower = self.follow(0, timeout=0.5)
        self.assertEqual(list(follower), [], "a quiet stream ends at the deadline without error")
        self.assertEqual(follower.reconnects, 0)

    def test_unavailable_server_is_retried_until_the_deadline(self) -> None:
        closed = FakeServer()
        address = closed.address  # bound but never started: connections are refused
        closed.__exit__(None, None, None)
        client = OversightClient(ConnectionOptions(server=address, insecure=True))
        self.addCleanup(client.close)
        errors = []
        follower = client.follow_alerts(0, timeout=1.0, initial_backoff=0.01, max_backoff=0.02,
                                        on_reconnect=lambda last, err, delay: errors.append(err.code))
        self.assertEqual(list(follower), [])
        self.assertGreaterEqual(len(errors), 1, "at least one retry before the deadline")
        self.assertTrue(all(code == grpc.StatusCode.UNAVAILABLE for code in errors), errors)

    def test_negative_after_sequence_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "^after_sequence: "):
            self.client.follow_alerts(-1)


class BackoffTest(unittest.TestCase):
    def test_doubles_to_the_maximum_and_resets(self) -> None:
        backoff = Backoff(initial=0.25, maximum=2.0, jitter=0.0)
        self.assertEqual([backoff.next_delay() for _ in range(6)], [0.25, 0.5, 1.0, 2.0, 2.0, 2.0])
        backoff.reset()
        self.assertEqual(backoff.next_delay(), 0.25)

    def test_jitter_spreads_symmetrically(self) -> None:
        low = Backoff(initial=1.0, maximum=1.0, jitter=0.2, uniform=lambda: 0.0)
        high = Backoff(initial=1.0, maximum=1.0, jitter=0.2, uniform=lambda: 1.0)
        self.assertAlmostEqual(low.next_delay(), 0.8, delta=1e-12)
        self.assertAlmostEqual(high.next_delay(), 1.2, delta=1e-12)

    def test_invalid_parameters(self) -> None:
        for kwargs in ({"initial": 0}, {"initial": 2, "maximum": 1}, {"jitter": 1.0}):
            with self.assertRaisesRegex(ValueError, "^backoff: "):
                Backoff(**kwargs)


class TlsTest(unittest.TestCase):
    """Mutual TLS with a throw-away CA: the client verifies the server
    against tls_ca and presents tls_cert/tls_key."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.tls = support.TlsFiles()
        cls.addClassCleanup(cls.tls.cleanup)

    def serve(self) -> FakeServer:
        credentials = grpc.ssl_server_credentials(
            [(self.tls.read(self.tls.server_key), self.tls.read(self.tls.server_cert))],
            root_certificates=self.tls.read(self.tls.ca), require_client_auth=True)
        server = FakeServer(credentials).__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        server.servicer.script("GetProvider", lambda req, ctx: pb.ProviderView(
            provider=pb.Provider(provider_id=req.provider_id, name=ctx.auth_context()
                                 .get("x509_common_name", [b"?"])[0].decode())))
        return server

    def test_mutual_tls_with_token(self) -> None:
        server = self.serve()
        with OversightClient(ConnectionOptions(
                server=server.address, tls_ca=self.tls.ca, tls_cert=self.tls.client_cert,
                tls_key=self.tls.client_key, token="tls-token")) as client:
            view = client.get_provider("P1")
        self.assertEqual(view.provider.name, "analyst", "the server saw the client certificate")
        self.assertEqual(server.servicer.metadata("GetProvider")[0]["authorization"], "Bearer tls-token")

    def test_without_client_certificate_the_server_refuses(self) -> None:
        server = self.serve()
        with OversightClient(ConnectionOptions(server=server.address, tls_ca=self.tls.ca,
                                               timeout=10)) as client:
            with self.assertRaises(OversightError) as raised:
                client.get_provider("P1")
        self.assertEqual(raised.exception.code, grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(server.servicer.requests("GetProvider"), [])

    def test_server_not_signed_by_tls_ca_is_refused(self) -> None:
        server = self.serve()
        other = support.TlsFiles()
        self.addCleanup(other.cleanup)
        with OversightClient(ConnectionOptions(
                server=server.address, tls_ca=other.ca, tls_cert=self.tls.client_cert,
                tls_key=self.tls.client_key, timeout=10)) as client:
            with self.assertRaises(OversightError) as raised:
                client.get_provider("P1")
        self.assertEqual(raised.exception.code, grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(server.servicer.requests("GetProvider"), [])


if __name__ == "__main__":
    unittest.main()
