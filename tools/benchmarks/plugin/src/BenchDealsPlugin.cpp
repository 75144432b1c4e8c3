// The benchmark plugin of `tools/bench http`: its entity comes from schema/entities/BenchDeal.json
// and its layout from layouts/BenchDeal.json, so the pages measured are the kernel's generic ones.
#include <tessera/sdk/PluginExport.hpp>

namespace tessera::plugins::bench_deals {

class BenchDealsPlugin final : public sdk::Plugin {
public:
    void initialize(sdk::PluginContext& context) override { (void)context; }
};

}  // namespace tessera::plugins::bench_deals

TESSERA_PLUGIN(tessera::plugins::bench_deals::BenchDealsPlugin)
