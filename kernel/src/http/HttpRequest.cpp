#include <tessera/kernel/http/HttpRequest.hpp>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/HttpServer.hpp>

namespace tessera::kernel {

std::string HttpRequest::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

std::optional<std::string> HttpRequest::queryValue(const std::string& name) const {
    for (const auto& [key, value] : query) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<std::string> HttpRequest::cookie(const std::string& name) const {
    std::string all = header("cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        std::size_t end = all.find(';', pos);
        if (end == std::string::npos) {
            end = all.size();
        }
        std::string part = all.substr(pos, end - pos);
        std::size_t start = part.find_first_not_of(' ');
        if (start != std::string::npos) {
            part = part.substr(start);
            auto eq = part.find('=');
            if (eq != std::string::npos && part.substr(0, eq) == name) {
                return part.substr(eq + 1);
            }
        }
        pos = end + 1;
    }
    return std::nullopt;
}

nlohmann::json HttpRequest::jsonObject() const {
    std::string type = header("content-type");
    std::string mediaType = type.substr(0, type.find(';'));
    while (!mediaType.empty() && mediaType.back() == ' ') {
        mediaType.pop_back();
    }
    for (auto& c : mediaType) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (mediaType != "application/json") {
        throw HttpError(415, "unsupported_media_type",
                        "the body must be JSON: send it with 'Content-Type: application/json'" +
                            (type.empty() ? std::string{} : " (got '" + type.substr(0, 80) + "')"));
    }
    if (!isValidUtf8(body)) {
        throw HttpError(400, "bad_utf8", "the body is not valid UTF-8: encode the text as UTF-8");
    }
    nlohmann::json value;
    try {
        value = nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        throw HttpError(400, "bad_json",
                        "the body is not valid JSON (at byte " + std::to_string(e.byte) +
                            "): send one JSON object");
    }
    if (!value.is_object()) {
        throw HttpError(422, "not_an_object",
                        "the body must be a JSON object of field names and values");
    }
    return value;
}

}  // namespace tessera::kernel
