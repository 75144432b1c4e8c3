#include "DemoData.hpp"

#include <array>
#include <random>

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr std::array kFirstNames = {"Anna", "Ben", "Chloé", "David", "Elena", "Farid", "Greta",
                                    "Hiro", "Isabel", "Jonas", "Kemal", "Lena", "Marco", "Nora",
                                    "Oskar", "Priya", "Quentin", "Rosa", "Stefan", "Tomás",
                                    "Ulla", "Victor", "Wen", "Yusuf", "Zoe", "Amara", "Bjørn",
                                    "Carmen", "Dmitri", "Eva"};
constexpr std::array kLastNames = {"Schmidt", "Müller", "Novak", "Rossi", "García", "Dubois",
                                   "Jansen", "Kowalski", "Andersson", "Okafor", "Tanaka", "Silva",
                                   "Weber", "Fischer", "Moreau", "Costa", "Nielsen", "Horvat",
                                   "Yilmaz", "Brennan", "Larsen", "Meyer", "Petrov", "Lund",
                                   "Ibrahim", "Keller", "Wagner", "Becker", "Hoffmann", "Ricci"};
constexpr std::array kNameStarts = {"North", "Blue", "Bright", "Silver", "Green", "Iron", "Swift",
                                    "Clear", "Summit", "Harbor", "Atlas", "Nova", "Vertex",
                                    "Polar", "Cedar", "Delta", "Granite", "Lumen", "Orbit",
                                    "Quantum"};
constexpr std::array kNameEnds = {"Systems", "Logistics", "Foods", "Energy", "Analytics",
                                  "Robotics", "Health", "Textiles", "Media", "Motors"};
constexpr std::array kLegalForms = {"GmbH", "Inc.", "Ltd", "AG", "SAS", "BV", "LLC", "Oy"};
constexpr std::array kIndustries = {"Technology", "Manufacturing", "Retail", "Finance",
                                    "Healthcare", "Education", "Energy", "Logistics", "Media",
                                    "Services"};
constexpr std::array kSizes = {"1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+"};
constexpr std::array kCities = {
    std::pair{"Berlin", "Germany"},   std::pair{"Munich", "Germany"},
    std::pair{"Paris", "France"},     std::pair{"Lyon", "France"},
    std::pair{"Amsterdam", "Netherlands"}, std::pair{"Vienna", "Austria"},
    std::pair{"Zurich", "Switzerland"}, std::pair{"Stockholm", "Sweden"},
    std::pair{"Madrid", "Spain"},     std::pair{"Milan", "Italy"},
    std::pair{"London", "United Kingdom"}, std::pair{"Boston", "United States"},
    std::pair{"Toronto", "Canada"},   std::pair{"Helsinki", "Finland"}};
constexpr std::array kStages = {"subscriber", "lead", "lead", "prospect", "prospect",
                                "customer", "customer", "customer", "inactive", "churned"};
constexpr std::array kTypes = {"prospect", "prospect", "customer", "customer", "customer",
                               "partner", "competitor", "supplier"};
constexpr std::array kTitles = {"CEO", "CTO", "Head of Purchasing", "Sales Director",
                                "Operations Manager", "IT Manager", "Office Manager",
                                "Finance Director", "Project Lead", "Marketing Manager"};
constexpr std::array kRoles = {"decision_maker", "influencer", "user", "billing", "technical",
                               "champion"};
constexpr std::array kTags = {"vip", "newsletter", "event-2026", "partner-program", "upsell",
                              "at-risk", "referral"};

std::string slugOf(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) && c < 0x80) {
            out += static_cast<char>(std::tolower(c));
        }
    }
    return out;
}

/// Plain-ASCII e-mail local parts ("Chloé" -> "chlo").
std::string mailName(const std::string& first, const std::string& last) {
    return slugOf(first) + "." + slugOf(last);
}

}  // namespace

void loadDemoData(DemoContext& demo) {
    std::mt19937_64 random(demo.seed);
    auto pick = [&random](const auto& list) {
        return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(random)];
    };
    auto chance = [&random](int percent) {
        return std::uniform_int_distribution<int>(1, 100)(random) <= percent;
    };
    std::vector<std::int64_t> owners;
    for (const char* login : {"sales", "sales2", "manager"}) {
        if (auto it = demo.users.find(login); it != demo.users.end()) {
            owners.push_back(it->second);
        }
    }
    auto ownerField = [&](Record& values) {
        if (!owners.empty()) {
            values["owner_id"] = owners[std::uniform_int_distribution<std::size_t>(
                0, owners.size() - 1)(random)];
        }
    };
    auto someTags = [&]() {
        nlohmann::json tags = nlohmann::json::array();
        for (const char* tag : kTags) {
            if (chance(12)) {
                tags.push_back(tag);
            }
        }
        return tags;
    };

    const int companies = 200 * demo.scale;
    std::vector<std::int64_t> companyIds;
    std::vector<std::string> domains;
    for (int i = 0; i < companies; ++i) {
        std::string name = std::string(kNameStarts[i % kNameStarts.size()]) + " " +
                           kNameEnds[(i / kNameStarts.size()) % kNameEnds.size()];
        if (i >= static_cast<int>(kNameStarts.size() * kNameEnds.size())) {
            name += " " + std::to_string(i / (kNameStarts.size() * kNameEnds.size()) + 1);
        }
        std::string legal = pick(kLegalForms);
        std::string domain = slugOf(name) + ".example";
        auto [city, country] = pick(kCities);
        Record values = {{"name", name + " " + legal},
                         {"website", "https://www." + domain},
                         {"industry", pick(kIndustries)},
                         {"size", pick(kSizes)},
                         {"company_type", pick(kTypes)},
                         {"lifecycle_stage", pick(kStages)},
                         {"employees", std::uniform_int_distribution<int>(3, 9000)(random)},
                         {"annual_revenue",
                          {{"amount", std::uniform_int_distribution<int>(2, 900)(random) * 100000},
                           {"currency", country == std::string("United States") ? "USD" : "EUR"}}},
                         {"phone", "+49 30 " + std::to_string(2000000 + i * 37)},
                         {"email", "info@" + domain},
                         {"city", city},
                         {"country", country},
                         {"tags", someTags()}};
        // Every tenth company after the first ten belongs to a group headed by an earlier one,
        // and some of those have subsidiaries of their own: trees three levels deep.
        if (i >= 10 && i % 10 < 3) {
            values["parent_id"] = companyIds[static_cast<std::size_t>(i % 10 == 2 ? i - 1 : i / 10)];
        }
        ownerField(values);
        Record made = demo.records.create(demo.caller, "Company", values);
        companyIds.push_back(made["id"].get<std::int64_t>());
        domains.push_back(domain);
        demo.records.create(demo.caller, "Address",
                            {{"address_type", "office"},
                             {"street", std::to_string(1 + i % 120) + " Market Street"},
                             {"city", city},
                             {"postal_code", std::to_string(10000 + i * 7)},
                             {"country", country},
                             {"company_id", companyIds.back()}});
    }
    for (std::size_t i = 0; i + 1 < companyIds.size(); i += 17) {
        demo.records.create(demo.caller, "CompanyLink",
                            {{"company_id", companyIds[i]},
                             {"kind", i % 2 ? "partner" : "supplier"},
                             {"other_company_id", companyIds[i + 1]}});
    }

    for (std::size_t c = 0; c < companyIds.size(); ++c) {
        std::vector<std::int64_t> people;
        for (int p = 0; p < 3; ++p) {
            std::string first = pick(kFirstNames);
            std::string last = pick(kLastNames);
            Record values = {{"first_name", first},
                             {"last_name", last},
                             {"job_title", kTitles[(c + static_cast<std::size_t>(p) * 3) % kTitles.size()]},
                             {"company_id", companyIds[c]},
                             {"email", mailName(first, last) + "@" + domains[c]},
                             {"phone", "+49 170 " + std::to_string(3000000 + c * 11 + static_cast<std::size_t>(p))},
                             {"lifecycle_stage", pick(kStages)},
                             {"preferred_channel", p == 0 ? "phone" : "email"},
                             {"consent_email", chance(60)},
                             {"tags", someTags()}};
            if (values["consent_email"].get<bool>()) {
                values["consent_date"] = "2026-0" + std::to_string(1 + c % 9) + "-15T09:00:00Z";
                values["consent_source"] = "Web form";
            }
            ownerField(values);
            Record made = demo.records.create(demo.caller, "Contact", values);
            people.push_back(made["id"].get<std::int64_t>());
            demo.records.create(demo.caller, "Affiliation",
                                {{"contact_id", people.back()},
                                 {"company_id", companyIds[c]},
                                 {"role", kRoles[(c + static_cast<std::size_t>(p)) % kRoles.size()]},
                                 {"is_primary", p == 0}});
        }
        demo.records.create(demo.caller, "Relationship",
                            {{"contact_id", people[1]}, {"kind", "reports_to"},
                             {"other_contact_id", people[0]}});
        if (c % 25 == 0) {
            // A second record of the same person, as an import or a colleague would make it.
            Record first = demo.records.get(demo.caller, "Contact", people[0]);
            demo.records.create(demo.caller, "Contact",
                                {{"first_name", first["first_name"]},
                                 {"last_name", first["last_name"]},
                                 {"email", first["email"]},
                                 {"company_id", companyIds[c]},
                                 {"lifecycle_stage", "lead"}});
        }
    }

    demo.records.create(demo.caller, "Segment",
                        {{"name", "Customers in Germany"},
                         {"target", "Contact"},
                         {"kind", "dynamic"},
                         {"filter", {{"and", {{{"field", "lifecycle_stage"}, {"op", "eq"}, {"value", "customer"}},
                                              {{"field", "country"}, {"op", "eq"}, {"value", "Germany"}}}}}},
                         {"description", "Every customer contact based in Germany."}});
    demo.records.create(demo.caller, "Segment",
                        {{"name", "Newsletter with consent"},
                         {"target", "Contact"},
                         {"kind", "dynamic"},
                         {"filter", {{"field", "consent_email"}, {"op", "eq"}, {"value", true}}}});
    Record vip = demo.records.create(demo.caller, "Segment",
                                     {{"name", "Key accounts"}, {"target", "Company"}, {"kind", "static"}});
    for (std::size_t i = 0; i < companyIds.size() && i < 12; i += 3) {
        demo.records.create(demo.caller, "SegmentMember",
                            {{"segment_id", vip["id"]}, {"company_id", companyIds[i]}});
    }
}

}  // namespace contacts
