#include <gtest/gtest.h>

#include <tessera/sdk/Error.hpp>

#include "Hierarchy.hpp"

using contacts::CompanyRollupColumns;
using tessera::contacts::CompanyRollups;

namespace {

CompanyRollups::Column counting(const std::string& label, double value) {
    return {label, CompanyRollups::Format::Count, "",
            [value](const tessera::sdk::Caller&, const std::vector<std::int64_t>& ids) {
                std::map<std::int64_t, double> values;
                for (auto id : ids) {
                    values[id] = value;
                }
                return values;
            }};
}

}  // namespace

TEST(CompanyRollupsTest, ColumnsKeepTheirOrderAndGoWhenRemoved) {
    CompanyRollupColumns columns;
    int tickets = columns.addColumn(counting("Open tickets", 2));
    int deals = columns.addColumn(counting("Open deals", 3));
    EXPECT_NE(tickets, deals);
    ASSERT_EQ(columns.columns().size(), 2u);
    EXPECT_EQ(columns.columns()[0].label, "Open tickets");
    EXPECT_EQ(columns.columns()[1].values(tessera::sdk::Caller::systemCaller(), {7}).at(7), 3);
    columns.removeColumn(tickets);
    columns.removeColumn(tickets);  // twice, or an unknown number: nothing happens
    columns.removeColumn(999);
    ASSERT_EQ(columns.columns().size(), 1u);
    EXPECT_EQ(columns.columns()[0].label, "Open deals");
}

TEST(CompanyRollupsTest, AColumnWithoutAFunctionIsRefused) {
    CompanyRollupColumns columns;
    try {
        columns.addColumn({"Broken", CompanyRollups::Format::Count, "", {}});
        ADD_FAILURE() << "accepted";
    } catch (const tessera::sdk::PluginError& e) {
        EXPECT_EQ(e.error().code, "validation");
    }
    EXPECT_TRUE(columns.columns().empty());
}
