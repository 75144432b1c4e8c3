#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include <unistd.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <tessera/kernel/http/RecordApi.hpp>

#include "HttpFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class RecordHttpTest : public test::HttpTest {
protected:
    static std::string encoded(const std::string& text) {
        std::string out;
        Poco::URI::encode(text, "&=+?#%/", out);
        return out;
    }
};

TEST_P(RecordHttpTest, EveryVerbOfTheApi) {
    test::Client rep = signIn("rep1");
    test::Answer created = call(rep, "POST", "/api/v1/projects",
                                {{"title", "Roof"},
                                 {"seats", 12},
                                 {"stage", "new"},
                                 {"budget", {{"amount", 1500.5}, {"currency", "EUR"}}}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::int64_t id = created.json()["id"];
    EXPECT_EQ(created.header("location"), "/api/v1/projects/" + std::to_string(id));
    call(rep, "POST", "/api/v1/projects", {{"title", "Attic"}, {"seats", 3}, {"stage", "active"}});
    call(rep, "POST", "/api/v1/projects", {{"title", "Cellar"}, {"seats", 40}, {"stage", "done"}});

    test::Answer got = call(rep, "GET", "/api/v1/projects/" + std::to_string(id));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json()["title"], "Roof");
    EXPECT_EQ(got.header("etag"), "\"1\"");

    test::Answer sorted = call(rep, "GET", "/api/v1/projects?sort=-seats&limit=2");
    ASSERT_EQ(sorted.status, 200) << sorted.body;
    ASSERT_EQ(sorted.json()["data"].size(), 2u);
    EXPECT_EQ(sorted.json()["data"][0]["title"], "Cellar");
    EXPECT_FALSE(sorted.json()["nextCursor"].is_null());
    test::Answer next = call(rep, "GET", "/api/v1/projects?sort=-seats&limit=2&after=" +
                                             encoded(sorted.json()["nextCursor"]));
    ASSERT_EQ(next.json()["data"].size(), 1u);
    EXPECT_EQ(next.json()["data"][0]["title"], "Attic");

    EXPECT_EQ(call(rep, "GET", "/api/v1/projects?seats__gte=10&sort=title").json()["data"].size(), 2u);
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects?stage=active").json()["data"][0]["title"], "Attic");
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects?stage__in=new,done").json()["data"].size(), 2u);
    std::string filter = R"({"or":[{"field":"title","op":"eq","value":"Roof"},{"field":"seats","op":"lt","value":5}]})";
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects?filter=" + encoded(filter)).json()["data"].size(), 2u);
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects?q=cellar").json()["data"].size(), 1u);

    test::Answer updated = call(rep, "PATCH", "/api/v1/projects/" + std::to_string(id),
                                {{"version", 1}, {"seats", 13}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json()["seats"], 13);
    EXPECT_EQ(updated.json()["version"], 2);
    test::Answer stale = call(rep, "PATCH", "/api/v1/projects/" + std::to_string(id),
                              {{"version", 1}, {"seats", 99}});
    EXPECT_EQ(stale.status, 409) << stale.body;
    EXPECT_EQ(stale.json()["error"]["code"], "conflict");
    EXPECT_EQ(call(rep, "PATCH", "/api/v1/projects/" + std::to_string(id), {{"seats", 99}}).status,
              428);
    test::Answer viaIfMatch =
        send("PATCH", "/api/v1/projects/" + std::to_string(id), R"({"seats": 14})",
             {{"Content-Type", "application/json"}, {"If-Match", "\"2\""}}, &rep);
    EXPECT_EQ(viaIfMatch.status, 200) << viaIfMatch.body;
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects/" + std::to_string(id)).json()["seats"], 14);

    EXPECT_EQ(call(rep, "DELETE", "/api/v1/projects/" + std::to_string(id)).status, 204);
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects/" + std::to_string(id)).status, 404);
    test::Answer trash = call(rep, "GET", "/api/v1/projects?trash=only");
    ASSERT_EQ(trash.json()["data"].size(), 1u);
    EXPECT_EQ(trash.json()["data"][0]["id"], id);
    test::Answer restored = call(rep, "POST", "/api/v1/projects/" + std::to_string(id) + "/restore");
    EXPECT_EQ(restored.status, 200) << restored.body;
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects/" + std::to_string(id)).status, 200);

    test::Answer found = call(rep, "GET", "/api/v1/search?q=roof");
    ASSERT_EQ(found.status, 200) << found.body;
    ASSERT_FALSE(found.json()["data"].empty());
    EXPECT_EQ(found.json()["data"][0]["id"], id);
    EXPECT_EQ(call(rep, "GET", "/api/v1/unicorns").status, 404);
    EXPECT_EQ(call(rep, "GET", "/api/v1/projects/abc").status, 404);
}

TEST_P(RecordHttpTest, PermissionsDenyOrHide) {
    test::Client rep1 = signIn("rep1");
    test::Client rep2 = signIn("rep2");
    test::Client rep3 = signIn("rep3");
    test::Answer created = call(rep2, "POST", "/api/v1/clients", {{"name", "Rep2's client"}});
    ASSERT_EQ(created.status, 201);
    std::string path = "/api/v1/clients/" + created.json()["id"].dump();
    // rep1 shares rep2's team: sees the record, may not change it.
    EXPECT_EQ(call(rep1, "GET", path).status, 200);
    test::Answer denied = call(rep1, "PATCH", path, {{"version", 1}, {"name", "Mine now"}});
    EXPECT_EQ(denied.status, 403) << denied.body;
    EXPECT_EQ(denied.json()["error"]["code"], "forbidden");
    EXPECT_EQ(call(rep1, "DELETE", path).status, 403);
    // rep3 is in another team: the record does not exist for them.
    EXPECT_EQ(call(rep3, "GET", path).status, 404);
    EXPECT_EQ(call(rep3, "PATCH", path, {{"version", 1}, {"name", "x"}}).status, 404);
    EXPECT_EQ(call(rep3, "DELETE", path).status, 404);
    EXPECT_TRUE(call(rep3, "GET", "/api/v1/clients").json()["data"].empty());
    EXPECT_EQ(call(rep2, "GET", path).json()["name"], "Rep2's client");
}

TEST_P(RecordHttpTest, HostileInputIsRefusedAndNothingIsWritten) {
    test::Client rep = signIn("rep1");
    std::map<std::string, std::string> json{{"Content-Type", "application/json"}};
    auto post = [&](const std::string& body, const std::map<std::string, std::string>& headers) {
        return send("POST", "/api/v1/clients", body, headers, &rep);
    };
    test::Answer big = post("{\"name\":\"" + std::string(kMaxBody + 10, 'x') + "\"}", json);
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(big.json()["error"]["code"], "body_too_large");
    test::Answer bigChunked = send("POST", "/api/v1/clients",
                                   "{\"name\":\"" + std::string(kMaxBody + 10, 'x') + "\"}", json,
                                   &rep, true);
    EXPECT_EQ(bigChunked.status, 413);
    test::Answer badJson = post("{\"name\": \"unterminated", json);
    EXPECT_EQ(badJson.status, 400);
    EXPECT_EQ(badJson.json()["error"]["code"], "bad_json");
    test::Answer badUtf8 = post("{\"name\": \"caf\xC3\x28 \xFF\"}", json);
    EXPECT_EQ(badUtf8.status, 400);
    EXPECT_EQ(badUtf8.json()["error"]["code"], "bad_utf8");
    test::Answer overlong = post("{\"name\": \"\xC0\xAF\"}", json);
    EXPECT_EQ(overlong.status, 400);
    test::Answer notJson = post("name=x", {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(notJson.status, 415);
    EXPECT_EQ(post("[1, 2]", json).status, 422);
    test::Answer unknown = post(R"({"name": "ok", "colour": "red"})", json);
    EXPECT_EQ(unknown.status, 422);
    EXPECT_TRUE(unknown.json()["error"]["fields"].contains("colour")) << unknown.body;
    test::Answer invalid = post(R"({"name": "", "email": "not an address"})", json);
    EXPECT_EQ(invalid.status, 422);
    EXPECT_TRUE(invalid.json()["error"]["fields"].contains("email")) << invalid.body;
    EXPECT_EQ(countAll("Client"), 0);

    for (const std::string& query : std::vector<std::string>{"limit=0", "limit=1001", "limit=abc", "limit=-1", "offset=-5",
                              "offset=1e9", "sort=colour", "colour=red", "name__near=x",
                              "filter=%7Bnot%20json", "filter=" + encoded(R"({"field":"name","op":"sideways","value":1})"),
                              "trash=everything"}) {
        test::Answer answer = call(rep, "GET", "/api/v1/clients?" + query);
        EXPECT_EQ(answer.status, 400) << query << ": " << answer.body;
        EXPECT_EQ(answer.json()["error"]["code"], "bad_query") << query;
        EXPECT_FALSE(answer.json()["error"]["message"].get<std::string>().empty());
    }
    EXPECT_EQ(call(rep, "GET", "/api/v1/search?q=").status, 400);

    std::string sql = "Robert'); DROP TABLE client; --";
    std::string script = "<script>alert(1)</script>";
    test::Answer literal = call(rep, "POST", "/api/v1/clients", {{"name", sql}, {"code", script}});
    ASSERT_EQ(literal.status, 201) << literal.body;
    EXPECT_EQ(literal.header("content-type"), "application/json");
    test::Answer back = call(rep, "GET", "/api/v1/clients?name=" + encoded(sql));
    ASSERT_EQ(back.json()["data"].size(), 1u);
    EXPECT_EQ(back.json()["data"][0]["code"], script);
    EXPECT_EQ(countAll("Client"), 1);
    EXPECT_EQ(call(rep, "GET", "/api/v1/me").status, 200);
}

TEST_P(RecordHttpTest, OpenApiDocumentDescribesEveryEntity) {
    test::Answer answer = send("GET", "/api/v1/openapi.json");
    ASSERT_EQ(answer.status, 200);
    nlohmann::json doc = answer.json();
    EXPECT_EQ(doc["openapi"], "3.0.3");
    for (const char* path : {"/api/v1/clients", "/api/v1/clients/{id}",
                             "/api/v1/clients/{id}/restore", "/api/v1/projects"}) {
        EXPECT_TRUE(doc["paths"].contains(path)) << path;
    }
    const auto& schemas = doc["components"]["schemas"];
    EXPECT_EQ(schemas["ClientInput"]["required"], nlohmann::json::array({"name"}));
    EXPECT_FALSE(schemas["ClientInput"]["properties"].contains("id"));
    EXPECT_TRUE(schemas["Client"]["properties"]["id"]["readOnly"]);
    auto stage = schemas["Project"]["properties"]["stage"]["enum"];
    EXPECT_NE(std::find(stage.begin(), stage.end(), "active"), stage.end());
    EXPECT_EQ(schemas["Project"]["properties"]["seats"]["type"], "integer");
    EXPECT_EQ(schemas["Project"]["properties"]["starts_on"]["format"], "date");
    // Every $ref points at a schema that exists.
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
        if (node.is_object()) {
            if (node.contains("$ref")) {
                std::string ref = node["$ref"];
                EXPECT_TRUE(schemas.contains(ref.substr(ref.rfind('/') + 1))) << ref;
            }
            for (const auto& [key, value] : node.items()) {
                walk(value);
            }
        } else if (node.is_array()) {
            for (const auto& value : node) {
                walk(value);
            }
        }
    };
    walk(doc);

    if (const char* skip = std::getenv("TESSERA_SKIP_NPM"); skip && std::string(skip) == "1") {
        return;
    }
    std::filesystem::path file = std::filesystem::temp_directory_path() /
                                 ("tessera-openapi-" + std::to_string(::getpid()) + ".json");
    std::ofstream(file) << answer.body;
    std::string command = std::string(TESSERA_OPENAPI_VALIDATOR) + " " + file.string() + " > " +
                          file.string() + ".log 2>&1";
    int status = std::system(command.c_str());
    std::ifstream logFile(file.string() + ".log");
    std::string log((std::istreambuf_iterator<char>(logFile)), std::istreambuf_iterator<char>());
    EXPECT_EQ(status, 0) << log;
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + ".log");
}

TEST_P(RecordHttpTest, StopLetsTheServerFinishAndRefuseNewConnections) {
    test::Client rep = signIn("rep1");
    EXPECT_EQ(call(rep, "GET", "/api/v1/clients").status, 200);
    int port = server_->port();
    server_->stop();
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest request("GET", "/api/v1/me", Poco::Net::HTTPMessage::HTTP_1_1);
    EXPECT_ANY_THROW(session.sendRequest(request); Poco::Net::HTTPResponse r;
                     session.receiveResponse(r));
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordHttpTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
