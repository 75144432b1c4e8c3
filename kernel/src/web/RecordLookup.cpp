#include <set>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/HttpServer.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr int kDefaultLimit = 10;
constexpr int kMaxLimit = 50;
constexpr std::size_t kMaxQuery = 200;

void badQuery(HttpResponse& response, const std::string& parameter, const std::string& message) {
    response.json(errorBody("bad_query", parameter + ": " + message, {{parameter, message}}), 400);
}

bool textLike(const FieldDef* field) {
    return field && (field->type == FieldType::Text || field->type == FieldType::Email ||
                     field->type == FieldType::Phone || field->type == FieldType::Url);
}

}  // namespace

void lookup(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    std::string q = request.queryValue("q").value_or("");
    if (q.size() > kMaxQuery || !isValidUtf8(q)) {
        badQuery(response, "q", "search for at most 200 characters of UTF-8 text");
        return;
    }
    int limit = kDefaultLimit;
    if (auto text = request.queryValue("limit")) {
        auto n = positiveId(*text);
        if (!n || *n > kMaxLimit) {
            badQuery(response, "limit",
                     "use a whole number from 1 to " + std::to_string(kMaxLimit));
            return;
        }
        limit = static_cast<int>(*n);
    }
    nlohmann::json data = nlohmann::json::array();
    response.setHeader("Cache-Control", "no-store");
    if (!canRead(pages, request, entity.name)) {
        response.json(data);
        return;
    }
    sdk::Caller caller = PageSupport::callerOf(request);
    const FieldDef* title = entity.field(entity.titleField);
    std::set<std::int64_t> seen;
    auto add = [&](std::optional<sdk::Filter> filter) {
        if (static_cast<int>(data.size()) >= limit) {
            return;
        }
        sdk::Query query;
        query.entity = entity.name;
        query.filter = std::move(filter);
        if (textLike(title)) {
            query.sort = {sdk::SortKey{title->name, false}};
        }
        query.limit = limit;
        for (const auto& record : pages.app().records().query(caller, query).rows) {
            std::int64_t id = record.value("id", std::int64_t{0});
            if (static_cast<int>(data.size()) < limit && seen.insert(id).second) {
                data.push_back({{"id", id}, {"title", titleOf(entity, record)}});
            }
        }
    };
    // The record with that number first, then titles that start with the text, then those
    // that contain it.
    if (auto id = positiveId(q)) {
        add(sdk::Filter::eq("id", *id));
    }
    if (q.empty()) {
        add(std::nullopt);
    } else if (textLike(title)) {
        add(sdk::Filter::startsWith(title->name, q));
        add(sdk::Filter::contains(title->name, q));
    }
    response.json(data);
}

}  // namespace tessera::kernel::detail
