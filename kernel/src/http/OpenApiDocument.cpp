#include <tessera/kernel/http/OpenApiDocument.hpp>

namespace tessera::kernel {

namespace {

using nlohmann::json;

json fieldSchema(const FieldDef& field) {
    json s;
    switch (field.type) {
        case FieldType::Text:
        case FieldType::LongText:
        case FieldType::Phone:
            s = {{"type", "string"}};
            if (field.maxLength) {
                s["maxLength"] = *field.maxLength;
            }
            break;
        case FieldType::Email: s = {{"type", "string"}, {"format", "email"}}; break;
        case FieldType::Url: s = {{"type", "string"}, {"format", "uri"}}; break;
        case FieldType::Integer: s = {{"type", "integer"}, {"format", "int64"}}; break;
        case FieldType::Reference:
            s = {{"type", "integer"}, {"format", "int64"}};
            if (!field.target.empty()) {
                s["description"] = "id of a " + field.target;
            }
            break;
        case FieldType::Decimal: s = {{"type", "number"}}; break;
        case FieldType::Money:
            s = {{"type", "object"},
                 {"properties",
                  {{"amount", {{"type", "number"}}},
                   {"currency", {{"type", "string"}, {"nullable", true}}}}}};
            break;
        case FieldType::Boolean: s = {{"type", "boolean"}}; break;
        case FieldType::Date: s = {{"type", "string"}, {"format", "date"}}; break;
        case FieldType::DateTime: s = {{"type", "string"}, {"format", "date-time"}}; break;
        case FieldType::Enum: {
            s = {{"type", "string"}};
            json values = json::array();
            for (const auto& option : field.options) {
                values.push_back(option.value);
            }
            if (!values.empty()) {
                s["enum"] = values;
            }
            break;
        }
        case FieldType::MultiEnum: {
            json items = {{"type", "string"}};
            json values = json::array();
            for (const auto& option : field.options) {
                values.push_back(option.value);
            }
            if (!values.empty()) {
                items["enum"] = values;
            }
            s = {{"type", "array"}, {"items", items}};
            break;
        }
        case FieldType::Json: s = json::object(); break;
    }
    if ((field.min || field.max) &&
        (field.type == FieldType::Integer || field.type == FieldType::Decimal)) {
        if (field.min) s["minimum"] = *field.min;
        if (field.max) s["maximum"] = *field.max;
    }
    if (!field.required && field.type != FieldType::Json) {
        if (field.type == FieldType::Enum && s.contains("enum")) {
            s["enum"].push_back(nullptr);
        }
        s["nullable"] = true;
    }
    if (!field.label.empty() && !s.contains("description")) {
        s["description"] = field.label;
    }
    if (field.system || field.readonly) {
        s["readOnly"] = true;
    }
    return s;
}

json schemaRef(const std::string& name) {
    return {{"$ref", "#/components/schemas/" + name}};
}

json jsonContent(const json& schema) {
    return {{"application/json", {{"schema", schema}}}};
}

json errorResponse(const std::string& description) {
    return {{"description", description}, {"content", jsonContent(schemaRef("Error"))}};
}

json standardErrors(json responses) {
    responses["400"] = errorResponse("Bad request: malformed JSON or query parameters");
    responses["401"] = errorResponse("Not signed in");
    responses["403"] = errorResponse("Not permitted");
    responses["413"] = errorResponse("Body too large");
    responses["429"] = errorResponse("Too many requests");
    return responses;
}

}  // namespace

json OpenApiDocument::build(const Schema& schema) {
    json paths = json::object();
    json schemas = json::object();
    schemas["Error"] = {
        {"type", "object"},
        {"required", {"error"}},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"required", {"code", "message", "fields"}},
            {"properties",
             {{"code", {{"type", "string"}}},
              {"message", {{"type", "string"}}},
              {"fields", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}}}}}}}};
    json idParam = {{"name", "id"},
                    {"in", "path"},
                    {"required", true},
                    {"schema", {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}}};
    json listParams = json::array({
        {{"name", "filter"}, {"in", "query"}, {"schema", {{"type", "string"}}},
         {"description", "JSON filter: {\"field\",\"op\",\"value\"} or {\"and\"|\"or\": [...]}"}},
        {{"name", "sort"}, {"in", "query"}, {"schema", {{"type", "string"}}},
         {"description", "comma-separated fields, '-' for descending"}},
        {{"name", "limit"}, {"in", "query"},
         {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 50}}}},
        {{"name", "offset"}, {"in", "query"}, {"schema", {{"type", "integer"}, {"minimum", 0}}}},
        {{"name", "after"}, {"in", "query"}, {"schema", {{"type", "string"}}},
         {"description", "nextCursor of the previous page"}},
        {{"name", "q"}, {"in", "query"}, {"schema", {{"type", "string"}}}},
        {{"name", "trash"}, {"in", "query"},
         {"schema", {{"type", "string"}, {"enum", {"exclude", "only", "include"}}}}},
    });
    for (const auto& [name, entity] : schema.entities()) {
        json readProps = json::object();
        json writeProps = json::object();
        json required = json::array();
        for (const auto& field : entity.fields) {
            readProps[field.name] = fieldSchema(field);
            if (!field.system && !field.readonly) {
                json w = fieldSchema(field);
                w.erase("readOnly");
                writeProps[field.name] = w;
                if (field.required) {
                    required.push_back(field.name);
                }
            }
        }
        schemas[name] = {{"type", "object"}, {"properties", readProps}};
        json input = {{"type", "object"}, {"properties", writeProps},
                      {"additionalProperties", false}};
        if (!required.empty()) {
            input["required"] = required;
        }
        schemas[name + "Input"] = input;
        json patch = {{"type", "object"},
                      {"properties", writeProps},
                      {"additionalProperties", false}};
        patch["properties"]["version"] = {{"type", "integer"}, {"format", "int64"}};
        schemas[name + "Patch"] = patch;
        schemas[name + "Page"] = {
            {"type", "object"},
            {"properties",
             {{"data", {{"type", "array"}, {"items", schemaRef(name)}}},
              {"nextCursor", {{"type", "string"}, {"nullable", true}}}}}};

        std::string base = "/api/v1/" + entity.slug;
        json tags = json::array({name});
        paths[base] = {
            {"get",
             {{"operationId", "list" + name},
              {"tags", tags},
              {"summary", "List " + entity.pluralLabel},
              {"parameters", listParams},
              {"responses",
               standardErrors({{"200", {{"description", "A page"},
                                        {"content", jsonContent(schemaRef(name + "Page"))}}}})}}},
            {"post",
             {{"operationId", "create" + name},
              {"tags", tags},
              {"summary", "Create a " + entity.label},
              {"requestBody", {{"required", true}, {"content", jsonContent(schemaRef(name + "Input"))}}},
              {"responses",
               standardErrors({{"201", {{"description", "Created"},
                                        {"content", jsonContent(schemaRef(name))}}},
                               {"422", errorResponse("Validation failed")}})}}}};
        paths[base + "/{id}"] = {
            {"parameters", json::array({idParam})},
            {"get",
             {{"operationId", "get" + name},
              {"tags", tags},
              {"responses",
               standardErrors({{"200", {{"description", "The record"},
                                        {"content", jsonContent(schemaRef(name))}}},
                               {"404", errorResponse("Not found or not visible")}})}}},
            {"patch",
             {{"operationId", "update" + name},
              {"tags", tags},
              {"requestBody", {{"required", true}, {"content", jsonContent(schemaRef(name + "Patch"))}}},
              {"responses",
               standardErrors({{"200", {{"description", "Updated"},
                                        {"content", jsonContent(schemaRef(name))}}},
                               {"404", errorResponse("Not found or not visible")},
                               {"409", errorResponse("Changed by someone else since read")},
                               {"422", errorResponse("Validation failed")},
                               {"428", errorResponse("Version missing")}})}}},
            {"delete",
             {{"operationId", "delete" + name},
              {"tags", tags},
              {"responses",
               standardErrors({{"204", {{"description", "Moved to the trash"}}},
                               {"404", errorResponse("Not found or not visible")}})}}}};
        paths[base + "/{id}/restore"] = {
            {"parameters", json::array({idParam})},
            {"post",
             {{"operationId", "restore" + name},
              {"tags", tags},
              {"responses",
               standardErrors({{"200", {{"description", "Restored"},
                                        {"content", jsonContent(schemaRef(name))}}},
                               {"404", errorResponse("Not found or not visible")}})}}}};
    }
    paths["/api/v1/search"] = {
        {"get",
         {{"operationId", "search"},
          {"parameters", json::array({{{"name", "q"}, {"in", "query"}, {"required", true},
                                       {"schema", {{"type", "string"}}}}})},
          {"responses", standardErrors({{"200", {{"description", "Hits"}}}})}}}};
    return {{"openapi", "3.0.3"},
            {"info", {{"title", "Tessera API"}, {"version", TESSERA_VERSION}}},
            {"servers", json::array({{{"url", "/"}}})},
            {"security", json::array({{{"bearerAuth", json::array()}},
                                      {{"cookieAuth", json::array()}}})},
            {"paths", paths},
            {"components",
             {{"schemas", schemas},
              {"securitySchemes",
               {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}},
                {"cookieAuth",
                 {{"type", "apiKey"}, {"in", "cookie"}, {"name", "tessera_session"}}}}}}}};
}

}  // namespace tessera::kernel
