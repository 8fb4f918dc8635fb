#pragma once
// Reading the importers' input files whole (a Companies House API response,
// an Ofsted CSV: a few MB at most; bulk archives are streamed instead, see
// clients/import/archive/).

#include <optional>
#include <string>

namespace oversight::client {

// The file's bytes, or nullopt when it cannot be opened.
std::optional<std::string> ReadWholeFile(const std::string& path);

// The last path component: the name an Ofsted file or an API response is
// recorded under ("ofsted/provider_at_march_2026.csv" -> "provider_at_march_2026.csv").
std::string BaseName(const std::string& path);

}  // namespace oversight::client
