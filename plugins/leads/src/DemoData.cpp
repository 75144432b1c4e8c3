#include "DemoData.hpp"

#include <array>
#include <random>

#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

constexpr std::array kFirst = {"Anna", "Ben", "Clara", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
                               "Kira", "Luca", "Mona", "Nils", "Olga", "Paul", "Rosa", "Sven", "Tara", "Uwe"};
constexpr std::array kLast = {"Berg", "Costa", "Dahl", "Engel", "Fischer", "Graf", "Horn", "Jansen", "Keller",
                              "Lang", "Meyer", "Novak", "Ortiz", "Peters", "Quinn", "Roth", "Stein", "Tan"};
constexpr std::array kCompanies = {"Northwind", "Bluebird Labs", "Kestrel Logistics", "Orion Health", "Lumen Energy",
                                   "Atlas Retail", "Cobalt Finance", "Pine Media", "Vertex Systems", "Harbor Foods",
                                   "Quartz Analytics", "Summit Schools", "Beacon Services", "Granite Works"};
constexpr std::array kIndustries = {"Technology", "Manufacturing", "Retail", "Finance", "Healthcare",
                                    "Education", "Energy", "Logistics", "Media", "Services"};
constexpr std::array kSources = {"web_form", "web_form", "web_form", "referral", "event", "cold_call",
                                 "partner", "advertising", "social"};
constexpr std::array kRegions = {"East", "East", "West", "West", "North", "South"};
constexpr std::array kTitles = {"CEO", "Head of Sales", "IT Manager", "Operations Lead", "Buyer", "CFO", "Engineer"};
constexpr std::array kStatuses = {"new", "new", "new", "contacted", "contacted", "qualified", "unqualified"};
constexpr std::array kReasons = {"no_budget", "no_need", "no_authority", "timing", "competitor", "unreachable", "spam"};

}  // namespace

void loadDemoData(DemoContext& demo, Conversion& conversion) {
    std::mt19937_64 random(demo.seed + 11);
    auto between = [&random](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    auto pick = [&](const auto& list) { return list[static_cast<std::size_t>(between(0, static_cast<int>(list.size()) - 1))]; };

    std::vector<Record> campaigns;
    for (const auto& [name, channel, cost] : std::vector<std::tuple<std::string, std::string, int>>{
             {"Spring webinar", "web_form", 4000}, {"Trade fair Berlin", "event", 18000},
             {"Search ads Q3", "advertising", 9000}, {"Partner referral programme", "partner", 2500}}) {
        campaigns.push_back(demo.records.create(demo.caller, "Campaign",
                                                {{"name", name},
                                                 {"channel", channel},
                                                 {"cost", {{"amount", cost * demo.scale}, {"currency", "EUR"}}},
                                                 {"form_fields", {"first_name", "last_name", "email", "phone", "company_name",
                                                                  "company_size", "industry", "notes"}},
                                                 {"required_fields", {"email", "last_name"}}}));
    }
    for (const auto& [name, field, op, value, points] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string, int>>{
             {"Large company", "company_size", "gt", "100", 20},
             {"Enterprise", "company_size", "gte", "1000", 15},
             {"Technology industry", "industry", "eq", "Technology", 15},
             {"Decision maker", "job_title", "contains", "head", 10},
             {"Has a phone number", "phone", "is_set", "", 5},
             {"Free mail address", "company_domain", "is_not_set", "", -10}}) {
        demo.records.create(demo.caller, "ScoringRule",
                            {{"name", name}, {"kind", "field"}, {"field", field}, {"operator", op},
                             {"value", value}, {"points", points}});
    }
    demo.records.create(demo.caller, "ScoringRule",
                        {{"name", "Form submissions"}, {"kind", "behaviour"}, {"behaviour", "form_submission"},
                         {"points", 10}, {"max_times", 3}});
    demo.records.create(demo.caller, "ScoringRule",
                        {{"name", "E-mail opens"}, {"kind", "behaviour"}, {"behaviour", "email_open"},
                         {"points", 3}, {"max_times", 5}});
    if (demo.users.contains("manager")) {
        demo.records.create(demo.caller, "AssignmentRule",
                            {{"name", "Enterprise leads to the manager"}, {"position", 10}, {"field", "company_size"},
                             {"operator", "gte"}, {"value", "1000"}, {"user_login", "manager"}});
    }
    demo.records.create(demo.caller, "AssignmentRule",
                        {{"name", "West region"}, {"position", 20}, {"field", "region"}, {"operator", "eq"},
                         {"value", "West"}, {"team_name", "Sales West"}, {"strategy", "round_robin"}});
    demo.records.create(demo.caller, "AssignmentRule",
                        {{"name", "Everyone else"}, {"position", 90}, {"team_name", "Sales East"},
                         {"strategy", "least_open"}});

    const int count = 300 * demo.scale;
    std::vector<std::int64_t> toConvert;
    for (int i = 0; i < count; ++i) {
        std::string first = pick(kFirst);
        std::string last = pick(kLast);
        std::string company = pick(kCompanies);
        std::string domain = lower(company.substr(0, company.find(' '))) + ".example";
        bool freeMail = between(1, 100) <= 20;
        std::string email = lower(first) + "." + lower(last) + std::to_string(i) + "@" +
                            (freeMail ? std::string("gmail.com") : domain);
        std::string source = pick(kSources);
        Record values = {{"first_name", first},
                         {"last_name", last},
                         {"email", email},
                         {"job_title", pick(kTitles)},
                         {"company_name", company},
                         {"industry", pick(kIndustries)},
                         {"company_size", between(1, 100) <= 15 ? between(1000, 5000) : between(5, 800)},
                         {"country", "Germany"},
                         {"region", pick(kRegions)},
                         {"source", source},
                         {"status", pick(kStatuses)},
                         {"behaviour", {{"form_submission", source == "web_form" ? between(1, 3) : 0},
                                        {"email_open", between(0, 6)}}}};
        if (values["status"] == "unqualified") {
            values["unqualified_reason"] = pick(kReasons);
        }
        if (between(1, 100) <= 60) {
            values["phone"] = "+49 30 " + std::to_string(between(1000000, 9999999));
        }
        for (const auto& campaign : campaigns) {
            if (text(campaign, "channel") == source) {
                values["campaign_id"] = campaign["id"];
                values["utm_source"] = source == "advertising" ? "google" : "newsletter";
                values["utm_medium"] = source == "advertising" ? "cpc" : "email";
                values["utm_campaign"] = lower(text(campaign, "name")).substr(0, 40);
            }
        }
        if (between(1, 100) <= 30) {
            values["next_follow_up"] = isoNow(static_cast<std::int64_t>(between(-3, 14)) * 86400);
        }
        Record lead = demo.records.create(demo.caller, "Lead", values);
        if (i % 8 == 0 && text(lead, "status") != "unqualified") {
            toConvert.push_back(integer(lead, "id"));
        }
    }
    bool deals = conversion.dealsEnabled();
    std::int64_t wonStage = 0;
    if (deals) {
        Query won;
        won.entity = "PipelineStage";
        won.filter = Filter::eq("outcome", "won");
        won.sort = {{"id", false}};
        won.limit = 1;
        auto rows = demo.records.query(demo.caller, won).rows;
        wonStage = rows.empty() ? 0 : integer(rows[0], "id");
    }
    for (std::size_t i = 0; i < toConvert.size(); ++i) {
        ConversionRequest request;
        request.createDeal = deals && i % 2 == 0;
        if (request.createDeal) {
            request.amount = between(5, 120) * 1000;
        }
        ConversionResult result = conversion.convert(demo.caller, toConvert[i], request);
        // Some of those deals are won already, so the campaigns' return has something to show.
        if (result.dealId != 0 && wonStage != 0 && i % 3 == 0) {
            Record deal = demo.records.get(demo.caller, "Deal", result.dealId);
            demo.records.update(demo.caller, "Deal", result.dealId, integer(deal, "version"), {{"stage_id", wonStage}});
        }
    }
}

}  // namespace leads
