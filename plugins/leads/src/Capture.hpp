#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <tessera/sdk/PluginContext.hpp>

#include "RateLimiter.hpp"

namespace leads {

/// The limits a public form entry must keep (plugin settings).
struct CaptureLimits {
    std::size_t maxBytes = 8192;
    std::size_t maxFieldLength = 500;
    std::size_t maxInputs = 40;
};

/// What became of one entry.
struct CaptureOutcome {
    enum class Kind { Stored, Ignored, Refused, Limited, TooLarge, NoForm };
    Kind kind = Kind::Refused;
    std::int64_t leadId = 0;
    bool merged = false;  ///< an open lead with the same e-mail address got the entry
    std::map<std::string, std::string> errors;
    tessera::sdk::Record campaign;
};

/// Takes entries of a campaign's public form: size and rate limits, the honeypot, the mapping
/// of input names to lead fields, the required fields and no markup; then a new lead, or one
/// more form submission on the open lead with the same e-mail address. Thread-safe.
class Capture {
public:
    Capture(tessera::sdk::Records& records, CaptureLimits limits, int ratePerWindow, std::chrono::seconds window);

    CaptureOutcome submit(const std::string& formKey, const std::map<std::string, std::string>& inputs,
                          const std::string& address, std::size_t bodyBytes);
    /// The campaign with an open form under this key; remembered for a few seconds.
    std::optional<tessera::sdk::Record> campaign(const std::string& formKey);
    /// Drops the remembered campaigns (one was changed on this node).
    void forgetCampaigns();
    const CaptureLimits& limits() const { return limits_; }

private:
    tessera::sdk::Records& records_;
    CaptureLimits limits_;
    RateLimiter limiter_;
    std::mutex mutex_;
    std::map<std::string, std::pair<tessera::sdk::Record, std::chrono::steady_clock::time_point>> campaigns_;
};

/// The name of the hidden input people never fill and form robots do.
inline constexpr const char* kHoneypot = "homepage";

/// The public routes (no sign-in): GET/POST /p/leads/form/{key}, its thank-you page, and
/// POST /api/v1/p/leads/forms/{key} (JSON); the form key on new campaigns and the embeddable
/// snippet on the campaign's page.
void addCapture(tessera::sdk::PluginContext& context, std::shared_ptr<Capture> capture);

}  // namespace leads
