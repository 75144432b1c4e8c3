#include "Mentions.hpp"

#include <algorithm>
#include <cctype>

namespace activities {

namespace {

bool loginChar(char c) {
    auto u = static_cast<unsigned char>(c);
    return std::islower(u) || std::isdigit(u) || c == '.' || c == '_' || c == '-' || c == '@' ||
           std::isupper(u);
}

}  // namespace

std::vector<std::string> mentionedLogins(const std::string& text) {
    std::vector<std::string> logins;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '@' || (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() && loginChar(text[end]) && end - i <= 64) {
            ++end;
        }
        std::string login = text.substr(i + 1, end - i - 1);
        while (!login.empty() &&
               (login.back() == '.' || login.back() == '-' || login.back() == '@')) {
            login.pop_back();  // "@anna." at the end of a sentence
        }
        std::transform(login.begin(), login.end(), login.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (login.size() >= 3 && std::find(logins.begin(), logins.end(), login) == logins.end()) {
            logins.push_back(login);
        }
        i = end - 1;
    }
    return logins;
}

}  // namespace activities
