#pragma once

// The sales widgets on the home page (my open deals, pipeline by stage as a chart, this
// quarter against quota) and the deals panels on company and contact pages.
#include <tessera/sdk/PluginContext.hpp>

#include "Pipelines.hpp"

namespace deals {

void addHomeWidgets(tessera::sdk::PluginContext& context, const Pipelines& pipelines);
void addRecordPanels(tessera::sdk::PluginContext& context);

/// The geometry of a horizontal bar chart (one bar per row: label, value, and a lighter bar
/// for the second value) for an SVG template, so every text is escaped by the renderer.
nlohmann::json barChart(const std::vector<std::tuple<std::string, double, double>>& rows,
                        const std::string& currency);

}  // namespace deals
