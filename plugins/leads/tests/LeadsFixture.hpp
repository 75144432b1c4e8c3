#pragma once

// A Tessera with contacts, activities, deals and leads on SQLite or PostgreSQL, an admin and a
// sales rep, and helpers for campaigns, rules, teams and counts, shared by the leads tests.
#include <gtest/gtest.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include <map>
#include <memory>

#include "IsolatedDatabase.hpp"

namespace leads::test {

using tessera::kernel::Backend;
using tessera::sdk::Caller;
using tessera::sdk::Filter;
using tessera::sdk::Query;
using tessera::sdk::Record;
using tessera::sdk::testing::HttpAnswer;
using tessera::sdk::testing::HttpClient;
using tessera::sdk::testing::TestKernel;

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class LeadsFixture : public ::testing::TestWithParam<Backend> {
protected:
    /// More settings for the kernel, set by a test before SetUp runs (in its constructor).
    std::vector<std::string> settings_ = {"plugin.leads.form_rate_limit=20"};

    void SetUp() override {
        database_ = std::make_unique<tessera::test::IsolatedDatabase>(GetParam());
        database_->close();
        kernel_ = std::make_unique<TestKernel>(TestKernel::Options{.plugins = {"contacts", "activities", "deals", "leads"},
                                                                   .pluginPath = PLUGIN_PATH,
                                                                   .databaseUrl = database_->url(),
                                                                   .settings = settings_});
        ASSERT_EQ(kernel_->pluginStates().at("leads"), "running");
        admin_ = Caller::user(kernel_->createUser("admin", "admin"));
        rep_ = Caller::user(kernel_->createUser("rep", "sales_rep"));
    }

    tessera::sdk::Records& records() { return kernel_->records(); }

    Record lead(const Caller& caller, Record values) { return records().create(caller, "Lead", values); }
    Record reload(const std::string& entity, const Record& record) {
        return records().get(Caller::systemCaller(), entity, record["id"].get<std::int64_t>());
    }
    Record update(const Caller& caller, const Record& record, const Record& changes) {
        return records().update(caller, "Lead", record["id"], reload("Lead", record)["version"], changes);
    }

    std::int64_t count(const std::string& entity, std::optional<Filter> filter = std::nullopt) {
        Query query;
        query.entity = entity;
        query.filter = std::move(filter);
        return records().count(Caller::systemCaller(), query);
    }

    /// A campaign whose public form asks for `fields` and requires `required`.
    Record campaign(const std::string& name, nlohmann::json fields = {"first_name", "last_name", "email", "company_name",
                                                                    "company_size", "industry", "notes"},
                    nlohmann::json required = {"email", "last_name"}, Record more = Record::object()) {
        Record values = {{"name", name}, {"form_fields", fields}, {"required_fields", required}};
        values.update(more);
        return records().create(admin_, "Campaign", values);
    }

    Record scoringRule(const std::string& name, const std::string& field, const std::string& op,
                       const std::string& value, int points) {
        return records().create(admin_, "ScoringRule", {{"name", name}, {"kind", "field"}, {"field", field},
                                                        {"operator", op}, {"value", value}, {"points", points}});
    }

    /// A team made through the admin page; returns its id.
    std::int64_t team(const std::string& name) {
        auto answer = kernel_->signIn("admin").postForm("/admin/teams", {{"name", name}});
        std::string location = answer.header("location");
        auto at = location.find("#team-");
        if (answer.status != 303 || at == std::string::npos) {
            throw std::runtime_error("team not made: " + std::to_string(answer.status) + " " + answer.body);
        }
        return std::stoll(location.substr(at + 6));
    }

    /// The page a redirect leads to, with the flash message the redirect set, as a browser sees it.
    HttpAnswer follow(HttpClient& client, const HttpAnswer& redirect) {
        std::string cookies = redirect.header("set-cookie");
        auto at = cookies.find("tessera_flash=");
        if (at != std::string::npos) {
            auto end = cookies.find_first_of(";\n", at);
            client.setCookie("tessera_flash", cookies.substr(at + 14, end == std::string::npos ? end : end - at - 14));
        }
        return client.get(redirect.header("location"));
    }

    std::unique_ptr<tessera::test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
    Caller admin_;
    Caller rep_;
};

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

/// The per-field messages of a refused call, with "(code)" holding the error code, or
/// {"(code)": "accepted"}.
template <class Call>
std::map<std::string, std::string> refusal(Call call) {
    try {
        call();
    } catch (const tessera::sdk::PluginError& e) {
        auto fields = e.error().fields;
        fields["(code)"] = e.error().code;
        return fields;
    }
    return {{"(code)", "accepted"}};
}

}  // namespace leads::test
