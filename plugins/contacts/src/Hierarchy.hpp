#pragma once

#include <mutex>
#include <vector>

#include <tessera/contacts/CompanyRollups.hpp>
#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// The roll-up columns other plugins registered, in registration order. Thread-safe.
class CompanyRollupColumns final : public tessera::contacts::CompanyRollups {
public:
    int addColumn(Column column) override;
    void removeColumn(int number) override;
    std::vector<Column> columns() const;

private:
    mutable std::mutex mutex_;
    std::vector<std::pair<int, Column>> columns_;
    int next_ = 1;
};

/// The company tree panel: the ancestors and descendants of a company with roll-ups of people,
/// annual revenue and the columns of other plugins over each subtree; provides the service
/// "contacts.company_rollups" for those columns.
void addHierarchyPanel(tessera::sdk::PluginContext& context);

}  // namespace contacts
