#include "RecordPageSupport.hpp"

#include <charconv>
#include <cmath>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel::detail {

namespace {

std::string numberText(double value) {
    if (std::floor(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    std::string text = std::to_string(value);
    while (!text.empty() && text.back() == '0') {
        text.pop_back();
    }
    return text;
}

bool textTitle(const EntityDef& entity) {
    const FieldDef* title = entity.field(entity.titleField);
    return title && (title->type == FieldType::Text || title->type == FieldType::Email ||
                     title->type == FieldType::Phone || title->type == FieldType::Url);
}

}  // namespace

const EntityDef& entityOf(PageSupport& pages, const HttpRequest& request) {
    const std::string& slug = request.params.at("slug");
    const EntityDef* entity = pages.app().records().schema().entityBySlug(slug);
    if (!entity) {
        throw HttpError(404, "not_found", "There is no list of that name.");
    }
    return *entity;
}

std::optional<std::int64_t> positiveId(const std::string& text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
        return std::nullopt;
    }
    return value;
}

std::int64_t idOf(const HttpRequest& request, const char* parameter) {
    auto id = positiveId(request.params.at(parameter));
    if (!id) {
        throw HttpError(404, "not_found", "There is no record with this number.");
    }
    return *id;
}

std::string labelOf(const FieldDef& field) {
    return field.label.empty() ? field.name : field.label;
}

bool isStandard(const std::string& name) {
    for (const auto& standard : standardFieldNames()) {
        if (standard == name) {
            return true;
        }
    }
    return false;
}

std::string displayValue(const FieldDef& field, const nlohmann::json& value) {
    if (value.is_null()) {
        return "";
    }
    switch (field.type) {
        case FieldType::Boolean:
            return value.is_boolean() ? (value.get<bool>() ? "Yes" : "No") : value.dump();
        case FieldType::Money:
            if (value.is_object()) {
                std::string text = value.contains("amount") && value["amount"].is_number()
                                       ? numberText(value["amount"].get<double>())
                                       : "";
                if (value.contains("currency") && value["currency"].is_string()) {
                    text += " " + value["currency"].get<std::string>();
                }
                return text;
            }
            break;
        case FieldType::Enum:
            if (value.is_string()) {
                const EnumOption* option = field.option(value.get<std::string>());
                return option && !option->label.empty() ? option->label : value.get<std::string>();
            }
            break;
        case FieldType::MultiEnum:
            if (value.is_array()) {
                std::string text;
                for (const auto& item : value) {
                    text += (text.empty() ? "" : ", ") +
                            (item.is_string() ? item.get<std::string>() : item.dump());
                }
                return text;
            }
            break;
        default:
            break;
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number_float()) {
        return numberText(value.get<double>());
    }
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string inputValue(const FieldDef& field, const nlohmann::json& value) {
    if (value.is_null()) {
        return "";
    }
    if (field.type == FieldType::Money && value.is_object()) {
        const auto& amount = value.contains("amount") ? value["amount"] : nlohmann::json();
        return amount.is_number() ? numberText(amount.get<double>())
                                  : (amount.is_string() ? amount.get<std::string>() : "");
    }
    if (field.type == FieldType::Json && !value.is_string()) {
        return value.dump();
    }
    return displayValue(field, value);
}

std::string titleOf(const EntityDef& entity, const sdk::Record& record) {
    if (record.contains(entity.titleField) && record[entity.titleField].is_string() &&
        !record[entity.titleField].get<std::string>().empty()) {
        return record[entity.titleField].get<std::string>();
    }
    return "#" + (record.contains("id") ? record["id"].dump() : std::string("?"));
}

std::string recordHref(const EntityDef& entity, const sdk::Record& record) {
    return "/r/" + entity.slug + "/" + record.value("id", nlohmann::json(0)).dump();
}

Params paramsWithout(const HttpRequest& request, std::initializer_list<const char*> drop) {
    Params params;
    for (const auto& [name, value] : request.query) {
        bool dropped = false;
        for (const char* d : drop) {
            dropped = dropped || name == d;
        }
        if (!dropped && !value.empty()) {
            params.emplace_back(name, value);
        }
    }
    return params;
}

bool canRead(PageSupport& pages, const HttpRequest& request, const std::string& entity) {
    auto context = pages.app().access().contextFor(PageSupport::callerOf(request));
    return context->unrestricted() ||
           context->grant(entity, sdk::Action::Read).level != ScopeLevel::None;
}

const std::string& UserNames::operator()(std::int64_t userId) {
    auto it = names_.find(userId);
    if (it == names_.end()) {
        auto user = userId == 0 ? std::nullopt : pages_.app().credentials().user(userId);
        it =
            names_
                .emplace(userId, user ? user->displayName
                                      : (userId == 0 ? "system" : "user " + std::to_string(userId)))
                .first;
    }
    return it->second;
}

std::string UserNames::display(const FieldDef& field, const nlohmann::json& value) {
    bool isUser = field.name == "owner_id" || field.name == "created_by";
    return isUser && value.is_number_integer() ? (*this)(value.get<std::int64_t>())
                                               : displayValue(field, value);
}

std::vector<FieldGroup> groupFields(const EntityDef& entity, const char* part,
                                    const std::vector<const FieldDef*>& fields) {
    const nlohmann::json* groups = nullptr;
    if (entity.layout.is_object() && entity.layout.contains(part) &&
        entity.layout[part].contains("groups")) {
        groups = &entity.layout[part]["groups"];
    }
    if (!groups) {
        return {FieldGroup{"", fields}};
    }
    std::vector<FieldGroup> result;
    std::vector<bool> placed(fields.size(), false);
    for (const auto& group : *groups) {
        FieldGroup out{group["label"].get<std::string>(), {}};
        for (const auto& name : group["fields"]) {
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (!placed[i] && fields[i]->name == name.get<std::string>()) {
                    out.fields.push_back(fields[i]);
                    placed[i] = true;
                }
            }
        }
        if (!out.fields.empty()) {
            result.push_back(std::move(out));
        }
    }
    FieldGroup other{"Other", {}};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!placed[i]) {
            other.fields.push_back(fields[i]);
        }
    }
    if (!other.fields.empty()) {
        result.push_back(std::move(other));
    }
    return result;
}

std::string referenceTitle(PageSupport& pages, const HttpRequest& request, const FieldDef& field,
                           const nlohmann::json& value) {
    const EntityDef* target = pages.app().records().schema().entity(field.target);
    if (!target || !value.is_number_integer() || !canRead(pages, request, target->name)) {
        return "";
    }
    sdk::Query query;
    query.entity = target->name;
    query.filter = sdk::Filter::eq("id", value);
    query.limit = 1;
    sdk::Page page = pages.app().records().query(PageSupport::callerOf(request), query);
    return page.rows.empty() ? "" : titleOf(*target, page.rows.front());
}

std::optional<std::int64_t> resolveReference(PageSupport& pages, const HttpRequest& request,
                                             const FieldDef& field, const std::string& text,
                                             std::string& error) {
    if (auto id = positiveId(text)) {
        return id;
    }
    const EntityDef* target = pages.app().records().schema().entity(field.target);
    if (!target || !textTitle(*target) || text.size() > 1000 ||
        !canRead(pages, request, target->name)) {
        error = "Enter the number of a " + (target ? target->label : field.target) + ".";
        return std::nullopt;
    }
    sdk::Query query;
    query.entity = target->name;
    query.filter = sdk::Filter::eq(target->titleField, text);
    query.limit = 2;
    sdk::Page page = pages.app().records().query(PageSupport::callerOf(request), query);
    if (page.rows.size() == 1) {
        return page.rows.front().value("id", std::int64_t{0});
    }
    error = page.rows.empty() ? "There is no " + target->label + " named '" + text.substr(0, 80) +
                                    "': pick one from the suggestions or enter its number."
                              : "Several " + target->pluralLabel + " are named '" +
                                    text.substr(0, 80) + "': enter the number of the one you mean.";
    return std::nullopt;
}

}  // namespace tessera::kernel::detail
