#include "MeetingForm.hpp"

#include "FormInput.hpp"
#include "Preferences.hpp"
#include "Refuse.hpp"

namespace activities {

using namespace tessera::sdk;
using namespace std::chrono;

WebResponse planMeeting(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    // The planner's zone: a weekly 9:00 meeting stays at 9:00 on their clock.
    TimeZone zone = zoneOfUser(shared, request.caller().userId);
    Record values = {{"title", form.text("title")},
                     {"location", form.text("location")},
                     {"starts_at", form.utcTime("starts_at", zone)},
                     {"time_zone", zone.name()},
                     {"owner_id", request.caller().userId}};
    if (values["starts_at"].is_null()) {
        refuse("starts_at", "is required");
    }
    values["ends_at"] = formatUtc(*parseUtc(values["starts_at"].get<std::string>()) +
                                  std::chrono::minutes(form.minutes("duration_minutes", 30)));
    nlohmann::json attendees = nlohmann::json::array();
    for (const auto& id : request.formAll("attendee")) {
        attendees.push_back(form.id(id, "attendee_ids"));
    }
    values["attendee_ids"] = attendees;
    if (std::string rrule = form.text("rrule"); !rrule.empty()) {
        values["rrule"] = rrule;
    }
    if (std::string reminder = form.text("reminder"); !reminder.empty()) {
        values["reminder_offsets"] = {form.id(reminder, "reminder_offsets")};
    }
    if (std::string calendar = form.text("calendar_id"); !calendar.empty()) {
        values["calendar_id"] = form.id(calendar, "calendar_id");
    }
    if (std::string entity = form.text("entity"); !entity.empty()) {
        values["record_entity"] = FormInput::entityName(entity);
        values["record_id"] = form.id(form.text("id"), "id");
    }
    Record made = shared.records.create(request.caller(), kMeeting, values);
    local_days day = floor<days>(zone.toLocal(*parseUtc(text(made, "starts_at"))));
    return WebResponse::redirect(
        "/p/activities/calendar?view=week&date=" + formatDate(year_month_day{day}),
        "Meeting added: " + text(made, "title"));
}

}  // namespace activities
