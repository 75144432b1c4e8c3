#include "CompanyColumns.hpp"

namespace deals {

using namespace tessera::sdk;
using tessera::contacts::CompanyRollups;

namespace {

/// Open deals of the companies, grouped by company: row.count is the number, row.value the sum.
std::vector<AggregateRow> openDealsByCompany(Records& records, const Caller& caller,
                                             const std::vector<std::int64_t>& companyIds) {
    AggregateQuery query;
    query.entity = "Deal";
    query.fn = AggregateFn::Sum;
    query.field = "amount";
    query.groupBy = "company_id";
    query.filter =
        Filter::allOf({Filter::in("company_id", companyIds), Filter::eq("status", "open")});
    return records.aggregate(caller, query);
}

CompanyRollups::Column column(Records& records, std::string label, CompanyRollups::Format format,
                              std::string unit) {
    bool count = format == CompanyRollups::Format::Count;
    return {std::move(label), format, std::move(unit),
            [&records, count](const Caller& caller, const std::vector<std::int64_t>& companyIds) {
                std::map<std::int64_t, double> values;
                for (const auto& row : openDealsByCompany(records, caller, companyIds)) {
                    if (row.group.is_number_integer()) {
                        values[row.group.get<std::int64_t>()] =
                            count ? static_cast<double>(row.count) : row.value;
                    }
                }
                return values;
            }};
}

}  // namespace

CompanyColumns::CompanyColumns(PluginContext& context)
    : rollups_(context.find<CompanyRollups>("contacts.company_rollups")) {
    if (!rollups_) {
        return;
    }
    Records& records = context.records();
    std::string currency = context.config().value("currency", "EUR");
    numbers_.push_back(
        rollups_->addColumn(column(records, "Open deals", CompanyRollups::Format::Count, "")));
    numbers_.push_back(rollups_->addColumn(
        column(records, "Open pipeline", CompanyRollups::Format::Money, currency)));
}

CompanyColumns::~CompanyColumns() {
    for (int number : numbers_) {
        rollups_->removeColumn(number);
    }
}

}  // namespace deals
