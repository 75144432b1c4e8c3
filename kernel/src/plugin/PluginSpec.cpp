#include <tessera/kernel/plugin/PluginSpec.hpp>

#include <tessera/kernel/plugin/KernelPluginContext.hpp>

namespace tessera::kernel {

PluginSpec::PluginSpec() = default;
PluginSpec::~PluginSpec() = default;
PluginSpec::PluginSpec(PluginSpec&&) noexcept = default;
PluginSpec& PluginSpec::operator=(PluginSpec&&) noexcept = default;

}  // namespace tessera::kernel
