#include "IdList.hpp"

#include <sstream>

#include "Refuse.hpp"

namespace contacts {

std::vector<std::int64_t> idList(const std::string& text, const std::string& field,
                                 std::size_t maxIds) {
    std::vector<std::int64_t> ids;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        std::size_t used = 0;
        long long id = 0;
        try {
            id = std::stoll(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != part.size() || id <= 0 || ids.size() == maxIds) {
            refuse(field, field + " must be record numbers separated by commas");
        }
        ids.push_back(id);
    }
    return ids;
}

}  // namespace contacts
