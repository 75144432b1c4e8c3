#include <tessera/kernel/jobs/CronExpression.hpp>

#include <array>
#include <cctype>
#include <charconv>
#include <sstream>
#include <vector>

namespace tessera::kernel {

namespace {

using namespace std::chrono;

struct FieldSpec {
    const char* name;
    int min;
    int max;
    std::vector<const char*> names;  ///< names[i] is the value min + i
};

const std::array<FieldSpec, 5>& fieldSpecs() {
    static const std::array<FieldSpec, 5> specs = {{
        {"minute", 0, 59, {}},
        {"hour", 0, 23, {}},
        {"day-of-month", 1, 31, {}},
        {"month",
         1,
         12,
         {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
        {"day-of-week", 0, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
    }};
    return specs;
}

[[noreturn]] void refuse(const std::string& expression, const FieldSpec& field,
                         const std::string& part, const std::string& why) {
    throw CronExpression::Error("cron '" + expression + "': " + field.name + " field '" + part +
                                "' " + why);
}

int valueOf(const std::string& expression, const FieldSpec& field, const std::string& part,
            const std::string& token) {
    std::string upper;
    for (char c : token) {
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    for (std::size_t i = 0; i < field.names.size(); ++i) {
        if (upper == field.names[i]) {
            return field.min + static_cast<int>(i);
        }
    }
    int value = 0;
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || error != std::errc() || end != token.data() + token.size()) {
        refuse(expression, field, part,
               "is not a number" + std::string(field.names.empty() ? "" : " or a name") + " (" +
                   std::to_string(field.min) + "-" + std::to_string(field.max) +
                   (field.names.empty()
                        ? ""
                        : ", or " + std::string(field.names.front()) + "-" + field.names.back()) +
                   ")");
    }
    if (value < field.min || value > field.max) {
        refuse(expression, field, part,
               "is out of range: use " + std::to_string(field.min) + " to " +
                   std::to_string(field.max));
    }
    return value;
}

/// Sets the bits of one field; returns whether the field starts with '*'.
template <std::size_t N>
bool parseField(const std::string& expression, const FieldSpec& field, const std::string& text,
                std::bitset<N>& bits) {
    std::size_t start = 0;
    while (true) {
        std::size_t comma = text.find(',', start);
        std::string part = text.substr(start, comma == std::string::npos ? comma : comma - start);
        if (part.empty()) {
            refuse(expression, field, text, "has an empty list entry: remove the extra comma");
        }
        std::string range = part;
        int step = 1;
        if (auto slash = part.find('/'); slash != std::string::npos) {
            range = part.substr(0, slash);
            std::string stepText = part.substr(slash + 1);
            auto [end, error] =
                std::from_chars(stepText.data(), stepText.data() + stepText.size(), step);
            if (stepText.empty() || error != std::errc() ||
                end != stepText.data() + stepText.size() || step < 1 ||
                step > field.max - field.min + 1) {
                refuse(expression, field, part,
                       "has a bad step: after '/' give a whole number from 1 to " +
                           std::to_string(field.max - field.min + 1));
            }
        }
        int low = field.min;
        int high = field.max;
        if (range == "*") {
            if (std::string(field.name) == "day-of-week") {
                high = 6;
            }
        } else if (auto dash = range.find('-'); dash != std::string::npos) {
            low = valueOf(expression, field, part, range.substr(0, dash));
            high = valueOf(expression, field, part, range.substr(dash + 1));
            if (low > high) {
                refuse(expression, field, part,
                       "is a backwards range: write the smaller value first");
            }
        } else {
            low = valueOf(expression, field, part, range);
            high = part.find('/') != std::string::npos ? field.max : low;
        }
        for (int v = low; v <= high; v += step) {
            int bit = (std::string(field.name) == "day-of-week" && v == 7) ? 0 : v;
            bits.set(static_cast<std::size_t>(bit));
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return !text.empty() && text.front() == '*';
}

std::string shorthand(const std::string& text) {
    if (text == "@yearly" || text == "@annually") {
        return "0 0 1 1 *";
    }
    if (text == "@monthly") {
        return "0 0 1 * *";
    }
    if (text == "@weekly") {
        return "0 0 * * 0";
    }
    if (text == "@daily" || text == "@midnight") {
        return "0 0 * * *";
    }
    if (text == "@hourly") {
        return "0 * * * *";
    }
    return text;
}

}  // namespace

CronExpression CronExpression::parse(const std::string& text) {
    std::string shown = text.substr(0, 100);
    std::istringstream words(shorthand(text));
    std::vector<std::string> fields;
    for (std::string word; words >> word;) {
        fields.push_back(word);
    }
    if (fields.size() != 5) {
        throw Error("cron '" + shown + "': give five fields (minute hour day-of-month month " +
                    "day-of-week), e.g. '*/5 * * * *'; " + std::to_string(fields.size()) +
                    (fields.size() == 1 ? " was" : " were") + " given");
    }
    const auto& specs = fieldSpecs();
    CronExpression cron;
    cron.text_ = text;
    parseField(shown, specs[0], fields[0], cron.minutes_);
    parseField(shown, specs[1], fields[1], cron.hours_);
    cron.anyDayOfMonth_ = parseField(shown, specs[2], fields[2], cron.daysOfMonth_);
    parseField(shown, specs[3], fields[3], cron.months_);
    cron.anyDayOfWeek_ = parseField(shown, specs[4], fields[4], cron.daysOfWeek_);
    if (!cron.next(sys_seconds{seconds{0}})) {
        throw Error("cron '" + shown + "': day-of-month field '" + fields[2] +
                    "' never falls in the months of the month field '" + fields[3] +
                    "': the job would never run");
    }
    return cron;
}

bool CronExpression::dayMatches(year_month_day day) const {
    bool dom = daysOfMonth_.test(static_cast<unsigned>(day.day()));
    bool dow = daysOfWeek_.test(weekday(sys_days(day)).c_encoding());
    if (anyDayOfMonth_ || anyDayOfWeek_) {
        return dom && dow;
    }
    return dom || dow;
}

std::optional<sys_seconds> CronExpression::next(sys_seconds after) const {
    sys_seconds t = floor<minutes>(after) + minutes{1};
    const sys_seconds limit = t + days{366 * 8 + 2};
    while (t < limit) {
        sys_days date = floor<days>(t);
        year_month_day ymd(date);
        if (!months_.test(static_cast<unsigned>(ymd.month()))) {
            year_month next = year_month(ymd.year(), ymd.month()) + months{1};
            t = sys_days(next / day{1});
            continue;
        }
        if (!dayMatches(ymd)) {
            t = date + days{1};
            continue;
        }
        hh_mm_ss clock(t - date);
        auto hour = clock.hours().count();
        if (!hours_.test(static_cast<std::size_t>(hour))) {
            t = date + hours{hour + 1};
            continue;
        }
        auto minute = static_cast<std::size_t>(clock.minutes().count());
        if (!minutes_.test(minute)) {
            t += minutes{1};
            continue;
        }
        return t;
    }
    return std::nullopt;
}

}  // namespace tessera::kernel
