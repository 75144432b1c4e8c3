// Plugin contacts: the customer database every other plugin hangs on. Built on the SDK alone.
#include <tessera/sdk/PluginExport.hpp>

#include "ContactHooks.hpp"
#include "DemoData.hpp"
#include "Duplicates.hpp"
#include "Export.hpp"
#include "Hierarchy.hpp"
#include "ImportPages.hpp"
#include "LifecycleBoard.hpp"
#include "LifecycleStages.hpp"
#include "Merge.hpp"
#include "Privacy.hpp"
#include "RelationshipMap.hpp"
#include "Segments.hpp"
#include "VCard.hpp"

namespace contacts {

using namespace tessera::sdk;

class ContactsPlugin final : public Plugin {
public:
    void initialize(PluginContext& context) override {
        auto stages = addLifecycleStages(context);
        addContactHooks(context);
        addDuplicatePages(context);
        addExport(context);
        addHierarchyPanel(context);
        addImport(context, stages);
        addLifecycleBoard(context, stages);
        addMergePages(context);
        addPrivacy(context);
        addRelationshipMap(context);
        addSegments(context);
        addVCardExport(context);
        context.addDemoData(loadDemoData);
    }
};

}  // namespace contacts

TESSERA_PLUGIN(contacts::ContactsPlugin)
