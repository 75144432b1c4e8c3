#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/auth/PasswordHasher.hpp>

namespace tessera::kernel {

/// Loads the demo data the enabled plugins registered (PluginContext::addDemoData), in
/// dependency order, each plugin once per database (`force` loads again). Makes the demo users
/// first — a manager, two sales reps in two teams, a support agent and a marketer — sharing one
/// generated password.
class DemoData {
public:
    struct Report {
        std::vector<std::string> loaded;   ///< plugin ids whose data was loaded now
        std::vector<std::string> skipped;  ///< loaded before
        /// "plugin: message" for each loader that failed; the others still ran.
        std::vector<std::string> failures;
        /// The password of the demo users made now; empty when they existed already.
        std::string usersPassword;
        std::vector<std::string> users;
    };

    DemoData(Kernel& kernel, PasswordHasher::Strength strength);
    Report load(int scale, bool force);

private:
    void ensureTable();
    std::map<std::string, std::int64_t> ensureUsers(Report& report);

    Kernel& kernel_;
    PasswordHasher hasher_;
};

}  // namespace tessera::kernel
