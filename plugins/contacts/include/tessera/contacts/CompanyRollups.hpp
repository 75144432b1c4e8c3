#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <boost/config.hpp>

#include <tessera/sdk/Caller.hpp>

namespace tessera::contacts {

/// Columns other plugins add to the company tree: each gives a number per company (open deals,
/// open pipeline, tickets...) and the tree shows it summed over every subtree, next to the people
/// and revenue the contacts plugin rolls up itself. Provided by the contacts plugin as the service
/// "contacts.company_rollups": `context.find<CompanyRollups>("contacts.company_rollups")` from
/// initialize() of a plugin that lists `contacts` in its depends. Add columns from initialize()
/// and remove them in aboutToShutdown(): a column's function is code of the plugin that added
/// it, which must not outlive its library. Thread-safe.
class BOOST_SYMBOL_VISIBLE CompanyRollups {
public:
    /// How the tree shows a column's totals.
    enum class Format { Count, Money };

    struct Column {
        std::string label;  ///< shown before the value: "Open deals"
        Format format = Format::Count;
        std::string unit;  ///< shown after a money value: "EUR"
        /// The value of each of `companyIds` (at most a few hundred) for `caller`: read through
        /// the record API with that caller, so a total only adds what the caller may see.
        /// Companies left out count as 0. Exceptions are logged and the column is left out.
        std::function<std::map<std::int64_t, double>(const sdk::Caller& caller,
                                                     const std::vector<std::int64_t>& companyIds)>
            values;
    };

    virtual ~CompanyRollups() = default;
    /// Adds a column after the ones added before and returns its number for removeColumn();
    /// a column without `values` is refused (PluginError "validation").
    virtual int addColumn(Column column) = 0;
    /// Removes a column; an unknown number is ignored.
    virtual void removeColumn(int number) = 0;
};

}  // namespace tessera::contacts
