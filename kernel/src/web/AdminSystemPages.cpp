#include <mutex>

#include <ctemplate/template.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/sdk/Error.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel::detail {

namespace {

/// Kernel::addCustomField() is for one thread at a time; page requests come on many.
std::mutex customFieldMutex;

const char* const kFieldTypes[] = {"text",    "longtext", "integer",  "decimal", "money",
                                   "boolean", "date",     "datetime", "enum",    "multienum",
                                   "email",   "phone",    "url",      "json"};

void unavailablePage(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                     const std::string& section) {
    ctemplate::TemplateDictionary dict("admin_unavailable");
    dict.SetValue("SECTION", section);
    adminRespond(pages, request, response, section, "admin_unavailable.tpl", dict, {{section, ""}},
                 503);
}

void pluginsPage(PageSupport& pages, HttpRequest& request, HttpResponse& response, Kernel& kernel) {
    ctemplate::TemplateDictionary dict("admin_plugins");
    auto plugins = kernel.plugins().plugins();
    for (const PluginSpec* spec : plugins) {
        auto* row = dict.AddSectionDictionary("PLUGIN");
        row->SetValue("ID", spec->id());
        row->SetValue("NAME", spec->manifest.name);
        row->SetValue("VERSION", spec->manifest.version.toString());
        row->SetValue("STATE", std::string(toString(spec->state)));
        std::string depends;
        for (const auto& dependency : spec->manifest.depends) {
            depends += (depends.empty() ? "" : ", ") + dependency.id + " " +
                       dependency.version.toString() + (dependency.optional ? " (optional)" : "");
        }
        row->SetValue("DEPENDS", depends.empty() ? "—" : depends);
        if (!spec->error.empty()) {
            row->SetValueAndShowSection(
                "ERROR",
                spec->failedPhase.empty() ? spec->error : spec->failedPhase + ": " + spec->error,
                "HAS_ERROR");
        }
    }
    if (plugins.empty()) {
        dict.ShowSection("EMPTY");
    }
    for (const auto& problem : kernel.plugins().problems()) {
        dict.AddSectionDictionary("PROBLEM")->SetValue("TEXT", problem);
    }
    if (!kernel.plugins().problems().empty()) {
        dict.ShowSection("HAS_PROBLEMS");
    }
    adminRespond(pages, request, response, "Plugins", "admin_plugins.tpl", dict, {{"Plugins", ""}});
}

struct FieldForm {
    std::string entity;
    std::string name;
    std::string type = "text";
    std::string label;
    std::string options;
    bool required = false;
};

void fieldsPage(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                const FieldForm& entered, const std::string& message, int status) {
    ctemplate::TemplateDictionary dict("admin_fields");
    const Schema& schema = pages.app().records().schema();
    for (const auto& [name, entity] : schema.entities()) {
        auto* section = dict.AddSectionDictionary("ENTITY");
        section->SetValue("LABEL", entity.pluralLabel);
        bool any = false;
        for (const auto& field : entity.fields) {
            if (field.plugin != "custom") {
                continue;
            }
            any = true;
            auto* row = section->AddSectionDictionary("FIELD");
            row->SetValue("NAME", field.name);
            row->SetValue("FIELD_LABEL", field.label);
            row->SetValue("TYPE", std::string(toString(field.type)));
            row->SetValue("REQUIRED", field.required ? "yes" : "no");
            std::string options;
            for (const auto& option : field.options) {
                options += (options.empty() ? "" : ", ") + option.value;
            }
            row->SetValue("OPTIONS", options);
        }
        section->ShowSection(any ? "HAS_FIELDS" : "NO_FIELDS");
        auto* choice = dict.AddSectionDictionary("CHOICE");
        choice->SetValue("NAME", name);
        choice->SetValue("LABEL", entity.label);
        if (name == entered.entity) {
            choice->ShowSection("SELECTED");
        }
    }
    if (schema.entities().empty()) {
        dict.ShowSection("NO_ENTITIES");
    }
    for (const char* type : kFieldTypes) {
        auto* option = dict.AddSectionDictionary("TYPE_OPTION");
        option->SetValue("VALUE", type);
        if (entered.type == type) {
            option->ShowSection("SELECTED");
        }
    }
    dict.SetValue("NAME", entered.name);
    dict.SetValue("LABEL_VALUE", entered.label);
    dict.SetValue("OPTIONS", entered.options);
    if (entered.required) {
        dict.ShowSection("REQUIRED");
    }
    if (!message.empty()) {
        dict.SetValueAndShowSection("MESSAGE", message, "HAS_MESSAGE");
    }
    adminRespond(pages, request, response, "Custom fields", "admin_fields.tpl", dict,
                 {{"Custom fields", ""}}, status);
}

nlohmann::json optionList(const std::string& text) {
    nlohmann::json options = nlohmann::json::array();
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t comma = text.find(',', pos);
        std::string part =
            text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        auto first = part.find_first_not_of(' ');
        if (first != std::string::npos) {
            options.push_back(part.substr(first, part.find_last_not_of(' ') - first + 1));
        }
        if (comma == std::string::npos) {
            break;
        }
        pos = comma + 1;
    }
    return options;
}

/// Checks the form and adds the field; a bad value or the kernel's refusal is shown on the
/// form with 422 and adds nothing.
void addField(PageSupport& pages, HttpRequest& request, HttpResponse& response, Kernel& kernel) {
    FormData form = FormData::parse(request.body);
    FieldForm entered;
    entered.entity = form.value("entity").substr(0, 63);
    entered.name = form.value("name").substr(0, 63);
    entered.type = form.value("type").substr(0, 16);
    entered.label = form.value("label").substr(0, 100);
    entered.options = form.value("options").substr(0, 2000);
    entered.required = form.has("required");
    try {
        formText(form, "entity", 63);
        formText(form, "name", 63);
        formText(form, "label", 100);
        formText(form, "options", 2000);
        if (!pages.app().records().schema().entity(entered.entity)) {
            invalid("entity", "'" + entered.entity + "' is not an entity; pick one from the list");
        }
        if (entered.name.empty()) {
            invalid("name", "enter the field's name, e.g. batch_no");
        }
        if (!parseFieldType(entered.type)) {
            invalid("type", "'" + entered.type + "' is not a field type; pick one from the list");
        }
        nlohmann::json definition = {{"type", entered.type}, {"required", entered.required}};
        if (!entered.label.empty()) {
            definition["label"] = entered.label;
        }
        nlohmann::json options = optionList(entered.options);
        if (!options.empty()) {
            definition["options"] = options;
        }
        std::lock_guard guard(customFieldMutex);
        kernel.addCustomField(entered.entity, entered.name, definition);
    } catch (const HttpError& e) {
        fieldsPage(pages, request, response, entered, e.what(), e.status());
        return;
    } catch (const sdk::PluginError& e) {
        if (e.error().code != "validation") {
            throw;
        }
        fieldsPage(pages, request, response, entered, e.error().message, 422);
        return;
    }
    pages.redirect(response, "/admin/fields", "saved");
}

}  // namespace

void installSystemPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages) {
    Router& r = app.router();
    PageSupport* p = pages.get();

    r.add("GET", "/admin/plugins", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              if (Kernel* kernel = p->app().options().kernel) {
                  pluginsPage(*p, request, response, *kernel);
              } else {
                  unavailablePage(*p, request, response, "Plugins");
              }
          }));

    r.add("GET", "/admin/fields", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              if (p->app().options().kernel) {
                  FieldForm blank;
                  fieldsPage(*p, request, response, blank, "", 200);
              } else {
                  unavailablePage(*p, request, response, "Custom fields");
              }
          }));

    r.add("POST", "/admin/fields", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              if (Kernel* kernel = p->app().options().kernel) {
                  addField(*p, request, response, *kernel);
              } else {
                  unavailablePage(*p, request, response, "Custom fields");
              }
          }));
}

}  // namespace tessera::kernel::detail
