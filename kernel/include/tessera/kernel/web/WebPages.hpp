#pragma once

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/render/TemplateRenderer.hpp>

namespace tessera::kernel {

/// The HTML side of the application: sign-in and sign-out, the home and search pages, the
/// theme's static files under /static/, and the generic pages of every entity (RecordPages).
class WebPages {
public:
    /// Adds the page routes to app.router(); `app` must outlive them. The theme is
    /// app.options().theme; templates and themes are found under
    /// TemplateRenderer::defaultRoot().
    static void install(WebApplication& app);
    /// The same with explicit template options.
    static void install(WebApplication& app, TemplateRenderer::Options options);
};

}  // namespace tessera::kernel
