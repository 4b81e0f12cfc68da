#include <prescreen/core/time.h>

#include <cstdio>
#include <ctime>

namespace prescreen::core {

Clock systemClock() {
    return [] {
        return std::chrono::system_clock::now();
    };
}

std::string formatUtc(TimePoint time) {
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(time);
    const auto days = floor<std::chrono::days>(ms);
    const year_month_day date{days};
    const hh_mm_ss clock{ms - days};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                  int(clock.minutes().count()), int(clock.seconds().count()),
                  int(clock.subseconds().count()));
    return text;
}

std::optional<TimePoint> parseUtc(std::string_view text) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0, used = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) !=
            6 ||
        used != 19)
        return std::nullopt;
    std::string_view rest = text.substr(19);
    if (rest.size() == 5 && rest[0] == '.') {
        for (char c : rest.substr(1, 3)) {
            if (c < '0' || c > '9')
                return std::nullopt;
            ms = ms * 10 + (c - '0');
        }
        rest = rest.substr(4);
    }
    if (rest != "Z")
        return std::nullopt;
    const year_month_day date{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!date.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    const auto exact = sys_days{date} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
    // system_clock counts nanoseconds in 64 bits (years 1677 to 2262): a later time such as a
    // hostile 2999-12-31 saturates instead of overflowing, so it still compares as "later".
    constexpr auto kLast = std::chrono::time_point_cast<milliseconds>(TimePoint::max());
    constexpr auto kFirst = std::chrono::time_point_cast<milliseconds>(TimePoint::min());
    if (exact >= kLast)
        return TimePoint::max();
    if (exact <= kFirst)
        return TimePoint::min();
    return exact;
}

} // namespace prescreen::core
