#pragma once

#include <optional>

#include <tessera/kernel/http/HttpRequest.hpp>
#include <tessera/kernel/web/FormData.hpp>
#include <tessera/sdk/Web.hpp>

namespace tessera::kernel {

/// An HttpRequest as a plugin handler sees it.
class PluginRequest final : public sdk::WebRequest {
public:
    explicit PluginRequest(const HttpRequest& request) : request_(request) {}

    const std::string& method() const override { return request_.method; }
    const std::string& path() const override { return request_.path; }
    std::string param(const std::string& name) const override {
        auto it = request_.params.find(name);
        return it == request_.params.end() ? std::string{} : it->second;
    }
    std::optional<std::string> query(const std::string& name) const override {
        return request_.queryValue(name);
    }
    std::optional<std::string> form(const std::string& name) const override {
        return formData().get(name);
    }
    std::vector<std::string> formAll(const std::string& name) const override {
        return formData().all(name);
    }
    const std::string& body() const override { return request_.body; }
    std::string header(const std::string& name) const override { return request_.header(name); }
    const std::string& clientAddress() const override { return request_.clientAddress; }
    sdk::Caller caller() const override {
        return request_.principal ? sdk::Caller::user(request_.principal->userId)
                                  : sdk::Caller::systemCaller();
    }
    bool signedIn() const override { return request_.principal.has_value(); }
    std::string csrfToken() const override {
        return request_.principal ? request_.principal->csrfToken : std::string{};
    }

private:
    const FormData& formData() const {
        if (!form_) {
            form_ = FormData::parse(request_.body);
        }
        return *form_;
    }

    const HttpRequest& request_;
    mutable std::optional<FormData> form_;
};

}  // namespace tessera::kernel
