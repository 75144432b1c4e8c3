#pragma once

// Forecast periods: a month ("2026-03") or a quarter ("2026-Q1"), with their first and last day.
#include <optional>
#include <string>
#include <vector>

namespace deals {

struct Period {
    std::string key;    ///< "2026-03" or "2026-Q1", as Records::aggregate names date buckets
    std::string label;  ///< "March 2026", "Q1 2026"
    std::string first;  ///< "2026-01-01"
    std::string last;   ///< "2026-03-31"
    bool quarter = false;

    /// The months of a quarter, or the month itself.
    std::vector<std::string> monthKeys() const;
};

std::optional<Period> parsePeriod(const std::string& key);
Period quarterOf(const std::string& isoDate);
/// The twelve months or four quarters of a year.
std::vector<Period> periodsOf(int year, bool quarters);

}  // namespace deals
