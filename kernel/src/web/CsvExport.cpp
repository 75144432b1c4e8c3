#include <ostream>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/RecordApi.hpp>
#include <tessera/sdk/Error.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel::detail {

namespace {

/// Rows per query while streaming: the record API's largest page.
constexpr int kExportPage = 1000;

/// One CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet does not
/// run it as a formula.
void writeCell(std::ostream& out, std::string text) {
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
        text.insert(text.begin(), '\'');
    }
    if (text.find_first_of("\",\r\n") == std::string::npos) {
        out << text;
        return;
    }
    out << '"';
    for (char c : text) {
        if (c == '"') {
            out << '"';
        }
        out << c;
    }
    out << '"';
}

}  // namespace

void exportCsv(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    HttpRequest listRequest = request;
    listRequest.query = paramsWithout(request, {"after", "limit", "offset", "columns"});
    sdk::Query query = RecordApi::parseListQuery(entity, listRequest);
    query.forExport = true;
    query.limit = kExportPage;
    sdk::Caller caller = PageSupport::callerOf(request);
    auto context = pages.app().access().contextFor(caller);
    if (!context->unrestricted() &&
        context->grant(entity.name, sdk::Action::Export).level == ScopeLevel::None) {
        throw HttpError(403, "forbidden",
                        "You may not export " + entity.pluralLabel +
                            ": ask an administrator for the export permission.");
    }
    RecordStore& records = pages.app().records();
    // The first page is read here, so a missing export permission or a bad filter is answered
    // with an error page before anything is streamed.
    sdk::Page first;
    try {
        first = records.query(caller, query);
    } catch (const sdk::PluginError& e) {
        if (e.error().code != "validation") {
            throw;
        }
        throw HttpError(400, "bad_query", e.error().message);
    }
    response.status = 200;
    response.contentType = "text/csv; charset=utf-8";
    response.setHeader("Content-Disposition", "attachment; filename=\"" + entity.slug + ".csv\"");
    response.setHeader("Cache-Control", "no-store");
    response.stream = [&records, &entity, caller, query,
                       first = std::move(first)](std::ostream& out) mutable {
        // Keyset paging: each page starts after the last row of the one before, so memory
        // holds one page whatever the size of the list.
        std::vector<const FieldDef*> columns;
        sdk::Page page = std::move(first);
        while (true) {
            for (const auto& record : page.rows) {
                if (columns.empty()) {
                    for (const auto& field : entity.fields) {
                        if (record.contains(field.name)) {
                            columns.push_back(&field);
                        }
                    }
                    for (std::size_t i = 0; i < columns.size(); ++i) {
                        out << (i == 0 ? "" : ",");
                        writeCell(out, columns[i]->name);
                    }
                    out << "\r\n";
                }
                for (std::size_t i = 0; i < columns.size(); ++i) {
                    out << (i == 0 ? "" : ",");
                    const FieldDef& field = *columns[i];
                    writeCell(out, record.contains(field.name)
                                       ? displayValue(field, record[field.name])
                                       : std::string{});
                }
                out << "\r\n";
            }
            if (page.nextCursor.empty()) {
                break;
            }
            out.flush();
            query.after = page.nextCursor;
            page = records.query(caller, query);
        }
    };
}

}  // namespace tessera::kernel::detail
