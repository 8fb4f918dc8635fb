// libFuzzer target: ParseXbrlDocument on arbitrary bytes must return a
// document or an error, never crash, hang, leak or trip a sanitizer.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "clients/import/xbrl/xbrl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = oversight::client::xbrl::ParseXbrlDocument("fuzz.html", bytes);
  if (!doc.ok()) return 0;
  // Touch what a caller reads so that a dangling or uninitialised member
  // shows up under the sanitizers.
  size_t sink = 0;
  for (const auto& fact : doc->facts) {
    const auto* context = doc->FindContext(fact.context_ref);
    if (context == nullptr) __builtin_trap();  // the reader promised it exists
    sink += context->dimensions.size() + fact.text.size() + fact.concept_name.local_name.size();
    if (fact.value.has_value() && *fact.value != *fact.value) __builtin_trap();  // NaN
  }
  return sink == static_cast<size_t>(-1) ? 1 : 0;
}
