#pragma once

#include <cstdint>
#include <exception>
#include <map>
#include <string>

#include <tessera/kernel/schema/EntityDef.hpp>

namespace tessera::kernel {

/// The errors the record API answers with, worded the same on every path.
[[noreturn]] void notFound(const EntityDef& e, std::int64_t id);
[[noreturn]] void validationFailed(const EntityDef& e, std::map<std::string, std::string> fields);
/// Whether a storage error is a unique index refusing a value (either database).
bool isUniqueViolation(const std::exception& e);

}  // namespace tessera::kernel
