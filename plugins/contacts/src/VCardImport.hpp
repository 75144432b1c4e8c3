#pragma once

#include <string>

namespace contacts {

/// The contacts of a vCard 3.0 or 4.0 file (RFC 2426, RFC 6350) as a CSV text with the
/// columns First name, Last name, Full name, Email, Phone, Mobile, Company, Job title,
/// Birthday, City, Country, Notes, so a vCard goes through the CSV import's mapping, preview,
/// job and undo. Folded lines are unfolded and escaped values unescaped; property groups
/// ("item1.EMAIL") are read as the property. A PluginError "validation" on "file" when the
/// text holds no vCard or one that never ends.
std::string vcardsToCsv(const std::string& text);

}  // namespace contacts
