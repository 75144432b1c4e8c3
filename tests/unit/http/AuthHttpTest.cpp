#include <gtest/gtest.h>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/LoginThrottle.hpp>
#include <tessera/kernel/auth/Totp.hpp>
#include <tessera/kernel/storage/Sql.hpp>

#include "HttpFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class AuthHttpTest : public test::HttpTest {};

TEST_P(AuthHttpTest, EveryAnswerCarriesTheSecurityHeaders) {
    for (const auto& path : {"/api/v1/me", "/api/v1/openapi.json", "/nowhere", "/api/v1/clients"}) {
        test::Answer answer = send("GET", path);
        std::string csp = answer.header("content-security-policy");
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
        EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(answer.header("x-content-type-options"), "nosniff") << path;
        EXPECT_EQ(answer.header("referrer-policy"), "same-origin") << path;
    }
    EXPECT_EQ(send("GET", "/api/v1/me").status, 401);
    test::Answer missing = send("GET", "/nowhere");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.header("content-type").find("text/html"), std::string::npos);
    test::Answer wrongMethod = send("PUT", "/api/v1/session");
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_NE(wrongMethod.header("allow").find("POST"), std::string::npos);
}

TEST_P(AuthHttpTest, SignInSucceedsOnlyWithTheRightPassword) {
    test::Answer wrong = trySignIn("rep1", "not the password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.json()["error"]["code"], "invalid_credentials");
    EXPECT_TRUE(wrong.header("set-cookie").empty());
    EXPECT_EQ(trySignIn("nobody", kPassword).json()["error"]["code"], "invalid_credentials");

    test::Answer right = trySignIn("rep1", kPassword);
    ASSERT_EQ(right.status, 200) << right.body;
    std::string cookie = right.header("set-cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(cookie.find("Secure"), std::string::npos);
    EXPECT_EQ(right.json()["user"]["login"], "rep1");

    test::Client client = signIn("rep1");
    test::Answer me = call(client, "GET", "/api/v1/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json()["user"]["id"], users_["rep1"]);
    EXPECT_EQ(me.json()["csrfToken"], client.csrf);

    EXPECT_EQ(call(client, "DELETE", "/api/v1/session").status, 204);
    EXPECT_EQ(call(client, "GET", "/api/v1/me").status, 401);

    test::Client rep2 = signIn("rep2");
    test::Answer token = call(rep2, "POST", "/api/v1/tokens", {{"name", "script"}});
    test::Client rep2Token{"", "", token.json()["token"].get<std::string>()};
    access_->setUserActive(users_["rep2"], false);
    EXPECT_EQ(trySignIn("rep2", kPassword).status, 401);
    // Sessions and tokens of a deactivated user stop working at once.
    EXPECT_EQ(call(rep2, "GET", "/api/v1/clients").status, 401);
    EXPECT_EQ(call(rep2Token, "GET", "/api/v1/clients").status, 401);
}

TEST_P(AuthHttpTest, RepeatedFailuresAreThrottledPerAccount) {
    for (int i = 0; i < kernel::LoginThrottle::kMaxFailures; ++i) {
        EXPECT_EQ(trySignIn("rep1", "wrong password " + std::to_string(i)).status, 401);
    }
    test::Answer blocked = trySignIn("rep1", kPassword);
    EXPECT_EQ(blocked.status, 429) << blocked.body;
    EXPECT_EQ(blocked.json()["error"]["code"], "too_many_attempts");
    int retryAfter = std::stoi(blocked.header("retry-after"));
    EXPECT_GT(retryAfter, 0);
    EXPECT_LE(retryAfter, kernel::LoginThrottle::kWindowSeconds);
    // The count lives in the database, so another node would refuse as well.
    kernel::LoginThrottle otherNode(database_->db());
    EXPECT_TRUE(otherNode.retryAfter("REP1", "10.0.0.1").has_value());
    // Another account from the same address is not locked out by rep1's failures.
    EXPECT_EQ(trySignIn("rep2", kPassword).status, 200);
}

TEST_P(AuthHttpTest, RepeatedFailuresAreThrottledPerAddress) {
    // Different logins, one address: the per-address limit is higher than the per-login one.
    for (int i = 0; i < kernel::LoginThrottle::kMaxFailuresPerAddress; ++i) {
        EXPECT_EQ(trySignIn("guess" + std::to_string(i), "wrong password").status, 401);
    }
    test::Answer blocked = trySignIn("rep2", kPassword);
    EXPECT_EQ(blocked.status, 429) << blocked.body;
    EXPECT_FALSE(blocked.header("retry-after").empty());
    // Another address is not affected.
    kernel::LoginThrottle throttle(database_->db());
    EXPECT_FALSE(throttle.retryAfter("rep2", "192.0.2.7").has_value());
}

TEST_P(AuthHttpTest, SignInRotatesTheSession) {
    test::Client first = signIn("rep1");
    test::Answer again = trySignIn("rep1", kPassword, "", &first);
    ASSERT_EQ(again.status, 200);
    std::string cookie = again.header("set-cookie");
    std::string second = cookie.substr(cookie.find('=') + 1, 64);
    EXPECT_NE(second, first.cookie);
    EXPECT_EQ(call(first, "GET", "/api/v1/me").status, 401);
    test::Client rotated{second, again.json()["csrfToken"].get<std::string>(), ""};
    EXPECT_EQ(call(rotated, "GET", "/api/v1/me").status, 200);
    // Only the hash of the id is stored.
    Poco::Data::Session s = database_->db().session();
    auto stored = kernel::Sql::query(database_->db(), s, "SELECT id_hash FROM tessera_sessions");
    for (const auto& row : stored.rows) {
        EXPECT_NE(kernel::asString(row[0]), second);
    }
}

TEST_P(AuthHttpTest, StateChangesWithTheCookieNeedTheCsrfToken) {
    test::Client client = signIn("rep1");
    test::Client noToken{client.cookie, "", ""};
    test::Client badToken{client.cookie, std::string(64, 'a'), ""};
    for (const test::Client* c : {&noToken, &badToken}) {
        test::Answer refused = call(*c, "POST", "/api/v1/clients", {{"name", "Forged"}});
        EXPECT_EQ(refused.status, 403);
        EXPECT_EQ(refused.json()["error"]["code"], "csrf");
    }
    EXPECT_EQ(countAll("Client"), 0);
    EXPECT_EQ(call(noToken, "GET", "/api/v1/clients").status, 200);
    EXPECT_EQ(call(client, "POST", "/api/v1/clients", {{"name", "Real"}}).status, 201);
    EXPECT_EQ(countAll("Client"), 1);
}

TEST_P(AuthHttpTest, ApiTokensWorkUntilRevoked) {
    test::Client client = signIn("rep1");
    test::Answer created = call(client, "POST", "/api/v1/tokens", {{"name", "ci"}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string token = created.json()["token"];
    std::string id = created.json()["id"];
    test::Client bearer{"", "", token};
    EXPECT_EQ(call(bearer, "GET", "/api/v1/me").json()["user"]["login"], "rep1");
    // A bearer token is not sent by browsers on their own, so no CSRF token is needed.
    EXPECT_EQ(call(bearer, "POST", "/api/v1/clients", {{"name", "By token"}}).status, 201);
    test::Answer listed = call(client, "GET", "/api/v1/tokens");
    ASSERT_EQ(listed.json()["data"].size(), 1u);
    EXPECT_FALSE(listed.json()["data"][0].contains("token"));
    EXPECT_EQ(listed.body.find(token), std::string::npos);
    Poco::Data::Session s = database_->db().session();
    auto hash = kernel::Sql::scalar(database_->db(), s, "SELECT token_hash FROM tessera_api_tokens");
    EXPECT_EQ(kernel::asString(hash), kernel::sha256Hex(token));

    test::Client rep3 = signIn("rep3");
    EXPECT_EQ(call(rep3, "DELETE", "/api/v1/tokens/" + id).status, 404);
    EXPECT_EQ(call(client, "DELETE", "/api/v1/tokens/" + id).status, 204);
    test::Answer revoked = call(bearer, "GET", "/api/v1/me");
    EXPECT_EQ(revoked.status, 401);
    EXPECT_EQ(call(test::Client{"", "", "tsk_forged"}, "GET", "/api/v1/me").status, 401);
    EXPECT_EQ(send("GET", "/api/v1/me", "", {{"Authorization", "Basic eDp5"}}).status, 401);
}

TEST_P(AuthHttpTest, TotpIsAskedForOnceEnabled) {
    EXPECT_EQ(kernel::Totp::code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59), "287082");
    EXPECT_EQ(kernel::Totp::code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1111111109), "081804");

    test::Client client = signIn("manager");
    test::Answer setUp = call(client, "POST", "/api/v1/me/totp");
    ASSERT_EQ(setUp.status, 201) << setUp.body;
    std::string secret = setUp.json()["secret"];
    EXPECT_TRUE(setUp.json()["uri"].get<std::string>().starts_with("otpauth://totp/"));
    EXPECT_EQ(trySignIn("manager", kPassword).status, 200);  // not on before verification
    EXPECT_EQ(call(client, "POST", "/api/v1/me/totp/verify", {{"code", "000000x"}}).status, 422);
    ASSERT_EQ(call(client, "POST", "/api/v1/me/totp/verify",
                   {{"code", kernel::Totp::code(secret, kernel::unixNow())}})
                  .status,
              200);

    test::Answer needsCode = trySignIn("manager", kPassword);
    EXPECT_EQ(needsCode.status, 401);
    EXPECT_EQ(needsCode.json()["error"]["code"], "totp_required");
    EXPECT_TRUE(needsCode.header("set-cookie").empty());
    std::string wrong = kernel::Totp::code(secret, kernel::unixNow() + 3600);
    EXPECT_EQ(trySignIn("manager", kPassword, wrong).json()["error"]["code"], "invalid_totp");
    // The step used to verify is spent; the next one (still inside the window) signs in once.
    std::string next = kernel::Totp::code(secret, kernel::unixNow() + 30);
    signIn("manager", kPassword, next);
    test::Answer replay = trySignIn("manager", kPassword, next);
    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(replay.json()["error"]["code"], "invalid_totp");
}

TEST_P(AuthHttpTest, PasswordChangeEndsOtherSessions) {
    test::Client first = signIn("rep1");
    test::Client second = signIn("rep1");
    test::Answer tooShort = call(first, "POST", "/api/v1/me/password",
                                 {{"currentPassword", kPassword}, {"newPassword", "short"}});
    EXPECT_EQ(tooShort.status, 422);
    test::Answer changed = call(first, "POST", "/api/v1/me/password",
                                {{"currentPassword", kPassword}, {"newPassword", "a new long secret"}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(call(second, "GET", "/api/v1/me").status, 401);
    EXPECT_EQ(trySignIn("rep1", kPassword).status, 401);
    signIn("rep1", "a new long secret");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthHttpTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
