#include <tessera/kernel/cli/UserCommand.hpp>

#include <iomanip>
#include <iostream>

#include <boost/program_options.hpp>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/Logging.hpp>
#include <tessera/kernel/app/UsageError.hpp>
#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/PasswordHasher.hpp>
#include <tessera/kernel/auth/UserCredentials.hpp>
#include <tessera/kernel/storage/StorageError.hpp>
#include <tessera/sdk/Error.hpp>

namespace po = boost::program_options;

namespace tessera::kernel {

namespace {

constexpr const char* kUsage =
    "usage: tessera user add --login L [--password P | --password-stdin] [--role R] [--email E] "
    "[--name N]\n"
    "       tessera user passwd --login L [--password P | --password-stdin]\n"
    "       tessera user list\n";

po::variables_map parse(const std::vector<std::string>& args, po::options_description& options,
                        const std::string& command) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(options).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError("user " + command + ": " + e.what());
    }
    return vm;
}

/// The password from --password, from standard input, or a generated one (printed once).
std::string passwordFrom(const po::variables_map& vm, bool& generated) {
    generated = false;
    if (vm.count("password") && vm.count("password-stdin")) {
        throw UsageError("give either --password or --password-stdin, not both");
    }
    std::string password;
    if (vm.count("password")) {
        password = vm["password"].as<std::string>();
    } else if (vm.count("password-stdin")) {
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r') {
            password.pop_back();
        }
    } else {
        generated = true;
        return randomHex(12);
    }
    if (password.size() < PasswordHasher::kMinLength) {
        throw UsageError("the password needs at least " +
                         std::to_string(PasswordHasher::kMinLength) + " characters");
    }
    if (password.size() > PasswordHasher::kMaxLength) {
        throw UsageError("the password is longer than " +
                         std::to_string(PasswordHasher::kMaxLength) + " characters");
    }
    return password;
}

struct Store {
    explicit Store(const Config& config)
        : db(DatabaseUrl::parse(config.getString("db.url"))), access(db), credentials(db),
          hasher(PasswordHasher::parseStrength(config.getString("auth.password_hash"))) {
        access.ensureTables();
        credentials.ensureTables();
    }
    Database db;
    AccessControl access;
    UserCredentials credentials;
    PasswordHasher hasher;
};

}  // namespace

int runUserCommand(const GlobalOptions& global, const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    std::string command = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    po::options_description options("Options");
    options.add_options()("help,h", "show this help");
    if (command == "add" || command == "passwd") {
        options.add_options()("login", po::value<std::string>()->value_name("L"), "the login")(
            "password", po::value<std::string>()->value_name("P"),
            "the password (visible to other users of this machine: prefer --password-stdin)")(
            "password-stdin", "read the password from the first line of standard input");
    }
    if (command == "add") {
        options.add_options()("role", po::value<std::string>()->value_name("R"),
                              "a role (admin, manager, sales_rep, support_agent, marketing)")(
            "email", po::value<std::string>()->value_name("E"), "e-mail address")(
            "name", po::value<std::string>()->value_name("N"), "display name (default: the login)");
    }
    if (command != "add" && command != "passwd" && command != "list") {
        throw UsageError("unknown user command '" + command + "'\n" + kUsage);
    }
    po::variables_map vm = parse(rest, options, command);
    if (vm.count("help")) {
        std::cout << kUsage << options;
        return 0;
    }
    Config config = Config::load(global.config, global.sets);
    setUpLogging(config);
    Store store(config);
    if (command == "list") {
        for (const auto& user : store.credentials.users()) {
            std::string roles;
            for (const auto& role : user.roles) {
                roles += (roles.empty() ? "" : ",") + role;
            }
            std::cout << std::left << std::setw(6) << user.id << std::setw(20) << user.login
                      << std::setw(24) << user.displayName << std::setw(28) << user.email
                      << std::setw(20) << roles << (user.active ? "active" : "inactive")
                      << (user.hasPassword ? "" : " (no password)") << "\n";
        }
        return 0;
    }
    if (!vm.count("login") || vm["login"].as<std::string>().empty()) {
        throw UsageError("user " + command + ": --login is required");
    }
    std::string login = vm["login"].as<std::string>();
    bool generated = false;
    std::string password = passwordFrom(vm, generated);
    if (command == "passwd") {
        auto existing = store.credentials.byLogin(login);
        if (!existing) {
            std::cerr << "tessera: there is no user '" << login << "' (see 'tessera user list')\n";
            return 1;
        }
        store.credentials.setPasswordHash(existing->userId, store.hasher.hash(password));
        std::cout << "Password of " << login << " changed.\n";
    } else {
        std::string role = vm.count("role") ? vm["role"].as<std::string>() : "sales_rep";
        std::string name = vm.count("name") ? vm["name"].as<std::string>() : login;
        std::string email = vm.count("email") ? vm["email"].as<std::string>() : "";
        std::int64_t id = 0;
        try {
            id = store.access.createUser(login, name, email, {role});
        } catch (const sdk::PluginError& e) {
            std::cerr << "tessera: " << e.what() << "\n";
            return 1;
        }
        store.credentials.setPasswordHash(id, store.hasher.hash(password));
        std::cout << "User " << login << " (id " << id << ", role " << role << ") created.\n";
    }
    if (generated) {
        std::cout << "Password: " << password << "\n(shown once; change it after signing in)\n";
    }
    return 0;
}

}  // namespace tessera::kernel
