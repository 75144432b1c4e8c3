#include <tessera/kernel/files/FileMerges.hpp>

#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel {

void FileMerges::ensureTables() {
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_file_moves (operation_id BIGINT NOT NULL, "
                 "file_id BIGINT NOT NULL, entity TEXT NOT NULL, from_id BIGINT NOT NULL, "
                 "to_id BIGINT NOT NULL, PRIMARY KEY (operation_id, file_id))");
    Sql::execute(db_, s,
                 "CREATE INDEX IF NOT EXISTS tessera_file_moves_from ON tessera_file_moves "
                 "(entity, from_id)");
}

void FileMerges::moveToWinner(Poco::Data::Session& session, const std::string& entity,
                              std::int64_t winnerId, std::int64_t loserId,
                              std::int64_t operationId) {
    Sql::execute(db_, session,
                 "INSERT INTO tessera_file_moves (operation_id, file_id, entity, from_id, to_id) "
                 "SELECT CAST($1 AS BIGINT), id, entity, record_id, CAST($2 AS BIGINT) "
                 "FROM tessera_files "
                 "WHERE entity = $3 AND record_id = $4",
                 {operationId, winnerId, entity, loserId});
    Sql::execute(db_, session,
                 "UPDATE tessera_files SET record_id = $1 WHERE entity = $2 AND record_id = $3",
                 {winnerId, entity, loserId});
}

void FileMerges::returnAfterUndo(Poco::Data::Session& session, const std::string& entity,
                                 std::int64_t recordId) {
    // An undo marks its operation undone before it restores the loser, in the same transaction.
    SqlRows moves = Sql::query(db_, session,
                               "SELECT m.operation_id, m.file_id FROM tessera_file_moves m "
                               "JOIN tessera_operations o ON o.id = m.operation_id "
                               "WHERE m.entity = $1 AND m.from_id = $2 AND "
                               "o.undone_at IS NOT NULL",
                               {entity, recordId});
    for (const auto& move : moves.rows) {
        Sql::execute(db_, session,
                     "UPDATE tessera_files SET record_id = $1 WHERE id = $2 AND entity = $3",
                     {recordId, asInt(move[1]), entity});
        Sql::execute(db_, session,
                     "DELETE FROM tessera_file_moves WHERE operation_id = $1 AND file_id = $2",
                     {asInt(move[0]), asInt(move[1])});
    }
}

}  // namespace tessera::kernel
