#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ctemplate {
class TemplateCache;
class TemplateDictionary;
}  // namespace ctemplate

namespace tessera::kernel {

/// Page templates on ctemplate. A template name ("list.tpl") is looked up in the theme's
/// `templates/`, then in each plugin template directory, then in the kernel's `templates/`.
/// Every template is compiled with HTML auto-escaping (the AUTOESCAPE pragma is added when the
/// file lacks it), so a variable is HTML-escaped unless the template says `:none`.
/// Templates are read once and cached; render() is thread-safe.
class TemplateRenderer {
public:
    struct Options {
        /// The directory holding `templates/` and `themes/`.
        std::filesystem::path root;
        /// The theme: `themes/<theme>/` (config key `theme`).
        std::string theme = "default";
        /// Plugin template directories, searched in order after the theme.
        std::vector<std::filesystem::path> pluginDirs;
    };

    explicit TemplateRenderer(Options options);
    ~TemplateRenderer();
    TemplateRenderer(const TemplateRenderer&) = delete;
    TemplateRenderer& operator=(const TemplateRenderer&) = delete;

    /// Expands the template with the dictionary; throws std::runtime_error naming the template
    /// when it is missing, has a syntax error or a name that leaves the template directories.
    std::string render(const std::string& name, const ctemplate::TemplateDictionary& dict);

    /// The file a template name resolves to, empty when no directory has it.
    std::optional<std::filesystem::path> locate(const std::string& name) const;
    /// A static file of the theme (falling back to themes/default/static), empty when none.
    std::optional<std::filesystem::path> locateStatic(const std::string& name) const;

    const Options& options() const { return options_; }

    /// The directory holding `templates/` and `themes/`: $TESSERA_HOME, else the working
    /// directory when it has `templates/`, else the source tree this binary was built from.
    static std::filesystem::path defaultRoot();

private:
    /// Compiles the template into the cache once; returns its cache key.
    std::string load(const std::string& name);

    Options options_;
    std::unique_ptr<ctemplate::TemplateCache> cache_;
    std::mutex mutex_;
    std::set<std::string> loaded_;
};

/// True when a template or static file name is a plain file name (no '/', no "..").
bool isPlainFileName(const std::string& name);

}  // namespace tessera::kernel
