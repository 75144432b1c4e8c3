#include <tessera/kernel/web/RecordPages.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/RecordApi.hpp>
#include <tessera/kernel/web/PluginPages.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

constexpr std::size_t kListColumns = 5;
constexpr int kRangeFilters = 3;
constexpr int kBoardCards = 50;
constexpr std::size_t kMaxExportRows = 100000;
constexpr std::size_t kMaxBulk = 500;
constexpr int kRelatedRows = 20;
constexpr int kPageSizes[] = {10, 25, 50, 100};

using Params = std::vector<std::pair<std::string, std::string>>;

const EntityDef& entityOf(PageSupport& pages, const HttpRequest& request) {
    const std::string& slug = request.params.at("slug");
    const EntityDef* entity = pages.app().records().schema().entityBySlug(slug);
    if (!entity) {
        throw HttpError(404, "not_found", "There is no list of that name.");
    }
    return *entity;
}

std::int64_t idOf(const HttpRequest& request) {
    const std::string& text = request.params.at("id");
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
        throw HttpError(404, "not_found", "There is no record with this number.");
    }
    return value;
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

/// A value as a page shows it.
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

/// A value as a form input holds it.
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

/// The fields a form offers this caller.
std::vector<const FieldDef*> formFields(PageSupport& pages, const HttpRequest& request,
                                        const EntityDef& entity) {
    auto context = pages.app().access().contextFor(PageSupport::callerOf(request));
    std::vector<const FieldDef*> fields;
    for (const auto& field : entity.fields) {
        if (field.system || field.readonly || isStandard(field.name) ||
            context->fieldAccess(entity.name, field.name) != FieldAccess::Visible) {
            continue;
        }
        fields.push_back(&field);
    }
    std::stable_partition(fields.begin(), fields.end(),
                          [&](const FieldDef* field) { return field->name == entity.titleField; });
    return fields;
}

/// The record a submitted form describes; empty inputs are left for the record API to read as
/// "no value".
sdk::Record valuesFromForm(const std::vector<const FieldDef*>& fields, const FormData& form) {
    sdk::Record values = nlohmann::json::object();
    for (const FieldDef* field : fields) {
        const std::string& name = field->name;
        if (field->type == FieldType::Boolean) {
            if (form.has(name + "__present")) {
                values[name] = form.value(name) == "on" || form.value(name) == "true";
            }
            continue;
        }
        auto text = form.get(name);
        if (!text) {
            continue;
        }
        if (field->type == FieldType::Money) {
            values[name] = {{"amount", *text}, {"currency", form.value(name + "__currency")}};
        } else if (field->type == FieldType::Json) {
            values[name] = text->empty() ? nlohmann::json(nullptr)
                                         : nlohmann::json::parse(*text, nullptr, false);
            if (values[name].is_discarded()) {
                values[name] = *text;
            }
        } else {
            values[name] = *text;
        }
    }
    return values;
}

void addInput(ctemplate::TemplateDictionary& dict, const FieldDef& field,
              const nlohmann::json& value, const std::string& error,
              const nlohmann::json* current) {
    auto* row = dict.AddSectionDictionary("FIELD");
    row->SetValue("NAME", field.name);
    row->SetValue("LABEL", labelOf(field));
    row->SetValue("ID", "f-" + field.name);
    if (field.required) {
        row->ShowSection("REQUIRED");
    }
    if (!error.empty()) {
        row->SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    }
    if (current) {
        std::string now = displayValue(field, *current);
        row->AddSectionDictionary("HAS_CURRENT")
            ->SetValue("CURRENT", now.empty() ? "(empty)" : now);
    }
    std::string text = inputValue(field, value);
    switch (field.type) {
        case FieldType::LongText:
        case FieldType::Json:
            // Not SetValueAndShowSection: it hides the section when the value is empty.
            row->AddSectionDictionary("TEXTAREA")->SetValue("VALUE", text);
            return;
        case FieldType::Boolean: {
            auto* box = row->AddSectionDictionary("CHECKBOX");
            if (value.is_boolean() && value.get<bool>()) {
                box->ShowSection("CHECKED");
            }
            return;
        }
        case FieldType::Enum: {
            auto* select = row->AddSectionDictionary("SELECT");
            std::string selected = value.is_string() ? value.get<std::string>() : "";
            for (const auto& option : field.options) {
                auto* item = select->AddSectionDictionary("OPTION");
                item->SetValue("VALUE", option.value);
                item->SetValue("LABEL", option.label.empty() ? option.value : option.label);
                if (option.value == selected) {
                    item->ShowSection("SELECTED");
                }
            }
            return;
        }
        default:
            break;
    }
    auto* input = row->AddSectionDictionary("INPUT");
    input->SetValue("VALUE", text);
    const char* type = "text";
    switch (field.type) {
        case FieldType::Integer:
        case FieldType::Reference:
            type = "number";
            input->SetValueAndShowSection("STEP", "1", "HAS_STEP");
            break;
        case FieldType::Decimal:
        case FieldType::Money:
            type = "number";
            input->SetValueAndShowSection("STEP", "any", "HAS_STEP");
            break;
        case FieldType::Date:
            type = "date";
            break;
        case FieldType::Email:
            type = "email";
            break;
        case FieldType::Phone:
            type = "tel";
            break;
        case FieldType::Url:
            type = "url";
            break;
        default:
            break;
    }
    input->SetValue("TYPE", type);
    if (field.type == FieldType::Money) {
        std::string currency =
            value.is_object() && value.contains("currency") && value["currency"].is_string()
                ? value["currency"].get<std::string>()
                : "";
        input->AddSectionDictionary("MONEY")->SetValue("CURRENCY", currency);
    }
    if (field.type == FieldType::DateTime) {
        input->SetValue("PLACEHOLDER", "2026-01-31T09:30:00Z");
    } else if (field.type == FieldType::MultiEnum) {
        input->SetValue("PLACEHOLDER", "comma, separated");
    }
}

struct FormState {
    sdk::Record values = nlohmann::json::object();
    std::map<std::string, std::string> errors;
    std::string message;
    std::optional<sdk::Record> current;
    std::int64_t id = 0;
    std::int64_t version = 0;
};

void renderForm(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                const EntityDef& entity, const FormState& state, int status) {
    ctemplate::TemplateDictionary dict("form");
    bool editing = state.id > 0;
    std::string listHref = "/r/" + entity.slug;
    std::string action =
        editing ? listHref + "/" + std::to_string(state.id) + "/edit" : listHref + "/new";
    std::string title = editing ? "Edit " + titleOf(entity, state.current.value_or(state.values))
                                : "New " + entity.label;
    dict.SetValue("TITLE", title);
    dict.SetValue("ACTION", action);
    dict.SetValue("CSRF", request.principal->csrfToken);
    dict.SetValue("CANCEL", editing ? listHref + "/" + std::to_string(state.id) : listHref);
    if (editing) {
        dict.SetIntValue("VERSION", state.version);
        dict.ShowSection("EDITING");
    }
    if (!state.message.empty()) {
        dict.SetValueAndShowSection("MESSAGE", state.message, "HAS_MESSAGE");
    }
    for (const FieldDef* field : formFields(pages, request, entity)) {
        nlohmann::json value =
            state.values.contains(field->name) ? state.values[field->name] : nlohmann::json();
        auto error = state.errors.find(field->name);
        const nlohmann::json* current = nullptr;
        nlohmann::json currentValue;
        if (state.current) {
            currentValue = state.current->contains(field->name) ? (*state.current)[field->name]
                                                                : nlohmann::json();
            if (displayValue(*field, currentValue) != inputValue(*field, value) ||
                field->type == FieldType::Money) {
                current = &currentValue;
            }
        }
        addInput(dict, *field, value, error == state.errors.end() ? std::string{} : error->second,
                 current);
    }
    std::vector<PageSupport::Crumb> crumbs = {{"Home", "/"}, {entity.pluralLabel, listHref}};
    if (editing) {
        crumbs.push_back({titleOf(entity, state.current.value_or(state.values)),
                          listHref + "/" + std::to_string(state.id)});
    }
    crumbs.push_back({editing ? "Edit" : "New", ""});
    pages.respond(request, response, title, "form.tpl", dict, crumbs, status);
}

/// Saves a submitted form, or shows it again with the problems in place.
void submitForm(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                const EntityDef& entity, std::int64_t id) {
    FormData form = FormData::parse(request.body);
    RecordStore& records = pages.app().records();
    sdk::Caller caller = PageSupport::callerOf(request);
    FormState state;
    state.id = id;
    state.values = valuesFromForm(formFields(pages, request, entity), form);
    try {
        if (id == 0) {
            sdk::Record created = records.create(caller, entity.name, state.values);
            pages.redirect(response, recordHref(entity, created), "created");
            return;
        }
        std::int64_t version = 0;
        std::string text = form.value("version");
        std::from_chars(text.data(), text.data() + text.size(), version);
        state.version = version;
        records.update(caller, entity.name, id, version, state.values);
        pages.redirect(response, "/r/" + entity.slug + "/" + std::to_string(id), "saved");
    } catch (const sdk::PluginError& e) {
        const sdk::Error& error = e.error();
        if (error.code == "validation") {
            state.errors = error.fields;
            state.message = "Some fields need attention: " + error.message;
            if (id > 0) {
                state.current = records.get(caller, entity.name, id);
            }
            renderForm(pages, request, response, entity, state, 422);
        } else if (error.code == "conflict" && id > 0) {
            state.current = records.get(caller, entity.name, id);
            state.version = state.current->value("version", std::int64_t{0});
            state.message =
                "Someone saved this record since you opened it. Their values are shown under "
                "the fields you see changed; save again to replace them with yours.";
            renderForm(pages, request, response, entity, state, 409);
        } else {
            throw;
        }
    }
}

std::string sortOf(const HttpRequest& request) {
    return request.queryValue("sort").value_or("");
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

std::vector<const FieldDef*> listColumns(const EntityDef& entity) {
    std::vector<const FieldDef*> columns;
    if (const FieldDef* title = entity.field(entity.titleField)) {
        columns.push_back(title);
    }
    for (const auto& field : entity.fields) {
        if (columns.size() >= kListColumns) {
            break;
        }
        if (field.system || isStandard(field.name) || field.name == entity.titleField ||
            field.type == FieldType::LongText || field.type == FieldType::Json) {
            continue;
        }
        columns.push_back(&field);
    }
    return columns;
}

void listPage(PageSupport& pages, HttpRequest& request, HttpResponse& response, bool trash) {
    const EntityDef& entity = entityOf(pages, request);
    HttpRequest listRequest = request;
    listRequest.query = paramsWithout(request, {});
    sdk::Query query = RecordApi::parseListQuery(entity, listRequest);
    if (!request.queryValue("limit")) {
        query.limit = 25;
    }
    if (trash) {
        query.trash = sdk::Trash::Only;
    }
    sdk::Page page;
    try {
        page = pages.app().records().query(PageSupport::callerOf(request), query);
    } catch (const sdk::PluginError& e) {
        if (e.error().code != "validation") {
            throw;
        }
        throw HttpError(400, "bad_query", e.error().message);
    }
    std::string base = "/r/" + entity.slug + (trash ? "/trash" : "");
    bool admin = pages.app().access().contextFor(PageSupport::callerOf(request))->unrestricted();
    ctemplate::TemplateDictionary dict("list");
    dict.SetValue("TITLE", trash ? entity.pluralLabel + " in the trash" : entity.pluralLabel);
    dict.SetValue("BASE", base);
    dict.SetValue("SLUG", entity.slug);
    dict.SetValue("NEW_HREF", "/r/" + entity.slug + "/new");
    dict.SetValue("TRASH_HREF", "/r/" + entity.slug + "/trash");
    dict.SetValue("LIST_HREF", "/r/" + entity.slug);
    dict.SetValue("Q", request.queryValue("q").value_or(""));
    dict.SetValue("SORT", sortOf(request));
    dict.SetValue("CSRF", request.principal->csrfToken);
    dict.ShowSection(trash ? "TRASH" : "LIVE");
    for (const auto& field : entity.fields) {
        if (field.type == FieldType::Enum && field.board && !field.options.empty() && !trash) {
            dict.SetValueAndShowSection("BOARD_HREF", "/r/" + entity.slug + "/board", "HAS_BOARD");
            break;
        }
    }

    auto columns = listColumns(entity);
    std::string sort = sortOf(request);
    for (const FieldDef* column : columns) {
        auto* head = dict.AddSectionDictionary("HEAD");
        head->SetValue("LABEL", labelOf(*column));
        std::string next = sort == column->name ? "-" + column->name : column->name;
        Params params = paramsWithout(request, {"sort", "after"});
        params.emplace_back("sort", next);
        head->SetValue("HREF", base + "?" + FormData::encode(params));
        if (sort == column->name) {
            head->SetValue("ARROW", "▲");
        } else if (sort == "-" + column->name) {
            head->SetValue("ARROW", "▼");
        }
    }
    for (const auto& record : page.rows) {
        auto* row = dict.AddSectionDictionary("ROW");
        row->SetValue("HREF", recordHref(entity, record));
        row->SetValue("ID", record.value("id", nlohmann::json(0)).dump());
        if (!trash) {
            auto* select = row->AddSectionDictionary("SELECT_CELL");
            select->SetValue("TITLE", titleOf(entity, record));
        }
        if (trash) {
            auto* restore = row->AddSectionDictionary("RESTORE_CELL");
            restore->SetValue("CSRF", request.principal->csrfToken);
            restore->SetValue("RESTORE", recordHref(entity, record) + "/restore");
            if (admin) {
                restore->SetValueAndShowSection("PURGE", recordHref(entity, record) + "/purge",
                                                "CAN_PURGE");
            }
        }
        bool first = true;
        for (const FieldDef* column : columns) {
            auto* cell = row->AddSectionDictionary("CELL");
            std::string text = record.contains(column->name)
                                   ? displayValue(*column, record[column->name])
                                   : std::string{};
            cell->SetValue("LABEL", labelOf(*column));
            if (first) {
                cell->SetValueAndShowSection("TEXT", text.empty() ? titleOf(entity, record) : text,
                                             "LINK");
                cell->SetValue("HREF", recordHref(entity, record));
            } else {
                cell->SetValueAndShowSection("TEXT", text, "PLAIN");
            }
            first = false;
        }
    }
    if (page.rows.empty()) {
        dict.ShowSection("EMPTY");
    }
    for (const auto& field : entity.fields) {
        if (field.type != FieldType::Enum || field.options.empty()) {
            continue;
        }
        auto* filter = dict.AddSectionDictionary("ENUM_FILTER");
        filter->SetValue("NAME", field.name);
        filter->SetValue("LABEL", labelOf(field));
        std::string selected = request.queryValue(field.name).value_or("");
        for (const auto& option : field.options) {
            auto* item = filter->AddSectionDictionary("OPTION");
            item->SetValue("VALUE", option.value);
            item->SetValue("LABEL", option.label.empty() ? option.value : option.label);
            if (option.value == selected) {
                item->ShowSection("SELECTED");
            }
        }
    }
    int ranges = 0;
    for (const auto& field : entity.fields) {
        bool rangeType = field.type == FieldType::Integer || field.type == FieldType::Decimal ||
                         field.type == FieldType::Date;
        if (!rangeType || field.system || isStandard(field.name) || ranges >= kRangeFilters) {
            continue;
        }
        ++ranges;
        auto* filter = dict.AddSectionDictionary("RANGE_FILTER");
        filter->SetValue("LABEL", labelOf(field));
        filter->SetValue("FROM_NAME", field.name + "__gte");
        filter->SetValue("TO_NAME", field.name + "__lte");
        filter->SetValue("FROM", request.queryValue(field.name + "__gte").value_or(""));
        filter->SetValue("TO", request.queryValue(field.name + "__lte").value_or(""));
        filter->SetValue("TYPE", field.type == FieldType::Date ? "date" : "number");
        if (field.type != FieldType::Date) {
            filter->SetValueAndShowSection("STEP", field.type == FieldType::Integer ? "1" : "any",
                                           "HAS_STEP");
        }
    }
    for (int size : kPageSizes) {
        auto* item = dict.AddSectionDictionary("PAGE_SIZE");
        item->SetIntValue("SIZE", size);
        if (size == query.limit) {
            item->ShowSection("SELECTED");
        }
    }
    if (!trash) {
        Params params = paramsWithout(request, {"after", "limit"});
        dict.SetValue("EXPORT_HREF", "/r/" + entity.slug + "/export.csv" +
                                         (params.empty() ? "" : "?" + FormData::encode(params)));
    }
    if (!page.nextCursor.empty()) {
        Params params = paramsWithout(request, {"after"});
        params.emplace_back("after", page.nextCursor);
        dict.SetValueAndShowSection("NEXT_HREF", base + "?" + FormData::encode(params), "NEXT");
    }
    if (!query.after.empty()) {
        Params params = paramsWithout(request, {"after"});
        dict.SetValueAndShowSection(
            "FIRST_HREF", base + (params.empty() ? "" : "?" + FormData::encode(params)), "FIRST");
    }
    std::vector<PageSupport::Crumb> crumbs = {{"Home", "/"}};
    if (trash) {
        crumbs.push_back({entity.pluralLabel, "/r/" + entity.slug});
        crumbs.push_back({"Trash", ""});
    } else {
        crumbs.push_back({entity.pluralLabel, ""});
    }
    pages.respond(request, response, trash ? entity.pluralLabel + " · Trash" : entity.pluralLabel,
                  "list.tpl", dict, crumbs);
}

void detailPage(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    std::int64_t id = idOf(request);
    sdk::Caller caller = PageSupport::callerOf(request);
    RecordStore& records = pages.app().records();
    sdk::Record record = records.get(caller, entity.name, id);
    std::string title = titleOf(entity, record);
    std::string href = recordHref(entity, record);
    ctemplate::TemplateDictionary dict("detail");
    dict.SetValue("TITLE", title);
    dict.SetValue("EDIT_HREF", href + "/edit");
    dict.SetValue("DELETE_HREF", href + "/delete");
    dict.SetValue("CSRF", request.principal->csrfToken);
    std::map<std::int64_t, std::string> names;
    auto userName = [&](std::int64_t userId) -> const std::string& {
        if (!names.contains(userId)) {
            auto user = userId == 0 ? std::nullopt : pages.app().credentials().user(userId);
            names[userId] = user ? user->displayName
                                 : (userId == 0 ? "system" : "user " + std::to_string(userId));
        }
        return names[userId];
    };
    std::vector<const FieldDef*> ordered;
    if (const FieldDef* titleField = entity.field(entity.titleField)) {
        ordered.push_back(titleField);
    }
    for (const auto& field : entity.fields) {
        if (!isStandard(field.name) && field.name != entity.titleField) {
            ordered.push_back(&field);
        }
    }
    for (const auto& field : entity.fields) {
        if (isStandard(field.name) && record.contains(field.name) &&
            !record[field.name].is_null()) {
            ordered.push_back(&field);
        }
    }
    for (const FieldDef* field : ordered) {
        if (!record.contains(field->name)) {
            continue;
        }
        auto* row = dict.AddSectionDictionary(isStandard(field->name) ? "META" : "FIELD");
        row->SetValue("LABEL", labelOf(*field));
        const nlohmann::json& value = record[field->name];
        bool isUser = field->name == "owner_id" || field->name == "created_by";
        std::string text = isUser && value.is_number_integer() ? userName(value.get<std::int64_t>())
                                                               : displayValue(*field, value);
        row->SetValue("VALUE", text.empty() ? "—" : text);
    }
    for (const auto& entry : records.history(caller, entity.name, id)) {
        auto* row = dict.AddSectionDictionary("HISTORY");
        row->SetValue("AT", entry.at);
        row->SetValue("ACTION", entry.action);
        row->SetValue("USER", userName(entry.userId));
        if (entry.changes.is_object()) {
            for (const auto& [name, change] : entry.changes.items()) {
                const FieldDef* field = entity.field(name);
                if (!field || !change.is_array() || change.size() != 2) {
                    continue;
                }
                auto* item = row->AddSectionDictionary("CHANGE");
                item->SetValue("FIELD", labelOf(*field));
                item->SetValue("OLD", displayValue(*field, change[0]));
                item->SetValue("NEW", displayValue(*field, change[1]));
            }
        }
    }
    const Schema& schema = records.schema();
    auto context = pages.app().access().contextFor(caller);
    for (const auto& relation : entity.relations) {
        auto target = schema.entities().find(relation.target);
        if (relation.kind != RelationDef::Kind::HasMany || target == schema.entities().end() ||
            !target->second.field(relation.foreign) ||
            (!context->unrestricted() &&
             context->grant(target->first, sdk::Action::Read).level == ScopeLevel::None)) {
            continue;
        }
        sdk::Query query;
        query.entity = target->first;
        query.filter = sdk::Filter::eq(relation.foreign, id);
        query.limit = kRelatedRows;
        sdk::Page related = records.query(caller, query);
        auto* section = dict.AddSectionDictionary("RELATED");
        section->SetValue("LABEL",
                          relation.label.empty() ? target->second.pluralLabel : relation.label);
        section->SetValue("LIST_HREF",
                          "/r/" + target->second.slug + "?" +
                              FormData::encode({{relation.foreign, std::to_string(id)}}));
        for (const auto& row : related.rows) {
            auto* item = section->AddSectionDictionary("ITEM");
            item->SetValue("TITLE", titleOf(target->second, row));
            item->SetValue("HREF", recordHref(target->second, row));
        }
        if (related.rows.empty()) {
            section->ShowSection("NONE");
        }
        if (!related.nextCursor.empty()) {
            section->ShowSection("MORE");
        }
    }
    if (const WebExtensions* extensions = pages.extensions()) {
        using sdk::Slot;
        for (auto [slot, variable] : {std::pair{Slot::DetailMain, "SLOT_MAIN"},
                                      std::pair{Slot::DetailSide, "SLOT_SIDE"},
                                      std::pair{Slot::DetailActions, "SLOT_ACTIONS"}}) {
            PluginPages::renderSlot(pages, *extensions, request, slot, entity.name, id, &record,
                                    dict, variable);
        }
    }
    pages.respond(request, response, title, "detail.tpl", dict,
                  {{"Home", "/"}, {entity.pluralLabel, "/r/" + entity.slug}, {title, ""}});
}

/// One CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet does not
/// run it as a formula.
std::string csvCell(std::string text) {
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
        text = "'" + text;
    }
    if (text.find_first_of("\",\r\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

void exportCsv(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    HttpRequest listRequest = request;
    listRequest.query = paramsWithout(request, {"after", "limit", "offset"});
    sdk::Query query = RecordApi::parseListQuery(entity, listRequest);
    query.forExport = true;
    query.limit = 500;
    std::vector<const FieldDef*> columns;
    std::string body;
    std::size_t rows = 0;
    while (true) {
        sdk::Page page = pages.app().records().query(PageSupport::callerOf(request), query);
        for (const auto& record : page.rows) {
            if (columns.empty()) {
                for (const auto& field : entity.fields) {
                    if (record.contains(field.name)) {
                        columns.push_back(&field);
                    }
                }
                std::string header;
                for (const FieldDef* field : columns) {
                    header += (header.empty() ? "" : ",") + csvCell(field->name);
                }
                body += header + "\r\n";
            }
            std::string line;
            bool first = true;
            for (const FieldDef* field : columns) {
                line += (first ? "" : ",") + csvCell(record.contains(field->name)
                                                         ? displayValue(*field, record[field->name])
                                                         : std::string{});
                first = false;
            }
            body += line + "\r\n";
        }
        rows += page.rows.size();
        if (page.nextCursor.empty() || rows >= kMaxExportRows) {
            break;
        }
        query.after = page.nextCursor;
    }
    response.status = 200;
    response.contentType = "text/csv; charset=utf-8";
    response.body = std::move(body);
    response.setHeader("Content-Disposition", "attachment; filename=\"" + entity.slug + ".csv\"");
    response.setHeader("Cache-Control", "no-store");
}

/// Applies a bulk action to the checked rows, one record API call each; stops at the first
/// refusal, whose message the error page shows.
void bulkAction(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    FormData form = FormData::parse(request.body);
    std::vector<std::string> ids = form.all("id");
    std::string action = form.value("action");
    if (ids.empty()) {
        throw HttpError(422, "validation", "Tick at least one row, then choose what to do.");
    }
    if (ids.size() > kMaxBulk) {
        throw HttpError(422, "validation",
                        "Choose at most " + std::to_string(kMaxBulk) + " rows at once.");
    }
    if (action != "delete" && action != "assign_me") {
        throw HttpError(422, "validation", "Choose 'Move to trash' or 'Assign to me'.");
    }
    sdk::Caller caller = PageSupport::callerOf(request);
    RecordStore& records = pages.app().records();
    for (const auto& text : ids) {
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
            throw HttpError(422, "validation", "A ticked row is not a record number.");
        }
        if (action == "delete") {
            records.remove(caller, entity.name, id);
        } else {
            sdk::Record record = records.get(caller, entity.name, id);
            records.update(caller, entity.name, id, record.value("version", std::int64_t{0}),
                           {{"owner_id", caller.userId}});
        }
    }
    pages.redirect(response, "/r/" + entity.slug,
                   action == "delete" ? "bulk_deleted" : "bulk_assigned");
}

/// The enum field an entity's board groups by; HttpError 404 when it has none.
const FieldDef& boardFieldOf(const EntityDef& entity) {
    for (const auto& field : entity.fields) {
        if (field.type == FieldType::Enum && field.board && !field.options.empty()) {
            return field;
        }
    }
    throw HttpError(404, "not_found", "This list has no board: no choice field is marked as one.");
}

void boardPage(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    const FieldDef& field = boardFieldOf(entity);
    sdk::Caller caller = PageSupport::callerOf(request);
    ctemplate::TemplateDictionary dict("board");
    std::string title = entity.pluralLabel + " by " + labelOf(field);
    dict.SetValue("TITLE", title);
    dict.SetValue("LIST_HREF", "/r/" + entity.slug);
    dict.SetValue("NEW_HREF", "/r/" + entity.slug + "/new");
    for (const auto& option : field.options) {
        sdk::Query query;
        query.entity = entity.name;
        query.filter = sdk::Filter::eq(field.name, option.value);
        query.sort = {sdk::SortKey{"updated_at", true}};
        query.limit = kBoardCards;
        sdk::Page page = pages.app().records().query(caller, query);
        auto* column = dict.AddSectionDictionary("COLUMN");
        column->SetValue("LABEL", option.label.empty() ? option.value : option.label);
        column->SetIntValue("COUNT", static_cast<long>(page.rows.size()));
        if (!page.nextCursor.empty()) {
            column->ShowSection("MORE");
            column->SetIntValue("LIMIT", kBoardCards);
        }
        for (const auto& record : page.rows) {
            auto* card = column->AddSectionDictionary("CARD");
            card->SetValue("TITLE", titleOf(entity, record));
            card->SetValue("HREF", recordHref(entity, record));
            card->SetValue("MOVE", recordHref(entity, record) + "/move");
            card->SetValue("CSRF", request.principal->csrfToken);
            card->SetValue("VERSION", record.value("version", nlohmann::json(0)).dump());
            for (const auto& target : field.options) {
                auto* item = card->AddSectionDictionary("OPTION");
                item->SetValue("VALUE", target.value);
                item->SetValue("LABEL", target.label.empty() ? target.value : target.label);
                if (target.value == option.value) {
                    item->ShowSection("SELECTED");
                }
            }
        }
    }
    pages.respond(request, response, title, "board.tpl", dict,
                  {{"Home", "/"}, {entity.pluralLabel, "/r/" + entity.slug}, {"Board", ""}});
}

}  // namespace

void RecordPages::install(WebApplication& app, std::shared_ptr<PageSupport> pages) {
    Router& r = app.router();
    auto add = [&](const char* method, const char* pattern, PageSupport::PageHandler handler) {
        r.add(method, pattern, RouteAccess::Public, pages->page(std::move(handler)));
    };
    std::shared_ptr<PageSupport> p = pages;

    add("GET", "/r/{slug}", [p](HttpRequest& request, HttpResponse& response) {
        listPage(*p, request, response, false);
    });
    add("GET", "/r/{slug}/trash", [p](HttpRequest& request, HttpResponse& response) {
        listPage(*p, request, response, true);
    });
    add("GET", "/r/{slug}/new", [p](HttpRequest& request, HttpResponse& response) {
        const EntityDef& entity = entityOf(*p, request);
        FormState state;
        for (const auto& field : entity.fields) {
            if (!field.defaultValue.is_null()) {
                state.values[field.name] = field.defaultValue;
            }
        }
        renderForm(*p, request, response, entity, state, 200);
    });
    add("POST", "/r/{slug}/new", [p](HttpRequest& request, HttpResponse& response) {
        submitForm(*p, request, response, entityOf(*p, request), 0);
    });
    add("GET", "/r/{slug}/{id}",
        [p](HttpRequest& request, HttpResponse& response) { detailPage(*p, request, response); });
    add("GET", "/r/{slug}/{id}/edit", [p](HttpRequest& request, HttpResponse& response) {
        const EntityDef& entity = entityOf(*p, request);
        FormState state;
        state.id = idOf(request);
        state.values =
            p->app().records().get(PageSupport::callerOf(request), entity.name, state.id);
        state.version = state.values.value("version", std::int64_t{0});
        renderForm(*p, request, response, entity, state, 200);
    });
    add("POST", "/r/{slug}/{id}/edit", [p](HttpRequest& request, HttpResponse& response) {
        submitForm(*p, request, response, entityOf(*p, request), idOf(request));
    });
    add("POST", "/r/{slug}/{id}/delete", [p](HttpRequest& request, HttpResponse& response) {
        const EntityDef& entity = entityOf(*p, request);
        p->app().records().remove(PageSupport::callerOf(request), entity.name, idOf(request));
        p->redirect(response, "/r/" + entity.slug, "deleted");
    });
    add("GET", "/r/{slug}/export.csv",
        [p](HttpRequest& request, HttpResponse& response) { exportCsv(*p, request, response); });
    add("POST", "/r/{slug}/bulk",
        [p](HttpRequest& request, HttpResponse& response) { bulkAction(*p, request, response); });
    add("GET", "/r/{slug}/board",
        [p](HttpRequest& request, HttpResponse& response) { boardPage(*p, request, response); });
    add("POST", "/r/{slug}/{id}/move", [p](HttpRequest& request, HttpResponse& response) {
        const EntityDef& entity = entityOf(*p, request);
        const FieldDef& field = boardFieldOf(entity);
        FormData form = FormData::parse(request.body);
        std::int64_t version = 0;
        std::string text = form.value("version");
        std::from_chars(text.data(), text.data() + text.size(), version);
        p->app().records().update(PageSupport::callerOf(request), entity.name, idOf(request),
                                  version, {{field.name, form.value("value")}});
        p->redirect(response, "/r/" + entity.slug + "/board", "moved");
    });
    add("POST", "/r/{slug}/{id}/purge", [p](HttpRequest& request, HttpResponse& response) {
        const EntityDef& entity = entityOf(*p, request);
        p->app().records().purge(PageSupport::callerOf(request), entity.name, idOf(request));
        p->redirect(response, "/r/" + entity.slug + "/trash", "purged");
    });
    add("POST", "/r/{slug}/{id}/restore", [p](HttpRequest& request, HttpResponse& response) {
        const EntityDef& entity = entityOf(*p, request);
        sdk::Record record =
            p->app().records().restore(PageSupport::callerOf(request), entity.name, idOf(request));
        p->redirect(response, recordHref(entity, record), "restored");
    });
}

}  // namespace tessera::kernel
