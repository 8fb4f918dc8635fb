#pragma once
#include <vector>

#include "risk/alerts/alert.h"
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"

namespace oversight::risk {

// The alerts a regulator must see, given the provider's previous assessment
// (the latest one strictly before current.as_of; nullptr if none) and the
// new one. Pure and deterministic: the same inputs give the same alerts with
// the same keys.
std::vector<Alert> EvaluateAlerts(const Assessment* previous, const Assessment& current,
                                  const RiskConfig& config);

}  // namespace oversight::risk
