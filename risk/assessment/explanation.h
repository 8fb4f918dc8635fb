#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "risk/domain/text.h"

namespace oversight::risk {

// The texts that define an explained figure. Every text of a catalogue
// entry (risk/assessment/figure_catalogue.h) is a string literal.
struct FigureSpec {
  absl::string_view key;      // stable machine key, e.g. "resilience.interest_cover"
  absl::string_view label;    // "Interest cover"
  absl::string_view unit;     // GBP, ratio, percent, probability, years, count, score
  absl::string_view formula;  // "EBITDA / interest payable"
  absl::string_view source;   // citation of the method, e.g. "Altman (2000), Z''-score"
};

// Which figure an explained figure is: a catalogue entry, shared by every
// assessment without a copy, or texts built at run time (a covenant's key
// and label, a filed figure, a figure read back from the store), owned and
// shared by the copies.
//
// Why not five std::strings per figure: a scoring run explains ~45 figures
// for each of up to 100,000 providers, and copying the texts made the
// explanation half the cost of scoring and most of its memory
// (docs/performance.md).
class FigureDefinition {
 public:
  FigureDefinition() = default;  // every text empty
  // A catalogue entry; it must outlive every figure that points at it (the
  // catalogue's entries are constexpr globals).
  static FigureDefinition Static(const FigureSpec& spec) {
    // The aliasing constructor with an empty owner: no control block, so
    // copies cost no reference counting.
    return FigureDefinition(std::shared_ptr<const FigureSpec>(std::shared_ptr<const FigureSpec>(), &spec));
  }
  static FigureDefinition Owned(std::string key, std::string label, std::string unit, std::string formula,
                                std::string source) {
    auto owned = std::make_shared<OwnedTexts>(
        OwnedTexts{std::move(key), std::move(label), std::move(unit), std::move(formula), std::move(source), {}});
    owned->spec = FigureSpec{owned->key, owned->label, owned->unit, owned->formula, owned->source};
    const FigureSpec* spec = &owned->spec;
    return FigureDefinition(std::shared_ptr<const FigureSpec>(std::move(owned), spec));
  }

  // A figure of its own name and label, with a catalogue entry's unit,
  // formula and source (`base` must outlive the figure, as for Static): a
  // covenant's figure per facility, say, without copying the texts it
  // shares with every other.
  static FigureDefinition Named(absl::string_view key, absl::string_view label, const FigureSpec& base) {
    std::string texts;
    texts.reserve(key.size() + label.size());
    texts.append(key.data(), key.size());
    texts.append(label.data(), label.size());
    return Named(std::move(texts), key.size(), base);
  }
  // The same from the key and the label written one after the other into
  // `key_then_label` (the key its first `key_size` characters): a scoring
  // run names a covenant figure per facility of every provider, and one
  // buffer is one allocation where two strings were two.
  static FigureDefinition Named(std::string key_then_label, std::size_t key_size, const FigureSpec& base) {
    auto named = std::make_shared<NamedTexts>(NamedTexts{std::move(key_then_label), {}});
    const absl::string_view texts = named->texts;
    named->spec = FigureSpec{texts.substr(0, key_size), texts.substr(key_size), base.unit, base.formula, base.source};
    const FigureSpec* spec = &named->spec;
    return FigureDefinition(std::shared_ptr<const FigureSpec>(std::move(named), spec));
  }

  const FigureSpec& spec() const { return spec_ ? *spec_ : Empty(); }

 private:
  struct OwnedTexts {
    std::string key, label, unit, formula, source;
    FigureSpec spec;  // views of the strings above
  };
  struct NamedTexts {
    std::string texts;  // the key, then the label
    FigureSpec spec;    // views of the key and label, and of the base entry's other texts
  };
  explicit FigureDefinition(std::shared_ptr<const FigureSpec> spec) : spec_(std::move(spec)) {}
  static const FigureSpec& Empty() {
    static constexpr FigureSpec kEmpty{};
    return kEmpty;
  }

  std::shared_ptr<const FigureSpec> spec_;
};

// The citations of one assessment's input records, in one buffer: an
// assessment cites a dozen records, and a string each was a dozen
// allocations for every provider of every scoring run (docs/performance.md,
// risk core). Immutable once shared (see FigureInputs).
class CitationTable {
 public:
  CitationTable() = default;
  CitationTable(std::initializer_list<absl::string_view> citations) {
    for (absl::string_view c : citations) Add(c);
  }
  explicit CitationTable(const std::vector<std::string>& citations) {
    for (const std::string& c : citations) Add(c);
  }

  void Reserve(std::size_t characters) { text_.reserve(characters); }
  void Add(absl::string_view citation) {
    text_.append(citation.data(), citation.size());
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  }
  // Appends one citation written by `write(std::string& text)`, which
  // appends to the buffer (risk/domain/record_citation.h's Append*).
  template <typename Write>
  void AddWritten(Write write) {
    write(text_);
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  }

  std::size_t size() const { return ends_.size(); }
  absl::string_view operator[](std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return absl::string_view(text_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string text_;
  absl::InlinedVector<std::uint32_t, 16> ends_;  // where each citation ends in text_
};

// The records a figure was computed from. An assessment formats each input
// citation once into a table shared by all its figures (immutable once
// built, so sharing it between figures, copies and threads is safe); a
// figure cites up to two runs of that table (e.g. the accounts and the
// facilities), so no figure holds a list of its own.
class FigureInputs {
 public:
  using Table = CitationTable;
  struct Range {  // [begin, end) of the table
    std::uint32_t begin;
    std::uint32_t end;
  };

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = absl::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = absl::string_view;

    const_iterator() = default;
    reference operator*() const { return (*inputs_->table_)[index_]; }
    const_iterator& operator++() {
      ++index_;
      const Range& range = run_ == 0 ? inputs_->first_ : inputs_->second_;
      if (index_ == range.end) {
        if (run_ == 0 && inputs_->second_.begin != inputs_->second_.end) {
          run_ = 1;
          index_ = inputs_->second_.begin;
        } else {
          run_ = kEnd;
          index_ = 0;
        }
      }
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.run_ == b.run_ && a.index_ == b.index_;
    }

   private:
    friend class FigureInputs;
    static constexpr int kEnd = 2;
    const_iterator(const FigureInputs* inputs, int run, std::uint32_t index)
        : inputs_(inputs), run_(run), index_(index) {}
    const FigureInputs* inputs_ = nullptr;
    int run_ = kEnd;  // 0: the first run, 1: the second, kEnd: past the end
    std::uint32_t index_ = 0;
  };
  using value_type = absl::string_view;
  using iterator = const_iterator;

  FigureInputs() = default;
  // A list of its own (a figure decoded from the store, a filed figure).
  explicit FigureInputs(const std::vector<std::string>& citations)
      : FigureInputs(std::make_shared<const Table>(citations)) {}
  FigureInputs(std::initializer_list<absl::string_view> citations)
      : FigureInputs(std::make_shared<const Table>(citations)) {}
  // The whole of a shared table.
  explicit FigureInputs(std::shared_ptr<const Table> table)
      : FigureInputs(table, Range{0, table ? static_cast<std::uint32_t>(table->size()) : 0u}) {}
  // One or two runs of `table` without sharing its ownership: the caller
  // keeps the table alive for as long as the inputs are read (an
  // assessment's figures point into Explanation::citation_table). Copies
  // then cost no reference counting: an explanation holds ~45 figures.
  static FigureInputs Within(const Table& table, Range first, Range second = Range{0, 0}) {
    return FigureInputs(std::shared_ptr<const Table>(std::shared_ptr<const Table>(), &table), first, second);
  }
  // One or two runs of a shared table (each within it, begin <= end).
  FigureInputs(std::shared_ptr<const Table> table, Range first, Range second = Range{0, 0})
      : table_(std::move(table)), first_(first), second_(second) {
    if (first_.begin == first_.end) {
      first_ = second_;
      second_ = Range{0, 0};
    }
  }

  const_iterator begin() const {
    return first_.begin == first_.end ? end() : const_iterator(this, 0, first_.begin);
  }
  const_iterator end() const { return const_iterator(this, const_iterator::kEnd, 0); }
  std::size_t size() const { return (first_.end - first_.begin) + (second_.end - second_.begin); }
  bool empty() const { return size() == 0; }
  std::vector<std::string> citations() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (absl::string_view c : *this) out.emplace_back(c);
    return out;
  }
  absl::string_view operator[](std::size_t i) const {
    const std::size_t in_first = first_.end - first_.begin;
    return (*table_)[i < in_first ? first_.begin + i : second_.begin + (i - in_first)];
  }

 private:
  std::shared_ptr<const Table> table_;
  Range first_{0, 0};
  Range second_{0, 0};
};

// One figure an assessment used or computed, with where it came from, so an
// analyst can see why a provider is rated as it is without reading code.
struct ExplainedFigure {
  FigureDefinition definition;  // key, label, unit, formula, source
  std::optional<double> value;  // absent = could not be computed (see note)
  FigureInputs inputs;          // provenance of inputs, e.g. "accounts P001 2024-03-31 (sample/accounts.csv:7, v2)"
  std::string note;             // e.g. "insufficient data: revenue missing (filleted accounts)"

  absl::string_view key() const { return definition.spec().key; }
  absl::string_view label() const { return definition.spec().label; }
  absl::string_view unit() const { return definition.spec().unit; }
  absl::string_view formula() const { return definition.spec().formula; }
  absl::string_view source() const { return definition.spec().source; }
};

// How much one factor moved the combined likelihood of failure.
struct FactorContribution {
  Text factor;            // "Altman Z'' distress zone", "net debt / EBITDA above 6x"
  double value = 0;       // the factor's own figure
  double contribution = 0;  // its additive contribution to the combined score (documented scale)
  Text scale;             // "log-odds of one-year default", "rating points"
};

struct Explanation {
  std::vector<ExplainedFigure> figures;
  std::vector<FactorContribution> contributions;
  std::vector<std::string> reasons;  // plain-English reasons for the rating, most important first
  // The input citations the assessor's figures point into (FigureInputs::
  // Within): held here, once, so that an explanation and its copies keep
  // them alive. A figure copied out of every explanation holding its table
  // must not be read after them.
  std::shared_ptr<const CitationTable> citation_table;
};

}  // namespace oversight::risk
