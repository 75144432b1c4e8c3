#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/sdk/Records.hpp>
#include <tessera/sdk/Services.hpp>

namespace tessera::kernel {

/// The kernel's blob store (sdk::FileService): file contents in a local directory, addressed by
/// their SHA-256 (`<root>/ab/cd/<hash>`, so the same content is kept once, written to a temporary
/// file and renamed into place), metadata in `tessera_files` linked to (entity, record id).
/// Who may see a record may list and download its files; who may update it may attach and
/// remove them. A blob goes when the last row naming it goes. Thread-safe; on several nodes
/// the directory must be shared (a blob removed by one node while another attaches the same
/// content is the one race left, see docs/files.md).
class FileStore final : public sdk::FileService {
public:
    struct Options {
        std::filesystem::path root = "var/files";
        /// Largest file in bytes (`files.max_size`).
        std::int64_t maxSize = 25 * 1024 * 1024;
        /// Extensions (".pdf") and content types ("application/pdf", "image/*") accepted
        /// (`files.allowed_types`).
        std::vector<std::string> allowedTypes;
    };

    /// Borrows the database, the record API and access control, which must outlive it.
    FileStore(Database& db, sdk::Records& records, AccessControl& access, Options options);

    /// Creates `tessera_files` and its indexes when missing, and the blob directory.
    void ensureTables();

    sdk::FileInfo attach(const sdk::Caller& caller, const std::string& entity,
                         std::int64_t recordId, const std::string& name,
                         const std::string& contentType, const std::string& bytes) override;
    std::vector<sdk::FileInfo> list(const sdk::Caller& caller, const std::string& entity,
                                    std::int64_t recordId) override;
    sdk::FileInfo info(const sdk::Caller& caller, std::int64_t fileId) override;
    std::string read(const sdk::Caller& caller, std::int64_t fileId) override;
    void remove(const sdk::Caller& caller, std::int64_t fileId) override;

    /// Whether `caller` may attach files to, and remove them from, a record it can see.
    bool mayChange(const sdk::Caller& caller, const std::string& entity, std::int64_t recordId);

    /// Where the blob of a content hash lives.
    std::filesystem::path blobPath(const std::string& sha256) const;
    const Options& options() const { return options_; }

private:
    /// The record as the caller sees it; "not_found" when it does not.
    sdk::Record visibleRecord(const sdk::Caller& caller, const std::string& entity,
                              std::int64_t recordId);
    void requireUpdate(const sdk::Caller& caller, const std::string& entity,
                       const sdk::Record& record);
    /// The row of a file whose record the caller can see; "not_found" otherwise.
    sdk::FileInfo visibleFile(const sdk::Caller& caller, std::int64_t fileId);
    /// The content type to store, or "" when the file's type is not allowed.
    std::string acceptedType(const std::string& name, const std::string& claimed) const;

    Database& db_;
    sdk::Records& records_;
    AccessControl& access_;
    Options options_;
    std::set<std::string> allowedExtensions_;
    std::set<std::string> allowedTypes_;
    /// Orders blob writes against blob removals on this node.
    std::mutex blobMutex_;
};

}  // namespace tessera::kernel
