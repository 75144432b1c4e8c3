#include <tessera/kernel/render/TemplateRenderer.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

namespace tessera::kernel {

namespace {

constexpr const char* kAutoescapePragma = "{{%AUTOESCAPE context=\"HTML\"}}";

std::optional<std::filesystem::path> existing(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
        return path;
    }
    return std::nullopt;
}

}  // namespace

bool isPlainFileName(const std::string& name) {
    if (name.empty() || name.size() > 128 || name.front() == '.') {
        return false;
    }
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return name.find("..") == std::string::npos;
}

TemplateRenderer::TemplateRenderer(Options options)
    : options_(std::move(options)), cache_(std::make_unique<ctemplate::TemplateCache>()) {
    if (!isPlainFileName(options_.theme)) {
        throw std::runtime_error("theme '" + options_.theme.substr(0, 64) +
                                 "' is not a plain directory name under themes/");
    }
}

TemplateRenderer::~TemplateRenderer() = default;

std::filesystem::path TemplateRenderer::defaultRoot() {
    if (const char* home = std::getenv("TESSERA_HOME"); home && *home) {
        return home;
    }
    std::error_code ec;
    std::filesystem::path cwd = std::filesystem::current_path(ec);
    // A plugin's folder has templates/ too: only the kernel's has layout.tpl and themes/.
    if (!ec && std::filesystem::is_regular_file(cwd / "templates" / "layout.tpl", ec) &&
        std::filesystem::is_directory(cwd / "themes", ec)) {
        return cwd;
    }
#ifdef TESSERA_SOURCE_DIR
    return TESSERA_SOURCE_DIR;
#else
    return cwd;
#endif
}

std::optional<std::filesystem::path> TemplateRenderer::locate(const std::string& name) const {
    if (!isPlainFileName(name)) {
        return std::nullopt;
    }
    if (auto p = existing(options_.root / "themes" / options_.theme / "templates" / name)) {
        return p;
    }
    for (const auto& dir : options_.pluginDirs) {
        if (auto p = existing(dir / name)) {
            return p;
        }
    }
    return existing(options_.root / "templates" / name);
}

std::optional<std::filesystem::path> TemplateRenderer::locateStatic(const std::string& name) const {
    if (!isPlainFileName(name)) {
        return std::nullopt;
    }
    if (auto p = existing(options_.root / "themes" / options_.theme / "static" / name)) {
        return p;
    }
    return existing(options_.root / "themes" / "default" / "static" / name);
}

std::string TemplateRenderer::load(const std::string& name) {
    std::lock_guard lock(mutex_);
    if (loaded_.contains(name)) {
        return name;
    }
    auto path = locate(name);
    if (!path) {
        throw std::runtime_error(
            "template '" + name.substr(0, 128) +
            "' is in none of the theme, plugin or kernel template directories");
    }
    std::ifstream in(*path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    if (content.find("{{%AUTOESCAPE") == std::string::npos) {
        content = std::string(kAutoescapePragma) + "\n" + content;
    }
    if (!cache_->StringToTemplateCache(name, content, ctemplate::STRIP_BLANK_LINES)) {
        throw std::runtime_error("template '" + path->string() + "' does not compile");
    }
    loaded_.insert(name);
    return name;
}

std::string TemplateRenderer::render(const std::string& name,
                                     const ctemplate::TemplateDictionary& dict) {
    std::string key = load(name);
    std::string out;
    if (!cache_->ExpandWithData(key, ctemplate::STRIP_BLANK_LINES, &dict, nullptr, &out)) {
        throw std::runtime_error("template '" + name + "' could not be expanded");
    }
    return out;
}

}  // namespace tessera::kernel
