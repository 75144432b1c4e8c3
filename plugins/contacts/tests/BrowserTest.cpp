#include <cstdlib>
#include <filesystem>

#include "ContactsFixture.hpp"

using namespace contacts::test;

namespace {

class DuplicateWarningBrowserTest : public ContactsTest {};

}  // namespace

TEST_P(DuplicateWarningBrowserTest, TheNewContactFormWarnsOfAKnownEmailBeforeSaving) {
    if (std::system("command -v chromium > /dev/null 2>&1 && command -v node > /dev/null 2>&1") !=
        0) {
        FAIL() << "chromium and node are needed: run tools/setup --test";
    }
    Record greta = create(rep_, "Contact",
                          {{"first_name", "Greta"},
                           {"last_name", "Nilsson"},
                           {"email", "greta.nilsson@example.org"}});
    std::string url = "http://127.0.0.1:" + std::to_string(kernel_->port());
    std::string command = std::string("timeout 300 ") + SOURCE_DIR +
                          "/tests/integration/browser/run.sh " + BUILD_DIR + " " + url + " rep '" +
                          TestKernel::kPassword + "' " + SOURCE_DIR +
                          "/plugins/contacts/tests/browser/duplicates.cjs";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    // Only the existing contact: the browser saved nothing.
    EXPECT_EQ(kernel_->records().count(admin_, {.entity = "Contact"}), 1);
    EXPECT_EQ(kernel_->records().get(admin_, "Contact", greta["id"])["last_name"], "Nilsson");
    for (const char* shot :
         {"contacts-duplicate-warning-desktop.png", "contacts-duplicate-warning-phone.png"}) {
        EXPECT_TRUE(
            std::filesystem::exists(std::filesystem::path(BUILD_DIR) / "screenshots" / shot))
            << shot;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DuplicateWarningBrowserTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
