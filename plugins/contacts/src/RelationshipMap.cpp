#include "RelationshipMap.hpp"

#include <cmath>
#include <numbers>
#include <sstream>

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr std::size_t kMaxAround = 16;
constexpr double kWidth = 640;
constexpr double kHeight = 420;
constexpr double kRadius = 150;

std::string xmlEscape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') {
                    out += c;
                }
        }
    }
    return out;
}

std::string clip(const std::string& text, std::size_t length) {
    if (text.size() <= length) {
        return text;
    }
    std::size_t cut = length;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // do not split a UTF-8 sequence
    }
    return text.substr(0, cut) + "…";
}

std::string humanize(std::string value) {
    for (auto& c : value) {
        if (c == '_') {
            c = ' ';
        }
    }
    return value;
}

void drawNode(std::ostringstream& svg, double x, double y, const MapNode& node, bool centre) {
    bool company = node.kind == "company";
    double w = centre ? 170 : 140;
    double h = centre ? 40 : 32;
    svg << "<g class=\"node " << (company ? "company" : "contact") << (centre ? " centre" : "")
        << "\">";
    if (company) {
        svg << "<rect x=\"" << x - w / 2 << "\" y=\"" << y - h / 2 << "\" width=\"" << w
            << "\" height=\"" << h << "\" rx=\"4\" fill=\"" << (centre ? "#1d4ed8" : "#dbeafe")
            << "\" stroke=\"#1d4ed8\"/>";
    } else {
        svg << "<ellipse cx=\"" << x << "\" cy=\"" << y << "\" rx=\"" << w / 2 << "\" ry=\""
            << h / 2 << "\" fill=\"" << (centre ? "#047857" : "#d1fae5")
            << "\" stroke=\"#047857\"/>";
    }
    svg << "<text x=\"" << x << "\" y=\"" << y + 4 << "\" text-anchor=\"middle\" font-size=\""
        << (centre ? 14 : 12) << "\" fill=\"" << (centre ? "#ffffff" : "#111827") << "\">"
        << xmlEscape(clip(node.label, centre ? 22 : 18)) << "</text></g>";
}

}  // namespace

std::string relationshipSvg(const MapNode& centre, const std::vector<MapNode>& around) {
    std::ostringstream svg;
    svg.setf(std::ios::fixed);
    svg.precision(1);
    double cx = kWidth / 2;
    double cy = kHeight / 2;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << kWidth << " " << kHeight
        << "\" width=\"" << kWidth << "\" height=\"" << kHeight
        << "\" role=\"img\" font-family=\"system-ui, sans-serif\">"
        << "<title>" << xmlEscape("Relationships of " + centre.label) << "</title>";
    std::size_t count = std::min(around.size(), kMaxAround);
    std::vector<std::pair<double, double>> positions;
    for (std::size_t i = 0; i < count; ++i) {
        double angle = 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(count) -
                       std::numbers::pi / 2;
        positions.emplace_back(cx + kRadius * 1.45 * std::cos(angle),
                               cy + kRadius * std::sin(angle));
    }
    for (std::size_t i = 0; i < count; ++i) {
        auto [x, y] = positions[i];
        svg << "<line x1=\"" << cx << "\" y1=\"" << cy << "\" x2=\"" << x << "\" y2=\"" << y
            << "\" stroke=\"#9ca3af\"/>";
        svg << "<text x=\"" << (cx + x) / 2 << "\" y=\"" << (cy + y) / 2 - 4
            << "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#4b5563\">"
            << xmlEscape(clip(humanize(around[i].relation), 24)) << "</text>";
    }
    for (std::size_t i = 0; i < count; ++i) {
        drawNode(svg, positions[i].first, positions[i].second, around[i], false);
    }
    drawNode(svg, cx, cy, centre, true);
    if (around.size() > count) {
        svg << "<text x=\"" << kWidth - 8 << "\" y=\"" << kHeight - 8
            << "\" text-anchor=\"end\" font-size=\"11\" fill=\"#4b5563\">+"
            << around.size() - count << " more</text>";
    }
    svg << "</svg>";
    return svg.str();
}

namespace {

std::vector<Record> rowsWhere(Records& records, const Caller& caller, const std::string& entity,
                              Filter filter) {
    Query query;
    query.entity = entity;
    query.filter = std::move(filter);
    query.limit = static_cast<int>(kMaxAround) + 1;
    return records.query(caller, query).rows;
}

std::string titleOf(Records& records, const Caller& caller, const std::string& entity,
                    const nlohmann::json& id) {
    if (!id.is_number_integer()) {
        return {};
    }
    try {
        Record row = records.get(caller, entity, id.get<std::int64_t>());
        return row.value(entity == "Company" ? "name" : "full_name", "");
    } catch (const PluginError&) {
        return {};  // out of the caller's sight: not drawn
    }
}

std::vector<MapNode> aroundContact(Records& records, const Caller& caller, const Record& contact) {
    std::vector<MapNode> around;
    std::int64_t id = contact["id"].get<std::int64_t>();
    auto add = [&](const std::string& label, const char* kind, const std::string& relation) {
        if (!label.empty()) {
            around.push_back({label, kind, relation});
        }
    };
    add(titleOf(records, caller, "Company", contact.value("company_id", nlohmann::json())),
        "company", "works at");
    for (const auto& row : rowsWhere(records, caller, "Affiliation", Filter::eq("contact_id", id))) {
        add(titleOf(records, caller, "Company", row["company_id"]), "company",
            row.value("role", "affiliated"));
    }
    for (const auto& row : rowsWhere(records, caller, "Relationship", Filter::eq("contact_id", id))) {
        add(titleOf(records, caller, "Contact", row["other_contact_id"]), "contact",
            row.value("kind", ""));
    }
    for (const auto& row :
         rowsWhere(records, caller, "Relationship", Filter::eq("other_contact_id", id))) {
        add(titleOf(records, caller, "Contact", row["contact_id"]), "contact",
            row.value("kind", "") + " (of)");
    }
    return around;
}

std::vector<MapNode> aroundCompany(Records& records, const Caller& caller, const Record& company) {
    std::vector<MapNode> around;
    std::int64_t id = company["id"].get<std::int64_t>();
    std::string parent = titleOf(records, caller, "Company", company.value("parent_id", nlohmann::json()));
    if (!parent.empty()) {
        around.push_back({parent, "company", "parent"});
    }
    for (const auto& row : rowsWhere(records, caller, "Company", Filter::eq("parent_id", id))) {
        around.push_back({row.value("name", ""), "company", "subsidiary"});
    }
    for (const auto& row : rowsWhere(records, caller, "CompanyLink", Filter::eq("company_id", id))) {
        std::string other = titleOf(records, caller, "Company", row["other_company_id"]);
        if (!other.empty()) {
            around.push_back({other, "company", row.value("kind", "")});
        }
    }
    for (const auto& row : rowsWhere(records, caller, "Affiliation", Filter::eq("company_id", id))) {
        std::string person = titleOf(records, caller, "Contact", row["contact_id"]);
        if (!person.empty()) {
            around.push_back({person, "contact", row.value("role", "")});
        }
    }
    for (const auto& row : rowsWhere(records, caller, "Contact", Filter::eq("company_id", id))) {
        around.push_back({row.value("full_name", ""), "contact", row.value("job_title", "works here")});
    }
    return around;
}

}  // namespace

void addRelationshipMap(PluginContext& context) {
    Records& records = context.records();
    context.addRoute(
        {"GET", "/p/contacts/map/{entity}/{id}", Permission::signedIn(),
         [&records](const WebRequest& request) {
             std::string entity = request.param("entity");
             if (entity != "contacts" && entity != "companies") {
                 throw PluginError("not_found", "there is a map of contacts and companies only");
             }
             std::int64_t id = 0;
             try {
                 id = std::stoll(request.param("id"));
             } catch (const std::exception&) {
                 throw PluginError("not_found", "no record has this id");
             }
             bool company = entity == "companies";
             Record record = records.get(request.caller(), company ? "Company" : "Contact", id);
             MapNode centre{record.value(company ? "name" : "full_name", ""),
                            company ? "company" : "contact", ""};
             auto around = company ? aroundCompany(records, request.caller(), record)
                                   : aroundContact(records, request.caller(), record);
             WebResponse svg = WebResponse::raw("image/svg+xml", relationshipSvg(centre, around));
             svg.headers.emplace_back("Cache-Control", "private, no-store");
             return svg;
         }});
    for (const char* entity : {"Contact", "Company"}) {
        std::string slug = std::string(entity) == "Contact" ? "contacts" : "companies";
        context.addPanel({Slot::DetailMain, entity, Permission::signedIn(), 40,
                          [slug](const PanelContext& panel) -> std::optional<PanelContent> {
                              return PanelContent{
                                  "Relationship map", "contacts.map.tpl",
                                  {{"SRC", "/p/contacts/map/" + slug + "/" +
                                               std::to_string(panel.id)}}};
                          }});
    }
}

}  // namespace contacts
