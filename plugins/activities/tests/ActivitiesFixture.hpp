#pragma once

#include <gtest/gtest.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "IsolatedDatabase.hpp"

namespace activities::test {

using tessera::kernel::Backend;
using tessera::sdk::Caller;
using tessera::sdk::Record;
using tessera::sdk::testing::TestKernel;

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos;
         at = text.find(part, at + part.size())) {
        ++count;
    }
    return count;
}

/// The path of the calendar link on the subscription page, "" when there is none.
inline std::string feedPath(const std::string& page) {
    std::smatch match;
    static const std::regex kUrl(R"((/p/activities/ical/[0-9a-f]{64}\.ics))");
    return std::regex_search(page, match, kUrl) ? match[1].str() : "";
}

/// A whole Tessera with contacts and activities on SQLite or PostgreSQL, an admin, a manager and
/// two sales reps in different teams.
class ActivitiesFixture : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<tessera::test::IsolatedDatabase>(GetParam());
        database_->close();
        kernel_ = start();
        admin_ = Caller::user(kernel_->createUser("admin", "admin"));
        rep_ = Caller::user(kernel_->createUser("rep", "sales_rep"));
        other_ = Caller::user(kernel_->createUser("other", "sales_rep"));
    }

    /// The plugins each test starts with; a test class may add a fixture plugin.
    virtual std::vector<std::string> plugins() const { return {"contacts", "activities"}; }

    std::unique_ptr<TestKernel> start() {
        return std::make_unique<TestKernel>(
            TestKernel::Options{.plugins = plugins(),
                                .pluginPath = std::string(PLUGIN_PATH) + ":" + FIXTURE_PLUGIN_PATH,
                                .databaseUrl = database_->url()});
    }

    tessera::sdk::Records& records() { return kernel_->records(); }

    Record create(const Caller& caller, const std::string& entity, const Record& values) {
        return records().create(caller, entity, values);
    }

    /// The message for `field` when `caller` creates `values`, or "accepted".
    std::string fieldError(const Caller& caller, const std::string& entity, const Record& values,
                           const std::string& field) {
        try {
            create(caller, entity, values);
        } catch (const tessera::sdk::PluginError& e) {
            auto it = e.error().fields.find(field);
            return it == e.error().fields.end() ? "error without " + field + ": " + e.what()
                                                : it->second;
        }
        return "accepted";
    }

    /// `login`'s iCalendar feed through a new calendar link, as a calendar app reads it.
    std::string feedOf(const std::string& login) {
        auto page = kernel_->signIn(login).postForm("/p/activities/calendar/subscription", {});
        std::string path = feedPath(page.body);
        EXPECT_FALSE(path.empty()) << page.body;
        auto feed = kernel_->anonymous().get(path);
        EXPECT_EQ(feed.status, 200) << feed.body;
        return feed.body;
    }

    std::int64_t count(const std::string& entity) {
        return records().count(Caller::systemCaller(), {.entity = entity});
    }

    std::unique_ptr<tessera::test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
    Caller admin_;
    Caller rep_;
    Caller other_;
};

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace activities::test
