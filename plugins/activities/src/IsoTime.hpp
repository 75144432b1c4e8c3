#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace activities {

using Utc = std::chrono::sys_seconds;
using Local = std::chrono::local_seconds;

/// "2026-03-31T14:30:00Z" (also without seconds or zone, read as UTC, as the kernel stores
/// datetimes); nullopt when it is not one.
std::optional<Utc> parseUtc(std::string_view text);
/// "2026-03-31T14:30" or "2026-03-31 14:30[:00]" as typed in a form, a wall-clock time.
std::optional<Local> parseLocal(std::string_view text);
/// "2026-03-31T14:30:00Z", the format the kernel stores.
std::string formatUtc(Utc time);
/// "2026-03-31T14:30", the format of <input type="datetime-local">.
std::string formatLocal(Local time);
/// "2026-03-31".
std::string formatDate(std::chrono::year_month_day day);
std::optional<std::chrono::year_month_day> parseDate(std::string_view text);
Utc nowUtc();

}  // namespace activities

namespace activities {

/// "Mon 2 Mar 2026, 11:00" for pages.
std::string formatDisplay(Local time);
/// "Mon 2 Mar 2026".
std::string formatDisplayDate(std::chrono::local_days day);

}  // namespace activities
