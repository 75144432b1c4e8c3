#pragma once

#include <optional>

#include <tessera/kernel/schema/Schema.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::kernel {

/// A record's search entry: its title and the text of its searchable fields (tags separated by
/// spaces, fields by lines), with its owner and team for visibility. nullopt for an entity
/// that has neither a title field nor searchable fields.
std::optional<SearchIndex::Entry> searchEntryOf(const EntityDef& entity, const sdk::Record& record);

}  // namespace tessera::kernel
