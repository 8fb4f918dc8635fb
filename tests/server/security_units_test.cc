// The security building blocks on their own: bearer-token format, hashing
// and verification against a store, the bootstrap token file, certificate
// CN mapping, the role x operation table, the token bucket and secret
// redaction.

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/auth/access_policy.h"
#include "server/auth/bearer_token.h"
#include "server/auth/certificate_identity.h"
#include "server/auth/rate_limiter.h"
#include "server/auth/secret_redaction.h"
#include "server/auth/token_service.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const absl::Time kNow = absl::FromUnixSeconds(1790000000);  // 2026-09-21

std::unique_ptr<Store> FreshStore() {
  absl::StatusOr<std::unique_ptr<Store>> store = test_support::OpenFreshStore(test_support::Backend::kSqlite);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

// --- Token format and hashing -------------------------------------------------

TEST(BearerToken, GeneratedTokensHaveTheDocumentedFormAndParseBack) {
  absl::StatusOr<GeneratedToken> token = GenerateToken();
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->token.size(), 4u + 16u + 1u + 64u) << token->token;
  EXPECT_TRUE(absl::StartsWith(token->token, "ovt_")) << token->token;
  absl::StatusOr<TokenParts> parts = ParseBearerToken(token->token);
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(parts->id, token->id);
  EXPECT_EQ(token->token, absl::StrCat("ovt_", parts->id, "_", parts->secret));
  // What the store keeps is not the secret.
  EXPECT_THAT(token->hash, Not(HasSubstr(parts->secret)));
  EXPECT_EQ(token->salt.size(), 32u);
  EXPECT_TRUE(TokenSecretMatches(token->salt, parts->secret, token->hash));
}

TEST(BearerToken, TwoTokensNeverShareIdSecretOrSalt) {
  absl::StatusOr<GeneratedToken> a = GenerateToken();
  absl::StatusOr<GeneratedToken> b = GenerateToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->id, b->id);
  EXPECT_NE(a->token, b->token);
  EXPECT_NE(a->salt, b->salt);
}

TEST(BearerToken, HashIsSha256OfSaltBytesThenSecret) {
  // Independent computation: printf 'abc' | sha256sum, with the salt
  // "616263" (the bytes "abc") and an empty secret, is the FIPS 180-2
  // example digest of "abc".
  EXPECT_EQ(HashTokenSecret("616263", ""),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // Salt bytes "ab" + secret "c" is the same input.
  EXPECT_EQ(HashTokenSecret("6162", "c"), HashTokenSecret("616263", ""));
}

TEST(BearerToken, WrongSecretAndMalformedTokensAreRefusedWithoutEchoingThem) {
  absl::StatusOr<GeneratedToken> token = GenerateToken();
  ASSERT_TRUE(token.ok());
  std::string wrong = token->token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  absl::StatusOr<TokenParts> wrong_parts = ParseBearerToken(wrong);
  ASSERT_TRUE(wrong_parts.ok());
  EXPECT_FALSE(TokenSecretMatches(token->salt, wrong_parts->secret, token->hash));
  EXPECT_FALSE(TokenSecretMatches(token->salt, wrong_parts->secret, ""));

  for (const std::string& bad :
       {std::string(""), std::string("ovt_"), std::string("nonsense"), token->token + "0",
        token->token.substr(1), absl::StrCat("ovt_", std::string(16, 'G'), "_", std::string(64, 'a')),
        absl::StrCat("ovt_", std::string(16, 'a'), "-", std::string(64, 'a')),
        absl::StrCat("ovt_", std::string(16, 'A'), "_", std::string(64, 'a'))}) {
    absl::StatusOr<TokenParts> parsed = ParseBearerToken(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kUnauthenticated) << bad;
    if (bad.size() > 8) {  // short inputs may occur in the help text itself
      EXPECT_THAT(std::string(parsed.status().message()), Not(HasSubstr(bad)));
    }
  }
}

// --- Issue, verify, expire, revoke ---------------------------------------------------

TEST(TokenService, IssuedTokenVerifiesAsItsPrincipalUntilItExpires) {
  std::unique_ptr<Store> store = FreshStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<IssuedToken> issued = IssueToken(
      *store, TokenRequest{.role = Role::kProvider, .subject = "Acme finance", .provider_id = "P001",
                           .ttl = absl::Hours(1)},
      kNow);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->expires_at, "2026-09-21T15:13:20Z");

  absl::StatusOr<Principal> principal = VerifyToken(*store, issued->token, kNow + absl::Minutes(59));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->id, absl::StrCat("token:", issued->token_id));
  EXPECT_EQ(principal->role, Role::kProvider);
  EXPECT_EQ(principal->provider_id, "P001");
  EXPECT_EQ(principal->subject, "Acme finance");

  absl::StatusOr<Principal> expired = VerifyToken(*store, issued->token, kNow + absl::Hours(1));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(expired.status().message()), HasSubstr("expired"));

  // Only the salted hash is stored.
  absl::StatusOr<std::optional<TokenRow>> row = store->GetToken(issued->token_id);
  ASSERT_TRUE(row.ok() && row->has_value());
  const std::string secret = issued->token.substr(4 + 16 + 1);
  EXPECT_THAT((*row)->hash, Not(HasSubstr(secret)));
  EXPECT_THAT((*row)->salt, Not(HasSubstr(secret)));
}

TEST(TokenService, RevokedTokenIsRefusedAtOnce) {
  std::unique_ptr<Store> store = FreshStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<IssuedToken> issued =
      IssueToken(*store, TokenRequest{.role = Role::kRegulator, .subject = "analyst"}, kNow);
  ASSERT_TRUE(issued.ok()) << issued.status();
  ASSERT_TRUE(VerifyToken(*store, issued->token, kNow).ok());
  ASSERT_TRUE(store->RevokeToken(issued->token_id, "").ok());
  absl::StatusOr<Principal> revoked = VerifyToken(*store, issued->token, kNow);
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(revoked.status().message()), HasSubstr("revoked"));
}

TEST(TokenService, UnknownIdAndWrongSecretGiveTheSameAnswer) {
  std::unique_ptr<Store> store = FreshStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<IssuedToken> issued =
      IssueToken(*store, TokenRequest{.role = Role::kRegulator, .subject = "analyst"}, kNow);
  ASSERT_TRUE(issued.ok());
  std::string wrong = issued->token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  absl::StatusOr<Principal> bad_secret = VerifyToken(*store, wrong, kNow);
  ASSERT_FALSE(bad_secret.ok());
  EXPECT_EQ(bad_secret.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(bad_secret.status().message()), HasSubstr("not recognised"));
  EXPECT_THAT(std::string(bad_secret.status().message()), Not(HasSubstr("revoked")));
  absl::StatusOr<Principal> unknown =
      VerifyToken(*store, absl::StrCat("ovt_", std::string(16, 'a'), "_", std::string(64, 'b')), kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(unknown.status().message()), HasSubstr("not recognised"));
}

TEST(TokenService, IssueValidatesEveryFieldAtOnce) {
  std::unique_ptr<Store> store = FreshStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<IssuedToken> issued = IssueToken(
      *store,
      TokenRequest{.role = Role::kProvider, .subject = "", .local_authority = "Camden", .ttl = absl::Hours(-1)},
      kNow);
  ASSERT_FALSE(issued.ok());
  EXPECT_EQ(issued.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(issued.status().message());
  for (const char* field : {"subject", "provider_id", "local_authority", "ttl_seconds"}) {
    EXPECT_THAT(message, HasSubstr(field)) << message;
  }
  absl::StatusOr<IssuedToken> no_role = IssueToken(*store, TokenRequest{.subject = "x"}, kNow);
  ASSERT_FALSE(no_role.ok());
  EXPECT_THAT(std::string(no_role.status().message()), HasSubstr("role"));
  absl::StatusOr<std::vector<TokenRow>> tokens = store->ListTokens();
  ASSERT_TRUE(tokens.ok());
  EXPECT_TRUE(tokens->empty()) << "a refused request stores nothing";
}

TEST(TokenService, BootstrapWritesAnAdminTokenOnceWithMode0600) {
  std::unique_ptr<Store> store = FreshStore();
  ASSERT_NE(store, nullptr);
  const std::string path = absl::StrCat(::testing::TempDir(), "/bootstrap-", ::getpid(), ".token");
  std::remove(path.c_str());
  absl::StatusOr<std::optional<std::string>> first = BootstrapAdminToken(*store, path, kNow);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->has_value());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << std::oct << (info.st_mode & 0777);
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  absl::StatusOr<Principal> admin = VerifyToken(*store, token, kNow);
  ASSERT_TRUE(admin.ok()) << admin.status();
  EXPECT_EQ(admin->role, Role::kAdmin);
  EXPECT_EQ(admin->id, absl::StrCat("token:", **first));

  absl::StatusOr<std::optional<std::string>> second = BootstrapAdminToken(*store, path, kNow);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(second->has_value()) << "an admin token exists: nothing new";

  // Once the admin token is revoked, a restart bootstraps again.
  ASSERT_TRUE(store->RevokeToken(**first, "").ok());
  absl::StatusOr<std::optional<std::string>> third = BootstrapAdminToken(*store, path, kNow);
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_TRUE(third->has_value());
  std::remove(path.c_str());
}

// --- Certificates -----------------------------------------------------------------------

TEST(CertificateIdentities, ConventionNamesRoleAndScope) {
  CertificateIdentities convention;
  absl::StatusOr<Principal> provider = convention.Resolve("provider:P001");
  ASSERT_TRUE(provider.ok()) << provider.status();
  EXPECT_EQ(provider->role, Role::kProvider);
  EXPECT_EQ(provider->provider_id, "P001");
  EXPECT_EQ(provider->id, "cert:provider:P001");
  absl::StatusOr<Principal> authority = convention.Resolve("local_authority:Kingston upon Thames");
  ASSERT_TRUE(authority.ok());
  EXPECT_EQ(authority->local_authority, "Kingston upon Thames");
  absl::StatusOr<Principal> regulator = convention.Resolve("regulator");
  ASSERT_TRUE(regulator.ok());
  EXPECT_EQ(regulator->role, Role::kRegulator);
  for (const char* refused : {"", "nobody", "provider", "provider:", "root:x", "regulator:\n"}) {
    absl::StatusOr<Principal> p = convention.Resolve(refused);
    ASSERT_FALSE(p.ok()) << refused;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated) << refused;
  }
}

TEST(CertificateIdentities, MappingFileIsTheOnlySourceWhenGiven) {
  absl::StatusOr<CertificateIdentities> map = CertificateIdentities::Parse(
      "# analysts\nofsted-analytics-01 | regulator\n\nAcme Care finance | provider | P001  # Acme\n"
      "Camden CSC | local_authority | Camden\n",
      "map");
  ASSERT_TRUE(map.ok()) << map.status();
  absl::StatusOr<Principal> acme = map->Resolve("Acme Care finance");
  ASSERT_TRUE(acme.ok()) << acme.status();
  EXPECT_EQ(acme->role, Role::kProvider);
  EXPECT_EQ(acme->provider_id, "P001");
  EXPECT_FALSE(map->Resolve("regulator:x").ok()) << "the convention is off with a map";

  for (const char* bad : {"x | emperor\n", "x\n", "x | provider\n", "x | regulator | P1\n",
                          "x | regulator\nx | admin\n"}) {
    absl::StatusOr<CertificateIdentities> parsed = CertificateIdentities::Parse(bad, "map");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("map:")) << bad;
  }
}

// --- Policy ---------------------------------------------------------------------------

TEST(AccessPolicy, OnlyAdministratorsManageTokensAndOnlyTheScoringJobRescores) {
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    for (Operation op : {Operation::kIssueToken, Operation::kRevokeToken, Operation::kListTokens}) {
      EXPECT_EQ(RoleMayCall(role, op), role == Role::kAdmin) << RoleName(role) << " " << OperationName(op);
    }
    EXPECT_EQ(RoleMayCall(role, Operation::kRescore), role == Role::kScoringJob) << RoleName(role);
    EXPECT_TRUE(RoleMayCall(role, Operation::kListScenarios)) << RoleName(role);
  }
}

TEST(AccessPolicy, ImportSupportIsTheRegulatorsTheScoringJobsAndTheAdministrators) {
  // docs/security.md, "Roles": aliases are curated by the regulator's
  // analysts and the administrator; the nightly import (scoring_job) reads
  // them and replaces the unmatched owners; every role may list the
  // companies it can see.
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    const bool curator = role == Role::kRegulator || role == Role::kAdmin;
    EXPECT_TRUE(RoleMayCall(role, Operation::kListKnownCompanies)) << RoleName(role);
    EXPECT_EQ(RoleMayCall(role, Operation::kPutOwnerAlias), curator) << RoleName(role);
    EXPECT_EQ(RoleMayCall(role, Operation::kDeleteOwnerAlias), curator) << RoleName(role);
    for (Operation op : {Operation::kListOwnerAliases, Operation::kReplaceUnmatchedOwners,
                         Operation::kListUnmatchedOwners}) {
      EXPECT_EQ(RoleMayCall(role, op), curator || role == Role::kScoringJob)
          << RoleName(role) << " " << OperationName(op);
    }
  }
  for (Operation op : {Operation::kPutOwnerAlias, Operation::kDeleteOwnerAlias,
                       Operation::kReplaceUnmatchedOwners}) {
    EXPECT_TRUE(IsMutation(op)) << OperationName(op);
  }
  for (Operation op : {Operation::kListKnownCompanies, Operation::kListOwnerAliases,
                       Operation::kListUnmatchedOwners}) {
    EXPECT_FALSE(IsMutation(op)) << OperationName(op);
  }
  EXPECT_EQ(OperationName(Operation::kListUnmatchedOwners), "ListUnmatchedOwners");
  EXPECT_EQ(OperationMethod(Operation::kPutOwnerAlias), "/oversight.v1.OversightService/PutOwnerAlias");
}

TEST(AccessPolicy, RoleNamesRoundTripThroughTheWireNumbers) {
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    EXPECT_EQ(ParseRoleName(RoleName(role)), role);
    EXPECT_EQ(RoleFromWire(RoleToWire(role)), role);
  }
  EXPECT_EQ(RoleToWire(Role::kRegulator), 1);  // oversight.v1.ROLE_REGULATOR
  EXPECT_EQ(RoleToWire(Role::kAdmin), 5);      // oversight.v1.ROLE_ADMIN
  EXPECT_FALSE(RoleFromWire(0).has_value());
  EXPECT_FALSE(RoleFromWire(6).has_value());
}

// --- Rate limit -------------------------------------------------------------------------

TEST(RateLimiter, BurstThenSustainedRatePerCaller) {
  RateLimiter limiter(/*per_second=*/2, /*burst=*/3);
  const absl::Time t0 = kNow;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.TryAcquire("a", t0)) << i;
  EXPECT_FALSE(limiter.TryAcquire("a", t0)) << "burst spent";
  EXPECT_TRUE(limiter.TryAcquire("b", t0)) << "another caller has its own bucket";
  EXPECT_FALSE(limiter.TryAcquire("a", t0 + absl::Milliseconds(400))) << "0.8 tokens refilled";
  EXPECT_TRUE(limiter.TryAcquire("a", t0 + absl::Milliseconds(500))) << "1.0 token refilled";
  EXPECT_FALSE(limiter.TryAcquire("a", t0 + absl::Milliseconds(500)));
  // Never more than the burst, however long the pause.
  const absl::Time later = t0 + absl::Hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.TryAcquire("a", later)) << i;
  EXPECT_FALSE(limiter.TryAcquire("a", later));
  RateLimiter off(0, 1);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(off.TryAcquire("a", t0));
}

// --- Redaction --------------------------------------------------------------------------

TEST(SecretRedaction, TokensPasswordsAndKeysNeverSurvive) {
  const std::string token = absl::StrCat("ovt_0123456789abcdef_", std::string(64, 'e'));
  const std::string redacted = RedactSecrets(absl::StrCat("bad token ", token, " rejected"));
  EXPECT_EQ(redacted, "bad token ovt_0123456789abcdef_REDACTED rejected");
  EXPECT_THAT(RedactSecrets("authorization: Bearer abc.def-ghi"), Not(HasSubstr("abc.def-ghi")));
  EXPECT_THAT(RedactSecrets("authorization: bearer   s3cr3t, next"), Not(HasSubstr("s3cr3t")));
  EXPECT_EQ(RedactSecrets("postgresql://oversight:hunter2@db:5432/x"),
            "postgresql://oversight:REDACTED@db:5432/x");
  EXPECT_EQ(RedactSecrets("host=db password=hunter2 dbname=x"), "host=db password=REDACTED dbname=x");
  EXPECT_EQ(RedactSecrets("postgresql://db/x?sslmode=require&password=hunter2"),
            "postgresql://db/x?sslmode=require&password=REDACTED");
  EXPECT_THAT(RedactSecrets("-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----"),
              Not(HasSubstr("MIGHAgEA")));
  EXPECT_THAT(RedactSecrets("-----BEGIN EC PRIVATE KEY-----\nMHcCAQ"), Not(HasSubstr("MHcCAQ")));
  // Not secrets: left alone.
  EXPECT_EQ(RedactSecrets("page_token=abc method=ListProviders"), "page_token=abc method=ListProviders");
  EXPECT_EQ(RedactSecrets("provider P001 not found"), "provider P001 not found");
  // Idempotent.
  EXPECT_EQ(RedactSecrets(redacted), redacted);
}

}  // namespace
}  // namespace oversight::server
