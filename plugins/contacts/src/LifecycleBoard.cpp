#include "LifecycleBoard.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr int kCardsPerColumn = 25;

struct Board {
    std::string entity;
    std::string slug;
    std::string titleField;
};

Board boardOf(const std::string& entityOrSlug) {
    if (entityOrSlug == "Contact" || entityOrSlug == "contacts") {
        return {"Contact", "contacts", "full_name"};
    }
    if (entityOrSlug == "Company" || entityOrSlug == "companies") {
        return {"Company", "companies", "name"};
    }
    throw PluginError(Error{"validation",
                            "entity must be Contact or Company",
                            {{"entity", "must be Contact or Company"}}});
}

std::int64_t idParam(const WebRequest& request) {
    try {
        return std::stoll(request.param("id"));
    } catch (const std::exception&) {
        throw PluginError("not_found", "no record has the number '" + request.param("id") + "'");
    }
}

nlohmann::json column(Records& records, const Caller& caller, const Board& board,
                      const std::vector<LifecycleStage>& stages, const std::string& key,
                      const std::string& label, const std::string& csrf) {
    Query query;
    query.entity = board.entity;
    query.filter =
        key.empty() ? Filter::isNull("lifecycle_stage") : Filter::eq("lifecycle_stage", key);
    std::int64_t count = records.count(caller, query);
    query.sort = {{"updated_at", true}};
    query.limit = kCardsPerColumn;
    query.fields = {"id", "version", board.titleField};
    nlohmann::json cards = nlohmann::json::array();
    for (const auto& row : records.query(caller, query).rows) {
        nlohmann::json options = nlohmann::json::array();
        for (const auto& stage : stages) {
            options.push_back(
                {{"VALUE", stage.key}, {"LABEL", stage.label}, {"SELECTED", stage.key == key}});
        }
        std::string id = row["id"].dump();
        cards.push_back({{"ID", id},
                         {"TITLE", row.value(board.titleField, nlohmann::json("")).is_string()
                                       ? row[board.titleField].get<std::string>()
                                       : ""},
                         {"HREF", "/r/" + board.slug + "/" + id},
                         {"MOVE", "/p/contacts/lifecycle/" + board.slug + "/" + id + "/move"},
                         {"VERSION", row["version"]},
                         {"CSRF", csrf},
                         {"OPTION", options}});
    }
    return {{"VALUE", key},
            {"LABEL", label},
            {"COUNT", count},
            {"CARD", cards},
            {"MORE", count > static_cast<std::int64_t>(cards.size())},
            {"LIST_HREF", "/r/" + board.slug + "?" +
                              (key.empty() ? std::string("lifecycle_stage__is_null=true")
                                           : "lifecycle_stage=" + key)},
            {"LIMIT", kCardsPerColumn}};
}

}  // namespace

void addLifecycleBoard(PluginContext& context, std::shared_ptr<LifecycleStages> stages) {
    Records& records = context.records();
    context.addRoute(
        {"GET", "/p/contacts/lifecycle", Permission::on("Contact", Action::Read),
         [&records, stages](const WebRequest& request) {
             Board board = boardOf(request.query("entity").value_or("Contact"));
             std::vector<LifecycleStage> all = stages->all();
             nlohmann::json columns = nlohmann::json::array();
             for (const auto& stage : all) {
                 columns.push_back(column(records, request.caller(), board, all, stage.key,
                                          stage.label, request.csrfToken()));
             }
             nlohmann::json unstaged =
                 column(records, request.caller(), board, all, "", "No stage", request.csrfToken());
             if (unstaged["COUNT"].get<std::int64_t>() > 0) {
                 columns.push_back(std::move(unstaged));
             }
             bool company = board.entity == "Company";
             return WebResponse::page("Lifecycle", "contacts.lifecycle.tpl",
                                      {{"COLUMN", columns},
                                       {"CONTACTS", !company},
                                       {"COMPANIES", company},
                                       {"ENTITY_LABEL", company ? "companies" : "contacts"}},
                                      {{"Home", "/"}, {"Lifecycle", ""}});
         }});
    context.addRoute(
        {"POST", "/p/contacts/lifecycle/{entity}/{id}/move", Permission::signedIn(),
         [&records, stages](const WebRequest& request) {
             Board board = boardOf(request.param("entity"));
             std::int64_t id = idParam(request);
             std::string stage = request.form("value").value_or("");
             if (stage.empty()) {
                 throw PluginError(Error{
                     "validation", "choose a stage", {{"lifecycle_stage", "choose a stage"}}});
             }
             std::int64_t version = 0;
             try {
                 version = std::stoll(request.form("version").value_or(""));
             } catch (const std::exception&) {
                 throw PluginError(Error{"validation",
                                         "the move form lost its version",
                                         {{"version", "is missing from the move form"}}});
             }
             Record moved = records.update(request.caller(), board.entity, id, version,
                                           {{"lifecycle_stage", stage}});
             return WebResponse::redirect(
                 "/p/contacts/lifecycle?entity=" + board.entity,
                 "Moved " + moved.value(board.titleField, std::string("the record")) + " to " +
                     stages->labelOf(moved.value("lifecycle_stage", stage)) + ".");
         }});
    context.addMenuItem({"Lifecycle board", "/p/contacts/lifecycle",
                         Permission::on("Contact", Action::Read), 25, "Customers"});
}

}  // namespace contacts
