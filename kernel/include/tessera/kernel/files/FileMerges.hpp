#pragma once

#include <cstdint>
#include <string>

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// Keeps attachments with their records through a merge: the loser's files move to the winner
/// inside the merge's transaction, each move remembered in `tessera_file_moves` with the merge's
/// operation, and when that operation is undone (the loser comes back from the trash with the
/// merge marked undone) they move back to the loser. Callers pass the session of the record
/// transaction under way. Stateless apart from the database; thread-safe.
class FileMerges {
public:
    explicit FileMerges(Database& db) : db_(db) {}

    /// Creates `tessera_file_moves` and its index when missing.
    void ensureTables();

    /// Moves every file of (entity, loserId) to winnerId as part of operation `operationId`.
    void moveToWinner(Poco::Data::Session& session, const std::string& entity,
                      std::int64_t winnerId, std::int64_t loserId, std::int64_t operationId);

    /// Moves back to (entity, recordId) the files that undone merges took from it; a restore
    /// of a merged record that is not an undo leaves them with the winner.
    void returnAfterUndo(Poco::Data::Session& session, const std::string& entity,
                         std::int64_t recordId);

private:
    Database& db_;
};

}  // namespace tessera::kernel
