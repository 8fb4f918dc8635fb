#pragma once
// The last few results of a pure function, kept by the calling thread.
//
// For date arithmetic the stress module repeats with the same arguments on
// every curve it tries (a facility's accrual dates, a covenant's next test
// date): a market stress asks each a dozen times or more per provider, and
// the answer depends only on the arguments. Per thread, so no locking;
// `N` entries replaced in turn, enough for one provider's facilities.
#include <array>
#include <cstddef>
#include <utility>

namespace oversight::risk::internal {

template <typename Key, typename Value, std::size_t N>
class RecentResults {
 public:
  // The value kept for `key`, or compute() kept in place of the oldest.
  // Valid until N further misses.
  template <typename Compute>
  const Value& Get(const Key& key, Compute compute) {
    for (const Entry& e : entries_) {
      if (e.used && e.key == key) return e.value;
    }
    Value value = compute();  // first: if it throws, no entry changes
    Entry& e = entries_[next_];
    next_ = (next_ + 1) % N;
    e.key = key;
    e.value = std::move(value);
    e.used = true;
    return e.value;
  }

 private:
  struct Entry {
    Key key{};
    Value value{};
    bool used = false;
  };
  std::array<Entry, N> entries_{};
  std::size_t next_ = 0;
};

}  // namespace oversight::risk::internal
