#pragma once
// Fans out newly committed alerts to live subscribers.
//
// The store's alert sequence is the single truth: alerts are committed to the
// store before anyone is told, and the hub only ever reads the store forward
// from the last sequence it has seen ("> head"). It is woken (Kick) after a
// commit in this process, and by Store::WaitForAlertNotification on its own
// thread, so alerts committed by another replica on the same PostgreSQL
// reach this replica's subscribers too.
//
// Subscribers are AlertSinks (a gRPC stream reactor in practice): Deliver
// never blocks, so one slow subscriber never delays another or the reader.
// The hub keeps the most recent alerts in a bounded ring so that a
// subscriber finishing its replay from the store can join the live stream
// without a gap; a subscriber further behind than the ring replays more.
// Two threads in all, however many subscribers.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/alerts/alert_rows.h"
#include "server/store/store.h"

namespace oversight::server {

class AlertSink {
 public:
  virtual ~AlertSink() = default;
  // Called with the hub's lock held, in ascending sequence order, possibly
  // with alerts the sink has already seen (it must skip sequences it has
  // passed). Must not block and must not call into the hub. Returning false
  // detaches the sink (it has overflowed or is finishing); the hub then
  // calls OnDetached.
  virtual bool Deliver(const AlertPtr& alert) = 0;
  // Called exactly once, without the hub's lock, when the hub detaches the
  // sink on its own: after Deliver returned false (closing = false) or when
  // the hub stops (closing = true). Not called after Detach() returned true.
  virtual void OnDetached(bool closing) = 0;
};

struct AlertHubOptions {
  std::size_t ring_capacity = 4096;  // recent alerts kept to bridge replay and live
  int page_size = 500;               // alerts read from the store per query
  // How long one Store::WaitForAlertNotification call may block; also how
  // often the store is polled when no notification arrives, and the longest
  // Stop() waits for the notification thread.
  absl::Duration notification_wait = absl::Seconds(1);
  // Told about store errors (the hub retries on the next wake-up).
  std::function<void(const absl::Status&)> on_error;
};

class AlertHub {
 public:
  AlertHub(Store& store, AlertHubOptions options);
  ~AlertHub();  // Stop()s
  AlertHub(const AlertHub&) = delete;
  AlertHub& operator=(const AlertHub&) = delete;

  // Reads the store's last sequence (live subscribers start after it) and
  // starts the reader and notification threads.
  absl::Status Start();
  // Detaches every sink with OnDetached(closing = true), refuses new ones,
  // and joins the threads. Idempotent.
  void Stop();

  // New alerts may have been committed: read the store now.
  void Kick();

  enum class AttachResult {
    kAttached,  // live from here on
    kBehind,    // the ring no longer covers `cursor`: replay more, then retry
    kRejected,  // the sink's Deliver returned false while catching up
    kClosed,    // the hub has stopped
  };
  // Joins a sink that has seen every alert up to and including `cursor`.
  // Alerts the hub has already read past `cursor` are delivered from the
  // ring before this returns, so nothing is missed; the caller must not hold
  // a lock that Deliver takes.
  AttachResult Attach(AlertSink* sink, std::int64_t cursor);
  // True when the sink was attached (and now is not); false when the hub had
  // already detached it (OnDetached is then called or has been).
  bool Detach(AlertSink* sink);

  std::int64_t head() const;  // the last sequence read from the store
  std::size_t subscriber_count() const;

 private:
  void ReadLoop();
  void NotificationLoop();
  // Reads and fans out everything after head; false on a store error.
  bool ReadAndFanOut();
  void ReportError(const absl::Status& status);

  Store& store_;
  const AlertHubOptions options_;

  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool kicked_ ABSL_GUARDED_BY(mu_) = false;
  std::int64_t head_ ABSL_GUARDED_BY(mu_) = 0;
  // The ring holds every alert with sequence in (ring_floor_, head_].
  std::deque<AlertPtr> ring_ ABSL_GUARDED_BY(mu_);
  std::int64_t ring_floor_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_set<AlertSink*> sinks_ ABSL_GUARDED_BY(mu_);

  std::thread reader_;
  std::thread notifier_;
};

}  // namespace oversight::server
