#include "FormInput.hpp"

#include <regex>

#include "Refuse.hpp"

namespace activities {

std::string FormInput::text(const std::string& name) const {
    auto value = request_.form(name);
    if (!value) {
        value = request_.query(name);
    }
    std::string out = value.value_or("");
    auto begin = out.find_first_not_of(" \t\r\n");
    auto end = out.find_last_not_of(" \t\r\n");
    return begin == std::string::npos ? "" : out.substr(begin, end - begin + 1);
}

std::int64_t FormInput::id(const std::string& value, const std::string& name) const {
    static const std::regex kId(R"([1-9][0-9]{0,17})");
    if (!std::regex_match(value, kId)) {
        refuse(name, "must be a record id");
    }
    return std::stoll(value);
}

nlohmann::json FormInput::utcTime(const std::string& name, const TimeZone& zone) const {
    std::string value = text(name);
    if (value.empty()) {
        return nullptr;
    }
    auto local = parseLocal(value);
    if (!local) {
        refuse(name, "must be a date and time like 2026-03-31T14:30");
    }
    return formatUtc(zone.toUtc(*local));
}

int FormInput::minutes(const std::string& name, int fallback) const {
    std::string value = text(name);
    if (value.empty()) {
        return fallback;
    }
    if (value.size() > 4 || value.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(value) < 1 || std::stoi(value) > 1440) {
        refuse(name, "must be 1 to 1440 minutes");
    }
    return std::stoi(value);
}

std::string FormInput::back(const std::string& fallback) const {
    std::string value = text("back");
    bool local = value.size() > 1 && value[0] == '/' && value[1] != '/' && value[1] != '\\' &&
                 value.find_first_of("\r\n") == std::string::npos && value.size() < 500;
    return local ? value : fallback;
}

std::string FormInput::entityName(const std::string& value) {
    static const std::regex kEntity(R"([A-Z][A-Za-z0-9]{0,63})");
    if (!std::regex_match(value, kEntity)) {
        refuse("entity", "must be an entity name like Company");
    }
    return value;
}

}  // namespace activities
