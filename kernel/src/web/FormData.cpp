#include <tessera/kernel/web/FormData.hpp>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/HttpServer.hpp>

namespace tessera::kernel {

namespace {

std::string decodePart(std::string text) {
    for (auto& c : text) {
        if (c == '+') {
            c = ' ';
        }
    }
    std::string out;
    try {
        Poco::URI::decode(text, out);
    } catch (const Poco::Exception&) {
        throw HttpError(400, "bad_form", "the form body has a broken percent-escape");
    }
    if (!isValidUtf8(out)) {
        throw HttpError(400, "bad_form", "a form field is not valid UTF-8");
    }
    return out;
}

std::string encodePart(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]%\" <>", out);
    return out;
}

}  // namespace

FormData FormData::parse(const std::string& body) {
    FormData form;
    std::size_t pos = 0;
    while (pos < body.size()) {
        std::size_t end = body.find('&', pos);
        if (end == std::string::npos) {
            end = body.size();
        }
        std::string part = body.substr(pos, end - pos);
        if (!part.empty()) {
            std::size_t eq = part.find('=');
            std::string name = decodePart(part.substr(0, eq));
            std::string value = eq == std::string::npos ? "" : decodePart(part.substr(eq + 1));
            form.fields_.emplace_back(std::move(name), std::move(value));
        }
        pos = end + 1;
    }
    return form;
}

std::optional<std::string> FormData::get(const std::string& name) const {
    for (const auto& [key, value] : fields_) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::vector<std::string> FormData::all(const std::string& name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : fields_) {
        if (key == name) {
            values.push_back(value);
        }
    }
    return values;
}

std::string FormData::encode(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::string out;
    for (const auto& [name, value] : pairs) {
        out += (out.empty() ? "" : "&") + encodePart(name) + "=" + encodePart(value);
    }
    return out;
}

}  // namespace tessera::kernel
