#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/storage/Migrator.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/web/PluginPages.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr int kRelatedRows = 20;
constexpr int kRelatedPage = 50;

/// Ids linked to record `id` of `entity` through a manyToMany `relation`, above `after`, in
/// order; at most `limit`.
std::vector<std::int64_t> linkedIds(PageSupport& pages, const EntityDef& entity,
                                    const RelationDef& relation, std::int64_t id,
                                    std::int64_t after, int limit) {
    bool left = Migrator::isLeftSide(entity, relation);
    std::string mine = left ? "left_id" : "right_id";
    std::string other = left ? "right_id" : "left_id";
    Database& db = pages.app().db();
    Poco::Data::Session session = db.session();
    SqlRows rows = Sql::query(db, session,
                              "SELECT " + other + " FROM \"" +
                                  Migrator::linkTable(entity, relation) + "\" WHERE " + mine +
                                  " = $1 AND " + other + " > $2 ORDER BY " + other + " LIMIT $3",
                              {id, after, std::int64_t{limit}});
    std::vector<std::int64_t> ids;
    for (const auto& row : rows.rows) {
        ids.push_back(asInt(row[0]));
    }
    return ids;
}

/// The readable records among `ids`, in the order of `ids`.
std::vector<sdk::Record> readableAmong(PageSupport& pages, const HttpRequest& request,
                                       const EntityDef& target,
                                       const std::vector<std::int64_t>& ids) {
    if (ids.empty()) {
        return {};
    }
    sdk::Query query;
    query.entity = target.name;
    query.filter = sdk::Filter::in("id", nlohmann::json(ids));
    query.sort = {sdk::SortKey{"id", false}};
    query.limit = static_cast<int>(ids.size());
    return pages.app().records().query(PageSupport::callerOf(request), query).rows;
}

void addRelated(PageSupport& pages, HttpRequest& request, const EntityDef& entity, std::int64_t id,
                ctemplate::TemplateDictionary& dict) {
    const Schema& schema = pages.app().records().schema();
    sdk::Caller caller = PageSupport::callerOf(request);
    for (const auto& relation : entity.relations) {
        auto target = schema.entities().find(relation.target);
        if (target == schema.entities().end() || !canRead(pages, request, target->first)) {
            continue;
        }
        std::vector<sdk::Record> rows;
        bool more = false;
        std::string allHref;
        if (relation.kind == RelationDef::Kind::HasMany) {
            if (!target->second.field(relation.foreign)) {
                continue;
            }
            sdk::Query query;
            query.entity = target->first;
            query.filter = sdk::Filter::eq(relation.foreign, id);
            query.limit = kRelatedRows;
            sdk::Page related = pages.app().records().query(caller, query);
            rows = std::move(related.rows);
            more = !related.nextCursor.empty();
            allHref = "/r/" + target->second.slug + "?" +
                      FormData::encode({{relation.foreign, std::to_string(id)}});
        } else {
            auto ids = linkedIds(pages, entity, relation, id, 0, kRelatedRows + 1);
            more = ids.size() > static_cast<std::size_t>(kRelatedRows);
            ids.resize(std::min(ids.size(), static_cast<std::size_t>(kRelatedRows)));
            rows = readableAmong(pages, request, target->second, ids);
            allHref = "/r/" + entity.slug + "/" + std::to_string(id) + "/related/" + relation.name;
        }
        auto* section = dict.AddSectionDictionary("RELATED");
        section->SetValue("LABEL",
                          relation.label.empty() ? target->second.pluralLabel : relation.label);
        section->SetValue("LIST_HREF", allHref);
        for (const auto& row : rows) {
            auto* item = section->AddSectionDictionary("ITEM");
            item->SetValue("TITLE", titleOf(target->second, row));
            item->SetValue("HREF", recordHref(target->second, row));
        }
        if (rows.empty()) {
            section->ShowSection("NONE");
        }
        if (more) {
            section->ShowSection("MORE");
        }
    }
}

}  // namespace

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
    UserNames users(pages);
    auto present = [&](const FieldDef& field) { return record.contains(field.name); };
    auto setValue = [&](ctemplate::TemplateDictionary* row, const FieldDef& field) {
        row->SetValue("LABEL", labelOf(field));
        const nlohmann::json& value = record[field.name];
        std::string text = users.display(field, value);
        if (field.type == FieldType::Reference && value.is_number_integer()) {
            std::string target = referenceTitle(pages, request, field, value);
            const EntityDef* targetEntity = records.schema().entity(field.target);
            if (!target.empty() && targetEntity) {
                auto* link = row->AddSectionDictionary("LINK");
                link->SetValue("HREF", "/r/" + targetEntity->slug + "/" + value.dump());
                link->SetValue("VALUE", target);
                return;
            }
        }
        row->AddSectionDictionary("PLAIN")->SetValue("VALUE", text.empty() ? "—" : text);
    };

    // Declared fields (title first) in the layout's groups; standard ones under "Record
    // information" unless a group names them.
    std::vector<const FieldDef*> shown;
    if (const FieldDef* titleField = entity.field(entity.titleField)) {
        shown.push_back(titleField);
    }
    std::vector<std::string> grouped;
    if (entity.layout.is_object() && entity.layout.contains("detail")) {
        for (const auto& group : entity.layout["detail"]["groups"]) {
            for (const auto& name : group["fields"]) {
                grouped.push_back(name.get<std::string>());
            }
        }
    }
    auto inGroups = [&](const std::string& name) {
        return std::find(grouped.begin(), grouped.end(), name) != grouped.end();
    };
    for (const auto& field : entity.fields) {
        if (field.name != entity.titleField && (!isStandard(field.name) || inGroups(field.name))) {
            shown.push_back(&field);
        }
    }
    std::erase_if(shown, [&](const FieldDef* field) { return !present(*field); });
    for (const FieldGroup& group : groupFields(entity, "detail", shown)) {
        auto* section = dict.AddSectionDictionary("GROUP");
        if (!group.label.empty()) {
            section->SetValueAndShowSection("LABEL", group.label, "HAS_LABEL");
        }
        for (const FieldDef* field : group.fields) {
            setValue(section->AddSectionDictionary("FIELD"), *field);
        }
    }
    for (const auto& field : entity.fields) {
        if (isStandard(field.name) && !inGroups(field.name) && present(field) &&
            !record[field.name].is_null()) {
            setValue(dict.AddSectionDictionary("META"), field);
        }
    }
    for (const auto& operation : records.operationsOf(caller, entity.name, id)) {
        if (operation.undone) {
            continue;
        }
        auto* row = dict.AddSectionDictionary("OPERATION");
        row->SetValue("LABEL", operation.label);
        row->SetValue("AT", operation.at);
        row->SetValue("USER", users(operation.userId));
        row->SetValue("UNDO", "/r/" + entity.slug + "/" + std::to_string(id) + "/undo/" +
                                  std::to_string(operation.id));
    }
    for (const auto& entry : records.history(caller, entity.name, id)) {
        auto* row = dict.AddSectionDictionary("HISTORY");
        row->SetValue("AT", entry.at);
        row->SetValue("ACTION", entry.action);
        row->SetValue("USER", users(entry.userId));
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
    addRelated(pages, request, entity, id, dict);
    if (const WebExtensions* extensions = pages.extensions()) {
        using sdk::Slot;
        for (auto [slot, variable] :
             {std::pair{Slot::DetailMain, "SLOT_MAIN"}, std::pair{Slot::DetailSide, "SLOT_SIDE"},
              std::pair{Slot::DetailActions, "SLOT_ACTIONS"}}) {
            PluginPages::renderSlot(pages, *extensions, request, slot, entity.name, id, &record,
                                    dict, variable);
        }
    }
    pages.respond(request, response, title, "detail.tpl", dict,
                  {{"Home", "/"}, {entity.pluralLabel, "/r/" + entity.slug}, {title, ""}});
}

void relatedPage(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    std::int64_t id = idOf(request);
    const RelationDef* relation = entity.relation(request.params.at("relation"));
    const Schema& schema = pages.app().records().schema();
    const EntityDef* target = relation ? schema.entity(relation->target) : nullptr;
    if (!relation || relation->kind != RelationDef::Kind::ManyToMany || !target) {
        throw HttpError(404, "not_found", "This record has no such related list.");
    }
    // Reading the record first: who may not see it may not see what it links to either.
    sdk::Record record = pages.app().records().get(PageSupport::callerOf(request), entity.name, id);
    if (!canRead(pages, request, target->name)) {
        throw HttpError(403, "forbidden", "You may not read " + target->pluralLabel + ".");
    }
    std::int64_t after = 0;
    if (auto text = request.queryValue("after"); text && !text->empty()) {
        auto value = positiveId(*text);
        if (!value) {
            throw HttpError(400, "bad_query", "after: give the number the 'Next page' link has");
        }
        after = *value;
    }
    auto ids = linkedIds(pages, entity, *relation, id, after, kRelatedPage + 1);
    bool more = ids.size() > static_cast<std::size_t>(kRelatedPage);
    ids.resize(std::min(ids.size(), static_cast<std::size_t>(kRelatedPage)));
    std::string title = titleOf(entity, record);
    std::string label = relation->label.empty() ? target->pluralLabel : relation->label;
    std::string href = recordHref(entity, record);
    ctemplate::TemplateDictionary dict("related");
    dict.SetValue("TITLE", label + " of " + title);
    dict.SetValue("RECORD_HREF", href);
    dict.SetValue("RECORD_TITLE", title);
    auto rows = readableAmong(pages, request, *target, ids);
    for (const auto& row : rows) {
        auto* item = dict.AddSectionDictionary("ITEM");
        item->SetValue("TITLE", titleOf(*target, row));
        item->SetValue("HREF", recordHref(*target, row));
    }
    if (rows.empty()) {
        dict.ShowSection("NONE");
    }
    if (more) {
        dict.SetValueAndShowSection("NEXT_HREF",
                                    href + "/related/" + relation->name + "?" +
                                        FormData::encode({{"after", std::to_string(ids.back())}}),
                                    "NEXT");
    }
    pages.respond(
        request, response, label + " of " + title, "related.tpl", dict,
        {{"Home", "/"}, {entity.pluralLabel, "/r/" + entity.slug}, {title, href}, {label, ""}});
}

}  // namespace tessera::kernel::detail
