#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include "HttpFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

/// The server started with theme = dark: the dark theme's colours and its own start page.
class DarkThemeTest : public test::HttpTest {
protected:
    void SetUp() override {
        webOptions_.theme = "dark";
        HttpTest::SetUp();
    }
};

TEST_P(DarkThemeTest, ADarkThemeRestylesAndOverridesATemplate) {
    test::Answer css = send("GET", "/static/theme.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_NE(css.body.find("color-scheme: dark"), std::string::npos);
    EXPECT_EQ(send("GET", "/static/style.css").status, 200);

    test::Client admin = signIn("admin");
    test::Answer home = send("GET", "/", "", {}, &admin);
    EXPECT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("class=\"theme-dark\""), std::string::npos);
    EXPECT_NE(home.body.find("Good evening, admin"), std::string::npos);
    EXPECT_NE(send("GET", "/r/projects", "", {}, &admin).body.find("class=\"records\""),
              std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DarkThemeTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

/// Headless Chromium (Debian's `chromium`, from tools/setup --test) renders the sign-in page at a
/// desktop and a phone size; the screenshots stay in build/screenshots/.
class BrowserScreenshotTest : public test::HttpTest {};

TEST_P(BrowserScreenshotTest, ChromiumRendersTheSignInPageOnADesktopAndAPhone) {
    if (std::system("command -v chromium > /dev/null 2>&1") != 0) {
        FAIL() << "chromium is not installed: run tools/setup --test";
    }
    namespace fs = std::filesystem;
    fs::path dir = TESSERA_SCREENSHOT_DIR;
    fs::create_directories(dir);
    std::string url = "http://127.0.0.1:" + std::to_string(server_->port()) + "/login";
    struct Size {
        const char* name;
        const char* window;
    };
    for (Size size : {Size{"login-desktop.png", "1280,900"}, Size{"login-phone.png", "375,812"}}) {
        fs::path file = dir / size.name;
        fs::remove(file);
        fs::path profile = fs::temp_directory_path() /
                           ("tessera-chromium-" + std::to_string(::getpid()) + "-" + size.name);
        std::string command =
            "timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync "
            "--user-data-dir=" +
            profile.string() + " --screenshot=" + file.string() + " --window-size=" + size.window +
            " " + url + " > /dev/null 2>&1";
        int status = std::system(command.c_str());
        fs::remove_all(profile);
        EXPECT_EQ(status, 0) << command;
        ASSERT_TRUE(fs::exists(file)) << file;
        // A blank page compresses to a few hundred bytes; a styled form is several kilobytes.
        EXPECT_GT(fs::file_size(file), 5000u) << file;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, BrowserScreenshotTest, ::testing::Values(Backend::Sqlite),
                         test::backendName);

}  // namespace

namespace {

/// The whole flow in a real browser: tests/integration/browser/pages.cjs with playwright-core.
class BrowserFlowTest : public test::HttpTest {};

TEST_P(BrowserFlowTest, SignInCreateListFilterEditDeleteRestoreOnDesktopAndPhone) {
    if (std::system("command -v chromium > /dev/null 2>&1 && command -v node > /dev/null 2>&1") !=
        0) {
        FAIL() << "chromium and node are needed: run tools/setup --test";
    }
    std::string url = "http://127.0.0.1:" + std::to_string(server_->port());
    std::string command = std::string("timeout 300 ") + TESSERA_TEST_SOURCE_DIR +
                          "/tests/integration/browser/run.sh " + TESSERA_BUILD_DIR + " " + url +
                          " admin '" + kPassword + "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    namespace fs = std::filesystem;
    for (const char* shot : {"desktop-list.png", "phone-list.png", "phone-detail.png"}) {
        fs::path file = fs::path(TESSERA_BUILD_DIR) / "screenshots" / shot;
        EXPECT_TRUE(fs::exists(file)) << file;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, BrowserFlowTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
