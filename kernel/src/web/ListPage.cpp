#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/RecordApi.hpp>
#include <tessera/sdk/Error.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr std::size_t kListColumns = 5;
constexpr std::size_t kMaxColumns = 12;
constexpr int kRangeFilters = 3;
constexpr int kReferenceFilters = 3;
constexpr int kPageSizes[] = {10, 25, 50, 100};

std::vector<std::string> splitComma(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find(',', pos);
        if (end == std::string::npos) {
            end = text.size();
        }
        parts.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return parts;
}

/// The columns asked for (?columns=a,b), else the layout's, else the title and the first few.
std::vector<const FieldDef*> listColumns(const EntityDef& entity, const HttpRequest& request) {
    std::vector<const FieldDef*> columns;
    if (auto asked = request.queryValue("columns"); asked && !asked->empty()) {
        for (const auto& name : splitComma(*asked)) {
            const FieldDef* field = entity.field(name);
            if (!field) {
                throw HttpError(
                    400, "bad_query",
                    "columns: there is no field '" + name.substr(0, 64) + "' in " + entity.name,
                    {{"columns", "unknown field"}});
            }
            columns.push_back(field);
        }
        if (columns.size() > kMaxColumns) {
            throw HttpError(400, "bad_query",
                            "columns: show at most " + std::to_string(kMaxColumns) + " columns",
                            {{"columns", "too many"}});
        }
        return columns;
    }
    if (entity.layout.is_object() && entity.layout.contains("list") &&
        entity.layout["list"].contains("columns")) {
        for (const auto& name : entity.layout["list"]["columns"]) {
            if (const FieldDef* field = entity.field(name.get<std::string>())) {
                columns.push_back(field);
            }
        }
        return columns;
    }
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

/// The sort asked for, else the layout's default.
std::string effectiveSort(const EntityDef& entity, const HttpRequest& request) {
    if (auto sort = request.queryValue("sort"); sort && !sort->empty()) {
        return *sort;
    }
    if (entity.layout.is_object() && entity.layout.contains("list") &&
        entity.layout["list"].contains("sort")) {
        return entity.layout["list"]["sort"].get<std::string>();
    }
    return "";
}

/// The record API's view of the list's query: page-only parameters dropped, reference filters
/// given as a title turned into the record's id, the layout's sort when none is asked for.
HttpRequest apiRequest(PageSupport& pages, const HttpRequest& request, const EntityDef& entity) {
    HttpRequest listRequest = request;
    listRequest.query.clear();
    for (auto& [name, value] : paramsWithout(request, {"columns", "sort"})) {
        const FieldDef* field = entity.field(name);
        if (field && field->type == FieldType::Reference && !positiveId(value)) {
            std::string error;
            auto id = resolveReference(pages, request, *field, value, error);
            if (!id) {
                throw HttpError(400, "bad_query", labelOf(*field) + ": " + error, {{name, error}});
            }
            value = std::to_string(*id);
        }
        listRequest.query.emplace_back(name, value);
    }
    std::string sort = effectiveSort(entity, request);
    if (!sort.empty()) {
        listRequest.query.emplace_back("sort", sort);
    }
    return listRequest;
}

void addSavedViews(PageSupport& pages, HttpRequest& request, const EntityDef& entity,
                   ctemplate::TemplateDictionary& dict, bool admin) {
    std::int64_t userId = request.principal->userId;
    std::string current = FormData::encode(paramsWithout(request, {"after"}));
    auto* views = dict.AddSectionDictionary("VIEWS");
    views->SetValue("ACTION", "/r/" + entity.slug + "/views");
    views->SetValue("CSRF", request.principal->csrfToken);
    views->SetValue("QUERY", current);
    for (const SavedView& view : savedViewsOf(pages, userId, entity.name)) {
        auto* item = views->AddSectionDictionary("VIEW");
        item->SetValue("NAME", view.name);
        item->SetValue("HREF", "/r/" + entity.slug + (view.query.empty() ? "" : "?" + view.query));
        if (view.shared) {
            item->ShowSection("SHARED");
        }
        if (view.query == current) {
            item->ShowSection("CURRENT");
        }
        if (view.userId == userId || (view.shared && admin)) {
            auto* remove = item->AddSectionDictionary("CAN_DELETE");
            remove->SetValue("ACTION",
                             "/r/" + entity.slug + "/views/" + std::to_string(view.id) + "/delete");
            remove->SetValue("CSRF", request.principal->csrfToken);
            remove->SetValue("NAME", view.name);
        }
    }
}

}  // namespace

void listPage(PageSupport& pages, HttpRequest& request, HttpResponse& response, bool trash) {
    const EntityDef& entity = entityOf(pages, request);
    HttpRequest listRequest = apiRequest(pages, request, entity);
    sdk::Query query = RecordApi::parseListQuery(entity, listRequest);
    if (!request.queryValue("limit")) {
        query.limit = 25;
    }
    if (trash) {
        query.trash = sdk::Trash::Only;
    }
    auto columns = listColumns(entity, request);
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
    std::string sort = effectiveSort(entity, request);
    dict.SetValue("SORT", sort);
    dict.SetValue("COLUMNS", request.queryValue("columns").value_or(""));
    dict.SetValue("CSRF", request.principal->csrfToken);
    dict.ShowSection(trash ? "TRASH" : "LIVE");
    for (const auto& field : entity.fields) {
        if (field.type == FieldType::Enum && field.board && !field.options.empty() && !trash) {
            dict.SetValueAndShowSection("BOARD_HREF", "/r/" + entity.slug + "/board", "HAS_BOARD");
            break;
        }
    }

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
    UserNames users(pages);
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
                                   ? users.display(*column, record[column->name])
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
    int references = 0;
    for (const auto& field : entity.fields) {
        const EntityDef* target = pages.app().records().schema().entity(field.target);
        if (field.type != FieldType::Reference || field.system || isStandard(field.name) ||
            !target || references >= kReferenceFilters) {
            continue;
        }
        ++references;
        auto* filter = dict.AddSectionDictionary("REF_FILTER");
        std::string value = request.queryValue(field.name).value_or("");
        filter->SetValue("NAME", field.name);
        filter->SetValue("ID", "filter-" + field.name);
        filter->SetValue("LABEL", labelOf(field));
        filter->SetValue("VALUE", value);
        filter->SetValue("LOOKUP", "/r/" + target->slug + "/lookup");
        // Set even when empty: ctemplate would otherwise fill it from the page's TITLE.
        auto id = positiveId(value);
        filter->SetValue("REF_TITLE", id ? referenceTitle(pages, request, field, *id) : "");
    }
    if (references > 0) {
        dict.ShowSection("TYPEAHEAD");
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
        Params params = paramsWithout(request, {"after", "limit", "columns"});
        dict.SetValue("EXPORT_HREF", "/r/" + entity.slug + "/export.csv" +
                                         (params.empty() ? "" : "?" + FormData::encode(params)));
        addSavedViews(pages, request, entity, dict, admin);
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

}  // namespace tessera::kernel::detail
