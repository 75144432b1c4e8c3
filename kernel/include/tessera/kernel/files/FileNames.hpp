#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::kernel {

/// What the file store makes of the names and types uploads claim: names cleaned for storage
/// and headers, types derived from the extension where it is known. Pure functions;
/// thread-safe.
class FileNames {
public:
    /// Longest cleaned name, in bytes (the extension is kept when a name is cut).
    static constexpr std::size_t kMaxName = 200;

    /// The last path part of `name` without control characters, quotes, backslashes, leading
    /// dots or invalid UTF-8, at most kMaxName bytes; "file" when nothing is left.
    static std::string clean(const std::string& name);
    /// The extension in lower case with its dot (".pdf"), "" when there is none.
    static std::string extension(const std::string& name);
    /// The content type of a known extension, "" for an unknown one.
    static std::string typeOfExtension(const std::string& extension);
    /// A content type without parameters, lower case ("text/plain; charset=x" -> "text/plain").
    static std::string baseType(const std::string& contentType);
    /// The Content-Disposition value for downloading `name`: attachment, an ASCII fallback
    /// and the UTF-8 name percent-encoded (RFC 6266).
    static std::string attachmentDisposition(const std::string& name);
    /// A size for people: "812 bytes", "3.4 KiB", "25 MiB".
    static std::string sizeText(std::int64_t bytes);
    /// The built-in `files.allowed_types`: office documents, images, PDF and text.
    static std::vector<std::string> defaultAllowedTypes();
};

}  // namespace tessera::kernel
