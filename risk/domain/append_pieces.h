#pragma once
// Appends text pieces to a string the caller has reserved room in.
//
// Why not absl::StrAppend: it grows the string with a zero-filling resize
// before copying (libstdc++ has no uninitialised resize), which cost more
// than the copies for the short texts an explanation is made of (~440
// instructions for a citation of eight pieces; docs/performance.md, risk
// core). Each piece is anything absl::AlphaNum takes: text or a number.
#include <string>

#include "absl/strings/str_cat.h"

namespace oversight::risk::internal {

inline void AppendPiece(std::string& out, const absl::AlphaNum& piece) { out.append(piece.data(), piece.size()); }

template <typename... Piece>
void AppendPieces(std::string& out, const Piece&... piece) {
  (AppendPiece(out, piece), ...);
}

}  // namespace oversight::risk::internal
