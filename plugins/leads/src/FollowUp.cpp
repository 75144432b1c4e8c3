#include "FollowUp.hpp"

#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

const nlohmann::json kOpen = {"new", "contacted", "qualified"};

struct Settings {
    std::map<std::string, std::int64_t> hoursByStatus;
    std::int64_t escalateAfterHours = 24;
};

std::vector<Record> leadsWhere(Records& records, Filter filter) {
    Query query;
    query.entity = "Lead";
    query.filter = Filter::allOf({Filter::isNotNull("owner_id"), std::move(filter)});
    query.fields = {"id", "version", "full_name", "company_name", "owner_id", "status", "next_follow_up"};
    query.sort = {{"id", false}};
    query.limit = 1000;
    return queryAll(records, Caller::systemCaller(), query);
}

void stamp(Records& records, const Record& lead, const char* field, const std::string& at) {
    try {
        records.update(Caller::systemCaller(), "Lead", integer(lead, "id"), integer(lead, "version"), {{field, at}});
    } catch (const PluginError& e) {
        if (e.error().code != "conflict") {
            throw;  // a lead changed meanwhile is looked at again on the next pass
        }
    }
}

std::string describe(const Record& lead) {
    std::string company = text(lead, "company_name");
    return text(lead, "full_name") + (company.empty() ? "" : " (" + company + ")");
}

std::string link(const Record& lead) { return "/r/leads/" + std::to_string(integer(lead, "id")); }

void runPass(PluginContext& context, Records& records, const Settings& settings, JobRun& run) {
    NotificationService& notifications = context.notifications();
    UserDirectory& users = context.users();
    const std::string now = isoNow();
    std::int64_t done = 0;
    for (const auto& [status, hours] : settings.hoursByStatus) {
        for (const auto& lead : leadsWhere(records, Filter::allOf({Filter::eq("status", status),
                                                                   Filter::isNull("reminded_at"),
                                                                   Filter::lt("last_touched_at", isoNow(-hours * 3600))}))) {
            notifications.notify({integer(lead, "owner_id"), "leads.untouched", "Lead waiting: " + describe(lead),
                                  "Nobody has worked on this " + status + " lead for " + std::to_string(hours) +
                                      " hours.",
                                  link(lead)});
            stamp(records, lead, "reminded_at", now);
            ++done;
        }
    }
    for (const auto& lead : leadsWhere(records, Filter::allOf({Filter::in("status", kOpen), Filter::isNull("escalated_at"),
                                                               Filter::lt("reminded_at",
                                                                          isoNow(-settings.escalateAfterHours * 3600))}))) {
        std::int64_t owner = integer(lead, "owner_id");
        auto ownerInfo = users.byId(owner);
        for (std::int64_t mate : users.teammates(owner)) {
            if (mate != owner && users.hasPermission(mate, kManagePermission)) {
                notifications.notify({mate, "leads.escalated", "Lead neglected: " + describe(lead),
                                      (ownerInfo ? ownerInfo->displayName : "Its owner") +
                                          " was reminded and the lead is still untouched.",
                                      link(lead)});
            }
        }
        stamp(records, lead, "escalated_at", now);
        ++done;
    }
    for (const auto& lead : leadsWhere(records, Filter::allOf({Filter::in("status", kOpen),
                                                               Filter::isNull("follow_up_reminded_at"),
                                                               Filter::lte("next_follow_up", now)}))) {
        notifications.notify({integer(lead, "owner_id"), "leads.follow_up", "Follow up: " + describe(lead),
                              "The follow-up planned for " + text(lead, "next_follow_up").substr(0, 16) + " is due.",
                              link(lead)});
        stamp(records, lead, "follow_up_reminded_at", now);
        ++done;
    }
    run.progress(done, done);
}

}  // namespace

void addFollowUps(PluginContext& context) {
    Settings settings;
    auto hours = context.config().value("follow_up_hours", nlohmann::json::object());
    for (const auto& [status, value] : hours.items()) {
        if (value.is_number_integer() && value.get<std::int64_t>() > 0) {
            settings.hoursByStatus[status] = value.get<std::int64_t>();
        }
    }
    auto escalate = context.config().value("escalate_after_hours", nlohmann::json(24));
    settings.escalateAfterHours = escalate.is_number_integer() ? escalate.get<std::int64_t>() : 24;
    context.notifications().declareType("leads.untouched", "A lead of mine waits for me");
    context.notifications().declareType("leads.escalated", "A teammate's lead is neglected");
    context.notifications().declareType("leads.follow_up", "A lead's follow-up is due");
    Records& records = context.records();
    PluginContext* plugin = &context;
    context.addJob({"leads.follow_up", "Remind owners and managers of waiting leads", "*/10 * * * *",
                    std::chrono::seconds(600), 3,
                    [plugin, &records, settings](JobRun& run) { runPass(*plugin, records, settings, run); }});
}

}  // namespace leads
