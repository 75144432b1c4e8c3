#pragma once

#include <nlohmann/json.hpp>

namespace ctemplate {
class TemplateDictionary;
}

namespace tessera::kernel {

/// Fills a template dictionary from the JSON a plugin hands over, so plugins never touch
/// ctemplate: a string or number sets a variable, `true` shows the section of that name, an
/// object fills a section once, an array of objects repeats a section and an array of
/// scalars repeats a section whose value is {{VALUE}}. null and false leave a name unset.
/// Keys are used as they are (templates spell them upper case by convention).
void fillDictionary(ctemplate::TemplateDictionary& dict, const nlohmann::json& data);

}  // namespace tessera::kernel
