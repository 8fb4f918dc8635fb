#pragma once
// UK settlement business days on serial day numbers for the hot path of the
// debt-service projection (every facility of every provider, every night);
// the civil-date arithmetic they build on is risk/domain/serial_date.h.
// Business days come from a table filled once from
// QuantLib::UnitedKingdom(Settlement), which tests/risk/resilience_*_test.cc
// check day by day against QuantLib's Calendar::adjust.

#include "risk/domain/serial_date.h"

namespace oversight::risk::internal {

// UnitedKingdom(Settlement) business-day adjustment, bit-for-bit equal to
// QuantLib's Calendar::adjust with the same convention.
bool IsUkBusinessDay(Serial serial);
Serial AdjustFollowing(Serial serial);
Serial AdjustModifiedFollowing(Serial serial);

}  // namespace oversight::risk::internal
