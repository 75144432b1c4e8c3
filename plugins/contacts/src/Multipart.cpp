#include "Multipart.hpp"

#include <algorithm>
#include <cctype>

#include "Refuse.hpp"

namespace contacts {

namespace {

constexpr std::size_t kMaxParts = 20;
constexpr std::size_t kMaxHeader = 8192;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// The value of `key=` in a header like `form-data; name="file"; filename="a.csv"`.
std::optional<std::string> parameter(const std::string& header, const std::string& key) {
    std::string lowered = lower(header);
    std::size_t at = 0;
    while ((at = lowered.find(key + "=", at)) != std::string::npos) {
        bool starts = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ';
        at += key.size() + 1;
        if (!starts) {
            continue;
        }
        if (at < header.size() && header[at] == '"') {
            std::string value;
            for (std::size_t i = at + 1; i < header.size() && header[i] != '"'; ++i) {
                if (header[i] == '\\' && i + 1 < header.size()) {
                    ++i;
                }
                value += header[i];
            }
            return value;
        }
        std::size_t end = header.find(';', at);
        std::string value =
            header.substr(at, end == std::string::npos ? std::string::npos : end - at);
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
            value.pop_back();
        }
        return value;
    }
    return std::nullopt;
}

FormPart partOf(const std::string& head, std::string data) {
    FormPart part;
    part.data = std::move(data);
    std::size_t start = 0;
    while (start < head.size()) {
        std::size_t end = head.find("\r\n", start);
        std::string line =
            head.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? head.size() : end + 2;
        std::size_t colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        std::string key = lower(line.substr(0, colon));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        if (key == "content-disposition") {
            part.name = parameter(value, "name").value_or("");
            part.fileName = parameter(value, "filename");
        } else if (key == "content-type") {
            part.contentType = value;
        }
    }
    return part;
}

}  // namespace

std::vector<FormPart> parseMultipart(const std::string& contentType, const std::string& body) {
    if (!lower(contentType).starts_with("multipart/form-data")) {
        refuse("file", "send the file with the upload form (multipart/form-data)");
    }
    auto boundary = parameter(contentType, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 70) {
        refuse("file", "the upload has no valid multipart boundary");
    }
    const std::string delimiter = "--" + *boundary;
    std::size_t at = body.find(delimiter);
    if (at == std::string::npos) {
        refuse("file", "the upload is not a multipart/form-data body");
    }
    std::vector<FormPart> parts;
    at += delimiter.size();
    while (body.compare(at, 2, "--") != 0) {
        if (body.compare(at, 2, "\r\n") != 0) {
            refuse("file", "the upload is cut short or malformed");
        }
        at += 2;
        std::size_t headEnd = body.find("\r\n\r\n", at);
        if (headEnd == std::string::npos || headEnd - at > kMaxHeader) {
            refuse("file", "a part of the upload has no end to its headers");
        }
        std::size_t dataEnd = body.find("\r\n" + delimiter, headEnd + 4);
        if (dataEnd == std::string::npos) {
            refuse("file", "the upload is cut short: its closing boundary is missing");
        }
        if (parts.size() == kMaxParts) {
            refuse("file", "the upload has more than 20 fields");
        }
        parts.push_back(
            partOf(body.substr(at, headEnd - at), body.substr(headEnd + 4, dataEnd - headEnd - 4)));
        at = dataEnd + 2 + delimiter.size();
    }
    return parts;
}

const FormPart* findPart(const std::vector<FormPart>& parts, const std::string& name) {
    for (const auto& part : parts) {
        if (part.name == name) {
            return &part;
        }
    }
    return nullptr;
}

}  // namespace contacts
