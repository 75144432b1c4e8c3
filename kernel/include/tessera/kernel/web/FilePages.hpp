#pragma once

#include <memory>

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/PageSupport.hpp>

namespace tessera::kernel {

/// Attachments on the web: the upload form's target (`POST /r/{slug}/{id}/files`,
/// multipart/form-data with the CSRF field), downloads (`GET /files/{id}`, always as an
/// attachment with a safe name), removal (`POST /files/{id}/delete`), and the JSON API
/// (`/api/v1/{slug}/{id}/files`, `/api/v1/files/{id}[/content]`). The attachments panel itself
/// is registered by the Kernel. Needs a running kernel; installs nothing without one.
class FilePages {
public:
    static void install(WebApplication& app, std::shared_ptr<PageSupport> pages);
};

}  // namespace tessera::kernel
