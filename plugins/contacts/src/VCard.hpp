#pragma once

#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// One contact as a vCard 4.0 (RFC 6350): values escaped, lines folded at 75 octets without
/// splitting a UTF-8 sequence, CRLF line ends.
std::string vcardOf(const tessera::sdk::Record& contact, const std::string& companyName,
                    const std::vector<tessera::sdk::Record>& addresses);

/// Downloads: one contact (/p/contacts/vcard/{id}), a segment or a selection
/// (/p/contacts/vcard?segment=ID or ?ids=1,2,3, needs the export permission), and a vCard
/// button on each contact's page.
void addVCardExport(tessera::sdk::PluginContext& context);

}  // namespace contacts
