#pragma once

#include <tessera/sdk/Web.hpp>

#include "Activities.hpp"

namespace activities {

/// Plans a meeting from the calendar's form: start in the configured zone, length, place,
/// attendees, repetition, reminder, shared calendar and linked record; then shows its week.
tessera::sdk::WebResponse planMeeting(Activities& shared, const tessera::sdk::WebRequest& request);

}  // namespace activities
