#include <tessera/kernel/schema/FieldType.hpp>

#include <array>
#include <utility>

namespace tessera::kernel {

namespace {

constexpr std::array<std::pair<FieldType, std::string_view>, 15> kNames{{
    {FieldType::Text, "text"},
    {FieldType::LongText, "longtext"},
    {FieldType::Integer, "integer"},
    {FieldType::Decimal, "decimal"},
    {FieldType::Money, "money"},
    {FieldType::Boolean, "boolean"},
    {FieldType::Date, "date"},
    {FieldType::DateTime, "datetime"},
    {FieldType::Enum, "enum"},
    {FieldType::MultiEnum, "multienum"},
    {FieldType::Email, "email"},
    {FieldType::Phone, "phone"},
    {FieldType::Url, "url"},
    {FieldType::Reference, "reference"},
    {FieldType::Json, "json"},
}};

}  // namespace

std::optional<FieldType> parseFieldType(std::string_view name) {
    if (name == "tags") {
        return FieldType::MultiEnum;
    }
    for (const auto& [type, text] : kNames) {
        if (text == name) {
            return type;
        }
    }
    return std::nullopt;
}

std::string_view toString(FieldType type) {
    for (const auto& [t, text] : kNames) {
        if (t == type) {
            return text;
        }
    }
    return "text";
}

std::string fieldTypeNames() {
    std::string names;
    for (const auto& [type, text] : kNames) {
        names += (names.empty() ? "" : ", ") + std::string(text);
    }
    return names;
}

}  // namespace tessera::kernel
