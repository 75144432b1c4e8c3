#include <tessera/kernel/auth/ApiTokenStore.hpp>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel {

ApiTokenStore::Created ApiTokenStore::create(std::int64_t userId, const std::string& name) {
    Created created;
    created.info.id = randomHex(8);
    created.info.name = name;
    created.info.createdAt = unixNow();
    created.token = "tsk_" + created.info.id + "_" + randomHex(32);
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s,
                 "INSERT INTO tessera_api_tokens (id, user_id, name, token_hash, created_at, "
                 "last_used_at) VALUES ($1, $2, $3, $4, $5, 0)",
                 {created.info.id, userId, name, sha256Hex(created.token), created.info.createdAt});
    return created;
}

std::vector<ApiTokenStore::Info> ApiTokenStore::list(std::int64_t userId) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT id, name, created_at, last_used_at FROM tessera_api_tokens "
                              "WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, "
                              "id",
                              {userId});
    std::vector<Info> out;
    for (const auto& row : rows.rows) {
        out.push_back(Info{asString(row[0]), asString(row[1]), asInt(row[2]), asInt(row[3])});
    }
    return out;
}

bool ApiTokenStore::revoke(std::int64_t userId, const std::string& id) {
    Poco::Data::Session s = db_.session();
    return Sql::execute(db_, s,
                        "UPDATE tessera_api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id "
                        "= $3 AND revoked_at IS NULL",
                        {unixNow(), id, userId}) > 0;
}

std::optional<std::int64_t> ApiTokenStore::authenticate(const std::string& token) {
    if (!token.starts_with("tsk_") || token.size() > 200) {
        return std::nullopt;
    }
    Poco::Data::Session s = db_.session();
    std::string hash = sha256Hex(token);
    SqlRows rows = Sql::query(db_, s,
                              "SELECT user_id, last_used_at FROM tessera_api_tokens WHERE "
                              "token_hash = $1 AND revoked_at IS NULL",
                              {hash});
    if (rows.empty()) {
        return std::nullopt;
    }
    std::int64_t now = unixNow();
    if (now - asInt(rows.rows[0][1]) >= 60) {
        Sql::execute(db_, s, "UPDATE tessera_api_tokens SET last_used_at = $1 WHERE token_hash = $2",
                     {now, hash});
    }
    return asInt(rows.rows[0][0]);
}

}  // namespace tessera::kernel
