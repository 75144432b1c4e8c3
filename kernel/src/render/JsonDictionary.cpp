#include <tessera/kernel/render/JsonDictionary.hpp>

#include <ctemplate/template.h>

namespace tessera::kernel {

namespace {

std::string scalarText(const nlohmann::json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.dump();
}

}  // namespace

void fillDictionary(ctemplate::TemplateDictionary& dict, const nlohmann::json& data) {
    if (!data.is_object()) {
        return;
    }
    for (const auto& [key, value] : data.items()) {
        if (value.is_null() || (value.is_boolean() && !value.get<bool>())) {
            continue;
        }
        if (value.is_boolean()) {
            dict.ShowSection(key);
        } else if (value.is_object()) {
            fillDictionary(*dict.AddSectionDictionary(key), value);
        } else if (value.is_array()) {
            for (const auto& element : value) {
                auto* section = dict.AddSectionDictionary(key);
                if (element.is_object()) {
                    fillDictionary(*section, element);
                } else {
                    section->SetValue("VALUE", scalarText(element));
                }
            }
        } else {
            dict.SetValue(key, scalarText(value));
        }
    }
}

}  // namespace tessera::kernel
