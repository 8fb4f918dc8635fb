#pragma once
// The provider a submitted record is about, read before any decoding so the
// call can be authorised before any work.

#include <string>

#include "oversight/v1/oversight.pb.h"
#include "server/auth/authorizer.h"

namespace oversight::server {

// Empty when the record is empty.
const std::string& RecordProviderId(const oversight::v1::Record& record);

// What the Authorizer is asked about a submitted record: its provider and
// its kind ("provider" for a provider record, which only administrators
// may write).
ResourceRef RecordResource(const oversight::v1::Record& record);

}  // namespace oversight::server
