#pragma once

#include <string>
#include <vector>

namespace contacts {

/// An e-mail address trimmed and in lower case; "" when it has no '@'.
std::string normalizeEmail(const std::string& email);
/// The digits of a phone number with a leading '+' kept ("+49 (30) 123-45" -> "+493012345");
/// "" when fewer than 5 digits remain.
std::string normalizePhone(const std::string& phone);
/// The host of a URL or domain, lower case, without "www." ("https://www.Acme.com/x" ->
/// "acme.com"); "" when there is none.
std::string domainOf(const std::string& urlOrDomain);
/// The domain of an e-mail address unless it is a free mail provider's.
std::string companyDomainOfEmail(const std::string& email);
/// Lower case, accents of Latin letters folded, punctuation dropped, single spaces; legal forms
/// at the end ("GmbH", "Inc.", "Ltd") removed for company names.
std::string nameKey(const std::string& name, bool company);
/// 0..1: how alike two names are (Jaro-Winkler of their keys).
double nameSimilarity(const std::string& a, const std::string& b, bool company);
/// The words of nameKey() in alphabetical order, so "Smith, John" and "John Smith" agree.
std::vector<std::string> nameTokens(const std::string& name, bool company);
/// Edits (insert, delete, change, swap of neighbours) between two strings.
std::size_t editDistance(const std::string& a, const std::string& b);
/// 0..1: how likely two names are the same person or company, whatever the case, accents,
/// punctuation and word order: 1 for the same words; 0.9 for one typo in one word (of four
/// letters or more) or a space more or less; 0.85 when every word matches one of the other's
/// with at most a typo each, or as an initial; 0.75 when a person's name of two or more words
/// is contained in a longer one; else 0.
double nameMatch(const std::string& a, const std::string& b, bool company);
/// The score from which nameMatch() calls two names similar.
constexpr double kSimilarNames = 0.75;
/// The string trimmed of ASCII white space.
std::string trim(const std::string& text);

}  // namespace contacts
