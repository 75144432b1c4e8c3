#pragma once

#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// A person or company drawn on the map.
struct MapNode {
    std::string label;
    std::string kind;      ///< "contact" or "company"
    std::string relation;  ///< the edge label to the centre ("reports to", "decision maker"...)
};

/// A server-rendered SVG: the record in the centre, the people and companies around it on a
/// circle, each edge labelled. Every label is XML-escaped.
std::string relationshipSvg(const MapNode& centre, const std::vector<MapNode>& around);

/// The SVG route (/p/contacts/map/{entity}/{id}) and the map panel on contacts and companies.
void addRelationshipMap(tessera::sdk::PluginContext& context);

}  // namespace contacts
