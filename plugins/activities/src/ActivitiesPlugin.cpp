// Plugin activities: interactions, the timeline, tasks, reminders and the calendar. Built on
// the SDK alone.
#include <tessera/sdk/PluginExport.hpp>

#include "ActivityHooks.hpp"
#include "CalendarFeeds.hpp"
#include "CalendarPage.hpp"
#include "DemoData.hpp"
#include "LinkedRecords.hpp"
#include "MeetingOccurrences.hpp"
#include "Preferences.hpp"
#include "Reminders.hpp"
#include "SettingsPage.hpp"
#include "TaskOccurrences.hpp"
#include "TaskPages.hpp"
#include "TimelineIndex.hpp"
#include "TimelinePages.hpp"

namespace activities {

using namespace tessera::sdk;

class ActivitiesPlugin final : public Plugin {
public:
    void initialize(PluginContext& context) override {
        std::string zoneName = context.config().value("time_zone", "UTC");
        auto zone = TimeZone::named(zoneName);
        if (!zone) {
            throw PluginError("config", "activities: time_zone '" + zoneName +
                                            "' is not a time zone name like Europe/Berlin");
        }
        shared_ = std::make_shared<Activities>(
            Activities{context.records(), context.users(), context.notifications(), *zone,
                       context.config().value("timeline_page_size", 25)});
        addActivityHooks(context, shared_);
        addTimelineIndex(context);
        addTimelinePages(context, shared_);
        addTaskPages(context, shared_);
        addCalendarFeeds(context, shared_);
        addCalendarPage(context, shared_);
        addMeetingOccurrences(context, shared_);
        addTaskOccurrences(context, shared_);
        addPreferences(context, shared_);
        addSettingsPage(context, shared_);
        addReminders(context, shared_);
        addLinkedRecordHandlers(context);
        context.addDemoData(loadDemoData);
    }

private:
    std::shared_ptr<Activities> shared_;
};

}  // namespace activities

TESSERA_PLUGIN(activities::ActivitiesPlugin)
