// libFuzzer target for ReadOfstedRegister (issue #12, "How it is checked"):
// any bytes must give either a register or an INVALID_ARGUMENT naming the
// file, never a crash, and a register must keep the reader's promises. The
// owner matcher runs over every register read, since its input is the
// owner text straight from the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "clients/import/ofsted/ofsted_register.h"
#include "clients/import/ofsted/ofsted_values.h"
#include "clients/import/ofsted/owner_matching.h"

namespace {

using oversight::client::ofsted::IsOfstedUrn;
using oversight::client::ofsted::OfstedRegister;
using oversight::client::ofsted::OwnerDirectory;
using oversight::client::ofsted::SummariseUnmatched;

void Require(bool condition) {
  if (!condition) std::abort();
}

const OwnerDirectory& Directory() {
  static const auto* const directory = new OwnerDirectory(
      {{"P001", "Acme Care Group Limited"}, {"P002", "Castle Homes Ltd"}, {"P003", "Castle Homes Limited"}},
      {{"Harbour Fostering (UK) Limited", "P001"}});
  return *directory;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<OfstedRegister> read = oversight::client::ofsted::ReadOfstedRegister("fuzz.csv", bytes);
  if (!read.ok()) {
    Require(read.status().code() == absl::StatusCode::kInvalidArgument);
    Require(absl::StartsWith(read.status().message(), "fuzz.csv: "));
    return 0;
  }
  Require(!read->layout.empty());
  Require(read->skipped_out_of_scope >= 0);
  int previous_line = 0;
  for (const auto& setting : read->settings) {
    Require(IsOfstedUrn(setting.urn));
    Require(setting.line > previous_line);
    previous_line = setting.line;
    Require(!setting.local_authority.empty());
    Require(!setting.places.has_value() || *setting.places >= 0);
  }
  for (const auto& problem : read->rejected) {
    Require(problem.line > 0);
    Require(!problem.column.empty());
    Require(!problem.reason.empty());
  }
  int listed = 0;
  for (const auto& owner : SummariseUnmatched(*read, Directory())) {
    Require(owner.settings > 0);
    Require(owner.urns.size() <= 20);
    listed += owner.settings;
  }
  Require(listed <= static_cast<int>(read->settings.size()));
  return 0;
}
