#include "CalendarPage.hpp"

#include "CalendarReader.hpp"
#include "FormInput.hpp"
#include "MeetingForm.hpp"
#include "Preferences.hpp"
#include "Refuse.hpp"

namespace activities {

using namespace tessera::sdk;
using namespace std::chrono;

namespace {

constexpr std::size_t kShownPerDay = 4;

struct View {
    std::string key;
    std::string label;
};

const std::vector<View>& views() {
    static const std::vector<View> kViews = {{"month", "Month"}, {"week", "Week"}, {"day", "Day"}};
    return kViews;
}

/// The first and last (exclusive) day of the view around `day`.
std::pair<local_days, local_days> rangeOf(const std::string& view, local_days day) {
    if (view == "day") {
        return {day, day + days(1)};
    }
    auto monday = [](local_days d) { return d - days((weekday(d).c_encoding() + 6) % 7); };
    if (view == "week") {
        return {monday(day), monday(day) + days(7)};
    }
    year_month_day ymd{day};
    local_days first{ymd.year() / ymd.month() / 1};
    local_days last{ymd.year() / ymd.month() / std::chrono::last};
    local_days start = monday(first);
    return {start, start + days(42 > (last - start).count() + 1 ? 42 : 49)};
}

local_days step(const std::string& view, local_days day, int direction) {
    if (view == "day") {
        return day + days(direction);
    }
    if (view == "week") {
        return day + days(7 * direction);
    }
    year_month_day ymd{day};
    year_month month = ymd.year() / ymd.month() + months(direction);
    return local_days{month / 1};
}

std::string timeText(const Occurrence& item) {
    return item.allDay ? "All day" : formatLocal(item.start).substr(11, 5);
}

WebResponse calendarPage(Activities& shared, const DateSources& sources,
                         const WebRequest& request) {
    Caller caller = request.caller();
    std::string view = request.query("view").value_or("month");
    if (std::none_of(views().begin(), views().end(),
                     [&](const View& v) { return v.key == view; })) {
        refuse("view", "must be month, week or day");
    }
    TimeZone zone = zoneOfUser(shared, caller.userId);
    local_days today = floor<days>(zone.toLocal(nowUtc()));
    local_days day = today;
    if (auto date = request.query("date"); date && !date->empty()) {
        auto parsed = parseDate(*date);
        if (!parsed) {
            refuse("date", "must be a date like 2026-03-31");
        }
        day = local_days{*parsed};
    }
    std::string who = request.query("who").value_or("me");
    Whose whose{who, {caller.userId}, "My calendar"};
    if (who == "team") {
        auto mates = shared.users.teammates(caller.userId);
        whose = {who, {mates.begin(), mates.end()}, "My team's calendar"};
        if (mates.size() <= 1) {
            whose.users.clear();  // no team: everything the viewer may see
            whose.label = "Everyone's calendar";
        }
    } else if (who.starts_with("calendar-")) {
        FormInput form(request);
        std::int64_t id = form.id(who.substr(9), "who");
        Record calendar =
            shared.records.get(caller, kSharedCalendar, id);  // who may read it sees it
        whose = {who, {}, text(calendar, "name"), id};
    } else if (who != "me") {
        FormInput form(request);
        std::int64_t id = form.id(who, "who");
        auto user = shared.users.byId(id);
        if (!user) {
            refuse("who", "there is no user " + who);
        }
        whose = {
            who, {id}, id == caller.userId ? "My calendar" : user->displayName + "'s calendar"};
        whose.sharedWithViewer =
            id != caller.userId && sharesWith(shared, preferenceOf(shared, id), caller.userId);
    }
    auto [first, last] = rangeOf(view, day);
    CalendarReader reader(shared, caller, sources, zone);
    auto items = reader.read(whose, first, last);
    std::map<std::int64_t, std::string> names;
    for (const auto& user : shared.users.activeUsers()) {
        names[user.id] = user.displayName;
    }
    auto link = [&](const std::string& v, local_days d, const std::string& w) {
        return "/p/activities/calendar?view=" + v + "&date=" + formatDate(year_month_day{d}) +
               "&who=" + w;
    };
    auto eventRow = [&](const Occurrence& item) {
        nlohmann::json row = {{"KIND", item.kind},
                              {"DONE", item.done},
                              {"LINK", item.link},
                              {"TITLE", item.title},
                              {"TIME", timeText(item)},
                              {"HAS_TIME", !item.allDay},
                              {"LINKED", !item.link.empty()},
                              {"UNLINKED", item.link.empty()}};
        if (!item.where.empty()) {
            row["WHERE"] = {{"WHERE", item.where}};
        }
        if (whose.users.size() != 1 && names.contains(item.owner)) {
            row["WHO"] = {{"WHO", names[item.owner]}};
        }
        return row;
    };
    nlohmann::json days_ = nlohmann::json::array();
    year_month_day shownMonth{day};
    for (local_days d = first; d < last; d += days(1)) {
        Local dayStart = d;
        Local dayEnd = d + days(1);
        nlohmann::json events = nlohmann::json::array();
        std::size_t total = 0;
        for (const auto& item : items) {
            bool on = item.start < dayEnd && (item.end > dayStart || item.start >= dayStart);
            if (!on) {
                continue;
            }
            ++total;
            if (view != "month" || events.size() < kShownPerDay) {
                events.push_back(eventRow(item));
            }
        }
        year_month_day ymd{d};
        nlohmann::json cell = {{"NUMBER", static_cast<unsigned>(ymd.day())},
                               {"LABEL", formatDisplayDate(d)},
                               {"HREF", link("day", d, who)},
                               {"OTHER", ymd.month() != shownMonth.month()},
                               {"TODAY", d == today},
                               {"EVENT", events},
                               {"EMPTY", events.empty()}};
        if (total > events.size()) {
            cell["MORE"] = {{"HREF", link("day", d, who)}, {"COUNT", total - events.size()}};
        }
        days_.push_back(cell);
    }
    nlohmann::json viewTabs = nlohmann::json::array();
    for (const auto& v : views()) {
        viewTabs.push_back(
            {{"LABEL", v.label}, {"HREF", link(v.key, day, who)}, {"CURRENT", v.key == view}});
    }
    nlohmann::json whoseTabs = nlohmann::json::array(
        {{{"LABEL", "Mine"}, {"HREF", link(view, day, "me")}, {"CURRENT", who == "me"}},
         {{"LABEL", "My team"}, {"HREF", link(view, day, "team")}, {"CURRENT", who == "team"}}});
    Query calendars;
    calendars.entity = kSharedCalendar;
    calendars.sort = {{"name", false}};
    calendars.limit = 20;
    for (const auto& calendar : shared.records.query(caller, calendars).rows) {
        std::string key = "calendar-" + std::to_string(integer(calendar, "id"));
        whoseTabs.push_back({{"LABEL", text(calendar, "name")},
                             {"HREF", link(view, day, key)},
                             {"CURRENT", who == key}});
    }
    nlohmann::json sharedTabs = nlohmann::json::array();
    for (const auto& user : sharersWith(shared, caller.userId)) {
        std::string key = std::to_string(user.id);
        sharedTabs.push_back(
            {{"LABEL", user.displayName}, {"HREF", link(view, day, key)}, {"CURRENT", who == key}});
    }
    nlohmann::json colleagues = nlohmann::json::array();
    for (const auto& [id, name] : names) {
        colleagues.push_back({{"ID", id}, {"NAME", name}, {"SELECTED", std::to_string(id) == who}});
    }
    static const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    nlohmann::json weekdays = nlohmann::json::array();
    for (const char* name : kWeekdays) {
        weekdays.push_back({{"NAME", name}});
    }
    std::string range =
        view == "month"
            ? formatDisplayDate(local_days{shownMonth.year() / shownMonth.month() / 1}).substr(4)
        : view == "week" ? formatDisplayDate(first) + " – " + formatDisplayDate(last - days(1))
                         : formatDisplayDate(day);
    if (view == "month") {
        range = range.substr(range.find(' ') + 1);  // "Mar 2026"
    }
    nlohmann::json data = {{"HEADING", whose.label},
                           {"RANGE", range},
                           {"PREV", link(view, step(view, day, -1), who)},
                           {"NEXT", link(view, step(view, day, 1), who)},
                           {"TODAY", link(view, today, who)},
                           {"VIEW", viewTabs},
                           {"WHOSE", whoseTabs},
                           {"COLLEAGUE", colleagues},
                           {"ZONE_NAME", zone.name()},
                           {"VIEW_KEY", view},
                           {"DATE", formatDate(year_month_day{day})}};
    nlohmann::json attendees = nlohmann::json::array();
    for (const auto& [id, name] : names) {
        attendees.push_back({{"ID", id}, {"NAME", name}, {"ME", id == caller.userId}});
    }
    data["ATTENDEE"] = attendees;
    if (!sharedTabs.empty()) {
        data["SHARED"] = {{"TAB", sharedTabs}};
    }
    nlohmann::json calendarOptions = nlohmann::json::array();
    for (const auto& tab : whoseTabs) {
        std::string href = tab["HREF"];
        auto at = href.find("who=calendar-");
        if (at != std::string::npos) {
            calendarOptions.push_back(
                {{"ID", href.substr(at + 13)},
                 {"NAME", tab["LABEL"]},
                 {"SELECTED", whose.calendarId != 0 && tab["CURRENT"] == true}});
        }
    }
    if (!calendarOptions.empty()) {
        data["CALENDARS"] = {{"CALENDAR", calendarOptions}};
    }
    data["PLAN_OPEN"] = request.query("plan").value_or("") == "1";
    data["PLAN_START"] = formatLocal(day + hours(9));
    if (auto entity = request.query("entity"); entity && !entity->empty()) {
        FormInput form(request);
        std::string name = FormInput::entityName(*entity);
        std::int64_t id = form.id(request.query("id").value_or(""), "id");
        Record linked = shared.records.get(caller, name, id);
        data["PLAN_ENTITY"] = name;
        data["PLAN_ID"] = id;
        data["PLAN_FOR"] = {{"PLAN_FOR", recordTitle(name, linked)}};
    }
    if (view == "month") {
        data["MONTH"] = {{"WEEKDAY", weekdays}, {"DAY", days_}};
    } else {
        data["AGENDA"] = {{"DAY", days_}};
    }
    return WebResponse::page(whose.label, "activities.calendar.tpl", data,
                             {{"Home", "/"}, {"Calendar", ""}});
}

}  // namespace

void addCalendarPage(PluginContext& context, std::shared_ptr<Activities> shared) {
    auto sources = std::make_shared<DateSources>();
    context.provide<tessera::activities::CalendarSources>("activities.calendar", sources);
    context.addRoute({"GET", "/p/activities/calendar", Permission::signedIn(),
                      [shared, sources](const WebRequest& request) {
                          return calendarPage(*shared, *sources, request);
                      }});
    context.addRoute(
        {"POST", "/p/activities/meetings", Permission::on(kMeeting, Action::Create),
         [shared](const WebRequest& request) { return planMeeting(*shared, request); }});
    context.addMenuItem(
        {"Calendar", "/p/activities/calendar", Permission::signedIn(), 21, "Activities"});
}

}  // namespace activities
