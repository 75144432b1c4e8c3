#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/kernel/schema/EntityDef.hpp>
#include <tessera/kernel/web/PageSupport.hpp>
#include <tessera/sdk/Query.hpp>

// The generic record pages, one file per page (ListPage.cpp, DetailPage.cpp, RecordForm.cpp,
// BoardPage.cpp, CsvExport.cpp, SavedViews.cpp, RecordLookup.cpp); RecordPages.cpp installs
// their routes. Everything here is private to kernel/src/web.
namespace tessera::kernel::detail {

using Params = std::vector<std::pair<std::string, std::string>>;

/// The entity named by the route's {slug}; HttpError 404 when there is none.
const EntityDef& entityOf(PageSupport& pages, const HttpRequest& request);
/// The route's {id} (or another parameter); HttpError 404 unless a positive whole number.
std::int64_t idOf(const HttpRequest& request, const char* parameter = "id");
/// A positive whole number, or nothing.
std::optional<std::int64_t> positiveId(const std::string& text);

std::string labelOf(const FieldDef& field);
/// True for id, owner_id and the other fields every entity has.
bool isStandard(const std::string& name);
/// A value as a page shows it.
std::string displayValue(const FieldDef& field, const nlohmann::json& value);
/// A value as a form input holds it.
std::string inputValue(const FieldDef& field, const nlohmann::json& value);
std::string titleOf(const EntityDef& entity, const sdk::Record& record);
std::string recordHref(const EntityDef& entity, const sdk::Record& record);
/// The request's query without the parameters in `drop` and without empty values.
Params paramsWithout(const HttpRequest& request, std::initializer_list<const char*> drop);
/// True when the caller may read some records of `entity`.
bool canRead(PageSupport& pages, const HttpRequest& request, const std::string& entity);

/// Display names of users, looked up once per page.
class UserNames {
public:
    explicit UserNames(PageSupport& pages) : pages_(pages) {}
    const std::string& operator()(std::int64_t userId);
    /// A value of `field` with users shown by name (owner_id, created_by).
    std::string display(const FieldDef& field, const nlohmann::json& value);

private:
    PageSupport& pages_;
    std::map<std::int64_t, std::string> names_;
};

/// Fields under a heading, as a layout's "detail" or "form" part arranges them.
struct FieldGroup {
    std::string label;  ///< empty when the entity has no layout for the part
    std::vector<const FieldDef*> fields;
};
/// `fields` (in their order) grouped by the layout's `part` ("detail" or "form"); those in no
/// group go into a last group "Other". Without a layout for the part: one group, no heading.
std::vector<FieldGroup> groupFields(const EntityDef& entity, const char* part,
                                    const std::vector<const FieldDef*>& fields);

/// The title of the record a reference field points to, when the caller may read it.
std::string referenceTitle(PageSupport& pages, const HttpRequest& request, const FieldDef& field,
                           const nlohmann::json& value);
/// The id a reference input names: a number, or the exact title of one readable record.
/// Nothing when neither; `error` then says why.
std::optional<std::int64_t> resolveReference(PageSupport& pages, const HttpRequest& request,
                                             const FieldDef& field, const std::string& text,
                                             std::string& error);

// --- pages ---
void listPage(PageSupport& pages, HttpRequest& request, HttpResponse& response, bool trash);
void detailPage(PageSupport& pages, HttpRequest& request, HttpResponse& response);
/// Every record linked through a manyToMany relation, a page at a time.
void relatedPage(PageSupport& pages, HttpRequest& request, HttpResponse& response);
void newForm(PageSupport& pages, HttpRequest& request, HttpResponse& response);
void editForm(PageSupport& pages, HttpRequest& request, HttpResponse& response);
/// Saves a submitted form (id 0: a new record), or shows it again with the problems in place.
void submitForm(PageSupport& pages, HttpRequest& request, HttpResponse& response, std::int64_t id);
void boardPage(PageSupport& pages, HttpRequest& request, HttpResponse& response);
void moveCard(PageSupport& pages, HttpRequest& request, HttpResponse& response);
/// The list's records as CSV, streamed a page at a time.
void exportCsv(PageSupport& pages, HttpRequest& request, HttpResponse& response);
/// [{id, title}] of readable records whose title starts with or contains q.
void lookup(PageSupport& pages, HttpRequest& request, HttpResponse& response);

// --- saved views (table tessera_saved_views) ---
struct SavedView {
    std::int64_t id = 0;
    std::int64_t userId = 0;
    std::string name;
    std::string query;  ///< the list's query string, form-encoded
    bool shared = false;
};
/// Creates tessera_saved_views when missing.
void ensureSavedViewsTable(Database& db);
/// The caller's own views of `entity` and those shared by others, by name.
std::vector<SavedView> savedViewsOf(PageSupport& pages, std::int64_t userId,
                                    const std::string& entity);
void saveView(PageSupport& pages, HttpRequest& request, HttpResponse& response);
void deleteView(PageSupport& pages, HttpRequest& request, HttpResponse& response);

}  // namespace tessera::kernel::detail
