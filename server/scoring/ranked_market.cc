#include "server/scoring/ranked_market.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "proto/codec/enum_codec.h"
#include "risk/domain/validation.h"
#include "server/repository/content_hash.h"
#include "server/scoring/provider_ranking.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

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
    return risk::InvalidField("page_token", "not a token this service issued");
  }
  if (parts[2] != digest) {
    return risk::InvalidField("page_token", "was issued for different filters: repeat the request's "
                                  "filters or start again without a token");
  }
  return offset;
}

bool KindMatches(v1::ProviderKind wanted, v1::ProviderKind actual) {
  return wanted == v1::PROVIDER_KIND_UNSPECIFIED || wanted == actual ||
         actual == v1::PROVIDER_KIND_BOTH;
}

bool Matches(const v1::ListProvidersRequest& request, const RankedEntry& entry) {
  const v1::ProviderSummary& s = entry.summary;
  if (!KindMatches(request.kind(), s.kind())) return false;
  if (request.ownership() != v1::OWNERSHIP_UNSPECIFIED && request.ownership() != s.ownership()) {
    return false;
  }
  if (request.rating() != v1::RATING_UNSPECIFIED && request.rating() != s.rating()) return false;
  if (request.region() != v1::REGION_UNSPECIFIED &&
      std::find(entry.regions.begin(), entry.regions.end(), request.region()) ==
          entry.regions.end()) {
    return false;
  }
  return request.local_authority().empty() ||
         std::find(entry.local_authorities.begin(), entry.local_authorities.end(),
                   request.local_authority()) != entry.local_authorities.end();
}

// The stored assessment without its explanation, which the list never
// shows and which is most of the payload: the explanation's bytes are
// skipped on the wire (protobuf's own WireFormatLite, field by field)
// instead of being parsed into ~40 figures with their strings and then
// dropped. Every other field is copied through and parsed as usual.
absl::StatusOr<v1::Assessment> ParseListedFields(const AssessmentRow& row) {
  using google::protobuf::internal::WireFormatLite;
  const int explanation = v1::Assessment::kExplanationFieldNumber;
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const std::uint8_t*>(row.payload.data()),
                                            static_cast<int>(row.payload.size()));
  std::string listed;
  bool ok = true;
  {
    google::protobuf::io::StringOutputStream listed_stream(&listed);
    google::protobuf::io::CodedOutputStream out(&listed_stream);
    while (ok) {
      const std::uint32_t tag = in.ReadTag();
      if (tag == 0) break;  // end of the message (or a malformed tag: checked below)
      ok = WireFormatLite::GetTagFieldNumber(tag) == explanation
               ? WireFormatLite::SkipField(&in, tag)
               : WireFormatLite::SkipField(&in, tag, &out);
    }
  }
  v1::Assessment assessment;
  if (!ok || !in.ConsumedEntireMessage() || !assessment.ParseFromString(listed)) {
    return absl::DataLossError(absl::StrCat("stored assessment of ", row.provider_id, " as of ",
                                            row.as_of, " does not parse"));
  }
  return assessment;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const RankedMarket>> BuildRankedMarket(
    Store& store, std::string change_stamp, const RankedMarket* previous) {
  // The providers' descriptive fields: registrations only, not the market's
  // accounts, facilities and returns.
  absl::StatusOr<std::vector<StoredRecord>> records = store.CurrentRecordsOfKind(RecordKind::kProvider);
  if (!records.ok()) return records.status();
  absl::flat_hash_map<std::string, v1::Provider> providers;
  providers.reserve(records->size());
  for (const StoredRecord& stored : *records) {
    v1::Provider provider;
    if (!provider.ParseFromString(stored.payload)) {
      return absl::DataLossError(absl::StrCat("stored provider ", stored.provider_id, " does not parse"));
    }
    providers.emplace(stored.provider_id, std::move(provider));
  }
  records->clear();

  absl::StatusOr<std::vector<AssessmentRow>> heads = store.LatestAssessmentHeads();
  if (!heads.ok()) return heads.status();
  absl::flat_hash_map<absl::string_view, const RankedEntry*> reusable;
  if (previous != nullptr) {
    reusable.reserve(previous->entries.size());
    for (const RankedEntry& entry : previous->entries) {
      reusable.emplace(entry.summary.provider_id(), &entry);
    }
  }
  std::vector<RankedEntry> entries;
  entries.reserve(heads->size());
  std::vector<const AssessmentRow*> changed;
  for (const AssessmentRow& head : *heads) {
    auto kept = reusable.find(head.provider_id);
    if (kept != reusable.end() && kept->second->as_of == head.as_of &&
        kept->second->inputs_fingerprint == head.inputs_fingerprint) {
      entries.push_back(*kept->second);
    } else {
      changed.push_back(&head);
    }
  }

  // Decodes one stored assessment into an entry (provider fields and rank
  // are set below, for every entry alike).
  auto decode = [&entries](const AssessmentRow& row) -> absl::Status {
    absl::StatusOr<v1::Assessment> a = ParseListedFields(row);
    if (!a.ok()) return a.status();
    absl::StatusOr<risk::Rating> rating = codec::FromProto(a->rating(), "rating");
    if (!rating.ok()) {
      return absl::DataLossError(absl::StrCat("stored assessment of ", row.provider_id, " as of ",
                                              row.as_of, ": ", rating.status().message()));
    }
    RankedEntry entry;
    v1::ProviderSummary& s = entry.summary;
    s.set_provider_id(row.provider_id);
    s.set_rating(a->rating());
    s.set_score(a->score());
    s.set_pd_one_year(a->pd_one_year());
    if (a->has_net_debt_to_ebitda()) s.set_net_debt_to_ebitda(a->net_debt_to_ebitda());
    if (a->has_interest_cover()) s.set_interest_cover(a->interest_cover());
    if (a->has_operating_margin()) s.set_operating_margin(a->operating_margin());
    if (a->has_ebitda_margin()) s.set_ebitda_margin(a->ebitda_margin());
    s.set_children_placed(a->children_placed());
    s.set_as_of(a->as_of());
    s.set_in_oversight_scope(a->in_oversight_scope());
    s.set_insufficient_data(a->insufficient_data());
    entry.regions.reserve(static_cast<std::size_t>(a->regions_size()));
    for (int region : a->regions()) entry.regions.push_back(static_cast<v1::Region>(region));
    entry.local_authorities.assign(a->local_authorities().begin(), a->local_authorities().end());
    entry.rating = *rating;
    entry.as_of = row.as_of;
    entry.inputs_fingerprint = row.inputs_fingerprint;
    entries.push_back(std::move(entry));
    return absl::OkStatus();
  };
  // A few changes (one provider re-scored, a replica's trickle): fetch those
  // rows alone. Many (a market re-score, the first build): one scan. The
  // fetched row, not the head, labels the entry, so a replacement between
  // the two reads is caught by the next build.
  constexpr std::size_t kFetchOneByOne = 256;
  if (changed.size() <= kFetchOneByOne) {
    for (const AssessmentRow* head : changed) {
      absl::StatusOr<std::optional<AssessmentRow>> row =
          store.AssessmentAt(head->provider_id, head->as_of);
      if (!row.ok()) return row.status();
      if (!row->has_value()) continue;  // replaced by a later as_of since: next build
      if (absl::Status decoded = decode(**row); !decoded.ok()) return decoded;
    }
  } else if (!changed.empty()) {
    absl::flat_hash_set<absl::string_view> wanted;
    wanted.reserve(changed.size());
    for (const AssessmentRow* head : changed) wanted.insert(head->provider_id);
    absl::StatusOr<std::vector<AssessmentRow>> rows = store.LatestAssessments();
    if (!rows.ok()) return rows.status();
    for (AssessmentRow& row : *rows) {
      if (!wanted.contains(row.provider_id)) continue;
      if (absl::Status decoded = decode(row); !decoded.ok()) return decoded;
      row.payload.clear();  // decoded: release as we go, halving the peak
    }
  }

  // risk::RankAssessments' order, on the entries rather than on whole
  // assessments: rating (black first), then score descending, then id.
  std::sort(entries.begin(), entries.end(), [](const RankedEntry& x, const RankedEntry& y) {
    if (x.rating != y.rating) return x.rating > y.rating;
    if (x.summary.score() != y.summary.score()) return x.summary.score() > y.summary.score();
    return x.summary.provider_id() < y.summary.provider_id();
  });

  auto market = std::make_shared<RankedMarket>();
  market->change_stamp = std::move(change_stamp);
  market->entries.reserve(entries.size());
  for (RankedEntry& entry : entries) {
    auto provider = providers.find(entry.summary.provider_id());
    // Rank counts every assessed provider, as before the cache; one assessed
    // and never registered cannot be listed (impossible through the service).
    const int rank = static_cast<int>(&entry - entries.data()) + 1;
    if (provider == providers.end()) continue;
    const v1::Provider& p = provider->second;
    v1::ProviderSummary& s = entry.summary;
    s.set_name(p.name());
    s.set_kind(p.kind());
    s.set_ownership(p.ownership());
    s.set_parent_group(p.parent_group());
    s.set_companies_house_number(p.companies_house_number());
    s.set_rank(rank);
    market->entries.push_back(std::move(entry));
  }
  return std::shared_ptr<const RankedMarket>(std::move(market));
}

absl::StatusOr<v1::ListProvidersResponse> PageOfRankedMarket(const RankedMarket& market,
                                                             const v1::ListProvidersRequest& request,
                                                             ProviderVisibility may_see) {
  if (request.page_size() < 0) {
    return risk::InvalidField("page_size", absl::StrCat("must be 1..", kMaxPageSize, " (got ",
                                               request.page_size(), ")"));
  }
  const std::size_t page_size = static_cast<std::size_t>(
      request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize));
  const std::string digest = FilterDigest(request);
  absl::StatusOr<std::size_t> offset = DecodePageToken(request.page_token(), digest);
  if (!offset.ok()) return offset.status();

  // One pass: count every entry the caller may see and that matches, copy
  // only those on the requested page.
  v1::ListProvidersResponse response;
  std::size_t matching = 0;
  for (const RankedEntry& entry : market.entries) {
    if (!Matches(request, entry) || !may_see(entry.summary.provider_id())) continue;
    if (matching >= *offset && matching - *offset < page_size) {
      *response.add_providers() = entry.summary;
    }
    ++matching;
  }
  response.set_total(static_cast<int>(matching));
  // A token's offset may be anything up to SIZE_MAX: never add to it unchecked.
  if (*offset < matching && matching - *offset > page_size) {
    response.set_next_page_token(EncodePageToken(*offset + page_size, digest));
  }
  return response;
}

}  // namespace oversight::server
