#include "Forecast.hpp"

#include <array>
#include <algorithm>
#include <cmath>
#include <set>

#include "DealFilters.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

struct Category {
    const char* value;
    double ForecastRow::*member;
};

constexpr std::array kCategories = {Category{"closed", &ForecastRow::closed}, Category{"commit", &ForecastRow::commit},
                                    Category{"best_case", &ForecastRow::bestCase},
                                    Category{"pipeline", &ForecastRow::pipeline}};

std::string groupKey(const nlohmann::json& group) {
    if (group.is_string()) {
        return group.get<std::string>();
    }
    return group.is_null() ? std::string{} : group.dump();
}

/// Sums the four categories and the weighted open amount into rows keyed by the group.
void fill(Records& records, const Caller& caller, std::vector<Filter> base, const std::string& groupBy,
          DateBucket bucket, std::map<std::string, ForecastRow>& rows) {
    for (const auto& category : kCategories) {
        AggregateQuery sum;
        sum.entity = "Deal";
        std::vector<Filter> parts = base;
        parts.push_back(Filter::eq("forecast_category", category.value));
        sum.filter = Filter::allOf(parts);
        sum.fn = AggregateFn::Sum;
        sum.field = "amount";
        sum.groupBy = groupBy;
        sum.bucket = bucket;
        for (const auto& row : records.aggregate(caller, sum)) {
            rows[groupKey(row.group)].*category.member += row.value;
        }
    }
    AggregateQuery weighted;
    weighted.entity = "Deal";
    base.push_back(Filter::eq("status", "open"));
    weighted.filter = Filter::allOf(base);
    weighted.fn = AggregateFn::Sum;
    weighted.field = "weighted_amount";
    weighted.groupBy = groupBy;
    weighted.bucket = bucket;
    for (const auto& row : records.aggregate(caller, weighted)) {
        ForecastRow& target = rows[groupKey(row.group)];
        target.weighted += row.value;
        target.openDeals += row.count;
    }
}

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

std::vector<Filter> dateRange(const std::string& first, const std::string& last) {
    return {Filter::gte("expected_close_date", first), Filter::lte("expected_close_date", last)};
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

std::vector<Filter> ForecastScope::conditions() const {
    std::vector<Filter> parts;
    if (owner) {
        parts.push_back(Filter::eq("owner_id", owner));
    }
    if (team) {
        parts.push_back(Filter::eq("team_id", team));
    }
    return parts;
}

ForecastTable forecastByPeriod(Records& records, const Caller& caller, int year, bool quarters,
                               const ForecastScope& scope) {
    std::vector<Period> periods = periodsOf(year, quarters);
    std::vector<Filter> base = scope.conditions();
    for (auto& part : dateRange(periods.front().first, periods.back().last)) {
        base.push_back(std::move(part));
    }
    std::map<std::string, ForecastRow> sums;
    fill(records, caller, base, "expected_close_date", quarters ? DateBucket::Quarter : DateBucket::Month, sums);
    auto quotas = quotasOf(records, caller, year);
    ForecastTable table;
    table.total.label = "Year " + std::to_string(year);
    for (const auto& period : periods) {
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
    std::vector<Filter> base = scope.conditions();
    for (auto& part : dateRange(period.first, period.last)) {
        base.push_back(std::move(part));
    }
    std::map<std::string, ForecastRow> sums;
    fill(records, caller, base, "", DateBucket::None, sums);
    ForecastRow row = sums[""];
    row.key = period.key;
    row.label = period.label;
    row.quota = quotaOfScope(quotasOf(records, caller, std::stoi(period.key.substr(0, 4))), period, scope);
    return row;
}

ForecastTable forecastByGroup(Records& records, const Caller& caller, const Period& period,
                              const std::string& groupField, const ForecastScope& scope) {
    std::vector<Filter> base = scope.conditions();
    for (auto& part : dateRange(period.first, period.last)) {
        base.push_back(std::move(part));
    }
    std::map<std::string, ForecastRow> sums;
    fill(records, caller, base, groupField, DateBucket::None, sums);
    auto quotas = quotasOf(records, caller, std::stoi(period.key.substr(0, 4)));
    bool byOwner = groupField == "owner_id";
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
                        : (byOwner ? userLabel(caller, *id) : "Team #" + key);
        if (id) {
            row.quota = quotaFor(quotas, period, byOwner ? "user_id" : "for_team_id", *id);
        }
        addUp(table.total, row);
        table.rows.push_back(row);
    }
    return table;
}

}  // namespace deals
