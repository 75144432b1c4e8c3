#include "DemoData.hpp"

#include <array>
#include <random>

#include "Periods.hpp"
#include "Pipelines.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

constexpr std::array kProducts = {"Platform licence", "Support renewal", "Rollout", "Pilot",
                                  "Expansion", "Integration project", "Training package",
                                  "Analytics add-on", "Enterprise upgrade", "Hardware refresh"};
constexpr std::array kSources = {"lead", "campaign", "referral", "website", "partner", "event",
                                 "outbound", "existing_customer"};
constexpr std::array kCompetitors = {"Salesforce", "HubSpot", "Pipedrive", "Zoho", "Odoo"};
constexpr std::array kLossReasons = {"price", "competitor", "competitor", "product_fit", "timing",
                                     "no_budget", "no_decision"};
constexpr std::array kNextSteps = {"Send proposal", "Schedule demo", "Call the decision maker",
                                   "Security review", "Agree on terms", "Legal review of the contract"};
constexpr std::array kRoles = {"decision_maker", "economic_buyer", "champion", "influencer", "technical"};

}  // namespace

void loadDemoData(DemoContext& demo) {
    std::mt19937_64 random(demo.seed + 7);
    auto pick = [&random](const auto& list) {
        return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(random)];
    };
    auto between = [&random](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    Pipeline pipeline = Pipelines(demo.records).defaultPipeline();
    std::vector<std::int64_t> owners;
    for (const char* login : {"sales", "sales2", "manager"}) {
        if (auto it = demo.users.find(login); it != demo.users.end()) {
            owners.push_back(it->second);
        }
    }
    Query companyQuery;
    companyQuery.entity = "Company";
    companyQuery.fields = {"id", "name"};
    companyQuery.limit = 1000;
    auto companies = demo.records.query(demo.caller, companyQuery).rows;
    if (companies.empty() || pipeline.stages.empty()) {
        return;
    }
    std::int64_t today = static_cast<std::int64_t>(*daysOf(todayIso()));
    // A quarterly goal for each sales person.
    std::string quarter = quarterOf(todayIso()).key;
    for (const char* login : {"sales", "sales2"}) {
        if (auto it = demo.users.find(login); it != demo.users.end()) {
            demo.records.create(demo.caller, "Quota",
                                {{"period", quarter}, {"user_id", it->second},
                                 {"amount", {{"amount", 600000 * demo.scale}, {"currency", pipeline.currency}}}});
        }
    }
    const int deals = 120 * demo.scale;
    for (int i = 0; i < deals; ++i) {
        const Record& company = companies[static_cast<std::size_t>(i) % companies.size()];
        // Most deals are open and spread over the open stages; a quarter are won or lost.
        const Stage* stage = &pipeline.stages[static_cast<std::size_t>(between(0, static_cast<int>(pipeline.stages.size()) - 1))];
        if (stage->closed() && between(1, 100) <= 45) {
            stage = &pipeline.stages[static_cast<std::size_t>(between(0, 3)) % pipeline.stages.size()];
        }
        Record values = {{"name", textOf(company, "name") + " – " + pick(kProducts)},
                         {"company_id", company["id"]},
                         {"amount", {{"amount", between(5, 250) * 1000}, {"currency", pipeline.currency}}},
                         {"expected_close_date", isoOfDay(today + between(-20, 200))},
                         {"source", pick(kSources)},
                         {"next_step", pick(kNextSteps)},
                         {"stage_id", stage->id}};
        if (!owners.empty()) {
            values["owner_id"] = owners[static_cast<std::size_t>(i) % owners.size()];
        }
        nlohmann::json competitors = nlohmann::json::array();
        for (const char* competitor : kCompetitors) {
            if (between(1, 100) <= 20) {
                competitors.push_back(competitor);
            }
        }
        values["competitors"] = competitors;
        if (between(1, 100) <= 15 && !stage->closed()) {
            values["probability_override"] = between(5, 95);
        }
        // Closed deals first pass through an open stage, so "stage reached" has something to say.
        const Stage* final = stage;
        if (stage->closed()) {
            values["stage_id"] = pipeline.stages[static_cast<std::size_t>(between(0, 3)) % pipeline.stages.size()].id;
        }
        Record deal = demo.records.create(demo.caller, "Deal", values);
        if (final->closed()) {
            Record closing = {{"stage_id", final->id}};
            if (final->outcome == "lost") {
                closing["loss_reason"] = pick(kLossReasons);
            }
            deal = demo.records.update(demo.caller, "Deal", idOf(deal, "id"), idOf(deal, "version"), closing);
        }
        Query people;
        people.entity = "Contact";
        people.filter = Filter::eq("company_id", company["id"]);
        people.fields = {"id"};
        people.limit = 2;
        for (const auto& contact : demo.records.query(demo.caller, people).rows) {
            demo.records.create(demo.caller, "DealContact",
                                {{"deal_id", deal["id"]}, {"contact_id", contact["id"]}, {"role", pick(kRoles)},
                                 {"owner_id", values.value("owner_id", nlohmann::json())}});
        }
    }
}

}  // namespace deals
