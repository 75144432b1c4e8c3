#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

/// The timeline panel on every record's detail page, the whole timeline page with filters and
/// paging, its JSON API, and the forms it carries: log a call or note, set a follow-up from an
/// interaction, mark a task done.
void addTimelinePages(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

}  // namespace activities
