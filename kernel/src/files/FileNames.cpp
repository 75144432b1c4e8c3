#include <tessera/kernel/files/FileNames.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace tessera::kernel {

namespace {

/// The length of the valid UTF-8 sequence at `i`, 0 when the bytes there are not one.
std::size_t utf8Length(const std::string& s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xe  ? 3
                    : (c >> 3) == 0x1e ? 4
                                       : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xc2)) {
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80) {
            return 0;
        }
    }
    if (n == 3) {
        unsigned cp = ((c & 0x0fu) << 12) | ((byte(i + 1) & 0x3fu) << 6) | (byte(i + 2) & 0x3fu);
        if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
    }
    if (n == 4) {
        unsigned cp = ((c & 0x07u) << 18) | ((byte(i + 1) & 0x3fu) << 12) |
                      ((byte(i + 2) & 0x3fu) << 6) | (byte(i + 3) & 0x3fu);
        if (cp < 0x10000 || cp > 0x10ffff) {
            return 0;
        }
    }
    return n;
}

/// `s` cut to at most `max` bytes at a character boundary.
std::string cutUtf8(const std::string& s, std::size_t max) {
    std::size_t end = 0;
    while (end < s.size()) {
        std::size_t n = utf8Length(s, end);
        if (n == 0 || end + n > max) {
            break;
        }
        end += n;
    }
    return s.substr(0, end);
}

std::string trim(const std::string& s) {
    auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::string FileNames::clean(const std::string& name) {
    std::string base = name;
    auto slash = base.find_last_of("/\\");
    if (slash != std::string::npos) {
        base = base.substr(slash + 1);
    }
    std::string out;
    for (std::size_t i = 0; i < base.size();) {
        std::size_t n = utf8Length(base, i);
        if (n == 0) {
            out += '_';
            ++i;
            continue;
        }
        unsigned char c = static_cast<unsigned char>(base[i]);
        if (n == 1 && (c < 0x20 || c == 0x7f)) {
            // Line breaks and other control characters go altogether.
        } else if (n == 1 && (c == '"' || c == '<' || c == '>' || c == ':' || c == '|' ||
                              c == '?' || c == '*')) {
            out += '_';
        } else {
            out.append(base, i, n);
        }
        i += n;
    }
    out = trim(out);
    while (!out.empty() && (out.front() == '.' || out.front() == ' ')) {
        out.erase(out.begin());
    }
    if (out.size() > kMaxName) {
        std::string ext = extension(out);
        if (ext.size() > 20) {
            ext.clear();
        }
        out = cutUtf8(out, kMaxName - ext.size()) + ext;
    }
    return out.empty() ? "file" : out;
}

std::string FileNames::extension(const std::string& name) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) {
        return {};
    }
    std::string ext = name.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string FileNames::typeOfExtension(const std::string& extension) {
    static const std::map<std::string, std::string> types = {
        {".pdf", "application/pdf"},
        {".txt", "text/plain"},
        {".csv", "text/csv"},
        {".md", "text/markdown"},
        {".rtf", "application/rtf"},
        {".doc", "application/msword"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".xls", "application/vnd.ms-excel"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {".ppt", "application/vnd.ms-powerpoint"},
        {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {".odt", "application/vnd.oasis.opendocument.text"},
        {".ods", "application/vnd.oasis.opendocument.spreadsheet"},
        {".odp", "application/vnd.oasis.opendocument.presentation"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".bmp", "image/bmp"},
        {".tif", "image/tiff"},
        {".tiff", "image/tiff"},
        {".heic", "image/heic"},
        {".zip", "application/zip"},
        {".eml", "message/rfc822"},
        {".json", "application/json"},
        {".xml", "application/xml"},
        {".svg", "image/svg+xml"},
        {".html", "text/html"},
        {".htm", "text/html"},
        {".xhtml", "application/xhtml+xml"},
        {".js", "text/javascript"},
        {".mjs", "text/javascript"},
        {".exe", "application/vnd.microsoft.portable-executable"},
        {".dll", "application/vnd.microsoft.portable-executable"},
        {".msi", "application/x-msi"},
        {".bat", "application/x-msdos-program"},
        {".cmd", "application/x-msdos-program"},
        {".com", "application/x-msdos-program"},
        {".sh", "application/x-sh"},
        {".ps1", "application/x-powershell"},
        {".vbs", "text/vbscript"},
        {".jar", "application/java-archive"},
        {".php", "application/x-httpd-php"},
        {".so", "application/x-sharedlib"},
        {".elf", "application/x-executable"},
    };
    auto it = types.find(extension);
    return it == types.end() ? std::string{} : it->second;
}

std::string FileNames::baseType(const std::string& contentType) {
    std::string type = trim(contentType.substr(0, contentType.find(';')));
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    bool ok = !type.empty() && type.size() <= 100 && type.find('/') != std::string::npos &&
              std::all_of(type.begin(), type.end(), [](unsigned char c) {
                  return std::isalnum(c) || c == '/' || c == '.' || c == '+' || c == '-';
              });
    return ok ? type : std::string{};
}

std::string FileNames::attachmentDisposition(const std::string& name) {
    std::string ascii;
    std::string encoded;
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : name) {
        bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
        ascii += plain ? static_cast<char>(c) : '_';
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 0xf];
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string FileNames::sizeText(std::int64_t bytes) {
    if (bytes < 1024) {
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    }
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = -1;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    char buffer[32];
    if (value >= 100 || value == static_cast<double>(static_cast<std::int64_t>(value))) {
        std::snprintf(buffer, sizeof buffer, "%.0f %s", value, units[unit]);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f %s", value, units[unit]);
    }
    return buffer;
}

std::vector<std::string> FileNames::defaultAllowedTypes() {
    return {".pdf",  ".txt",  ".csv", ".md",   ".rtf",  ".doc", ".docx", ".xls",  ".xlsx",
            ".ppt",  ".pptx", ".odt", ".ods",  ".odp",  ".png", ".jpg",  ".jpeg", ".gif",
            ".webp", ".bmp",  ".tif", ".tiff", ".heic", ".zip", ".eml"};
}

}  // namespace tessera::kernel
