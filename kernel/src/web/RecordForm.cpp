#include <algorithm>
#include <charconv>
#include <map>

#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/web/PluginPages.hpp>
#include <tessera/sdk/Error.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel::detail {

namespace {

/// The fields a form offers this caller.
std::vector<const FieldDef*> formFields(PageSupport& pages, const HttpRequest& request,
                                        const EntityDef& entity) {
    auto context = pages.app().access().contextFor(PageSupport::callerOf(request));
    std::vector<const FieldDef*> fields;
    for (const auto& field : entity.fields) {
        if (field.system || field.readonly || isStandard(field.name) ||
            context->fieldAccess(entity.name, field.name) != FieldAccess::Visible) {
            continue;
        }
        fields.push_back(&field);
    }
    std::stable_partition(fields.begin(), fields.end(),
                          [&](const FieldDef* field) { return field->name == entity.titleField; });
    return fields;
}

struct FormState {
    sdk::Record values = nlohmann::json::object();
    std::map<std::string, std::string> errors;
    std::string message;
    std::optional<sdk::Record> current;
    std::int64_t id = 0;
    std::int64_t version = 0;
};

/// The record a submitted form describes; empty inputs are left for the record API to read as
/// "no value". A reference given as a title becomes the id of the one record with that title,
/// or an error in `errors`.
sdk::Record valuesFromForm(PageSupport& pages, const HttpRequest& request,
                           const std::vector<const FieldDef*>& fields, const FormData& form,
                           std::map<std::string, std::string>& errors) {
    sdk::Record values = nlohmann::json::object();
    for (const FieldDef* field : fields) {
        const std::string& name = field->name;
        if (field->type == FieldType::Boolean) {
            if (form.has(name + "__present")) {
                values[name] = form.value(name) == "on" || form.value(name) == "true";
            }
            continue;
        }
        auto text = form.get(name);
        if (!text) {
            continue;
        }
        if (field->type == FieldType::Money) {
            values[name] = {{"amount", *text}, {"currency", form.value(name + "__currency")}};
        } else if (field->type == FieldType::Json) {
            values[name] = text->empty() ? nlohmann::json(nullptr)
                                         : nlohmann::json::parse(*text, nullptr, false);
            if (values[name].is_discarded()) {
                values[name] = *text;
            }
        } else if (field->type == FieldType::Reference && !text->empty()) {
            std::string error;
            auto id = resolveReference(pages, request, *field, *text, error);
            values[name] = id ? nlohmann::json(*id) : nlohmann::json(*text);
            if (!id) {
                errors[name] = error;
            }
        } else {
            values[name] = *text;
        }
    }
    return values;
}

void addInput(PageSupport& pages, const HttpRequest& request, ctemplate::TemplateDictionary& dict,
              const FieldDef& field, const nlohmann::json& value, const std::string& error,
              const nlohmann::json* current) {
    auto* row = dict.AddSectionDictionary("FIELD");
    row->SetValue("NAME", field.name);
    row->SetValue("LABEL", labelOf(field));
    row->SetValue("ID", "f-" + field.name);
    if (field.required) {
        row->ShowSection("REQUIRED");
    }
    if (!error.empty()) {
        row->SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    }
    if (current) {
        std::string now = displayValue(field, *current);
        row->AddSectionDictionary("HAS_CURRENT")
            ->SetValue("CURRENT", now.empty() ? "(empty)" : now);
    }
    std::string text = inputValue(field, value);
    switch (field.type) {
        case FieldType::LongText:
        case FieldType::Json:
            // Not SetValueAndShowSection: it hides the section when the value is empty.
            row->AddSectionDictionary("TEXTAREA")->SetValue("VALUE", text);
            return;
        case FieldType::Boolean: {
            auto* box = row->AddSectionDictionary("CHECKBOX");
            if (value.is_boolean() && value.get<bool>()) {
                box->ShowSection("CHECKED");
            }
            return;
        }
        case FieldType::Enum: {
            auto* select = row->AddSectionDictionary("SELECT");
            std::string selected = value.is_string() ? value.get<std::string>() : "";
            for (const auto& option : field.options) {
                auto* item = select->AddSectionDictionary("OPTION");
                item->SetValue("VALUE", option.value);
                item->SetValue("LABEL", option.label.empty() ? option.value : option.label);
                if (option.value == selected) {
                    item->ShowSection("SELECTED");
                }
            }
            return;
        }
        case FieldType::Reference: {
            // A text input taking the number or the exact title, so it works without script;
            // typeahead.js turns it into a search box that fills in the number.
            const EntityDef* target = pages.app().records().schema().entity(field.target);
            auto* reference = row->AddSectionDictionary("REFERENCE");
            reference->SetValue("VALUE", text);
            reference->SetValue("LOOKUP", target ? "/r/" + target->slug + "/lookup" : "");
            // Set even when empty: ctemplate would otherwise fill it from the page's TITLE.
            std::string title = referenceTitle(pages, request, field, value);
            reference->SetValue("REF_TITLE", title);
            if (!title.empty()) {
                reference->ShowSection("HAS_TITLE");
            }
            reference->SetValue(
                "HINT", "Number or exact name of the " + (target ? target->label : field.target));
            return;
        }
        default:
            break;
    }
    auto* input = row->AddSectionDictionary("INPUT");
    input->SetValue("VALUE", text);
    const char* type = "text";
    switch (field.type) {
        case FieldType::Integer:
            type = "number";
            input->SetValueAndShowSection("STEP", "1", "HAS_STEP");
            break;
        case FieldType::Decimal:
        case FieldType::Money:
            type = "number";
            input->SetValueAndShowSection("STEP", "any", "HAS_STEP");
            break;
        case FieldType::Date:
            type = "date";
            break;
        case FieldType::Email:
            type = "email";
            break;
        case FieldType::Phone:
            type = "tel";
            break;
        case FieldType::Url:
            type = "url";
            break;
        default:
            break;
    }
    input->SetValue("TYPE", type);
    if (field.type == FieldType::Money) {
        std::string currency =
            value.is_object() && value.contains("currency") && value["currency"].is_string()
                ? value["currency"].get<std::string>()
                : "";
        input->AddSectionDictionary("MONEY")->SetValue("CURRENCY", currency);
    }
    if (field.type == FieldType::DateTime) {
        input->SetValue("PLACEHOLDER", "2026-01-31T09:30:00Z");
    } else if (field.type == FieldType::MultiEnum) {
        input->SetValue("PLACEHOLDER", "comma, separated");
    }
}

void renderForm(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                const EntityDef& entity, const FormState& state, int status) {
    ctemplate::TemplateDictionary dict("form");
    bool editing = state.id > 0;
    std::string listHref = "/r/" + entity.slug;
    std::string action =
        editing ? listHref + "/" + std::to_string(state.id) + "/edit" : listHref + "/new";
    std::string title = editing ? "Edit " + titleOf(entity, state.current.value_or(state.values))
                                : "New " + entity.label;
    dict.SetValue("TITLE", title);
    dict.SetValue("ACTION", action);
    dict.SetValue("CSRF", request.principal->csrfToken);
    dict.SetValue("CANCEL", editing ? listHref + "/" + std::to_string(state.id) : listHref);
    if (editing) {
        dict.SetIntValue("VERSION", state.version);
        dict.ShowSection("EDITING");
    }
    if (!state.message.empty()) {
        dict.SetValueAndShowSection("MESSAGE", state.message, "HAS_MESSAGE");
    }
    for (const FieldGroup& group :
         groupFields(entity, "form", formFields(pages, request, entity))) {
        auto* section = dict.AddSectionDictionary("GROUP");
        if (!group.label.empty()) {
            section->SetValueAndShowSection("LABEL", group.label, "HAS_LABEL");
        }
        for (const FieldDef* field : group.fields) {
            nlohmann::json value =
                state.values.contains(field->name) ? state.values[field->name] : nlohmann::json();
            auto error = state.errors.find(field->name);
            const nlohmann::json* current = nullptr;
            nlohmann::json currentValue;
            if (state.current) {
                currentValue = state.current->contains(field->name) ? (*state.current)[field->name]
                                                                    : nlohmann::json();
                if (displayValue(*field, currentValue) != inputValue(*field, value) ||
                    field->type == FieldType::Money) {
                    current = &currentValue;
                }
            }
            addInput(pages, request, *section, *field, value,
                     error == state.errors.end() ? std::string{} : error->second, current);
            if (field->type == FieldType::Reference) {
                dict.ShowSection("TYPEAHEAD");
            }
        }
    }
    if (const WebExtensions* extensions = pages.extensions()) {
        PluginPages::renderSlot(pages, *extensions, request, sdk::Slot::Form, entity.name, state.id,
                                &state.values, dict, "SLOT_FORM");
    }
    std::vector<PageSupport::Crumb> crumbs = {{"Home", "/"}, {entity.pluralLabel, listHref}};
    if (editing) {
        crumbs.push_back({titleOf(entity, state.current.value_or(state.values)),
                          listHref + "/" + std::to_string(state.id)});
    }
    crumbs.push_back({editing ? "Edit" : "New", ""});
    pages.respond(request, response, title, "form.tpl", dict, crumbs, status);
}

}  // namespace

void newForm(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    FormState state;
    for (const auto& field : entity.fields) {
        if (!field.defaultValue.is_null()) {
            state.values[field.name] = field.defaultValue;
        }
    }
    renderForm(pages, request, response, entity, state, 200);
}

void editForm(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = entityOf(pages, request);
    FormState state;
    state.id = idOf(request);
    state.values = pages.app().records().get(PageSupport::callerOf(request), entity.name, state.id);
    state.version = state.values.value("version", std::int64_t{0});
    renderForm(pages, request, response, entity, state, 200);
}

void submitForm(PageSupport& pages, HttpRequest& request, HttpResponse& response, std::int64_t id) {
    const EntityDef& entity = entityOf(pages, request);
    FormData form = FormData::parse(request.body);
    RecordStore& records = pages.app().records();
    sdk::Caller caller = PageSupport::callerOf(request);
    FormState state;
    state.id = id;
    state.values =
        valuesFromForm(pages, request, formFields(pages, request, entity), form, state.errors);
    if (id > 0) {
        std::string text = form.value("version");
        std::from_chars(text.data(), text.data() + text.size(), state.version);
    }
    if (!state.errors.empty()) {
        state.message = "Some fields need attention.";
        if (id > 0) {
            state.current = records.get(caller, entity.name, id);
        }
        renderForm(pages, request, response, entity, state, 422);
        return;
    }
    try {
        if (id == 0) {
            sdk::Record created = records.create(caller, entity.name, state.values);
            pages.redirect(response, recordHref(entity, created), "created");
            return;
        }
        records.update(caller, entity.name, id, state.version, state.values);
        pages.redirect(response, "/r/" + entity.slug + "/" + std::to_string(id), "saved");
    } catch (const sdk::PluginError& e) {
        const sdk::Error& error = e.error();
        if (error.code == "validation") {
            state.errors = error.fields;
            state.message = "Some fields need attention: " + error.message;
            if (id > 0) {
                state.current = records.get(caller, entity.name, id);
            }
            renderForm(pages, request, response, entity, state, 422);
        } else if (error.code == "conflict" && id > 0) {
            state.current = records.get(caller, entity.name, id);
            state.version = state.current->value("version", std::int64_t{0});
            state.message =
                "Someone saved this record since you opened it. Their values are shown under "
                "the fields you see changed; save again to replace them with yours.";
            renderForm(pages, request, response, entity, state, 409);
        } else {
            throw;
        }
    }
}

}  // namespace tessera::kernel::detail
