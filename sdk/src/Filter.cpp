#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::sdk {

namespace {

constexpr std::pair<FilterOp, const char*> kOps[] = {
    {FilterOp::Eq, "eq"},         {FilterOp::Ne, "ne"},
    {FilterOp::Lt, "lt"},         {FilterOp::Lte, "lte"},
    {FilterOp::Gt, "gt"},         {FilterOp::Gte, "gte"},
    {FilterOp::In, "in"},         {FilterOp::NotIn, "not_in"},
    {FilterOp::Contains, "contains"}, {FilterOp::StartsWith, "starts_with"},
    {FilterOp::IsNull, "is_null"}, {FilterOp::IsNotNull, "is_not_null"},
    {FilterOp::Between, "between"},
};

[[noreturn]] void invalid(const std::string& what) {
    throw PluginError(Error{"validation", "filter: " + what, {{"filter", what}}});
}

constexpr int kMaxDepth = 8;
constexpr std::size_t kMaxParts = 200;

Filter parse(const nlohmann::json& json, int depth) {
    if (depth > kMaxDepth) {
        invalid("nested more than 8 levels deep");
    }
    if (!json.is_object()) {
        invalid("each filter must be an object like {\"field\": \"name\", \"op\": \"eq\", "
                "\"value\": \"x\"} or {\"and\": [...]}");
    }
    for (const char* group : {"and", "or"}) {
        if (json.contains(group)) {
            const auto& list = json[group];
            if (!list.is_array() || list.empty() || list.size() > kMaxParts) {
                invalid(std::string("\"") + group + "\" needs a list of 1 to 200 filters");
            }
            std::vector<Filter> parts;
            for (const auto& part : list) {
                parts.push_back(parse(part, depth + 1));
            }
            return std::string(group) == "and" ? Filter::allOf(std::move(parts))
                                               : Filter::anyOf(std::move(parts));
        }
    }
    if (!json.contains("field") || !json["field"].is_string()) {
        invalid("a condition needs \"field\" (a field name)");
    }
    std::string opName = json.value("op", "eq");
    auto op = parseFilterOp(opName);
    if (!op) {
        invalid("unknown op '" + opName +
                "' (eq, ne, lt, lte, gt, gte, in, not_in, contains, starts_with, is_null, "
                "is_not_null, between)");
    }
    nlohmann::json value = json.contains("value") ? json["value"] : nlohmann::json();
    return Filter::condition(json["field"].get<std::string>(), *op, value);
}

}  // namespace

const char* filterOpName(FilterOp op) {
    for (const auto& [o, name] : kOps) {
        if (o == op) {
            return name;
        }
    }
    return "eq";
}

std::optional<FilterOp> parseFilterOp(const std::string& name) {
    for (const auto& [op, text] : kOps) {
        if (name == text) {
            return op;
        }
    }
    return std::nullopt;
}

Filter Filter::condition(std::string field, FilterOp op, nlohmann::json value) {
    Filter f;
    f.kind_ = Kind::Condition;
    f.field_ = std::move(field);
    f.op_ = op;
    f.value_ = std::move(value);
    return f;
}

Filter Filter::eq(std::string field, nlohmann::json value) {
    return condition(std::move(field), FilterOp::Eq, std::move(value));
}
Filter Filter::ne(std::string field, nlohmann::json value) {
    return condition(std::move(field), FilterOp::Ne, std::move(value));
}
Filter Filter::lt(std::string field, nlohmann::json value) {
    return condition(std::move(field), FilterOp::Lt, std::move(value));
}
Filter Filter::lte(std::string field, nlohmann::json value) {
    return condition(std::move(field), FilterOp::Lte, std::move(value));
}
Filter Filter::gt(std::string field, nlohmann::json value) {
    return condition(std::move(field), FilterOp::Gt, std::move(value));
}
Filter Filter::gte(std::string field, nlohmann::json value) {
    return condition(std::move(field), FilterOp::Gte, std::move(value));
}
Filter Filter::in(std::string field, nlohmann::json values) {
    return condition(std::move(field), FilterOp::In, std::move(values));
}
Filter Filter::notIn(std::string field, nlohmann::json values) {
    return condition(std::move(field), FilterOp::NotIn, std::move(values));
}
Filter Filter::contains(std::string field, std::string text) {
    return condition(std::move(field), FilterOp::Contains, std::move(text));
}
Filter Filter::startsWith(std::string field, std::string text) {
    return condition(std::move(field), FilterOp::StartsWith, std::move(text));
}
Filter Filter::isNull(std::string field) {
    return condition(std::move(field), FilterOp::IsNull, nullptr);
}
Filter Filter::isNotNull(std::string field) {
    return condition(std::move(field), FilterOp::IsNotNull, nullptr);
}
Filter Filter::between(std::string field, nlohmann::json from, nlohmann::json to) {
    return condition(std::move(field), FilterOp::Between, nlohmann::json::array({from, to}));
}

Filter Filter::allOf(std::vector<Filter> parts) {
    Filter f;
    f.kind_ = Kind::And;
    f.parts_ = std::move(parts);
    return f;
}

Filter Filter::anyOf(std::vector<Filter> parts) {
    Filter f;
    f.kind_ = Kind::Or;
    f.parts_ = std::move(parts);
    return f;
}

Filter Filter::fromJson(const nlohmann::json& json) {
    return parse(json, 0);
}

nlohmann::json Filter::toJson() const {
    if (kind_ == Kind::Condition) {
        nlohmann::json j = {{"field", field_}, {"op", filterOpName(op_)}};
        if (!value_.is_null()) {
            j["value"] = value_;
        }
        return j;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& part : parts_) {
        list.push_back(part.toJson());
    }
    return {{kind_ == Kind::And ? "and" : "or", list}};
}

}  // namespace tessera::sdk
