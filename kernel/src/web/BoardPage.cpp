#include <charconv>

#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr int kBoardCards = 50;

/// The enum field an entity's board groups by; HttpError 404 when it has none.
const FieldDef& boardFieldOf(const EntityDef& entity) {
    for (const auto& field : entity.fields) {
        if (field.type == FieldType::Enum && field.board && !field.options.empty()) {
            return field;
        }
    }
    throw HttpError(404, "not_found", "This list has no board: no choice field is marked as one.");
}

}  // namespace

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
        column->SetValue("VALUE", option.value);
        column->SetIntValue("COUNT", static_cast<long>(page.rows.size()));
        if (!page.nextCursor.empty()) {
            column->ShowSection("MORE");
            column->SetIntValue("LIMIT", kBoardCards);
        }
        for (const auto& record : page.rows) {
            auto* card = column->AddSectionDictionary("CARD");
            card->SetValue("ID", record.value("id", nlohmann::json(0)).dump());
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

void moveCard(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    const FieldDef& field = boardFieldOf(entity);
    FormData form = FormData::parse(request.body);
    std::int64_t version = 0;
    std::string text = form.value("version");
    std::from_chars(text.data(), text.data() + text.size(), version);
    pages.app().records().update(PageSupport::callerOf(request), entity.name, idOf(request),
                                 version, {{field.name, form.value("value")}});
    pages.redirect(response, "/r/" + entity.slug + "/board", "moved");
}

}  // namespace tessera::kernel::detail
