#include "server/auth/certificate_identity.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace oversight::server {
namespace {

// A role and its scope as a principal, or the reason it is not one.
absl::StatusOr<Principal> PrincipalFor(absl::string_view common_name, absl::string_view role_name,
                                       absl::string_view scope) {
  std::optional<Role> role = ParseRoleName(role_name);
  if (!role.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown role \"", role_name,
        "\" (regulator, scoring_job, provider, local_authority, admin)"));
  }
  Principal principal{.id = absl::StrCat("cert:", common_name), .role = *role,
                      .subject = std::string(common_name)};
  switch (*role) {
    case Role::kProvider:
      if (scope.empty()) return absl::InvalidArgumentError("role provider needs a provider id");
      principal.provider_id = std::string(scope);
      break;
    case Role::kLocalAuthority:
      if (scope.empty()) return absl::InvalidArgumentError("role local_authority needs an authority");
      principal.local_authority = std::string(scope);
      break;
    default:
      break;  // a name after the role is only a name
  }
  return principal;
}

bool HasControlCharacters(absl::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<CertificateIdentities> CertificateIdentities::Parse(absl::string_view text,
                                                                   absl::string_view source) {
  CertificateIdentities identities;
  identities.mapped_ = true;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (const std::size_t hash = line.find('#'); hash != absl::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '|');
    for (absl::string_view& field : fields) field = absl::StripAsciiWhitespace(field);
    const auto fail = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat(source, ":", line_number, ": ", why));
    };
    if (fields.size() < 2 || fields.size() > 3 || fields[0].empty()) {
      return fail("expected \"<common name> | <role> [| <provider id or authority>]\"");
    }
    const absl::string_view scope = fields.size() == 3 ? fields[2] : absl::string_view();
    absl::StatusOr<Principal> principal = PrincipalFor(fields[0], fields[1], scope);
    if (!principal.ok()) return fail(principal.status().message());
    if (!scope.empty() && principal->provider_id.empty() && principal->local_authority.empty()) {
      return fail(absl::StrCat("role ", fields[1], " takes no provider or authority"));
    }
    if (!identities.by_common_name_.emplace(std::string(fields[0]), *principal).second) {
      return fail(absl::StrCat("common name \"", fields[0], "\" is listed twice"));
    }
  }
  return identities;
}

absl::StatusOr<CertificateIdentities> CertificateIdentities::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--tls_client_map=", path, ": cannot be read"));
  std::ostringstream contents;
  contents << in.rdbuf();
  return Parse(contents.str(), absl::StrCat("--tls_client_map=", path));
}

absl::StatusOr<Principal> CertificateIdentities::Resolve(absl::string_view common_name) const {
  const auto refuse = [&](absl::string_view why) {
    return absl::UnauthenticatedError(
        absl::StrCat("client certificate ", why, ": see docs/security.md, \"Client certificates\""));
  };
  if (common_name.empty()) return refuse("has no subject common name");
  if (HasControlCharacters(common_name) || common_name.size() > 256) {
    return refuse("has an unusable common name");
  }
  if (mapped_) {
    auto it = by_common_name_.find(common_name);
    if (it == by_common_name_.end()) {
      return refuse(absl::StrCat("CN=", common_name, " is not in --tls_client_map"));
    }
    return it->second;
  }
  const std::size_t colon = common_name.find(':');
  const absl::string_view role = common_name.substr(0, colon);
  const absl::string_view scope =
      colon == absl::string_view::npos ? absl::string_view() : common_name.substr(colon + 1);
  absl::StatusOr<Principal> principal = PrincipalFor(common_name, role, scope);
  if (!principal.ok()) {
    return refuse(absl::StrCat("CN=", common_name, " names no role (", principal.status().message(),
                               "); expected e.g. CN=regulator:<name> or CN=provider:<id>"));
  }
  return principal;
}

}  // namespace oversight::server
