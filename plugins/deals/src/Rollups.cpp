#include "Rollups.hpp"

#include <cmath>
#include <tuple>

#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

constexpr int kConflictRetries = 8;

using Key = std::tuple<std::string, std::string, std::int64_t, std::int64_t>;  // month, category, owner, team

struct Contribution {
    Key key;
    double amount = 0;
    double weighted = 0;
};

/// What a deal adds to the forecast: nothing without a close date or when omitted (lost).
std::optional<Contribution> contributionOf(const Record& deal) {
    std::string close = textOf(deal, "expected_close_date");
    std::string category = textOf(deal, "forecast_category");
    if (close.size() < 7 || category.empty() || category == "omitted" || deal.value("deleted_at", nlohmann::json()).is_string()) {
        return std::nullopt;
    }
    bool open = textOf(deal, "status") == "open";
    return Contribution{{close.substr(0, 7), category, idOf(deal, "owner_id"), idOf(deal, "team_id")},
                        amountOf(deal, "amount"),
                        open ? amountOf(deal, "weighted_amount") : 0.0};
}

Filter keyFilter(const Key& key) {
    const auto& [month, category, owner, team] = key;
    return Filter::allOf({Filter::eq("month", month), Filter::eq("category", category),
                          owner ? Filter::eq("owner_id", owner) : Filter::isNull("owner_id"),
                          team ? Filter::eq("team_id", team) : Filter::isNull("team_id")});
}

Record keyValues(const Key& key) {
    const auto& [month, category, owner, team] = key;
    return {{"month", month}, {"category", category},
            {"owner_id", owner ? nlohmann::json(owner) : nlohmann::json()},
            {"team_id", team ? nlohmann::json(team) : nlohmann::json()}};
}

double rounded(double value) { return std::round(value * 10000) / 10000; }

/// Adds to the roll-up of `key`, creating it when missing. Two writers racing to create the same
/// key make two rows, which the readers add up; a stale version is read again and retried.
void add(Records& records, const Key& key, double amount, double weighted, std::int64_t deals) {
    Caller system = Caller::systemCaller();
    for (int attempt = 0;; ++attempt) {
        Query query;
        query.entity = "ForecastRollup";
        query.filter = keyFilter(key);
        query.limit = 1;
        auto rows = records.query(system, query).rows;
        if (rows.empty()) {
            Record values = keyValues(key);
            values["amount"] = rounded(amount);
            values["weighted"] = rounded(weighted);
            values["deals"] = deals;
            records.create(system, "ForecastRollup", values);
            return;
        }
        const Record& row = rows.front();
        try {
            records.update(system, "ForecastRollup", idOf(row, "id"), idOf(row, "version"),
                           {{"amount", rounded(row.value("amount", 0.0) + amount)},
                            {"weighted", rounded(row.value("weighted", 0.0) + weighted)},
                            {"deals", idOf(row, "deals") + deals}});
            return;
        } catch (const PluginError& e) {
            if (e.error().code != "conflict" || attempt >= kConflictRetries) {
                throw;
            }
        }
    }
}

void move(Records& records, const std::optional<Contribution>& before, const std::optional<Contribution>& after) {
    if (before && after && before->key == after->key && before->amount == after->amount &&
        before->weighted == after->weighted) {
        return;
    }
    if (before) {
        add(records, before->key, -before->amount, -before->weighted, -1);
    }
    if (after) {
        add(records, after->key, after->amount, after->weighted, 1);
    }
}

RollupRow rowOf(const Record& record) {
    return {textOf(record, "month"),        textOf(record, "category"),
            idOf(record, "owner_id"),       idOf(record, "team_id"),
            record.value("amount", 0.0),    record.value("weighted", 0.0),
            idOf(record, "deals")};
}

}  // namespace

std::vector<RollupRow> readRollups(Records& records, const Caller& caller, const std::string& monthPrefix,
                                   std::int64_t owner, std::int64_t team) {
    std::vector<Filter> parts = {Filter::startsWith("month", monthPrefix)};
    if (owner) {
        parts.push_back(Filter::eq("owner_id", owner));
    }
    if (team) {
        parts.push_back(Filter::eq("team_id", team));
    }
    Query query;
    query.entity = "ForecastRollup";
    query.filter = Filter::allOf(parts);
    query.fields = {"id", "month", "category", "owner_id", "team_id", "amount", "weighted", "deals"};
    query.limit = 1000;
    std::vector<RollupRow> rows;
    for (;;) {
        Page page = records.query(caller, query);
        for (const auto& record : page.rows) {
            rows.push_back(rowOf(record));
        }
        if (page.nextCursor.empty()) {
            return rows;
        }
        query.after = page.nextCursor;
    }
}

std::int64_t rebuildRollups(Records& records) {
    Caller system = Caller::systemCaller();
    std::map<Key, RollupRow> sums;
    Query deals;
    deals.entity = "Deal";
    deals.fields = {"id", "expected_close_date", "forecast_category", "owner_id", "team_id", "amount",
                    "weighted_amount", "status"};
    deals.limit = 1000;
    std::int64_t read = 0;
    for (;;) {
        Page page = records.query(system, deals);
        for (const auto& deal : page.rows) {
            if (auto part = contributionOf(deal)) {
                RollupRow& row = sums[part->key];
                row.amount += part->amount;
                row.weighted += part->weighted;
                row.deals += 1;
            }
        }
        read += static_cast<std::int64_t>(page.rows.size());
        if (page.nextCursor.empty()) {
            break;
        }
        deals.after = page.nextCursor;
    }
    // Existing roll-ups take the recomputed values (zero when nothing is left); new keys are made.
    Query existing;
    existing.entity = "ForecastRollup";
    existing.limit = 1000;
    std::vector<Record> stored;
    for (;;) {
        Page page = records.query(system, existing);
        stored.insert(stored.end(), page.rows.begin(), page.rows.end());
        if (page.nextCursor.empty()) {
            break;
        }
        existing.after = page.nextCursor;
    }
    for (const auto& record : stored) {
        RollupRow current = rowOf(record);
        Key key{current.month, current.category, current.owner, current.team};
        auto it = sums.find(key);
        RollupRow wanted = it == sums.end() ? RollupRow{} : it->second;
        records.update(system, "ForecastRollup", idOf(record, "id"), idOf(record, "version"),
                       {{"amount", rounded(wanted.amount)}, {"weighted", rounded(wanted.weighted)},
                        {"deals", wanted.deals}});
        if (it != sums.end()) {
            sums.erase(it);
        }
    }
    for (const auto& [key, row] : sums) {
        Record values = keyValues(key);
        values["amount"] = rounded(row.amount);
        values["weighted"] = rounded(row.weighted);
        values["deals"] = row.deals;
        records.create(system, "ForecastRollup", values);
    }
    return read;
}

void addForecastRollups(PluginContext& context) {
    Records& records = context.records();
    context.addHook("Deal", HookPoint::AfterCreate, 200,
                    [&records](HookEvent& event) { move(records, std::nullopt, contributionOf(event.record)); });
    context.addHook("Deal", HookPoint::AfterUpdate, 200, [&records](HookEvent& event) {
        move(records, contributionOf(event.previous), contributionOf(event.record));
    });
    context.addHook("Deal", HookPoint::AfterDelete, 200,
                    [&records](HookEvent& event) { move(records, contributionOf(event.previous), std::nullopt); });
    context.addHook("Deal", HookPoint::AfterRestore, 200, [&records](HookEvent& event) {
        Record restored = event.record;
        restored["deleted_at"] = nullptr;
        move(records, std::nullopt, contributionOf(restored));
    });
    for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate, HookPoint::BeforeDelete}) {
        context.addHook("ForecastRollup", point, 0, [](HookEvent& event) {
            if (!event.caller.system) {
                refuse("amount", "forecast roll-ups are kept by the deals themselves");
            }
        });
    }
    context.addJob({"deals.forecast_rebuild", "Recompute the forecast roll-ups from the deals", "",
                    std::chrono::seconds(1800), 1, [](JobRun& run) {
                        std::int64_t read = rebuildRollups(run.records());
                        run.progress(read, read);
                    }});
}

}  // namespace deals
