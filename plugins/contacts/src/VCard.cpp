#include "VCard.hpp"

#include "IdList.hpp"

#include <sstream>

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr std::size_t kMaxContacts = 5000;

std::string text(const Record& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// RFC 6350 §3.4: backslash, comma, semicolon and line breaks are escaped in text values.
std::string escape(const std::string& value) {
    std::string out;
    for (char c : value) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ',': out += "\\,"; break;
            case ';': out += "\\;"; break;
            case '\n': out += "\\n"; break;
            case '\r': break;
            default: out += c;
        }
    }
    return out;
}

/// RFC 6350 §3.2: lines longer than 75 octets continue on the next line after CRLF and a space.
void addLine(std::string& out, const std::string& line) {
    std::size_t start = 0;
    std::size_t limit = 75;
    while (line.size() - start > limit) {
        std::size_t cut = start + limit;
        while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out += line.substr(start, cut - start) + "\r\n ";
        start = cut;
        limit = 74;  // the leading space counts
    }
    out += line.substr(start) + "\r\n";
}

std::string compactDate(const std::string& isoDate) {
    std::string digits;
    for (char c : isoDate) {
        if (c != '-') {
            digits += c;
        }
    }
    return digits;
}

}  // namespace

std::string vcardOf(const Record& contact, const std::string& companyName,
                    const std::vector<Record>& addresses) {
    std::string out;
    addLine(out, "BEGIN:VCARD");
    addLine(out, "VERSION:4.0");
    addLine(out, "UID:urn:tessera:contact:" + contact["id"].dump());
    addLine(out, "FN:" + escape(text(contact, "full_name")));
    addLine(out, "N:" + escape(text(contact, "last_name")) + ";" +
                     escape(text(contact, "first_name")) + ";;" +
                     escape(text(contact, "salutation")) + ";");
    if (!companyName.empty()) {
        addLine(out, "ORG:" + escape(companyName));
    }
    if (!text(contact, "job_title").empty()) {
        addLine(out, "TITLE:" + escape(text(contact, "job_title")));
    }
    if (!text(contact, "email").empty()) {
        addLine(out, "EMAIL;TYPE=work:" + escape(text(contact, "email")));
    }
    if (!text(contact, "phone").empty()) {
        addLine(out, "TEL;TYPE=work,voice;VALUE=text:" + escape(text(contact, "phone")));
    }
    if (!text(contact, "mobile").empty()) {
        addLine(out, "TEL;TYPE=cell;VALUE=text:" + escape(text(contact, "mobile")));
    }
    if (!text(contact, "birthday").empty()) {
        addLine(out, "BDAY:" + compactDate(text(contact, "birthday")));
    }
    if (!text(contact, "linkedin").empty()) {
        addLine(out, "URL;TYPE=linkedin:" + text(contact, "linkedin"));
    }
    for (const auto& address : addresses) {
        std::string type = text(address, "address_type") == "home" ? "home" : "work";
        addLine(out, "ADR;TYPE=" + type + ":;;" + escape(text(address, "street")) + ";" +
                         escape(text(address, "city")) + ";" + escape(text(address, "region")) +
                         ";" + escape(text(address, "postal_code")) + ";" +
                         escape(text(address, "country")));
    }
    if (!text(contact, "notes").empty()) {
        addLine(out, "NOTE:" + escape(text(contact, "notes")));
    }
    if (contact.value("tags", nlohmann::json()).is_array() && !contact["tags"].empty()) {
        std::string categories;
        for (const auto& tag : contact["tags"]) {
            if (tag.is_string()) {
                categories += (categories.empty() ? "" : ",") + escape(tag.get<std::string>());
            }
        }
        addLine(out, "CATEGORIES:" + categories);
    }
    addLine(out, "END:VCARD");
    return out;
}

namespace {

std::string cardsOf(Records& records, const Caller& caller, const std::vector<Record>& contacts) {
    std::string out;
    for (const auto& contact : contacts) {
        std::string company;
        if (contact.value("company_id", nlohmann::json()).is_number_integer()) {
            try {
                company = records.get(caller, "Company", contact["company_id"].get<std::int64_t>())
                              .value("name", "");
            } catch (const PluginError&) {
                // a company out of the caller's sight is left out of the card
            }
        }
        Query addresses;
        addresses.entity = "Address";
        addresses.filter = Filter::eq("contact_id", contact["id"]);
        addresses.limit = 20;
        out += vcardOf(contact, company, records.query(caller, addresses).rows);
    }
    return out;
}

WebResponse download(std::string body, const std::string& fileName) {
    WebResponse response = WebResponse::raw("text/vcard; charset=utf-8", std::move(body));
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"" + fileName + "\"");
    return response;
}

}  // namespace

void addVCardExport(PluginContext& context) {
    Records& records = context.records();
    context.addRoute({"GET", "/p/contacts/vcard/{id}", Permission::on("Contact", Action::Read),
                      [&records](const WebRequest& request) {
                          std::int64_t id = 0;
                          try {
                              id = std::stoll(request.param("id"));
                          } catch (const std::exception&) {
                              throw PluginError("not_found", "no contact has this number");
                          }
                          Record contact = records.get(request.caller(), "Contact", id);
                          return download(cardsOf(records, request.caller(), {contact}),
                                          "contact-" + std::to_string(id) + ".vcf");
                      }});
    context.addRoute(
        {"GET", "/p/contacts/vcard", Permission::on("Contact", Action::Export),
         [&records](const WebRequest& request) {
             Query query;
             query.entity = "Contact";
             query.forExport = true;
             query.limit = 1000;
             query.sort = {{"id", false}};
             if (auto ids = request.query("ids")) {
                 query.filter = Filter::in("id", idList(*ids, "ids"));
             } else if (auto segment = request.query("segment")) {
                 std::int64_t segmentId = idList(*segment, "segment").at(0);
                 Record definition = records.get(request.caller(), "Segment", segmentId);
                 if (definition.value("target", "Contact") != "Contact") {
                     throw PluginError(Error{"validation", "this segment holds companies",
                                             {{"segment", "choose a segment of contacts"}}});
                 }
                 if (definition.value("kind", "dynamic") == "dynamic" &&
                     !definition.value("filter", nlohmann::json()).is_null()) {
                     query.filter = Filter::fromJson(definition["filter"]);
                 } else if (definition.value("kind", "dynamic") == "static") {
                     Query links;
                     links.entity = "SegmentMember";
                     links.filter = Filter::eq("segment_id", segmentId);
                     links.limit = 1000;
                     std::vector<std::int64_t> members;
                     for (const auto& row : records.query(request.caller(), links).rows) {
                         if (row.value("contact_id", nlohmann::json()).is_number_integer()) {
                             members.push_back(row["contact_id"].get<std::int64_t>());
                         }
                     }
                     query.filter = Filter::in("id", members.empty() ? std::vector<std::int64_t>{0}
                                                                     : members);
                 }
             } else {
                 throw PluginError(Error{"validation", "give ids=1,2,3 or segment=ID",
                                         {{"ids", "required without a segment"}}});
             }
             std::vector<Record> contacts;
             do {
                 Page page = records.query(request.caller(), query);
                 contacts.insert(contacts.end(), page.rows.begin(), page.rows.end());
                 query.after = page.nextCursor;
             } while (!query.after.empty() && contacts.size() < kMaxContacts);
             return download(cardsOf(records, request.caller(), contacts), "contacts.vcf");
         }});
    context.addPanel({Slot::DetailActions, "Contact", Permission::on("Contact", Action::Read), 10,
                      [](const PanelContext& panel) -> std::optional<PanelContent> {
                          return PanelContent{"", "contacts.vcard_action.tpl",
                                              {{"HREF", "/p/contacts/vcard/" +
                                                            std::to_string(panel.id)}}};
                      }});
}

}  // namespace contacts
