#include "AdminSupport.hpp"

#include <charconv>

#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>

namespace tessera::kernel::detail {

HttpHandler adminPage(const std::shared_ptr<PageSupport>& pages, PageSupport::PageHandler handler) {
    // The shared pointer kept in the handler keeps the page support alive with the route.
    return pages->page(
        [pages, handler = std::move(handler)](HttpRequest& request, HttpResponse& response) {
            auto context = pages->app().access().contextFor(PageSupport::callerOf(request));
            if (!context->unrestricted()) {
                throw HttpError(403, "forbidden",
                                "The administration pages are for administrators only: ask one to "
                                "make the change, or to give you the admin role.");
            }
            handler(request, response);
        });
}

void adminRespond(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                  const std::string& title, const std::string& templateName,
                  ctemplate::TemplateDictionary& dict, std::vector<PageSupport::Crumb> crumbs,
                  int status) {
    dict.SetValue("CSRF", request.principal->csrfToken);
    std::vector<PageSupport::Crumb> trail = {{"Home", "/"}, {"Administration", "/admin"}};
    trail.insert(trail.end(), crumbs.begin(), crumbs.end());
    if (crumbs.empty()) {
        trail.back().href.clear();
    }
    pages.respond(request, response, title, templateName, dict, trail, status);
}

std::int64_t parseId(const std::string& text, const std::string& field) {
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || id <= 0) {
        throw HttpError(400, "bad_id",
                        field + " must be the positive whole number of an existing " + field +
                            ", not '" + text.substr(0, 40) + "': follow a link of the list");
    }
    return id;
}

void invalid(const std::string& field, const std::string& fix) {
    throw HttpError(422, "validation", field + ": " + fix, {{field, fix}});
}

std::string formText(const FormData& form, const std::string& field, std::size_t maxLength) {
    std::string value = form.value(field);
    auto first = value.find_first_not_of(" \t\r\n");
    value = first == std::string::npos
                ? std::string()
                : value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
    if (value.size() > maxLength) {
        invalid(field, "use at most " + std::to_string(maxLength) + " characters (" +
                           std::to_string(value.size()) + " were sent)");
    }
    return value;
}

const std::vector<sdk::Action>& gridActions() {
    static const std::vector<sdk::Action> actions = {sdk::Action::Read, sdk::Action::Create,
                                                     sdk::Action::Update, sdk::Action::Delete,
                                                     sdk::Action::Export};
    return actions;
}

}  // namespace tessera::kernel::detail
