#pragma once

#include <tessera/sdk/Web.hpp>

#include "Activities.hpp"

namespace activities {

/// The forms of the timeline. Logging a call or note: back to the record, or its form again
/// (422) naming the bad fields.
tessera::sdk::WebResponse logActivity(Activities& shared, const tessera::sdk::WebRequest& request);
/// A task following up an interaction, on the same record, for the person setting it.
tessera::sdk::WebResponse setFollowUp(Activities& shared, const tessera::sdk::WebRequest& request);
/// Marks a task done at the version the form carried (a stale one is a conflict).
tessera::sdk::WebResponse completeTask(Activities& shared, const tessera::sdk::WebRequest& request);

}  // namespace activities
