#pragma once
// The alerts the gateway has relayed, in sequence order, with the state of its
// upstream stream. Browser streams read from here: one upstream subscription
// serves every browser, and a browser that reconnects resumes from its
// Last-Event-ID without oversightd replaying anything.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace oversight::client::dashboard {

struct RelayedAlert {
  int64_t sequence = 0;
  std::string json;  // the Alert as proto JSON (proto_json.h)
};

enum class UpstreamState { kConnecting, kUp, kDown };

// "connecting", "up", "down": the names the page receives.
absl::string_view UpstreamStateName(UpstreamState state);

struct UpstreamStatus {
  UpstreamState state = UpstreamState::kConnecting;
  std::string detail;  // why it is down, or where it is connected
  absl::Time since = absl::InfinitePast();
  int64_t version = 0;  // changes on every SetStatus
};

class AlertLog {
 public:
  // Keeps the `capacity` newest alerts (at least 1).
  explicit AlertLog(std::size_t capacity);

  // Appends an alert newer than every one held and returns true; returns
  // false and keeps nothing for an older or repeated sequence, so a replay
  // that overlaps what was relayed never doubles an alert.
  bool Append(int64_t sequence, std::string json);

  void SetStatus(UpstreamState state, std::string detail);
  UpstreamStatus status() const;
  int64_t last_sequence() const;

  // Where a browser with no Last-Event-ID starts: just before the `count`
  // newest alerts held, so a fresh wall screen shows recent history.
  int64_t StartForNewReader(std::size_t count) const;

  struct Batch {
    std::vector<RelayedAlert> alerts;  // sequence > after, oldest first
    // Alerts after `after` were evicted: the reader must fetch them from
    // oversightd (up to evicted_through) before reading `alerts`.
    bool missing_before = false;
    int64_t evicted_through = 0;
    UpstreamStatus status;
    bool closed = false;
  };

  // Returns at once when alerts after `after` are held, alerts after it were
  // evicted, the status version differs from `status_version` or the log is
  // closed; otherwise waits for one of those up to `timeout`.
  Batch WaitFor(int64_t after, int64_t status_version, absl::Duration timeout,
                std::size_t max_alerts) const;

  // Wakes every reader for good (gateway shutdown).
  void Close();

 private:
  bool ReadyLocked(int64_t after, int64_t status_version) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::size_t capacity_;
  mutable absl::Mutex mu_;
  std::deque<RelayedAlert> alerts_ ABSL_GUARDED_BY(mu_);
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t evicted_through_ ABSL_GUARDED_BY(mu_) = 0;
  UpstreamStatus status_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace oversight::client::dashboard
