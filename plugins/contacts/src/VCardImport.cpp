#include "VCardImport.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "Csv.hpp"
#include "Refuse.hpp"

namespace contacts {

namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

/// Logical lines: a line starting with a space or a tab continues the one before (§3.2).
std::vector<std::string> unfold(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        std::string line =
            text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? text.size() : end + 1;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty()) {
            lines.back() += line.substr(1);
        } else if (!line.empty()) {
            lines.push_back(std::move(line));
        }
    }
    return lines;
}

/// A value split on unescaped `separator`, each part unescaped (\n, \, \; \\).
std::vector<std::string> components(const std::string& value, char separator) {
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        if (c == '\\' && i + 1 < value.size()) {
            char e = value[++i];
            parts.back() += (e == 'n' || e == 'N') ? '\n' : e;
        } else if (c == separator) {
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    return parts;
}

std::string unescaped(const std::string& value) {
    std::string out;
    for (const auto& part : components(value, '\0')) {
        out += part;
    }
    return out;
}

struct Property {
    std::string name;
    std::string params;  ///< upper case, e.g. ";TYPE=CELL,VOICE"
    std::string value;
};

Property propertyOf(const std::string& line) {
    bool quoted = false;
    std::size_t colon = std::string::npos;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') {
            quoted = !quoted;
        } else if (line[i] == ':' && !quoted) {
            colon = i;
            break;
        }
    }
    if (colon == std::string::npos) {
        return {};
    }
    std::string head = line.substr(0, colon);
    std::size_t semicolon = head.find(';');
    std::string name = upper(head.substr(0, semicolon));
    if (std::size_t dot = name.find('.'); dot != std::string::npos) {
        name = name.substr(dot + 1);
    }
    return {name, semicolon == std::string::npos ? "" : upper(head.substr(semicolon)),
            line.substr(colon + 1)};
}

std::string birthday(const std::string& value) {
    std::string digits;
    for (char c : value.substr(0, value.find('T'))) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        } else if (c != '-') {
            return {};
        }
    }
    if (digits.size() != 8 || value.starts_with("--")) {
        return {};  // no year (--0412) or not a date
    }
    return digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2);
}

const std::vector<std::string>& columns() {
    static const std::vector<std::string> kColumns = {
        "First name", "Last name", "Full name", "Email", "Phone",   "Mobile",
        "Company",    "Job title", "Birthday",  "City",  "Country", "Notes"};
    return kColumns;
}

}  // namespace

std::string vcardsToCsv(const std::string& text) {
    std::string csv = csvLine(columns());
    std::map<std::string, std::string> card;
    bool inCard = false;
    int cards = 0;
    auto keep = [&card](const std::string& column, const std::string& value) {
        if (!value.empty() && card[column].empty()) {
            card[column] = value;
        }
    };
    for (const auto& line : unfold(text)) {
        Property p = propertyOf(line);
        if (p.name == "BEGIN" && upper(p.value) == "VCARD") {
            card.clear();
            inCard = true;
        } else if (p.name == "END" && upper(p.value) == "VCARD" && inCard) {
            std::vector<std::string> cells;
            for (const auto& column : columns()) {
                cells.push_back(card[column]);
            }
            csv += csvLine(cells);
            inCard = false;
            ++cards;
        } else if (!inCard) {
            continue;
        } else if (p.name == "N") {
            auto parts = components(p.value, ';');
            keep("Last name", parts.at(0));
            keep("First name", parts.size() > 1 ? parts[1] : "");
        } else if (p.name == "FN") {
            keep("Full name", unescaped(p.value));
        } else if (p.name == "EMAIL") {
            keep("Email", unescaped(p.value));
        } else if (p.name == "TEL") {
            std::string number = unescaped(p.value);
            if (number.starts_with("tel:")) {
                number = number.substr(4);
            }
            keep(p.params.find("CELL") != std::string::npos ? "Mobile" : "Phone", number);
        } else if (p.name == "ORG") {
            keep("Company", components(p.value, ';').at(0));
        } else if (p.name == "TITLE") {
            keep("Job title", unescaped(p.value));
        } else if (p.name == "BDAY") {
            keep("Birthday", birthday(p.value));
        } else if (p.name == "ADR") {
            auto parts = components(p.value, ';');
            keep("City", parts.size() > 3 ? parts[3] : "");
            keep("Country", parts.size() > 6 ? parts[6] : "");
        } else if (p.name == "NOTE") {
            keep("Notes", unescaped(p.value));
        }
    }
    if (inCard) {
        refuse("file", "the file is not a valid vCard: a card is never ended (END:VCARD missing)");
    }
    if (cards == 0) {
        refuse("file", "the file holds no vCard (no BEGIN:VCARD line)");
    }
    return csv;
}

}  // namespace contacts
