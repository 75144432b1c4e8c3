#include <tessera/kernel/http/RecordApi.hpp>

#include <charconv>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/HttpServer.hpp>
#include <tessera/kernel/http/OpenApiDocument.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

constexpr int kMaxLimit = 1000;

HttpError badQuery(const std::string& parameter, const std::string& message) {
    return HttpError(400, "bad_query", parameter + ": " + message, {{parameter, message}});
}

std::optional<std::int64_t> parseInt(const std::string& text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

const EntityDef& entityOf(WebApplication& app, const HttpRequest& request) {
    const std::string& slug = request.params.at("slug");
    const EntityDef* entity = app.records().schema().entityBySlug(slug);
    if (!entity) {
        throw HttpError(404, "not_found",
                        "there is no entity '" + slug.substr(0, 64) +
                            "': see /api/v1/openapi.json for the ones there are");
    }
    return *entity;
}

std::int64_t idOf(const HttpRequest& request) {
    auto id = parseInt(request.params.at("id"));
    if (!id || *id <= 0) {
        throw HttpError(404, "not_found", "record ids are positive whole numbers");
    }
    return *id;
}

sdk::Caller callerOf(const HttpRequest& request) {
    return sdk::Caller::user(request.principal->userId);
}

/// A query-string value as the field's type wants it.
nlohmann::json typedValue(const FieldDef& field, const std::string& parameter,
                          const std::string& text) {
    switch (field.type) {
        case FieldType::Integer:
        case FieldType::Reference: {
            auto n = parseInt(text);
            if (!n) {
                throw badQuery(parameter, "'" + text.substr(0, 40) + "' is not a whole number");
            }
            return *n;
        }
        case FieldType::Decimal:
        case FieldType::Money: {
            try {
                std::size_t used = 0;
                double d = std::stod(text, &used);
                if (used != text.size()) {
                    throw std::invalid_argument("trailing");
                }
                return d;
            } catch (const std::exception&) {
                throw badQuery(parameter, "'" + text.substr(0, 40) + "' is not a number");
            }
        }
        case FieldType::Boolean:
            if (text == "true" || text == "1") return true;
            if (text == "false" || text == "0") return false;
            throw badQuery(parameter, "use true or false");
        default:
            return text;
    }
}

std::vector<std::string> splitComma(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find(',', pos);
        if (end == std::string::npos) {
            end = text.size();
        }
        parts.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return parts;
}

/// Takes the page by value and moves its rows: copying 50 records twice cost a tenth of a list.
nlohmann::json pageJson(sdk::Page page) {
    nlohmann::json rows = nlohmann::json::array();
    rows.get_ref<nlohmann::json::array_t&>().reserve(page.rows.size());
    for (auto& row : page.rows) {
        rows.push_back(std::move(row));
    }
    nlohmann::json body = nlohmann::json::object();
    body["data"] = std::move(rows);
    body["nextCursor"] = page.nextCursor.empty() ? nlohmann::json(nullptr)
                                                 : nlohmann::json(std::move(page.nextCursor));
    return body;
}

/// The expected version from the body's "version" or an If-Match header.
std::int64_t versionOf(const HttpRequest& request, nlohmann::json& body) {
    if (body.contains("version")) {
        nlohmann::json v = body["version"];
        body.erase("version");
        if (!v.is_number_integer()) {
            throw HttpError(422, "validation", "version must be the whole number read with the record",
                            {{"version", "must be a whole number"}});
        }
        return v.get<std::int64_t>();
    }
    std::string match = request.header("if-match");
    if (match.starts_with("W/")) {
        match = match.substr(2);
    }
    if (match.size() >= 2 && match.front() == '"' && match.back() == '"') {
        match = match.substr(1, match.size() - 2);
    }
    if (auto n = parseInt(match)) {
        return *n;
    }
    throw HttpError(428, "version_required",
                    "send the version you read, as \"version\" in the body or as an If-Match "
                    "header, so a change made since is not overwritten",
                    {{"version", "required"}});
}

}  // namespace

sdk::Query RecordApi::parseListQuery(const EntityDef& entity, const HttpRequest& request) {
    sdk::Query query;
    query.entity = entity.name;
    std::vector<sdk::Filter> filters;
    for (const auto& [name, value] : request.query) {
        if (!isValidUtf8(value) || !isValidUtf8(name)) {
            throw badQuery(name.substr(0, 40), "the value is not valid UTF-8");
        }
        if (name == "filter") {
            nlohmann::json json;
            try {
                json = nlohmann::json::parse(value);
            } catch (const nlohmann::json::parse_error&) {
                throw badQuery("filter", "not valid JSON: send URL-encoded JSON such as "
                                         "{\"field\":\"name\",\"op\":\"eq\",\"value\":\"x\"}");
            }
            try {
                filters.push_back(sdk::Filter::fromJson(json));
            } catch (const sdk::PluginError& e) {
                throw badQuery("filter", e.what());
            }
        } else if (name == "sort") {
            for (std::string key : splitComma(value)) {
                bool descending = key.starts_with('-');
                if (descending) {
                    key = key.substr(1);
                }
                if (!entity.field(key)) {
                    throw badQuery("sort", "there is no field '" + key.substr(0, 64) + "' in " +
                                               entity.name);
                }
                query.sort.push_back(sdk::SortKey{key, descending});
            }
        } else if (name == "limit") {
            auto n = parseInt(value);
            if (!n || *n < 1 || *n > kMaxLimit) {
                throw badQuery("limit", "use a whole number from 1 to " +
                                            std::to_string(kMaxLimit));
            }
            query.limit = static_cast<int>(*n);
        } else if (name == "offset") {
            auto n = parseInt(value);
            if (!n || *n < 0 || *n > 10'000'000) {
                throw badQuery("offset",
                               "use a whole number from 0 to 10000000, or page with 'after'");
            }
            query.offset = *n;
        } else if (name == "after") {
            query.after = value;
        } else if (name == "q") {
            if (value.size() > 200) {
                throw badQuery("q", "search for at most 200 characters");
            }
            query.search = value;
        } else if (name == "trash") {
            if (value == "only") {
                query.trash = sdk::Trash::Only;
            } else if (value == "include") {
                query.trash = sdk::Trash::Include;
            } else if (value != "exclude") {
                throw badQuery("trash", "use only, include or exclude");
            }
        } else {
            std::string field = name;
            sdk::FilterOp op = sdk::FilterOp::Eq;
            if (auto sep = name.rfind("__"); sep != std::string::npos) {
                field = name.substr(0, sep);
                auto parsed = sdk::parseFilterOp(name.substr(sep + 2));
                if (!parsed) {
                    throw badQuery(name.substr(0, 64),
                                   "unknown operator '" + name.substr(sep + 2, 20) +
                                       "': use eq, ne, lt, lte, gt, gte, in, not_in, contains, "
                                       "starts_with, is_null, is_not_null or between");
                }
                op = *parsed;
            }
            const FieldDef* def = entity.field(field);
            if (!def) {
                throw badQuery(name.substr(0, 64), "there is no field '" + field.substr(0, 64) +
                                                       "' in " + entity.name);
            }
            nlohmann::json operand;
            if (op == sdk::FilterOp::In || op == sdk::FilterOp::NotIn) {
                operand = nlohmann::json::array();
                for (const auto& part : splitComma(value)) {
                    operand.push_back(typedValue(*def, name, part));
                }
            } else if (op == sdk::FilterOp::Between) {
                auto parts = splitComma(value);
                if (parts.size() != 2) {
                    throw badQuery(name, "between takes two values: from,to");
                }
                operand = nlohmann::json::array(
                    {typedValue(*def, name, parts[0]), typedValue(*def, name, parts[1])});
            } else if (op == sdk::FilterOp::IsNull || op == sdk::FilterOp::IsNotNull) {
                operand = nullptr;
            } else if (op == sdk::FilterOp::Contains || op == sdk::FilterOp::StartsWith) {
                operand = value;
            } else {
                operand = typedValue(*def, name, value);
            }
            try {
                if (op == sdk::FilterOp::Between) {
                    filters.push_back(sdk::Filter::between(field, operand[0], operand[1]));
                } else {
                    filters.push_back(sdk::Filter::condition(field, op, operand));
                }
            } catch (const sdk::PluginError& e) {
                throw badQuery(name.substr(0, 64), e.what());
            }
        }
    }
    if (filters.size() == 1) {
        query.filter = filters.front();
    } else if (!filters.empty()) {
        query.filter = sdk::Filter::allOf(std::move(filters));
    }
    return query;
}

void RecordApi::install(WebApplication& app) {
    Router& r = app.router();

    r.add("GET", "/api/v1/openapi.json", RouteAccess::Public,
          [&app](HttpRequest&, HttpResponse& response) {
              response.json(OpenApiDocument::build(app.records().schema()));
          });

    r.add("GET", "/api/v1/search", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              std::string q = request.queryValue("q").value_or("");
              if (q.empty() || q.size() > 200 || !isValidUtf8(q)) {
                  throw badQuery("q", "search for 1 to 200 characters of UTF-8 text");
              }
              int limit = 20;
              if (auto text = request.queryValue("limit")) {
                  auto n = parseInt(*text);
                  if (!n || *n < 1 || *n > 100) {
                      throw badQuery("limit", "use a whole number from 1 to 100");
                  }
                  limit = static_cast<int>(*n);
              }
              nlohmann::json data = nlohmann::json::array();
              for (const auto& hit : app.records().search(callerOf(request), q, limit)) {
                  data.push_back({{"entity", hit.entity},
                                  {"id", hit.id},
                                  {"title", hit.title},
                                  {"snippet", hit.snippet},
                                  {"rank", hit.rank}});
              }
              response.json({{"data", data}});
          });

    r.add("GET", "/api/v1/{slug}", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOf(app, request);
              sdk::Query query = parseListQuery(entity, request);
              try {
                  response.json(pageJson(app.records().query(callerOf(request), query)));
              } catch (const sdk::PluginError& e) {
                  if (e.error().code != "validation") {
                      throw;
                  }
                  throw HttpError(400, "bad_query", e.error().message, e.error().fields);
              }
          });

    r.add("POST", "/api/v1/{slug}", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOf(app, request);
              nlohmann::json body = request.jsonObject();
              sdk::Record created = app.records().create(callerOf(request), entity.name, body);
              response.json(created, 201);
              if (created.contains("id")) {
                  response.setHeader("Location", "/api/v1/" + entity.slug + "/" +
                                                     created["id"].dump());
              }
          });

    r.add("GET", "/api/v1/{slug}/{id}", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOf(app, request);
              sdk::Record record = app.records().get(callerOf(request), entity.name, idOf(request));
              response.json(record);
              if (record.contains("version")) {
                  response.setHeader("ETag", "\"" + record["version"].dump() + "\"");
              }
          });

    r.add("PATCH", "/api/v1/{slug}/{id}", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOf(app, request);
              std::int64_t id = idOf(request);
              nlohmann::json body = request.jsonObject();
              std::int64_t version = versionOf(request, body);
              sdk::Record record =
                  app.records().update(callerOf(request), entity.name, id, version, body);
              response.json(record);
              if (record.contains("version")) {
                  response.setHeader("ETag", "\"" + record["version"].dump() + "\"");
              }
          });

    r.add("DELETE", "/api/v1/{slug}/{id}", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOf(app, request);
              app.records().remove(callerOf(request), entity.name, idOf(request));
              response.noContent();
          });

    r.add("POST", "/api/v1/{slug}/{id}/restore", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOf(app, request);
              response.json(app.records().restore(callerOf(request), entity.name, idOf(request)));
          });
}

}  // namespace tessera::kernel
