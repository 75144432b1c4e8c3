#include <cstdlib>
#include <filesystem>

#include "DealsFixture.hpp"

using namespace deals::test;

namespace {

class DealsBrowserTest : public DealsFixture {};

}  // namespace

TEST_P(DealsBrowserTest, CreateOpenAndDragADealToWonOnDesktopAndPhone) {
    if (std::system("command -v chromium > /dev/null 2>&1 && command -v node > /dev/null 2>&1") != 0) {
        FAIL() << "chromium and node are needed: run tools/setup --test";
    }
    std::string url = "http://127.0.0.1:" + std::to_string(kernel_->port());
    std::string command = std::string("timeout 300 ") + SOURCE_DIR + "/tests/integration/browser/run.sh " +
                          BUILD_DIR + " " + url + " rep '" + TestKernel::kPassword + "' " + SOURCE_DIR +
                          "/plugins/deals/tests/browser/deals.cjs";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    tessera::sdk::Query won;
    won.entity = "Deal";
    won.filter = tessera::sdk::Filter::eq("status", "won");
    auto rows = records().query(admin_, won).rows;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["name"], "Browser deal desktop");
    EXPECT_EQ(rows[0]["amount"]["amount"], 48000);
    won.filter = tessera::sdk::Filter::eq("status", "lost");
    EXPECT_EQ(records().query(admin_, won).rows.at(0)["loss_reason"], "timing");
    for (const char* shot : {"deals-board.png", "deals-board-ask.png", "deals-phone-board.png"}) {
        EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(BUILD_DIR) / "screenshots" / shot)) << shot;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DealsBrowserTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);
