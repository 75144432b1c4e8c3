#pragma once

namespace tessera::sdk {
class Records;
}

namespace tessera::kernel {

class EventBus;
class HookRegistry;
class WebExtensions;

/// The kernel services plugin contexts hand out. Filled in by the Kernel once storage is up;
/// a member is null until then.
struct KernelServices {
    sdk::Records* records = nullptr;
    HookRegistry* hooks = nullptr;
    EventBus* events = nullptr;
    WebExtensions* web = nullptr;
};

}  // namespace tessera::kernel
