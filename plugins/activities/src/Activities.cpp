#include "Activities.hpp"

#include <algorithm>
#include <cctype>

namespace activities {

TimeZone Activities::zoneOf(const tessera::sdk::Record& record) const {
    return zoneFor(record, zone);
}

TimeZone zoneFor(const tessera::sdk::Record& record, const TimeZone& fallback) {
    std::string name = text(record, "time_zone");
    if (name.empty()) {
        return fallback;
    }
    auto named = TimeZone::named(name);
    return named ? *named : fallback;
}

std::string recordPath(const std::string& entity, std::int64_t id) {
    std::string slug;
    for (std::size_t i = 0; i < entity.size(); ++i) {
        auto c = static_cast<unsigned char>(entity[i]);
        if (std::isupper(c) && i > 0) {
            slug += '-';
        }
        slug += static_cast<char>(std::tolower(c));
    }
    bool consonantY = slug.size() > 1 && slug.ends_with("y") &&
                      std::string("aeiou").find(slug[slug.size() - 2]) == std::string::npos;
    if (consonantY) {
        slug = slug.substr(0, slug.size() - 1) + "ies";
    } else if (slug.ends_with("s") || slug.ends_with("x") || slug.ends_with("ch") ||
               slug.ends_with("sh")) {
        slug += "es";
    } else {
        slug += "s";
    }
    return "/r/" + slug + "/" + std::to_string(id);
}

std::string recordTitle(const std::string& entity, const tessera::sdk::Record& record) {
    for (const char* field : {"full_name", "name", "title", "subject"}) {
        std::string value = text(record, field);
        if (!value.empty()) {
            return value.substr(0, 300);
        }
    }
    return entity + " #" + std::to_string(integer(record, "id"));
}

std::vector<tessera::sdk::Record> readAll(tessera::sdk::Records& records,
                                          const tessera::sdk::Caller& caller,
                                          tessera::sdk::Query query, std::size_t max) {
    std::vector<tessera::sdk::Record> rows;
    query.limit = 1000;
    do {
        tessera::sdk::Page page = records.query(caller, query);
        rows.insert(rows.end(), std::make_move_iterator(page.rows.begin()),
                    std::make_move_iterator(page.rows.end()));
        query.after = page.nextCursor;
    } while (!query.after.empty() && rows.size() < max);
    return rows;
}

std::vector<tessera::sdk::Record> readByIds(tessera::sdk::Records& records,
                                            const tessera::sdk::Caller& caller,
                                            const std::string& entity,
                                            const std::vector<std::int64_t>& ids,
                                            const std::vector<std::string>& fields) {
    constexpr std::size_t kChunk = 500;
    std::vector<tessera::sdk::Record> rows;
    for (std::size_t at = 0; at < ids.size(); at += kChunk) {
        auto first = ids.begin() + static_cast<std::ptrdiff_t>(at);
        auto last = ids.begin() + static_cast<std::ptrdiff_t>(std::min(at + kChunk, ids.size()));
        tessera::sdk::Query query;
        query.entity = entity;
        query.filter = tessera::sdk::Filter::in("id", nlohmann::json(std::vector(first, last)));
        query.fields = fields;
        auto chunk = readAll(records, caller, query);
        rows.insert(rows.end(), std::make_move_iterator(chunk.begin()),
                    std::make_move_iterator(chunk.end()));
    }
    return rows;
}

std::string text(const tessera::sdk::Record& record, const std::string& field) {
    auto it = record.find(field);
    if (it == record.end() || it->is_null()) {
        return "";
    }
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::int64_t integer(const tessera::sdk::Record& record, const std::string& field) {
    auto it = record.find(field);
    if (it == record.end() || !it->is_number_integer()) {
        return 0;
    }
    return it->get<std::int64_t>();
}

}  // namespace activities
