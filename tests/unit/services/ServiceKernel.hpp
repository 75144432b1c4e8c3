#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/http/HttpServer.hpp>
#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include "IsolatedDatabase.hpp"
#include "TempDir.hpp"

namespace tessera::test {

/// A whole kernel (fixture.base's Widget entity) and its web application on a loopback port,
/// with the kernel itself reachable, so tests see the file store, the mail queue and the
/// notification center behind the pages.
class ServiceKernel {
public:
    /// `settings` are added as `--set` would ("files.max_size=4096").
    ServiceKernel(kernel::Backend backend, std::vector<std::string> settings = {});
    ~ServiceKernel();

    kernel::Kernel& kernel() { return *kernel_; }
    std::int64_t createUser(const std::string& login, const std::string& role);
    sdk::testing::HttpClient signIn(const std::string& login) const;
    int port() const { return server_->port(); }
    const std::filesystem::path& filesRoot() const { return filesRoot_; }
    /// Blob files under the store (the temporary folder left out).
    std::vector<std::filesystem::path> blobs() const;

private:
    IsolatedDatabase database_;
    TempDir folder_;
    std::filesystem::path filesRoot_;
    kernel::Config config_;
    std::unique_ptr<kernel::Kernel> kernel_;
    std::unique_ptr<kernel::WebApplication> app_;
    std::unique_ptr<kernel::HttpServer> server_;
    std::string passwordHash_;
};

}  // namespace tessera::test
