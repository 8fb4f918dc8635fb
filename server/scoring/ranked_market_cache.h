#pragma once
// The ranked market kept between requests. Building it decodes every
// provider's latest assessment (seconds at 10,000 providers), while a page
// of it costs microseconds, so ListProviders serves one immutable snapshot
// and rebuilds it only when Store::ChangeStamp says records or assessments
// changed: at once for writes through this process's store (Rescore,
// PutAssessment(s), Submit, BulkSubmit), within Store::kChangeStampRefresh
// for writes by other replicas on the same database.

#include <cstdint>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/scoring/ranked_market.h"
#include "server/store/store.h"

namespace oversight::server {

class RankedMarketCache {
 public:
  explicit RankedMarketCache(Store& store) : store_(store) {}
  RankedMarketCache(const RankedMarketCache&) = delete;
  RankedMarketCache& operator=(const RankedMarketCache&) = delete;

  // The snapshot for the store's current stamp, rebuilding it first when
  // the stamp moved. One caller rebuilds while the others wait for its
  // result rather than decode the market again each. A failed rebuild is
  // returned to its caller and leaves the old snapshot unused (the next call
  // tries again): a stale list is never served as current.
  absl::StatusOr<std::shared_ptr<const RankedMarket>> Current();

  // How many times the snapshot was built (for tests and operations).
  std::int64_t builds() const;

 private:
  Store& store_;
  // Serialises rebuilds; held while decoding, never by readers of a
  // current snapshot.
  absl::Mutex build_mu_ ABSL_ACQUIRED_BEFORE(snapshot_mu_);
  mutable absl::Mutex snapshot_mu_;
  std::shared_ptr<const RankedMarket> snapshot_ ABSL_GUARDED_BY(snapshot_mu_);
  std::int64_t builds_ ABSL_GUARDED_BY(snapshot_mu_) = 0;
};

}  // namespace oversight::server
