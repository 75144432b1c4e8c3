#include "RuleCache.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {
constexpr auto kFreshFor = std::chrono::seconds(5);
}

RuleCache::RuleCache(Records& records, std::string entity, std::string sortField)
    : records_(records), entity_(std::move(entity)), sortField_(std::move(sortField)) {}

std::vector<Record> RuleCache::rules() {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (!valid_ || now - readAt_ > kFreshFor) {
        Query query;
        query.entity = entity_;
        query.filter = Filter::eq("active", true);
        query.sort = {{sortField_, false}};
        query.limit = 1000;
        rules_ = queryAll(records_, Caller::systemCaller(), query);
        readAt_ = now;
        valid_ = true;
    }
    return rules_;
}

void RuleCache::invalidate() {
    std::lock_guard lock(mutex_);
    valid_ = false;
}

}  // namespace leads
