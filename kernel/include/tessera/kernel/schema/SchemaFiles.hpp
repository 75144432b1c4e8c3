#pragma once

#include <filesystem>

#include <tessera/sdk/SchemaBuilder.hpp>

namespace tessera::kernel {

/// Feeds a plugin's schema/entities/*.json and schema/extends/<owner>.<Entity>.json files to
/// `builder`, in file-name order. Throws sdk::PluginError naming the file for unreadable JSON or
/// a badly named extension file.
void readSchemaFiles(const std::filesystem::path& pluginDirectory, sdk::SchemaBuilder& builder);

}  // namespace tessera::kernel
