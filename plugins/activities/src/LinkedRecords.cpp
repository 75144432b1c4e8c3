#include "LinkedRecords.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

const char* const kActivities[] = {"Interaction", "Task", "Meeting"};

std::vector<Record> linkedTo(Records& records, const Caller& caller, const std::string& activity,
                             const std::string& entity, std::int64_t id,
                             Trash trash = Trash::Exclude) {
    Query query;
    query.entity = activity;
    query.trash = trash;
    query.filter = Filter::allOf({Filter::eq("record_entity", entity), Filter::eq("record_id", id)});
    query.sort = {{"id", false}};
    query.limit = 1000;
    return queryAll(records, caller, query);
}

/// The timeline entries an activity wrote, on every record it shows on.
std::vector<Record> entriesOf(Records& records, const std::string& activity, std::int64_t id) {
    Query query;
    query.entity = "TimelineItem";
    query.trash = Trash::Include;
    query.filter = Filter::allOf({Filter::eq("source_entity", activity), Filter::eq("source_id", id)});
    query.limit = 1000;
    return records.query(Caller::systemCaller(), query).rows;
}

/// Replaces `from` in the contacts involved of every interaction and meeting that shows on
/// the contact `from` (by `to`, or by nobody when `to` is 0); their hooks move the timeline.
void replaceInvolved(Records& records, std::int64_t from, std::int64_t to) {
    for (const auto& entry : linkedTo(records, Caller::systemCaller(), "TimelineItem", "Contact", from)) {
        std::string source = entry.value("source_entity", "");
        if (source != "Interaction" && source != "Meeting") {
            continue;
        }
        Record activity = records.get(Caller::systemCaller(), source, entry["source_id"]);
        nlohmann::json involved = nlohmann::json::array();
        bool found = false;
        for (const auto& id : activity.value("contact_ids", nlohmann::json::array())) {
            if (id == from) {
                found = true;
                if (to != 0) {
                    involved.push_back(to);
                }
            } else {
                involved.push_back(id);
            }
        }
        if (found) {
            records.update(Caller::systemCaller(), source, activity["id"], activity["version"],
                           {{"contact_ids", involved}});
        }
    }
}

}  // namespace

void addLinkedRecordHandlers(PluginContext& context) {
    Records& records = context.records();
    context.addMergeHandler("*", [&records](const MergeEvent& merge) {
        if (merge.entity == "Contact") {
            replaceInvolved(records, merge.loserId, merge.winnerId);
        }
        // The timeline index is moved too, so the winner's timeline shows the loser's past.
        for (const char* entity : {"Interaction", "Task", "Meeting", "TimelineItem"}) {
            for (const auto& row : linkedTo(records, Caller::systemCaller(), entity, merge.entity,
                                            merge.loserId)) {
                records.update(Caller::systemCaller(), entity, row["id"].get<std::int64_t>(),
                               row["version"].get<std::int64_t>(),
                               {{"record_id", merge.winnerId}});
            }
        }
    });
    context.addPersonalDataHandler(
        "*", {[&records](const PersonalDataRequest& request) {
                  nlohmann::json share = nlohmann::json::object();
                  for (const char* activity : kActivities) {
                      auto rows = linkedTo(records, request.caller, activity, request.entity,
                                           request.id);
                      if (!rows.empty()) {
                          share[activity] = rows;
                      }
                  }
                  return share.empty() ? nlohmann::json() : share;
              },
              [&records](const PersonalDataRequest& request) {
                  if (request.entity == "Contact") {
                      replaceInvolved(records, request.id, 0);
                  }
                  for (const char* activity : kActivities) {
                      for (const auto& row : linkedTo(records, Caller::systemCaller(), activity,
                                                      request.entity, request.id, Trash::Include)) {
                          std::int64_t id = row["id"].get<std::int64_t>();
                          for (const auto& entry : entriesOf(records, activity, id)) {
                              records.erase(Caller::systemCaller(), "TimelineItem",
                                            entry["id"].get<std::int64_t>());
                          }
                          records.erase(Caller::systemCaller(), activity, id);
                      }
                  }
                  for (const auto& entry :
                       linkedTo(records, Caller::systemCaller(), "TimelineItem", request.entity,
                                request.id, Trash::Include)) {
                      records.erase(Caller::systemCaller(), "TimelineItem",
                                    entry["id"].get<std::int64_t>());
                  }
              }});
}

}  // namespace activities
