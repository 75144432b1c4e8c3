#include "Forecast.hpp"

#include <array>
#include <algorithm>
#include <cmath>
#include <set>

#include "DealFilters.hpp"
#include "Rollups.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

void addRollup(ForecastRow& row, const RollupRow& rollup) {
    if (rollup.category == "closed") {
        row.closed += rollup.amount;
        return;
    }
    if (rollup.category == "commit") {
        row.commit += rollup.amount;
    } else if (rollup.category == "best_case") {
        row.bestCase += rollup.amount;
    } else if (rollup.category == "pipeline") {
        row.pipeline += rollup.amount;
    } else {
        return;
    }
    row.weighted += rollup.weighted;
    row.openDeals += rollup.deals;
}

bool inPeriod(const RollupRow& rollup, const Period& period) {
    auto months = period.monthKeys();
    return std::find(months.begin(), months.end(), rollup.month) != months.end();
}

std::string yearPrefix(const Period& period) { return period.key.substr(0, 5); }

void addUp(ForecastRow& total, const ForecastRow& row) {
    total.closed += row.closed;
    total.commit += row.commit;
    total.bestCase += row.bestCase;
    total.pipeline += row.pipeline;
    total.weighted += row.weighted;
    total.openDeals += row.openDeals;
    if (row.quota) {
        total.quota = total.quota.value_or(0) + *row.quota;
    }
}

/// The quotas of a year the caller may read.
std::vector<Record> quotasOf(Records& records, const Caller& caller, int year) {
    Query query;
    query.entity = "Quota";
    query.filter = Filter::startsWith("period", std::to_string(year) + "-");
    query.limit = 1000;
    std::vector<Record> rows;
    for (;;) {
        Page page = records.query(caller, query);
        rows.insert(rows.end(), page.rows.begin(), page.rows.end());
        if (page.nextCursor.empty()) {
            return rows;
        }
        query.after = page.nextCursor;
    }
}

/// The goal of one target (user or team id under `field`) for a period: the period's own quota,
/// else (for a quarter) the sum of its months' quotas.
std::optional<double> quotaFor(const std::vector<Record>& quotas, const Period& period, const char* field,
                               std::int64_t target) {
    std::optional<double> own;
    std::optional<double> months;
    auto monthKeys = period.monthKeys();
    for (const auto& quota : quotas) {
        if (idOf(quota, field) != target) {
            continue;
        }
        std::string key = textOf(quota, "period");
        if (key == period.key) {
            own = own.value_or(0) + amountOf(quota, "amount");
        } else if (period.quarter && std::find(monthKeys.begin(), monthKeys.end(), key) != monthKeys.end()) {
            months = months.value_or(0) + amountOf(quota, "amount");
        }
    }
    return own ? own : months;
}

/// Everyone: the sum of the personal goals.
std::optional<double> quotaOfScope(const std::vector<Record>& quotas, const Period& period, const ForecastScope& scope) {
    if (scope.owner) {
        return quotaFor(quotas, period, "user_id", scope.owner);
    }
    if (scope.team) {
        return quotaFor(quotas, period, "for_team_id", scope.team);
    }
    std::set<std::int64_t> users;
    for (const auto& quota : quotas) {
        if (std::int64_t user = idOf(quota, "user_id")) {
            users.insert(user);
        }
    }
    std::optional<double> sum;
    for (std::int64_t user : users) {
        if (auto goal = quotaFor(quotas, period, "user_id", user)) {
            sum = sum.value_or(0) + *goal;
        }
    }
    return sum;
}

}  // namespace

std::optional<double> ForecastRow::attainment() const {
    if (!quota || *quota <= 0) {
        return std::nullopt;
    }
    return std::round(closed / *quota * 1000) / 10;
}

nlohmann::json ForecastRow::toJson() const {
    return {{"key", key},
            {"label", label},
            {"closed", closed},
            {"commit", commit},
            {"best_case", bestCase},
            {"pipeline", pipeline},
            {"committed", committed()},
            {"best_case_total", bestCaseTotal()},
            {"unweighted", unweighted()},
            {"weighted", weighted},
            {"open_deals", openDeals},
            {"quota", quota ? nlohmann::json(*quota) : nlohmann::json()},
            {"attainment", attainment() ? nlohmann::json(*attainment()) : nlohmann::json()}};
}

ForecastTable forecastByPeriod(Records& records, const Caller& caller, int year, bool quarters,
                               const ForecastScope& scope) {
    std::map<std::string, ForecastRow> sums;
    for (const auto& rollup : readRollups(records, caller, std::to_string(year) + "-", scope.owner, scope.team)) {
        addRollup(sums[quarters ? quarterOf(rollup.month + "-01").key : rollup.month], rollup);
    }
    auto quotas = quotasOf(records, caller, year);
    ForecastTable table;
    table.total.label = "Year " + std::to_string(year);
    for (const auto& period : periodsOf(year, quarters)) {
        ForecastRow row = sums[period.key];
        row.key = period.key;
        row.label = period.label;
        row.quota = quotaOfScope(quotas, period, scope);
        addUp(table.total, row);
        table.rows.push_back(row);
    }
    return table;
}

ForecastRow forecastOfPeriod(Records& records, const Caller& caller, const Period& period, const ForecastScope& scope) {
    ForecastRow row;
    for (const auto& rollup : readRollups(records, caller, yearPrefix(period), scope.owner, scope.team)) {
        if (inPeriod(rollup, period)) {
            addRollup(row, rollup);
        }
    }
    row.key = period.key;
    row.label = period.label;
    row.quota = quotaOfScope(quotasOf(records, caller, std::stoi(period.key.substr(0, 4))), period, scope);
    return row;
}

ForecastTable forecastByGroup(Records& records, const Caller& caller, People& people,
                              const Period& period, const std::string& groupField,
                              const ForecastScope& scope) {
    std::map<std::string, ForecastRow> sums;
    bool byOwner = groupField == "owner_id";
    for (const auto& rollup : readRollups(records, caller, yearPrefix(period), scope.owner, scope.team)) {
        if (inPeriod(rollup, period)) {
            std::int64_t id = byOwner ? rollup.owner : rollup.team;
            addRollup(sums[id ? std::to_string(id) : std::string{}], rollup);
        }
    }
    auto quotas = quotasOf(records, caller, std::stoi(period.key.substr(0, 4)));
    // Targets with a quota but no deals still get a row (nothing won is worth seeing), as long
    // as they are within the chosen owner or team.
    const char* targetField = byOwner ? "user_id" : "for_team_id";
    std::int64_t only = byOwner ? scope.owner : scope.team;
    bool otherDimensionChosen = byOwner ? scope.team != 0 : scope.owner != 0;
    for (const auto& quota : quotas) {
        std::int64_t target = idOf(quota, targetField);
        if (target != 0 && !otherDimensionChosen && (only == 0 || only == target) &&
            quotaFor(quotas, period, targetField, target)) {
            sums[std::to_string(target)];
        }
    }
    ForecastTable table;
    table.total.label = "Total";
    for (auto& [key, row] : sums) {
        row.key = key;
        auto id = parseInteger(key);
        row.label = !id ? (byOwner ? "No owner" : "No team")
                        : (byOwner ? people.user(caller, *id) : people.team(*id));
        if (id) {
            row.quota = quotaFor(quotas, period, byOwner ? "user_id" : "for_team_id", *id);
        }
        addUp(table.total, row);
        table.rows.push_back(row);
    }
    return table;
}

}  // namespace deals
