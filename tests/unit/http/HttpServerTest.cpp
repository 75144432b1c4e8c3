#include <future>
#include <thread>

#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/HttpServer.hpp>
#include <tessera/kernel/http/Router.hpp>

using namespace tessera::kernel;

namespace {

std::pair<int, std::string> get(int port, const std::string& path) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return {static_cast<int>(response.getStatus()), body};
}

TEST(RouterTest, MatchesParametersAndPrefersLiterals) {
    Router router;
    std::string hit;
    router.add("GET", "/api/v1/{slug}", RouteAccess::Public,
               [&](HttpRequest& r, HttpResponse&) { hit = "list " + r.params.at("slug"); });
    router.add("GET", "/api/v1/search", RouteAccess::Public,
               [&](HttpRequest&, HttpResponse&) { hit = "search"; });
    router.add("GET", "/api/v1/{slug}/{id}", RouteAccess::Public,
               [&](HttpRequest& r, HttpResponse&) { hit = r.params.at("slug") + "#" + r.params.at("id"); });
    router.add("DELETE", "/api/v1/tokens/{id}", RouteAccess::SignedIn,
               [&](HttpRequest&, HttpResponse&) { hit = "token"; });
    EXPECT_THROW(router.add("GET", "/api/v1/search", RouteAccess::Public, {}), std::invalid_argument);

    HttpResponse response;
    for (auto [method, path, expected] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"GET", "/api/v1/deals", "list deals"},
             {"GET", "/api/v1/search", "search"},
             {"GET", "/api/v1/deals/12", "deals#12"},
             {"GET", "/api/v1/deals/12/", "deals#12"},
             {"HEAD", "/api/v1/deals", "list deals"},
             {"DELETE", "/api/v1/tokens/ab", "token"}}) {
        HttpRequest request;
        request.method = method;
        request.path = path;
        router.match(request).handler(request, response);
        EXPECT_EQ(hit, expected) << method << " " << path;
    }
    HttpRequest missing{.method = "GET", .path = "/api/v2/x/y/z"};
    try {
        router.match(missing);
        ADD_FAILURE() << "matched";
    } catch (const HttpError& e) {
        EXPECT_EQ(e.status(), 404);
    }
    HttpRequest wrongMethod{.method = "POST", .path = "/api/v1/search"};
    try {
        router.match(wrongMethod);
        ADD_FAILURE() << "matched";
    } catch (const HttpError& e) {
        EXPECT_EQ(e.status(), 405);
    }
}

TEST(HttpServerTest, FailuresAnswerWithoutInternals) {
    HttpServer server({.bind = "127.0.0.1", .port = 0, .threads = 4},
                      [](HttpRequest& request, HttpResponse& response) {
                          if (request.path == "/boom") {
                              throw std::runtime_error("password=hunter2 at db.cpp:42");
                          }
                          response.json({{"ok", true}});
                      });
    server.start();
    auto [status, body] = get(server.port(), "/api/boom");
    EXPECT_EQ(get(server.port(), "/api/fine").first, 200);
    auto [boomStatus, boomBody] = get(server.port(), "/boom");
    EXPECT_EQ(boomStatus, 500);
    EXPECT_EQ(boomBody.find("hunter2"), std::string::npos);
    EXPECT_EQ(boomBody.find("db.cpp"), std::string::npos);
    EXPECT_NE(boomBody.find("500"), std::string::npos);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(get(server.port(), "/api/fine").first, 200);
}

TEST(HttpServerTest, StopLetsARequestUnderWayFinish) {
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    HttpServer server({.bind = "127.0.0.1", .port = 0, .threads = 4},
                      [&](HttpRequest&, HttpResponse& response) {
                          entered.set_value();
                          released.wait();
                          response.json({{"finished", true}});
                      });
    server.start();
    auto answer = std::async(std::launch::async, [&] { return get(server.port(), "/slow"); });
    entered.get_future().wait();
    std::thread stopper([&] { server.stop(); });
    release.set_value();
    auto [status, body] = answer.get();
    stopper.join();
    EXPECT_EQ(status, 200);
    EXPECT_NE(body.find("finished"), std::string::npos);
}

TEST(HttpServerTest, Utf8Validation) {
    EXPECT_TRUE(isValidUtf8("plain"));
    EXPECT_TRUE(isValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
    EXPECT_FALSE(isValidUtf8("\xC3"));
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(isValidUtf8("\xFF"));
}

}  // namespace
