#include "DemoData.hpp"

#include <array>
#include <random>

#include "Activities.hpp"
#include "IsoTime.hpp"
#include "Preferences.hpp"

namespace activities {

using namespace tessera::sdk;
using namespace std::chrono;

namespace {

struct Sample {
    const char* kind;
    const char* direction;
    const char* outcome;
    const char* subject;
    const char* body;
};

constexpr std::array kSamples = {
    Sample{"call", "outbound", "connected", "Discovery call",
           "Walked through their current process and pain points."},
    Sample{"call", "outbound", "voicemail", "Follow-up call",
           "Left a voicemail about the proposal."},
    Sample{"call", "inbound", "connected", "Question about pricing",
           "Asked about volume discounts for 50+ seats."},
    Sample{"email", "outbound", "sent", "Sent the proposal", "Proposal and price sheet attached."},
    Sample{"email", "inbound", "received", "Re: Contract draft",
           "Legal has two comments on clause 7."},
    Sample{"meeting", "outbound", "held", "On-site demo",
           "Demo for the operations team; strong interest in reporting."},
    Sample{"note", "internal", nullptr, "Budget confirmed",
           "Budget is approved for Q3; decision by the end of the month."},
    Sample{"chat", "inbound", "received", "Chat on the website", "Wanted to know about the API."},
    Sample{"sms", "outbound", "sent", "Meeting reminder", "Reminded them of tomorrow's call."}};

constexpr std::array kTaskTitles = {"Send the revised quote",  "Call back about the contract",
                                    "Prepare the demo",        "Check in after the onboarding",
                                    "Ask for a reference",     "Renewal conversation",
                                    "Update the account plan", "Book the quarterly review"};

}  // namespace

void loadDemoData(DemoContext& demo) {
    std::mt19937_64 random(demo.seed + 8);
    auto between = [&random](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    std::vector<std::int64_t> owners;
    for (const char* login : {"sales", "sales2", "manager"}) {
        if (auto it = demo.users.find(login); it != demo.users.end()) {
            owners.push_back(it->second);
        }
    }
    if (owners.empty()) {
        return;
    }
    Query companies;
    companies.entity = "Company";
    companies.limit = std::min(1000, 60 * demo.scale);
    companies.sort = {{"id", false}};
    Utc now = floor<hours>(nowUtc());
    for (const auto& company : demo.records.query(demo.caller, companies).rows) {
        std::int64_t companyId = integer(company, "id");
        std::int64_t owner =
            integer(company, "owner_id") ? integer(company, "owner_id") : owners.front();
        Query people;
        people.entity = "Contact";
        people.filter = Filter::eq("company_id", companyId);
        people.limit = 3;
        auto contacts = demo.records.query(demo.caller, people).rows;
        int count = between(2, 6);
        for (int i = 0; i < count; ++i) {
            const Sample& sample =
                kSamples[static_cast<std::size_t>(between(0, kSamples.size() - 1))];
            Record values = {{"kind", sample.kind},
                             {"subject", sample.subject},
                             {"body", sample.body},
                             {"direction", sample.direction},
                             {"occurred_at", formatUtc(now - hours(between(1, 24 * 90)))},
                             {"record_entity", "Company"},
                             {"record_id", companyId},
                             {"owner_id", owner}};
            if (sample.outcome) {
                values["outcome"] = sample.outcome;
            }
            if (std::string(sample.kind) == "call" || std::string(sample.kind) == "meeting") {
                values["duration_minutes"] = between(5, 60);
            }
            if (!contacts.empty()) {
                values["contact_ids"] = {
                    contacts[static_cast<std::size_t>(between(0, contacts.size() - 1))]["id"]};
            }
            demo.records.create(demo.caller, kInteraction, values);
        }
        Record task = {
            {"title", kTaskTitles[static_cast<std::size_t>(between(0, kTaskTitles.size() - 1))]},
            {"due_at", formatUtc(now + hours(between(-24 * 7, 24 * 21)))},
            {"priority", between(0, 3) == 0 ? "high" : "normal"},
            {"record_entity", "Company"},
            {"record_id", companyId},
            {"reminder_offsets", {30}},
            {"owner_id", owner}};
        if (between(0, 9) == 0) {
            task["rrule"] = "FREQ=MONTHLY;BYMONTHDAY=1";
            task["title"] = "Monthly check-in";
        }
        demo.records.create(demo.caller, kTask, task);
        if (between(0, 2) == 0) {
            Utc start = now + hours(between(-24 * 10, 24 * 20));
            Record meeting = {{"title", "Meeting with " + recordTitle("Company", company)},
                              {"starts_at", formatUtc(start)},
                              {"ends_at", formatUtc(start + minutes(between(1, 4) * 30))},
                              {"location", between(0, 1) ? "Video call" : text(company, "city")},
                              {"record_entity", "Company"},
                              {"record_id", companyId},
                              {"attendee_ids", {owner}},
                              {"reminder_offsets", {15}},
                              {"owner_id", owner}};
            if (!contacts.empty()) {
                meeting["contact_ids"] = {contacts.front()["id"]};
            }
            demo.records.create(demo.caller, kMeeting, meeting);
        }
    }
    // The sales team's weekly meeting, on Mondays at 9:00 Berlin time.
    auto monday = floor<days>(now) - days((weekday(floor<days>(now)).c_encoding() + 6) % 7);
    Utc nine = TimeZone::named("Europe/Berlin")
                   .value_or(TimeZone::utc())
                   .toUtc(Local{monday.time_since_epoch()} + hours(9));
    nlohmann::json attendees = owners;
    demo.records.create(demo.caller, kMeeting,
                        {{"title", "Sales team weekly"},
                         {"starts_at", formatUtc(nine)},
                         {"ends_at", formatUtc(nine + minutes(45))},
                         {"location", "Room Atlas"},
                         {"rrule", "FREQ=WEEKLY;BYDAY=MO"},
                         {"time_zone", "Europe/Berlin"},
                         {"attendee_ids", attendees},
                         {"reminder_offsets", {10}},
                         {"owner_id", owners.back()}});
    // Calendar settings: the second rep works from New York; the two reps share their calendars.
    if (owners.size() >= 2) {
        std::vector<Record> settings = {{{"user_id", owners[0]}, {"shared_user_ids", {owners[1]}}},
                                        {{"user_id", owners[1]},
                                         {"time_zone", "America/New_York"},
                                         {"shared_user_ids", {owners[0]}}}};
        for (const auto& values : settings) {
            Query existing;
            existing.entity = kPreference;
            existing.filter = Filter::eq("user_id", values["user_id"]);
            if (demo.records.count(demo.caller, existing) == 0) {
                demo.records.create(demo.caller, kPreference, values);
            }
        }
    }
}

}  // namespace activities
