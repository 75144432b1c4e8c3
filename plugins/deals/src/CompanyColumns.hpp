#pragma once

// The deals columns of the contacts plugin's company tree: open deals and open pipeline.
#include <memory>
#include <vector>

#include <tessera/contacts/CompanyRollups.hpp>
#include <tessera/sdk/PluginContext.hpp>

namespace deals {

/// "Open deals" (count) and "Open pipeline" (amount) on the company tree, each read with the
/// viewer as caller so a total only adds the deals they may see. Removes them when destroyed,
/// while this library is still loaded.
class CompanyColumns {
public:
    explicit CompanyColumns(tessera::sdk::PluginContext& context);
    ~CompanyColumns();
    CompanyColumns(const CompanyColumns&) = delete;
    CompanyColumns& operator=(const CompanyColumns&) = delete;

private:
    std::shared_ptr<tessera::contacts::CompanyRollups> rollups_;
    std::vector<int> numbers_;
};

}  // namespace deals
