#include "Scoring.hpp"

#include <algorithm>

#include "Condition.hpp"
#include "Refuse.hpp"
#include "RuleGuard.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

Scoring::Scoring(Records& records, std::int64_t threshold)
    : rules_(records, "ScoringRule", "id"), threshold_(threshold) {}

ScoreResult Scoring::score(const Record& lead) {
    ScoreResult result;
    nlohmann::json behaviour = lead.value("behaviour", nlohmann::json::object());
    if (!behaviour.is_object()) {
        behaviour = nlohmann::json::object();
    }
    for (const auto& rule : rules_.rules()) {
        std::int64_t points = integer(rule, "points");
        if (text(rule, "kind") == "behaviour") {
            std::string kind = text(rule, "behaviour");
            std::int64_t count = countOf(behaviour, kind);
            if (std::int64_t most = integer(rule, "max_times"); most > 0) {
                count = std::min(count, most);
            }
            if (count > 0) {
                result.total += points * count;
                result.details.push_back({{"rule", text(rule, "name")},
                                          {"condition", kind + " × " + std::to_string(count)},
                                          {"points", points * count}});
            }
            continue;
        }
        Condition condition = Condition::of(rule);
        if (condition.matches(lead)) {
            result.total += points;
            result.details.push_back({{"rule", text(rule, "name")},
                                      {"condition", condition.describe()},
                                      {"points", points}});
        }
    }
    return result;
}

namespace {

void checkScoringRule(HookEvent& event) {
    std::map<std::string, std::string> problems;
    std::string kind = text(event.record, "kind");
    if (kind == "behaviour") {
        std::string behaviour = trim(text(event.record, "behaviour"));
        if (behaviour.empty()) {
            problems["behaviour"] = "name the event kind that scores, e.g. form_submission";
        }
        event.record["behaviour"] = behaviour;
    } else {
        checkCondition(event.record, problems, false);
    }
    refuseIfAny(problems);
}

}  // namespace

void addScoring(PluginContext& context, Scoring& scoring) {
    const std::int64_t threshold = scoring.threshold();
    auto scoreLead = [&scoring, threshold](HookEvent& event) {
        if (text(event.record, "status") == "converted" && event.previous.is_object() &&
            text(event.previous, "status") == "converted") {
            return;  // a converted lead keeps the score it was converted with
        }
        ScoreResult result = scoring.score(event.record);
        event.record["score"] = result.total;
        event.record["score_details"] = result.details;
        event.record["sales_ready"] = result.total >= threshold;
    };
    context.addHook("Lead", HookPoint::BeforeCreate, 20, scoreLead);
    context.addHook("Lead", HookPoint::BeforeUpdate, 20, scoreLead);
    guardRules(context, "ScoringRule", scoring.rules(), checkScoringRule, "leads.rescore");

    context.addJob({"leads.rescore", "Re-score open leads after a scoring rule changed", "",
                    std::chrono::seconds(600), 3, [&scoring](JobRun& run) {
                        scoring.rules().invalidate();
                        Query open;
                        open.entity = "Lead";
                        open.filter = Filter::ne("status", "converted");
                        open.fields = {"id", "version", "score", "behaviour", "first_name", "last_name", "email",
                                       "phone", "job_title", "company_name", "company_domain", "website",
                                       "industry", "company_size", "country", "region", "source",
                                       "campaign_id", "utm_source", "utm_medium", "utm_campaign", "status",
                                       "notes"};
                        open.limit = 1000;
                        auto leads = queryAll(run.records(), Caller::systemCaller(), open);
                        std::int64_t done = 0;
                        for (const auto& lead : leads) {
                            if (run.stopRequested()) {
                                return;
                            }
                            if (scoring.score(lead).total != integer(lead, "score")) {
                                // Any write re-scores: writing the behaviour back runs the hook.
                                run.records().update(Caller::systemCaller(), "Lead", integer(lead, "id"),
                                                     integer(lead, "version"),
                                                     {{"behaviour", lead.value("behaviour", nlohmann::json())}});
                            }
                            if (++done % 200 == 0) {
                                run.progress(done, static_cast<std::int64_t>(leads.size()));
                            }
                        }
                        run.progress(done, static_cast<std::int64_t>(leads.size()));
                    }});
}

}  // namespace leads
