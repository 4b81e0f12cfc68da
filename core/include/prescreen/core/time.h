#pragma once
// Wall-clock time as the store keeps it: UTC, ISO 8601 with milliseconds
// ("2026-11-22T09:15:02.123Z"), which sorts as text. A Clock is passed in, so tests control time.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace prescreen::core {

using TimePoint = std::chrono::system_clock::time_point;
using Clock = std::function<TimePoint()>;

/// The system clock.
Clock systemClock();

/// "2026-11-22T09:15:02.123Z"
std::string formatUtc(TimePoint time);
/// Parses what formatUtc writes (milliseconds optional); nullopt if it is not that form.
std::optional<TimePoint> parseUtc(std::string_view text);

} // namespace prescreen::core
