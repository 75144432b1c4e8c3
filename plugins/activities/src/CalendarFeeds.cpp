#include "CalendarFeeds.hpp"

#include <fstream>
#include <regex>
#include <set>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "CalendarReader.hpp"
#include "ICalendar.hpp"
#include "IsoTime.hpp"
#include "Preferences.hpp"

namespace activities {

using namespace tessera::sdk;
using namespace std::chrono;

namespace {

constexpr const char* kFeed = "CalendarFeed";

std::string sha256(const std::string& text) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(text);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string newToken() {
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[32];
    random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
    if (!random) {
        throw std::runtime_error("no random bytes for a calendar token");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string token;
    for (unsigned char b : bytes) {
        token += kHex[b >> 4];
        token += kHex[b & 15];
    }
    return token;
}

bool attends(const Record& meeting, std::int64_t userId) {
    auto attendees = meeting.value("attendee_ids", nlohmann::json());
    return integer(meeting, "owner_id") == userId ||
           (attendees.is_array() &&
            std::find(attendees.begin(), attendees.end(), userId) != attendees.end());
}

std::vector<Record> activeFeeds(Records& records, std::int64_t userId) {
    Query query;
    query.entity = kFeed;
    query.filter = Filter::allOf({Filter::eq("user_id", userId), Filter::isNull("revoked_at")});
    query.limit = 100;
    return records.query(Caller::systemCaller(), query).rows;
}

void revokeAll(Records& records, std::int64_t userId) {
    for (const auto& feed : activeFeeds(records, userId)) {
        records.update(Caller::systemCaller(), kFeed, integer(feed, "id"), integer(feed, "version"),
                       {{"revoked_at", formatUtc(nowUtc())}});
    }
}

WebResponse feedPage(Activities& shared, const WebRequest& request, const std::string& token) {
    auto feeds = activeFeeds(shared.records, request.caller().userId);
    nlohmann::json data = {{"HAS_FEED", !feeds.empty()}, {"NO_FEED", feeds.empty()}};
    if (!token.empty()) {
        std::string host = request.header("host");
        data["NEW_URL"] = {{"URL", (host.empty() ? std::string() : "http://" + host) +
                                       "/p/activities/ical/" + token + ".ics"}};
    } else if (!feeds.empty()) {
        data["HINT"] = {{"HINT", text(feeds.front(), "token_hint")},
                        {"SINCE", text(feeds.front(), "created_at")}};
    }
    return WebResponse::page(
        "Calendar subscription", "activities.feed.tpl", data,
        {{"Home", "/"}, {"Calendar", "/p/activities/calendar"}, {"Subscription", ""}});
}

/// Whether `userId` may read shared calendar `id`.
bool readable(Activities& shared, std::int64_t userId, std::int64_t id) {
    try {
        shared.records.get(Caller::user(userId), kSharedCalendar, id);
        return true;
    } catch (const PluginError&) {
        return false;
    }
}

/// The meetings of a feed, oldest first: those owned by `people` or on one of `calendars` in
/// full, and those the people only attend found first by their attendees alone, then read in
/// full by id, so the many meetings of other people are read with few columns.
std::vector<Record> feedMeetings(Activities& shared, const std::set<std::int64_t>& people,
                                 const std::vector<std::int64_t>& calendars,
                                 const std::string& since) {
    Filter window = Filter::anyOf({Filter::gte("ends_at", since), Filter::isNotNull("rrule")});
    nlohmann::json owners(people);
    std::vector<Filter> mine = {Filter::in("owner_id", owners)};
    if (!calendars.empty()) {
        mine.push_back(Filter::in("calendar_id", nlohmann::json(calendars)));
    }
    Query owned;
    owned.entity = kMeeting;
    owned.filter = Filter::allOf({window, Filter::anyOf(mine)});
    std::vector<Record> out = readAll(shared.records, Caller::systemCaller(), owned);
    Query others;
    others.entity = kMeeting;
    others.filter = Filter::allOf({window, Filter::notIn("owner_id", owners)});
    others.fields = {"attendee_ids", "calendar_id"};
    std::set<std::int64_t> seen;
    for (const auto& meeting : out) {
        seen.insert(integer(meeting, "id"));
    }
    std::vector<std::int64_t> attended;
    for (const auto& meeting : readAll(shared.records, Caller::systemCaller(), others)) {
        bool concerns = std::any_of(people.begin(), people.end(),
                                    [&](std::int64_t person) { return attends(meeting, person); });
        if (concerns && !seen.contains(integer(meeting, "id"))) {
            attended.push_back(integer(meeting, "id"));
        }
    }
    auto rows = readByIds(shared.records, Caller::systemCaller(), kMeeting, attended);
    out.insert(out.end(), std::make_move_iterator(rows.begin()),
               std::make_move_iterator(rows.end()));
    std::sort(out.begin(), out.end(), [](const Record& a, const Record& b) {
        return std::pair(text(a, "starts_at"), integer(a, "id")) <
               std::pair(text(b, "starts_at"), integer(b, "id"));
    });
    return out;
}

}  // namespace

std::string feedOf(Activities& shared, std::int64_t userId) {
    auto user = shared.users.byId(userId);
    ICalendar calendar("Tessera – " + (user ? user->displayName : "tasks and meetings"),
                       shared.zone);
    Preference preference = preferenceOf(shared, userId);
    calendar.setReaderZone(zoneOfUser(shared, userId).name());
    std::string since = formatUtc(nowUtc() - days(365));
    // Whose tasks and meetings: the user's, and those of colleagues who share their calendar
    // with the user and whom the user chose; plus the shared calendars chosen that the user may
    // still read. Sharing is checked now, so an unshared calendar leaves the feed at once.
    std::set<std::int64_t> people = {userId};
    std::vector<std::int64_t> calendars;
    for (const auto& source : preference.feedSources) {
        std::int64_t id = std::stoll(source.substr(source.find('-') + 1));
        if (source.starts_with("user-")) {
            if (sharesWith(shared, preferenceOf(shared, id), userId)) {
                people.insert(id);
            }
        } else if (readable(shared, userId, id)) {
            calendars.push_back(id);
        }
    }
    // Tasks of colleagues are read as the system: sharing shows them.
    Query tasks;
    tasks.entity = kTask;
    tasks.filter = Filter::allOf(
        {Filter::in("owner_id", nlohmann::json(people)), Filter::ne("status", "cancelled"),
         Filter::anyOf({Filter::gte("due_at", since), Filter::isNull("due_at"),
                        Filter::isNotNull("rrule")})});
    tasks.sort = {{"due_at", false}};
    for (const auto& task :
         readAll(shared.records, people.size() == 1 ? Caller::user(userId) : Caller::systemCaller(),
                 tasks)) {
        if (text(task, "status") == "done" && !text(task, "rrule").empty()) {
            continue;  // its next occurrence carries the series on
        }
        calendar.addTask(task);
    }
    for (const auto& meeting : feedMeetings(shared, people, calendars, since)) {
        calendar.addMeeting(meeting);
    }
    return calendar.serialize();
}

void addCalendarFeeds(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.addRoute(
        {"GET", "/p/activities/calendar/subscription", Permission::signedIn(),
         [shared](const WebRequest& request) { return feedPage(*shared, request, ""); }});
    context.addRoute({"POST", "/p/activities/calendar/subscription", Permission::signedIn(),
                      [shared](const WebRequest& request) {
                          std::int64_t user = request.caller().userId;
                          revokeAll(shared->records, user);
                          std::string token = newToken();
                          shared->records.create(Caller::systemCaller(), kFeed,
                                                 {{"user_id", user},
                                                  {"token_hash", sha256(token)},
                                                  {"token_hint", token.substr(0, 6)},
                                                  {"owner_id", user}});
                          return feedPage(*shared, request, token);
                      }});
    context.addRoute({"POST", "/p/activities/calendar/subscription/revoke", Permission::signedIn(),
                      [shared](const WebRequest& request) {
                          revokeAll(shared->records, request.caller().userId);
                          return WebResponse::redirect("/p/activities/calendar/subscription",
                                                       "The calendar link no longer works.");
                      }});
    // Calendar clients cannot sign in: the unguessable token is the credential.
    context.addRoute({"GET", "/p/activities/ical/{token}", Permission::anyone(),
                      [shared](const WebRequest& request) {
                          static const std::regex kToken(R"(([0-9a-f]{64})\.ics)");
                          std::smatch match;
                          std::string file = request.param("token");
                          if (!std::regex_match(file, match, kToken)) {
                              throw PluginError("not_found", "no such calendar");
                          }
                          Query query;
                          query.entity = kFeed;
                          query.filter = Filter::allOf({Filter::eq("token_hash", sha256(match[1])),
                                                        Filter::isNull("revoked_at")});
                          query.limit = 1;
                          auto feeds = shared->records.query(Caller::systemCaller(), query).rows;
                          auto user = feeds.empty()
                                          ? std::nullopt
                                          : shared->users.byId(integer(feeds[0], "user_id"));
                          if (!user || !user->active) {
                              throw PluginError("not_found", "no such calendar");
                          }
                          WebResponse answer = WebResponse::raw("text/calendar; charset=utf-8",
                                                                feedOf(*shared, user->id));
                          answer.headers.push_back({"Cache-Control", "private, max-age=300"});
                          return answer;
                      }});
    context.addRoute(
        {"GET", "/p/activities/meetings/{id}/ics", Permission::on(kMeeting, Action::Read),
         [shared](const WebRequest& request) {
             std::string id = request.param("id");
             if (id.empty() || id.size() > 18 ||
                 id.find_first_not_of("0123456789") != std::string::npos) {
                 throw PluginError("not_found", "no such meeting");
             }
             Record meeting = shared->records.get(request.caller(), kMeeting, std::stoll(id));
             ICalendar calendar(text(meeting, "title"), shared->zone);
             calendar.addMeeting(meeting);
             Query changed;
             changed.entity = kMeeting;
             changed.filter = Filter::eq("recurrence_of", integer(meeting, "id"));
             for (const auto& occurrence : readAll(shared->records, request.caller(), changed)) {
                 calendar.addMeeting(occurrence);
             }
             WebResponse answer =
                 WebResponse::raw("text/calendar; charset=utf-8", calendar.serialize());
             answer.headers.push_back(
                 {"Content-Disposition", "attachment; filename=\"meeting-" + id + ".ics\""});
             return answer;
         }});
}

}  // namespace activities
