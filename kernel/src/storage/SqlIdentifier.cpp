#include <tessera/kernel/storage/SqlIdentifier.hpp>

#include <cstdio>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel {

namespace {

/// The name as it can be shown in a message: printable ASCII as is, everything else as \xNN.
std::string printable(std::string_view name) {
    constexpr std::size_t kShown = 80;
    std::string out;
    for (std::size_t i = 0; i < name.size() && i < kShown; ++i) {
        auto c = static_cast<unsigned char>(name[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += static_cast<char>(c);
        } else {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    if (name.size() > kShown) {
        out += "...";
    }
    return out;
}

}  // namespace

bool SqlIdentifier::isValid(std::string_view name) {
    if (name.empty() || name.size() > kMaxLength) {
        return false;
    }
    auto first = name.front();
    if (!(first == '_' || (first >= 'a' && first <= 'z'))) {
        return false;
    }
    for (char c : name) {
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return false;
        }
    }
    return true;
}

std::string SqlIdentifier::quote(std::string_view name, std::string_view what) {
    if (!isValid(name)) {
        throw StorageError("invalid " + std::string(what) + " name \"" + printable(name) +
                           "\": use lowercase letters, digits and _, starting with a letter or "
                           "_, at most " +
                           std::to_string(kMaxLength) + " characters");
    }
    return "\"" + std::string(name) + "\"";
}

}  // namespace tessera::kernel
