#include <tessera/kernel/app/DemoData.hpp>

#include <spdlog/spdlog.h>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/UserCredentials.hpp>
#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel {

namespace {

struct DemoUser {
    const char* login;
    const char* name;
    const char* role;
    const char* team;  ///< "" for none
};

constexpr DemoUser kDemoUsers[] = {
    {"manager", "Morgan Manager", "manager", "Sales East"},
    {"sales", "Sam Seller", "sales_rep", "Sales East"},
    {"sales2", "Robin Rep", "sales_rep", "Sales West"},
    {"support", "Casey Support", "support_agent", ""},
    {"marketing", "Alex Marketer", "marketing", ""},
};

}  // namespace

DemoData::DemoData(Kernel& kernel, PasswordHasher::Strength strength)
    : kernel_(kernel), hasher_(strength) {}

void DemoData::ensureTable() {
    Poco::Data::Session s = kernel_.database().session();
    Sql::execute(kernel_.database(), s,
                 "CREATE TABLE IF NOT EXISTS tessera_demo_loads (plugin_id TEXT PRIMARY KEY, "
                 "scale INTEGER NOT NULL, loaded_at BIGINT NOT NULL)");
}

std::map<std::string, std::int64_t> DemoData::ensureUsers(Report& report) {
    AccessControl& access = kernel_.access();
    UserCredentials credentials(kernel_.database());
    credentials.ensureTables();
    std::map<std::string, std::int64_t> users;
    std::map<std::string, std::int64_t> teams;
    std::string hash;
    for (const DemoUser& user : kDemoUsers) {
        if (auto existing = access.userIdByLogin(user.login)) {
            users[user.login] = *existing;
            continue;
        }
        std::vector<std::int64_t> teamIds;
        if (*user.team) {
            if (!teams.contains(user.team)) {
                teams[user.team] = access.createTeam(user.team);
            }
            teamIds.push_back(teams[user.team]);
        }
        std::int64_t id = access.createUser(user.login, user.name,
                                            std::string(user.login) + "@demo.tessera.invalid",
                                            {user.role}, teamIds);
        if (hash.empty()) {
            report.usersPassword = randomHex(8);
            hash = hasher_.hash(report.usersPassword);
        }
        credentials.setPasswordHash(id, hash);
        users[user.login] = id;
        report.users.push_back(user.login);
    }
    if (auto admin = access.userIdByLogin("admin")) {
        users["admin"] = *admin;
    }
    return users;
}

DemoData::Report DemoData::load(int scale, bool force) {
    Report report;
    ensureTable();
    auto users = ensureUsers(report);
    Database& db = kernel_.database();
    for (const auto& [pluginId, loader] : kernel_.web().demoLoaders()) {
        Poco::Data::Session s = db.session();
        bool loadedBefore =
            !Sql::query(db, s, "SELECT 1 FROM tessera_demo_loads WHERE plugin_id = $1",
                        {pluginId})
                 .empty();
        if (loadedBefore && !force) {
            report.skipped.push_back(pluginId);
            continue;
        }
        sdk::DemoContext context{kernel_.records(), sdk::Caller::systemCaller(), scale, 42, users};
        try {
            loader(context);
        } catch (const std::exception& e) {
            spdlog::error("demo data of {} failed: {}", pluginId, e.what());
            report.failures.push_back(pluginId + ": " + e.what());
            continue;
        }
        Sql::execute(db, s,
                     "INSERT INTO tessera_demo_loads (plugin_id, scale, loaded_at) VALUES ($1, "
                     "$2, $3) ON CONFLICT (plugin_id) DO UPDATE SET scale = excluded.scale, "
                     "loaded_at = excluded.loaded_at",
                     {pluginId, static_cast<std::int64_t>(scale), unixNow()});
        report.loaded.push_back(pluginId);
    }
    return report;
}

}  // namespace tessera::kernel
