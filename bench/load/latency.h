#pragma once
// Latency samples and their percentiles. Samples are kept whole (at most a
// few hundred thousand per scenario), so percentiles are exact order
// statistics, not histogram estimates.

#include <cstddef>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace oversight::bench {

struct LatencySummary {
  std::size_t count = 0;
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double mean_ms = 0;
};

// The nearest-rank percentile (p in [0, 100]) of `sorted_ms`, ascending.
double Percentile(const std::vector<double>& sorted_ms, double p);

class LatencyRecorder {
 public:
  void Add(absl::Duration latency);
  std::size_t count() const;
  LatencySummary Summary() const;

 private:
  mutable absl::Mutex mu_;
  std::vector<double> samples_ms_ ABSL_GUARDED_BY(mu_);
};

nlohmann::json ToJson(const LatencySummary& summary);

}  // namespace oversight::bench
