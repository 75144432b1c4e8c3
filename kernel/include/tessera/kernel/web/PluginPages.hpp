#pragma once

#include <memory>
#include <string>

#include <tessera/kernel/acl/AccessContext.hpp>
#include <tessera/kernel/web/PageSupport.hpp>
#include <tessera/kernel/web/WebExtensions.hpp>
#include <tessera/sdk/Web.hpp>

namespace ctemplate {
class TemplateDictionary;
}

namespace tessera::kernel {

/// Whether a user's resolved permissions meet a plugin's permission (signed in is assumed).
bool permits(const AccessContext& context, const sdk::Permission& permission);

/// The web side of plugins: their routes become router entries behind the session, CSRF and
/// permission checks; their panels are rendered into the record and home pages.
class PluginPages {
public:
    /// Adds every plugin route of `extensions` to app.router().
    static void install(WebApplication& app, std::shared_ptr<PageSupport> pages,
                        const WebExtensions& extensions);

    /// Renders the panels of `slot` for a record (or the home page when `entity` is empty)
    /// into `dict` as the unescaped variable `variable`. A panel that throws is logged and
    /// shown as a short notice, so one plugin cannot break another's page.
    static void renderSlot(PageSupport& pages, const WebExtensions& extensions,
                           const HttpRequest& request, sdk::Slot slot, const std::string& entity,
                           std::int64_t id, const sdk::Record* record,
                           ctemplate::TemplateDictionary& dict, const std::string& variable);
};

}  // namespace tessera::kernel
