#pragma once
// Everything that converts between oversight.v1 messages and the risk core.
#include "proto/codec/assessment_codec.h"  // IWYU pragma: export
#include "proto/codec/enum_codec.h"        // IWYU pragma: export
#include "proto/codec/record_codec.h"      // IWYU pragma: export
#include "proto/codec/status_codec.h"      // IWYU pragma: export
