#include "bench/load/latency.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace oversight::bench {

double Percentile(const std::vector<double>& sorted_ms, double p) {
  if (sorted_ms.empty()) return 0;
  // Nearest rank: the smallest sample with at least p% of samples at or below it.
  const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted_ms.size()));
  const std::size_t index = static_cast<std::size_t>(std::max(1.0, rank)) - 1;
  return sorted_ms[std::min(index, sorted_ms.size() - 1)];
}

void LatencyRecorder::Add(absl::Duration latency) {
  const double ms = absl::ToDoubleMilliseconds(latency);
  absl::MutexLock lock(&mu_);
  samples_ms_.push_back(ms);
}

std::size_t LatencyRecorder::count() const {
  absl::MutexLock lock(&mu_);
  return samples_ms_.size();
}

LatencySummary LatencyRecorder::Summary() const {
  std::vector<double> sorted;
  {
    absl::MutexLock lock(&mu_);
    sorted = samples_ms_;
  }
  std::sort(sorted.begin(), sorted.end());
  LatencySummary summary;
  summary.count = sorted.size();
  if (sorted.empty()) return summary;
  summary.p50_ms = Percentile(sorted, 50);
  summary.p90_ms = Percentile(sorted, 90);
  summary.p99_ms = Percentile(sorted, 99);
  summary.max_ms = sorted.back();
  summary.mean_ms = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(sorted.size());
  return summary;
}

nlohmann::json ToJson(const LatencySummary& summary) {
  return {{"count", summary.count},   {"p50_ms", summary.p50_ms}, {"p90_ms", summary.p90_ms},
          {"p99_ms", summary.p99_ms}, {"max_ms", summary.max_ms}, {"mean_ms", summary.mean_ms}};
}

}  // namespace oversight::bench
