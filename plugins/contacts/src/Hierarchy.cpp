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
    std::vector<std::int64_t> children;
};

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
    Tree(Records& records, const Caller& caller) : records_(records), caller_(caller) {}

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
    }

    /// Rows for the template: depth-first, with subtree roll-ups.
    nlohmann::json rows(std::int64_t rootId, std::int64_t current) {
        nlohmann::json out = nlohmann::json::array();
        std::function<std::pair<double, std::int64_t>(std::int64_t, int)> visit =
            [&](std::int64_t id, int depth) -> std::pair<double, std::int64_t> {
            const Node& node = nodes_.at(id);
            std::size_t at = out.size();
            out.push_back(nlohmann::json::object());
            double revenue = node.revenue;
            std::int64_t people = node.people;
            for (std::int64_t child : node.children) {
                auto [childRevenue, childPeople] = visit(child, depth + 1);
                revenue += childRevenue;
                people += childPeople;
            }
            out[at] = {{"NAME", node.name},
                       {"HREF", "/r/companies/" + std::to_string(id)},
                       {"DEPTH", std::to_string(std::min(depth, kMaxDepth))},
                       {"CURRENT", id == current},
                       {"PEOPLE", people},
                       {"REVENUE", revenue > 0 ? moneyText(revenue, node.currency) : "—"},
                       {"HAS_CHILDREN", !node.children.empty()}};
            return {revenue, people};
        };
        visit(rootId, 0);
        return out;
    }

    bool truncated() const { return truncated_; }
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

    Records& records_;
    Caller caller_;
    std::map<std::int64_t, Node> nodes_;
    bool truncated_ = false;
};

}  // namespace

void addHierarchyPanel(PluginContext& context) {
    Records& records = context.records();
    context.addPanel(
        {Slot::DetailSide, "Company", Permission::on("Company", Action::Read), 10,
         [&records](const PanelContext& panel) -> std::optional<PanelContent> {
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
             Tree tree(records, panel.caller);
             tree.load(root);
             if (tree.size() < 2) {
                 return std::nullopt;
             }
             return PanelContent{"Company tree", "contacts.hierarchy.tpl",
                                 {{"NODE", tree.rows(root, panel.id)},
                                  {"TRUNCATED", tree.truncated()}}};
         }});
}

}  // namespace contacts
