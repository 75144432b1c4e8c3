#pragma once

namespace leads {

/// Marks the current thread as converting a lead, so the lead's hooks let the conversion set
/// the status "converted" and the links to what the lead became, which nothing else may.
class ConvertingScope {
public:
    ConvertingScope() { active() = true; }
    ~ConvertingScope() { active() = false; }
    ConvertingScope(const ConvertingScope&) = delete;
    ConvertingScope& operator=(const ConvertingScope&) = delete;

    static bool& active() {
        thread_local bool converting = false;
        return converting;
    }
};

}  // namespace leads
