#pragma once
// Linking Ofsted's owner names to the engine's providers. Ofsted names a
// setting's owner ("Organisation which owns the provider") but never gives a
// company number, so an owner is matched by an alias the analyst recorded, or
// else by its normalised name. Nothing is ever guessed: no edit distance, no
// prefix match. An owner that matches nothing, or matches several providers,
// is listed for the analyst (SummariseUnmatched).

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "clients/import/ofsted/ofsted_register.h"
#include "risk/domain/owner_name.h"

namespace oversight::client::ofsted {

// The comparison form of an owner or company name ("The Acme Care Group
// Ltd." and "ACME CARE GROUP LIMITED" are both "acme care group"; "Acme
// Care" and "Acme Care Group" stay different). Each rule is documented in
// risk/domain/owner_name.h; the server keys its owner alias table by the same
// function, so an alias the analyst records there is found here.
using risk::NormaliseOwnerName;

struct OwnerDirectoryEntry {
  std::string provider_id;
  std::string name;  // the provider's registered name
};

struct OwnerMatch {
  enum class Kind { kAlias, kName, kUnmatched, kAmbiguous };
  Kind kind = Kind::kUnmatched;
  std::string provider_id;              // kAlias and kName only
  std::vector<std::string> candidates;  // kAmbiguous: every provider the name fits, sorted
  std::string normalised;               // NormaliseOwnerName(owner_name)
};

// The providers and aliases an Ofsted file's owners are matched against.
class OwnerDirectory {
 public:
  // `aliases`: (owner name as Ofsted writes it, provider_id), as kept in the
  // store. Aliases are compared after normalisation too.
  OwnerDirectory(std::vector<OwnerDirectoryEntry> providers,
                 std::vector<std::pair<std::string, std::string>> aliases);

  // An alias wins over a name. Several providers (or aliases naming
  // different providers) with the owner's normalised name: kAmbiguous. A
  // blank owner is kUnmatched.
  OwnerMatch Match(absl::string_view owner_name) const;

 private:
  // normalised name -> provider ids, sorted and unique
  absl::flat_hash_map<std::string, std::vector<std::string>> by_alias_;
  absl::flat_hash_map<std::string, std::vector<std::string>> by_name_;
};

// The owners of a file that no alias or name matched, or that matched more
// than one provider, grouped by normalised name. Settings with a blank owner
// are not listed: there is no name to alias (the register's notes say when a
// file has no owner column at all).
struct UnmatchedOwnerSummary {
  std::string owner_name;  // the first spelling met in the file
  std::string normalised;
  bool ambiguous = false;
  std::vector<std::string> candidates;
  int settings = 0;               // settings in the file with this owner
  std::vector<std::string> urns;  // the first 20, in file order
};
inline constexpr int kUnmatchedUrnsListed = 20;

// Sorted by settings (most first), then owner name.
std::vector<UnmatchedOwnerSummary> SummariseUnmatched(const OfstedRegister& register_file,
                                                      const OwnerDirectory& directory);

}  // namespace oversight::client::ofsted
