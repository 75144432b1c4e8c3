#include <tessera/kernel/records/SearchEntries.hpp>

#include <tessera/kernel/records/FieldCodec.hpp>

namespace tessera::kernel {

namespace {

std::int64_t idOrZero(const nlohmann::json& value) {
    return FieldCodec::optionalId(value).value_or(0);
}

}  // namespace

std::optional<SearchIndex::Entry> searchEntryOf(const EntityDef& e, const sdk::Record& record) {
    auto searchable = e.searchableFields();
    if (searchable.empty() && e.titleField == "id") {
        return std::nullopt;
    }
    std::string body;
    for (const FieldDef* f : searchable) {
        auto it = record.find(f->name);
        if (it == record.end() || it->is_null()) {
            continue;
        }
        if (it->is_array()) {
            for (const auto& tag : *it) {
                body += FieldCodec::display(tag) + " ";
            }
        } else {
            body += FieldCodec::display(*it);
        }
        body += "\n";
    }
    std::int64_t id = idOrZero(record.value("id", nlohmann::json()));
    auto title = record.find(e.titleField);
    return SearchIndex::Entry{
        e.name,
        id,
        title == record.end() || title->is_null() ? std::string() : FieldCodec::display(*title),
        body,
        idOrZero(record.value("owner_id", nlohmann::json())),
        idOrZero(record.value("team_id", nlohmann::json()))};
}

}  // namespace tessera::kernel
