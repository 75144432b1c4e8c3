#include <random>

#include "Capture.hpp"
#include "FormBody.hpp"
#include "FormFields.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

std::string newFormKey() {
    std::random_device device;
    std::mt19937_64 random(device());
    static const char* kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string key;
    for (int i = 0; i < 20; ++i) {
        key += kDigits[random() % 36];
    }
    return key;
}

nlohmann::json formData(const Record& campaign, const std::map<std::string, std::string>& inputs,
                        const std::map<std::string, std::string>& errors) {
    auto required = requiredFieldsOf(campaign);
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : formFieldsOf(campaign)) {
        bool isRequired = std::find(required.begin(), required.end(), field) != required.end();
        auto value = inputs.find(field);
        auto error = errors.find(field);
        nlohmann::json entry = {{"NAME", field},
                                {"LABEL", fieldLabel(field)},
                                {"TYPE", inputType(field)},
                                {"REQUIRED", isRequired},
                                {"VALUE", value == inputs.end() ? "" : value->second.substr(0, 500)}};
        entry[inputType(field) == "textarea" ? "TEXTAREA" : "INPUT"] = true;
        if (error != errors.end()) {
            entry["ERROR"] = error->second;
            entry["HAS_ERROR"] = true;
        }
        fields.push_back(entry);
    }
    nlohmann::json data = {{"CAMPAIGN", text(campaign, "name")},
                           {"KEY", text(campaign, "form_key")},
                           {"HONEYPOT", kHoneypot},
                           {"FIELD", fields}};
    for (const auto& [field, message] : errors) {
        if (std::find_if(fields.begin(), fields.end(), [&](const nlohmann::json& f) { return f["NAME"] == field; }) ==
            fields.end()) {
            data["FORM_ERROR"].push_back({{"MESSAGE", fieldLabel(field) + " " + message}});
        }
    }
    if (!errors.empty()) {
        data["HAS_ERRORS"] = true;
    }
    return data;
}

/// The error answer of the JSON API: {"error": {"code", "message"}}.
nlohmann::json jsonError(const std::string& code, const std::string& message) {
    return {{"error", {{"code", code}, {"message", message}}}};
}

WebResponse plainStatus(int status, const std::string& message) {
    return WebResponse::raw("text/plain; charset=utf-8", message + "\n", status);
}

WebResponse afterEntry(const CaptureOutcome& outcome, const std::string& key) {
    std::string thanks = text(outcome.campaign, "thank_you_url");
    if (thanks.starts_with("https://") || thanks.starts_with("http://")) {
        WebResponse response = WebResponse::raw("text/plain; charset=utf-8", "Thank you\n", 303);
        response.headers = {{"Location", thanks}};
        return response;
    }
    return WebResponse::redirect("/p/leads/form/" + key + "/thanks");
}

std::string snippetOf(const Record& campaign, const std::string& publicUrl) {
    std::string html = "<form action=\"" + publicUrl + "/p/leads/form/" + text(campaign, "form_key") +
                       "\" method=\"post\">\n";
    auto required = requiredFieldsOf(campaign);
    for (const auto& field : formFieldsOf(campaign)) {
        bool isRequired = std::find(required.begin(), required.end(), field) != required.end();
        html += "  <label>" + fieldLabel(field) + (isRequired ? " *" : "") + "\n    ";
        if (inputType(field) == "textarea") {
            html += "<textarea name=\"" + field + "\"" + (isRequired ? " required" : "") + "></textarea>";
        } else {
            html += "<input type=\"" + inputType(field) + "\" name=\"" + field + "\"" +
                    (isRequired ? " required" : "") + ">";
        }
        html += "</label>\n";
    }
    html += "  <input type=\"hidden\" name=\"utm_source\" value=\"\">\n"
            "  <input type=\"hidden\" name=\"utm_medium\" value=\"\">\n"
            "  <input type=\"hidden\" name=\"utm_campaign\" value=\"\">\n"
            "  <!-- left empty by people; robots fill it and their entries are dropped -->\n"
            "  <input type=\"text\" name=\"" + std::string(kHoneypot) +
            "\" tabindex=\"-1\" autocomplete=\"off\" style=\"display:none\">\n"
            "  <button type=\"submit\">Send</button>\n</form>\n";
    return html;
}

}  // namespace

void addCapture(PluginContext& context, std::shared_ptr<Capture> capture) {
    context.addHook("Campaign", HookPoint::BeforeCreate, 10,
                    [](HookEvent& event) { event.record["form_key"] = newFormKey(); });
    for (auto point : {HookPoint::AfterUpdate, HookPoint::AfterDelete, HookPoint::AfterRestore}) {
        context.addHook("Campaign", point, 900, [capture](HookEvent&) { capture->forgetCampaigns(); });
    }
    PluginContext* plugin = &context;
    // A new lead's timeline already starts with its creation; a repeat entry is news.
    auto timeline = [plugin](const CaptureOutcome& outcome) {
        if (!outcome.merged) {
            return;
        }
        plugin->publish({"leads.form_submitted",
                         {{"lead_id", outcome.leadId},
                          {"campaign_id", outcome.campaign.value("id", nlohmann::json())},
                          {"timeline",
                           {{"entity", "Lead"},
                            {"id", outcome.leadId},
                            {"title", "Form sent: " + text(outcome.campaign, "name")},
                            {"summary", "Another entry of a known lead"}}}}});
    };

    context.addRoute({"GET", "/p/leads/form/{key}", Permission::anyone(), [capture](const WebRequest& request) {
                          auto campaign = capture->campaign(request.param("key"));
                          if (!campaign) {
                              throw PluginError("not_found", "this form does not exist or is closed");
                          }
                          return WebResponse::page(text(*campaign, "name"), "leads.form.tpl",
                                                   formData(*campaign, {}, {}));
                      }});
    context.addRoute({"GET", "/p/leads/form/{key}/thanks", Permission::anyone(),
                      [capture](const WebRequest& request) {
                          auto campaign = capture->campaign(request.param("key"));
                          return WebResponse::page("Thank you", "leads.thanks.tpl",
                                                   {{"CAMPAIGN", campaign ? text(*campaign, "name") : ""}});
                      }});
    context.addRoute({"POST", "/p/leads/form/{key}", Permission::anyone(),
                      [capture, timeline](const WebRequest& request) {
                          std::string key = request.param("key");
                          auto inputs = request.body().size() > capture->limits().maxBytes
                                            ? std::map<std::string, std::string>{}
                                            : parseFormBody(request.body());
                          auto outcome = capture->submit(key, inputs, request.clientAddress(), request.body().size());
                          switch (outcome.kind) {
                              case CaptureOutcome::Kind::TooLarge:
                                  return plainStatus(413, "The entry is too large.");
                              case CaptureOutcome::Kind::Limited:
                                  return plainStatus(429, "Too many entries from your address; try again in a minute.");
                              case CaptureOutcome::Kind::NoForm:
                                  throw PluginError("not_found", "this form does not exist or is closed");
                              case CaptureOutcome::Kind::Ignored:
                                  return afterEntry(outcome, key);
                              case CaptureOutcome::Kind::Stored:
                                  timeline(outcome);
                                  return afterEntry(outcome, key);
                              case CaptureOutcome::Kind::Refused:
                                  break;
                          }
                          WebResponse page = WebResponse::page(text(outcome.campaign, "name"), "leads.form.tpl",
                                                               formData(outcome.campaign, inputs, outcome.errors));
                          page.status = 422;
                          return page;
                      }});
    context.addRoute({"POST", "/api/v1/p/leads/forms/{key}", Permission::anyone(),
                      [capture, timeline](const WebRequest& request) {
                          std::map<std::string, std::string> inputs;
                          bool tooLarge = request.body().size() > capture->limits().maxBytes;
                          if (!tooLarge) {
                              auto body = nlohmann::json::parse(request.body(), nullptr, false);
                              if (!body.is_object()) {
                                  return WebResponse::json(jsonError("bad_request", "send a JSON object of input names and texts"), 400);
                              }
                              for (const auto& [name, value] : body.items()) {
                                  inputs[name] = value.is_string() ? value.get<std::string>() : value.dump();
                              }
                          }
                          auto outcome = capture->submit(request.param("key"), inputs, request.clientAddress(),
                                                         request.body().size());
                          switch (outcome.kind) {
                              case CaptureOutcome::Kind::TooLarge:
                                  return WebResponse::json(jsonError("too_large", "the entry is too large"), 413);
                              case CaptureOutcome::Kind::Limited:
                                  return WebResponse::json(jsonError("rate_limited", "too many entries from this address; try again in a minute"), 429);
                              case CaptureOutcome::Kind::NoForm:
                                  throw PluginError("not_found", "this form does not exist or is closed");
                              case CaptureOutcome::Kind::Ignored:
                                  return WebResponse::json({{"ok", true}}, 202);
                              case CaptureOutcome::Kind::Stored:
                                  timeline(outcome);
                                  return WebResponse::json({{"ok", true}}, 202);
                              case CaptureOutcome::Kind::Refused:
                                  break;
                          }
                          std::string message;
                          for (const auto& [field, problem] : outcome.errors) {
                              message += (message.empty() ? "" : "; ") + field + ": " + problem;
                          }
                          nlohmann::json error = jsonError("validation", message);
                          error["error"]["fields"] = outcome.errors;
                          return WebResponse::json(error, 422);
                      }});

    std::string publicUrl = context.config().value("public_url", "");
    context.addPanel({Slot::DetailMain, "Campaign", Permission::on("Campaign", Action::Read), 20,
                      [publicUrl](const PanelContext& panel) -> std::optional<PanelContent> {
                          if (!panel.record || text(*panel.record, "form_key").empty()) {
                              return std::nullopt;
                          }
                          std::string path = "/p/leads/form/" + text(*panel.record, "form_key");
                          return PanelContent{"Web form",
                                              "leads.snippet_panel.tpl",
                                              {{"SNIPPET", snippetOf(*panel.record, publicUrl)},
                                               {"FORM_URL", path},
                                               {"CLOSED", panel.record->value("form_enabled", true) != true}}};
                      }});
}

}  // namespace leads
