#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "ImportFields.hpp"

namespace contacts {

/// The job "contacts.import" (argument {"batch": id}): runs a queued ImportBatch for the user
/// who made it, as one operation, and records the counts, the operation and the error report
/// on the batch. A batch that is not queued any more (a retried run) is left alone.
void addImportJob(tessera::sdk::PluginContext& context, std::shared_ptr<const ImportFields> fields);

/// The batch's mapping (column -> field) as stored, one entry per header.
std::vector<std::string> mappingOf(const tessera::sdk::Record& batch, std::size_t columns);

}  // namespace contacts
