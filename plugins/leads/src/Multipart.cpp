#include "Multipart.hpp"

#include "Refuse.hpp"
#include "Values.hpp"

namespace leads {

namespace {

std::string boundaryOf(const std::string& contentType) {
    if (!lower(contentType).starts_with("multipart/form-data")) {
        return {};
    }
    auto at = lower(contentType).find("boundary=");
    if (at == std::string::npos) {
        return {};
    }
    std::string boundary = contentType.substr(at + 9);
    boundary = boundary.substr(0, boundary.find(';'));
    if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
        boundary = boundary.substr(1, boundary.size() - 2);
    }
    return boundary.size() <= 70 ? boundary : std::string{};
}

}  // namespace

std::optional<std::string> multipartFile(const std::string& contentType, const std::string& body,
                                         const std::string& field) {
    std::string boundary = boundaryOf(contentType);
    if (boundary.empty()) {
        return std::nullopt;
    }
    const std::string delimiter = "--" + boundary;
    std::size_t at = body.find(delimiter);
    while (at != std::string::npos) {
        std::size_t headersStart = at + delimiter.size();
        if (body.compare(headersStart, 2, "--") == 0) {
            return std::nullopt;  // the closing delimiter
        }
        std::size_t headersEnd = body.find("\r\n\r\n", headersStart);
        std::size_t next = body.find("\r\n" + delimiter, headersStart);
        if (headersEnd == std::string::npos || next == std::string::npos || headersEnd > next ||
            headersEnd - headersStart > 8192) {
            refuse("file", "the upload is cut off or malformed: send the form again");
        }
        std::string headers = lower(body.substr(headersStart, headersEnd - headersStart));
        if (headers.find("name=\"" + lower(field) + "\"") != std::string::npos) {
            return body.substr(headersEnd + 4, next - headersEnd - 4);
        }
        at = next + 2;
    }
    return std::nullopt;
}

}  // namespace leads
