#include <tessera/kernel/storage/SqlValue.hpp>

#include <charconv>
#include <cmath>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel {

bool isNull(const SqlValue& value) {
    return std::holds_alternative<std::monostate>(value);
}

std::string asString(const SqlValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return {};
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, double>) {
                char buffer[64];
                auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
                return std::string(buffer, end);
            } else {
                return std::to_string(v);
            }
        },
        value);
}

std::int64_t asInt(const SqlValue& value) {
    if (auto i = std::get_if<std::int64_t>(&value)) {
        return *i;
    }
    if (auto d = std::get_if<double>(&value)) {
        return static_cast<std::int64_t>(std::llround(*d));
    }
    if (auto b = std::get_if<bool>(&value)) {
        return *b ? 1 : 0;
    }
    if (auto s = std::get_if<std::string>(&value)) {
        std::int64_t result = 0;
        auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), result);
        if (ec == std::errc() && end == s->data() + s->size()) {
            return result;
        }
        throw StorageError("'" + *s + "' read from the database is not a whole number");
    }
    return 0;
}

double asDouble(const SqlValue& value) {
    if (auto d = std::get_if<double>(&value)) {
        return *d;
    }
    if (auto i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    if (auto s = std::get_if<std::string>(&value)) {
        try {
            return std::stod(*s);
        } catch (const std::exception&) {
            throw StorageError("'" + *s + "' read from the database is not a number");
        }
    }
    if (auto b = std::get_if<bool>(&value)) {
        return *b ? 1.0 : 0.0;
    }
    return 0.0;
}

bool asBool(const SqlValue& value) {
    if (auto b = std::get_if<bool>(&value)) {
        return *b;
    }
    if (auto s = std::get_if<std::string>(&value)) {
        return *s == "t" || *s == "true" || *s == "1";
    }
    if (isNull(value)) {
        return false;
    }
    return asDouble(value) != 0.0;
}

}  // namespace tessera::kernel
