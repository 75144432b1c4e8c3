#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/config.hpp>
#include <nlohmann/json.hpp>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::sdk {

/// Who may reach a plugin's route, see a menu item or a panel. The kernel checks it before the
/// handler runs, so a handler cannot forget it; the record API still checks every record.
struct Permission {
    enum class Kind { Public, SignedIn, EntityAction, Named, Admin };
    Kind kind = Kind::SignedIn;
    std::string entity;  ///< for EntityAction
    Action action = Action::Read;
    std::string name;  ///< for Named: a permission granted to roles ("deals.edit_pipelines")

    /// Anyone, signed in or not (a public web form). No CSRF check: guard the route yourself.
    static Permission anyone() { return {Kind::Public, {}, Action::Read, {}}; }
    static Permission signedIn() { return {Kind::SignedIn, {}, Action::Read, {}}; }
    /// A grant other than "none" for `action` on `entity`.
    static Permission on(std::string entity, Action action) {
        return {Kind::EntityAction, std::move(entity), action, {}};
    }
    static Permission named(std::string name) {
        return {Kind::Named, {}, Action::Read, std::move(name)};
    }
    static Permission admin() { return {Kind::Admin, {}, Action::Read, {}}; }
};

/// A request to a plugin route, read-only. Path parameters come from `{name}` segments.
class BOOST_SYMBOL_VISIBLE WebRequest {
public:
    virtual ~WebRequest() = default;
    virtual const std::string& method() const = 0;
    virtual const std::string& path() const = 0;
    /// A `{name}` segment of the route's pattern, "" when the pattern has none of that name.
    virtual std::string param(const std::string& name) const = 0;
    virtual std::optional<std::string> query(const std::string& name) const = 0;
    /// A field of an application/x-www-form-urlencoded body (the first of that name).
    virtual std::optional<std::string> form(const std::string& name) const = 0;
    /// Every value of a repeated form field (checkboxes, multi-selects).
    virtual std::vector<std::string> formAll(const std::string& name) const = 0;
    /// The body, already limited to server.max_body.
    virtual const std::string& body() const = 0;
    /// A header; `name` in lower case; "" when absent.
    virtual std::string header(const std::string& name) const = 0;
    virtual const std::string& clientAddress() const = 0;
    /// The signed-in user, or the system caller on a public route nobody signed in to.
    virtual Caller caller() const = 0;
    virtual bool signedIn() const = 0;
    /// The session's CSRF token, for forms a handler renders itself ("" when not signed in).
    virtual std::string csrfToken() const = 0;
};

/// A link in the breadcrumb; an empty href marks the current page.
struct Crumb {
    std::string label;
    std::string href;
};

/// What a plugin route answers. A page is rendered by the kernel inside the layout: the
/// template is found in the theme, then the plugin's `templates/`, then the kernel's, and every
/// value of `data` is HTML-escaped (objects become sections, arrays repeated sections, `true`
/// shows a section; a key ending in `_HTML` is not escaped — use it only for markup the
/// kernel made, such as WebResponse::svg output you built from escaped parts).
struct WebResponse {
    enum class Kind { Page, Json, Redirect, Raw };
    Kind kind = Kind::Page;
    int status = 200;
    std::string title;
    std::string templateName;
    nlohmann::json data = nlohmann::json::object();
    std::vector<Crumb> crumbs;
    std::string location;  ///< for Redirect
    std::string flash;     ///< for Redirect: a message shown once on the next page
    std::string contentType;  ///< for Raw
    std::string body;         ///< for Raw
    std::vector<std::pair<std::string, std::string>> headers;

    static WebResponse page(std::string title, std::string templateName, nlohmann::json data,
                            std::vector<Crumb> crumbs = {}) {
        WebResponse r;
        r.title = std::move(title);
        r.templateName = std::move(templateName);
        r.data = std::move(data);
        r.crumbs = std::move(crumbs);
        return r;
    }
    static WebResponse json(nlohmann::json value, int status = 200) {
        WebResponse r;
        r.kind = Kind::Json;
        r.status = status;
        r.data = std::move(value);
        return r;
    }
    /// 303 See Other to a local path.
    static WebResponse redirect(std::string location, std::string flash = {}) {
        WebResponse r;
        r.kind = Kind::Redirect;
        r.status = 303;
        r.location = std::move(location);
        r.flash = std::move(flash);
        return r;
    }
    static WebResponse raw(std::string contentType, std::string body, int status = 200) {
        WebResponse r;
        r.kind = Kind::Raw;
        r.status = status;
        r.contentType = std::move(contentType);
        r.body = std::move(body);
        return r;
    }
};

/// Handles one request. Throw PluginError to answer with an error: "validation" 422 (with
/// per-field messages for JSON), "not_found" 404, "forbidden" 403, "conflict" 409, others 400.
using WebHandler = std::function<WebResponse(const WebRequest&)>;

/// A route a plugin adds. Pages live under `/p/<plugin id>/...` and JSON under
/// `/api/v1/p/<plugin id>/...` or any other path the plugin owns; patterns may hold `{name}`.
struct WebRoute {
    std::string method = "GET";
    std::string pattern;
    Permission permission = Permission::signedIn();
    WebHandler handler;
};

/// An entry of the navigation; shown only to users who have `permission`.
struct MenuItem {
    std::string label;
    std::string href;
    Permission permission = Permission::signedIn();
    /// Lower first; entities' list pages are at 1000 + their order of declaration.
    int order = 500;
    /// A group heading ("Sales", "Admin"); empty for the top level.
    std::string group;
};

/// Where a panel goes.
enum class Slot {
    DetailMain,     ///< below the fields of a record's detail page
    DetailSide,     ///< beside them (below them on a phone)
    DetailActions,  ///< buttons in the record's header
    Home,           ///< a widget on the home page
    /// Above the new and edit forms of a record (SDK 1.4): `record` holds the values in the form
    /// (the defaults of a new record, the submitted values after a refusal) and `id` is 0 for a
    /// new record. For warnings and helpers that read the form, such as likely duplicates.
    Form
};

/// What a panel is asked to render for.
struct PanelContext {
    Caller caller;
    std::string entity;     ///< the record's entity; empty on Home
    std::int64_t id = 0;    ///< the record's id; 0 on Home
    const Record* record = nullptr;  ///< the record as the caller sees it; null on Home
    std::string csrfToken;  ///< for forms inside the panel
};

/// A rendered panel: a template of the plugin (escaped like a page) under a heading.
struct PanelContent {
    std::string title;
    std::string templateName;
    nlohmann::json data = nlohmann::json::object();
};

/// Renders the panel, or nothing to stay hidden for this record.
using PanelRenderer = std::function<std::optional<PanelContent>(const PanelContext&)>;

struct Panel {
    Slot slot = Slot::DetailMain;
    /// The entity whose pages show it; "*" for every entity.
    std::string entity = "*";
    Permission permission = Permission::signedIn();
    int order = 500;
    PanelRenderer render;
};

/// What `tessera demo` hands a plugin's demo data loader.
struct DemoContext {
    Records& records;
    /// The system caller: demo rows are written without permission checks, audited as system.
    Caller caller;
    /// 1 for the default set; larger for benchmarks (rows scale with it).
    int scale = 1;
    /// Fixed, so demo data is the same on every run.
    std::uint64_t seed = 42;
    /// Users made for the demo, by login ("admin", "manager", "sales", "support", "marketing").
    std::map<std::string, std::int64_t> users;
};

using DemoLoader = std::function<void(DemoContext&)>;

}  // namespace tessera::sdk
