#include "server/scoring/provider_ranking.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "proto/codec/enum_codec.h"
#include "risk/assessment/assessor.h"
#include "risk/domain/validation.h"
#include "server/repository/assessment_rows.h"
#include "server/repository/content_hash.h"
#include "server/repository/record_identity.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

absl::Status BadField(absl::string_view field, std::string reason) {
  risk::Violations violations;
  violations.Add(std::string(field), std::move(reason));
  return violations.ToStatus();
}

// Binds a token to the filters, so a token cannot be replayed with others.
std::string FilterDigest(const v1::ListProvidersRequest& request) {
  v1::ListProvidersRequest filters = request;
  filters.clear_page_size();
  filters.clear_page_token();
  return Sha256Hex({filters.SerializeAsString()}).substr(0, 16);
}

std::string EncodePageToken(std::size_t offset, const std::string& digest) {
  return absl::WebSafeBase64Escape(absl::StrCat("v1:", offset, ":", digest));
}

absl::StatusOr<std::size_t> DecodePageToken(const std::string& token, const std::string& digest) {
  if (token.empty()) return 0;
  std::string text;
  std::vector<std::string> parts;
  std::size_t offset = 0;
  if (absl::WebSafeBase64Unescape(token, &text)) parts = absl::StrSplit(text, ':');
  if (parts.size() != 3 || parts[0] != "v1" || !absl::SimpleAtoi(parts[1], &offset)) {
    return BadField("page_token", "not a token this service issued");
  }
  if (parts[2] != digest) {
    return BadField("page_token", "was issued for different filters: repeat the request's "
                                  "filters or start again without a token");
  }
  return offset;
}

bool KindMatches(v1::ProviderKind wanted, v1::ProviderKind actual) {
  return wanted == v1::PROVIDER_KIND_UNSPECIFIED || wanted == actual ||
         actual == v1::PROVIDER_KIND_BOTH;
}

}  // namespace

absl::StatusOr<v1::ListProvidersResponse> ListRankedProviders(
    Store& store, const v1::ListProvidersRequest& request) {
  if (request.page_size() < 0) {
    return BadField("page_size", absl::StrCat("must be 1..", kMaxPageSize, " (got ",
                                               request.page_size(), ")"));
  }
  const std::size_t page_size = static_cast<std::size_t>(
      request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize));
  const std::string digest = FilterDigest(request);
  absl::StatusOr<std::size_t> offset = DecodePageToken(request.page_token(), digest);
  if (!offset.ok()) return offset.status();

  // The providers' descriptive fields.
  absl::StatusOr<std::vector<StoredRecord>> records = store.AllCurrentRecords();
  if (!records.ok()) return records.status();
  absl::flat_hash_map<std::string, v1::Provider> providers;
  for (const StoredRecord& stored : *records) {
    if (stored.kind != RecordKind::kProvider) continue;
    v1::Provider provider;
    if (!provider.ParseFromString(stored.payload)) {
      return absl::DataLossError(absl::StrCat("stored provider ", stored.provider_id, " does not parse"));
    }
    providers.emplace(stored.provider_id, std::move(provider));
  }

  absl::StatusOr<std::vector<AssessmentRow>> rows = store.LatestAssessments();
  if (!rows.ok()) return rows.status();
  std::vector<risk::Assessment> assessments;
  assessments.reserve(rows->size());
  for (const AssessmentRow& row : *rows) {
    absl::StatusOr<risk::Assessment> assessment = AssessmentOf(row);
    if (!assessment.ok()) return assessment.status();
    assessment->explanation = {};  // not shown in the list
    assessments.push_back(*std::move(assessment));
  }
  risk::RankAssessments(assessments);

  v1::ListProvidersResponse response;
  std::vector<v1::ProviderSummary> matching;
  for (std::size_t i = 0; i < assessments.size(); ++i) {
    const risk::Assessment& a = assessments[i];
    auto provider = providers.find(a.provider_id);
    if (provider == providers.end()) continue;  // assessed, then never registered: impossible
    const v1::Provider& p = provider->second;
    if (!KindMatches(request.kind(), p.kind())) continue;
    if (request.ownership() != v1::OWNERSHIP_UNSPECIFIED && request.ownership() != p.ownership()) continue;
    if (request.rating() != v1::RATING_UNSPECIFIED && request.rating() != codec::ToProto(a.rating)) continue;
    if (request.region() != v1::REGION_UNSPECIFIED &&
        std::none_of(a.regions.begin(), a.regions.end(),
                     [&](risk::Region r) { return codec::ToProto(r) == request.region(); })) {
      continue;
    }
    if (!request.local_authority().empty() &&
        std::find(a.local_authorities.begin(), a.local_authorities.end(),
                  request.local_authority()) == a.local_authorities.end()) {
      continue;
    }
    v1::ProviderSummary s;
    s.set_provider_id(a.provider_id);
    s.set_name(p.name());
    s.set_kind(p.kind());
    s.set_ownership(p.ownership());
    s.set_parent_group(p.parent_group());
    s.set_rank(static_cast<int>(i) + 1);
    s.set_rating(codec::ToProto(a.rating));
    s.set_score(a.score);
    s.set_pd_one_year(a.pd_one_year);
    if (a.net_debt_to_ebitda) s.set_net_debt_to_ebitda(*a.net_debt_to_ebitda);
    if (a.interest_cover) s.set_interest_cover(*a.interest_cover);
    if (a.operating_margin) s.set_operating_margin(*a.operating_margin);
    if (a.ebitda_margin) s.set_ebitda_margin(*a.ebitda_margin);
    s.set_children_placed(a.children_placed);
    s.set_as_of(risk::FormatIsoDate(a.as_of));
    s.set_in_oversight_scope(a.in_oversight_scope);
    s.set_insufficient_data(a.insufficient_data);
    s.set_companies_house_number(p.companies_house_number());
    matching.push_back(std::move(s));
  }
  response.set_total(static_cast<int>(matching.size()));
  const std::size_t begin = std::min(*offset, matching.size());
  const std::size_t end = std::min(begin + page_size, matching.size());
  for (std::size_t i = begin; i < end; ++i) *response.add_providers() = std::move(matching[i]);
  if (end < matching.size()) response.set_next_page_token(EncodePageToken(end, digest));
  return response;
}

}  // namespace oversight::server
