#pragma once

#include <memory>

#include "LifecycleStages.hpp"

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// The CSV and vCard import pipeline under /p/contacts/import: upload, column mapping (with
/// saved templates), preview, the "contacts.import" job with its progress page, the error
/// report and the rollback of a batch. Importing needs the delete permission on contacts, since
/// a batch can be rolled back, which moves what it created to the trash.
void addImport(tessera::sdk::PluginContext& context, std::shared_ptr<LifecycleStages> stages);

}  // namespace contacts
