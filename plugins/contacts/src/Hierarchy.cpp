#include "Hierarchy.hpp"

#include <functional>
#include <map>
#include <sstream>

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr int kMaxDepth = 6;
constexpr std::size_t kMaxNodes = 120;

struct Node {
    std::int64_t id = 0;
    std::string name;
    double revenue = 0;
    std::string currency;
    std::int64_t people = 0;
    std::vector<double> extra;  ///< one value per roll-up column of other plugins
    std::vector<std::int64_t> children;
};

using Rollup = tessera::contacts::CompanyRollups;

std::int64_t parentOf(const Record& company) {
    auto it = company.find("parent_id");
    return it != company.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string moneyText(double amount, const std::string& currency) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(0);
    out << amount;
    std::string digits = out.str();
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') {
            grouped += ',';
        }
        grouped += digits[i];
    }
    return currency.empty() ? grouped : grouped + " " + currency;
}

class Tree {
public:
    Tree(Records& records, const Caller& caller, std::vector<Rollup::Column> columns)
        : records_(records), caller_(caller), columns_(std::move(columns)) {}

    /// Loads the subtree under `rootId` breadth first, up to the limits.
    void load(std::int64_t rootId) {
        Record root = records_.get(caller_, "Company", rootId);
        nodes_[rootId] = nodeOf(root);
        std::vector<std::int64_t> level = {rootId};
        for (int depth = 0; depth < kMaxDepth && !level.empty() && nodes_.size() < kMaxNodes;
             ++depth) {
            Query children;
            children.entity = "Company";
            children.filter = Filter::in("parent_id", level);
            children.sort = {{"name", false}};
            children.limit = 1000;
            std::vector<std::int64_t> next;
            for (const auto& row : records_.query(caller_, children).rows) {
                if (nodes_.size() >= kMaxNodes) {
                    truncated_ = true;
                    break;
                }
                std::int64_t id = row["id"].get<std::int64_t>();
                nodes_[id] = nodeOf(row);
                nodes_[parentOf(row)].children.push_back(id);
                next.push_back(id);
            }
            level = std::move(next);
        }
        countPeople();
        addColumns();
    }

    /// Rows for the template: depth-first, with subtree roll-ups.
    nlohmann::json rows(std::int64_t rootId, std::int64_t current) {
        nlohmann::json out = nlohmann::json::array();
        // A subtree's totals: revenue, people, then each roll-up column.
        std::function<std::vector<double>(std::int64_t, int)> visit =
            [&](std::int64_t id, int depth) -> std::vector<double> {
            const Node& node = nodes_.at(id);
            std::size_t at = out.size();
            out.push_back(nlohmann::json::object());
            std::vector<double> totals = {node.revenue, static_cast<double>(node.people)};
            totals.insert(totals.end(), node.extra.begin(), node.extra.end());
            for (std::int64_t child : node.children) {
                std::vector<double> below = visit(child, depth + 1);
                for (std::size_t i = 0; i < totals.size(); ++i) {
                    totals[i] += below[i];
                }
            }
            nlohmann::json columns = nlohmann::json::array();
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                if (failed_[i]) {
                    continue;
                }
                double value = totals[2 + i];
                bool money = columns_[i].format == Rollup::Format::Money;
                columns.push_back(
                    {{"LABEL", columns_[i].label},
                     {"VALUE", money ? moneyText(value, columns_[i].unit) : moneyText(value, "")}});
            }
            out[at] = {{"NAME", node.name},
                       {"HREF", "/r/companies/" + std::to_string(id)},
                       {"DEPTH", std::to_string(std::min(depth, kMaxDepth))},
                       {"CURRENT", id == current},
                       {"PEOPLE", static_cast<std::int64_t>(totals[1])},
                       {"REVENUE", totals[0] > 0 ? moneyText(totals[0], node.currency) : "—"},
                       {"ROLLUP", columns},
                       {"HAS_CHILDREN", !node.children.empty()}};
            return totals;
        };
        visit(rootId, 0);
        return out;
    }

    bool truncated() const { return truncated_; }
    const std::vector<std::string>& failures() const { return failures_; }
    std::size_t size() const { return nodes_.size(); }

private:
    static Node nodeOf(const Record& row) {
        Node node;
        node.id = row["id"].get<std::int64_t>();
        node.name = row.value("name", "");
        const auto& revenue = row.value("annual_revenue", nlohmann::json());
        if (revenue.is_object() && revenue.value("amount", nlohmann::json()).is_number()) {
            node.revenue = revenue["amount"].get<double>();
            node.currency = revenue.value("currency", "");
        }
        return node;
    }

    void countPeople() {
        std::vector<std::int64_t> ids;
        for (const auto& [id, node] : nodes_) {
            ids.push_back(id);
        }
        AggregateQuery people;
        people.entity = "Contact";
        people.groupBy = "company_id";
        people.filter = Filter::in("company_id", ids);
        for (const auto& row : records_.aggregate(caller_, people)) {
            if (row.group.is_number_integer()) {
                nodes_[row.group.get<std::int64_t>()].people = row.count;
            }
        }
    }

    void addColumns() {
        std::vector<std::int64_t> ids;
        for (auto& [id, node] : nodes_) {
            ids.push_back(id);
            node.extra.assign(columns_.size(), 0);
        }
        failed_.assign(columns_.size(), false);
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            try {
                for (const auto& [id, value] : columns_[i].values(caller_, ids)) {
                    if (auto node = nodes_.find(id); node != nodes_.end()) {
                        node->second.extra[i] = value;
                    }
                }
            } catch (const std::exception& e) {
                failures_.push_back("company tree column '" + columns_[i].label +
                                    "' failed: " + e.what());
                failed_[i] = true;
            }
        }
    }

    Records& records_;
    Caller caller_;
    std::vector<Rollup::Column> columns_;
    std::vector<bool> failed_;
    std::vector<std::string> failures_;
    std::map<std::int64_t, Node> nodes_;
    bool truncated_ = false;
};

}  // namespace

int CompanyRollupColumns::addColumn(Column column) {
    if (!column.values) {
        throw PluginError("validation", "a company tree column needs a function for its values");
    }
    std::lock_guard lock(mutex_);
    columns_.emplace_back(next_, std::move(column));
    return next_++;
}

void CompanyRollupColumns::removeColumn(int number) {
    std::lock_guard lock(mutex_);
    std::erase_if(columns_, [number](const auto& entry) { return entry.first == number; });
}

std::vector<CompanyRollupColumns::Column> CompanyRollupColumns::columns() const {
    std::lock_guard lock(mutex_);
    std::vector<Column> copy;
    for (const auto& [number, column] : columns_) {
        copy.push_back(column);
    }
    return copy;
}

void addHierarchyPanel(PluginContext& context) {
    Records& records = context.records();
    auto columns = std::make_shared<CompanyRollupColumns>();
    context.provide<tessera::contacts::CompanyRollups>("contacts.company_rollups", columns);
    context.addPanel(
        {Slot::DetailSide, "Company", Permission::on("Company", Action::Read), 10,
         [&context, &records, columns](const PanelContext& panel) -> std::optional<PanelContent> {
             // Climb to the top ancestor the caller can see.
             std::int64_t root = panel.id;
             Record current = *panel.record;
             for (int depth = 0; depth < 32 && parentOf(current) != 0; ++depth) {
                 try {
                     current = records.get(panel.caller, "Company", parentOf(current));
                 } catch (const PluginError&) {
                     break;  // an ancestor out of the caller's sight ends the climb
                 }
                 root = current["id"].get<std::int64_t>();
             }
             Tree tree(records, panel.caller, columns->columns());
             tree.load(root);
             for (const auto& failure : tree.failures()) {
                 context.log(LogLevel::Error, failure);
             }
             if (tree.size() < 2) {
                 return std::nullopt;
             }
             return PanelContent{"Company tree", "contacts.hierarchy.tpl",
                                 {{"NODE", tree.rows(root, panel.id)},
                                  {"TRUNCATED", tree.truncated()}}};
         }});
}

}  // namespace contacts
