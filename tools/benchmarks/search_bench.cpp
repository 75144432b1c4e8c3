// Latency of the global search (kernel::SearchIndex) on a large index.
//
//   bench_search [--entries N] [--queries N] [--seed N] URL
//   e.g. bench_search --entries 1000000 sqlite:/tmp/bench/search.db
//        bench_search --entries 1000000 postgresql://postgres@127.0.0.1:5432/bench
//
// When the index is empty it is filled with N generated entries (default 1,000,000) of four
// entities: contacts and notes named after people, accounts and deals named after companies,
// each with 5 to 40 words of text drawn from a 20,000-word vocabulary with a Zipf distribution
// (so a few words are in most entries, as "the" or "call" would be), contacts with an e-mail
// address and phone number. An index already filled is reused (same seed, same data).
//
// Then it runs each kind of query --queries times (default 500, after 50 unmeasured ones) and
// prints median, p99 and maximum in milliseconds:
//   word         a word picked uniformly from the vocabulary (most are in a few hundred to a few
//                thousand entries)
//   text word    a word picked from a random entry's text, so frequent words come up in
//                proportion: the top five are in 15-50% of all entries (a pessimistic mix)
//   two words    two words from one entry's text
//   name prefix  the first 3 to 5 letters of a first or last name
//   name+prefix  a first name and the first 3 letters of a last name
// each as an admin (every entity, no condition) and as a sales rep (own contacts, notes and
// deals, the team's accounts).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/Sql.hpp>

using namespace tessera;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kFirstNames[] = {
    "Anna",   "Björn", "Chloé",   "Dmitri", "Eve",     "Fatima", "Grace", "Hiroshi", "Ines",
    "Jonas",  "Kofi",  "Lena",    "Mateo",  "Nora",    "Oskar",  "Priya", "Quentin", "Rosa",
    "Søren",  "Tomás", "Ulrike",  "Viktor", "Wanda",   "Xavier", "Yara",  "Zoë",     "Ahmed",
    "Bianca", "Chen",  "Daniela", "Émile",  "Frieda",  "Giulia", "Hamza", "Ilse",    "Jürgen",
    "Kenji",  "Lucía", "Magnus",  "Nadia",  "Olivier", "Paula",  "Rahul", "Sofia",   "Tariq"};

const char* const kSyllables[] = {"ka",  "ro",  "mel", "an", "ti",  "sor", "ven", "la",
                                  "bri", "do",  "mer", "sa", "tor", "qui", "len", "ha",
                                  "po",  "zan", "fe",  "gu", "lin", "mo",  "ras", "che",
                                  "vi",  "nor", "bel", "tu", "ex",  "ar"};

const char* const kCompanySuffixes[] = {"Corp", "GmbH", "Ltd",   "Inc",     "AG",
                                        "SA",   "LLC",  "Group", "Holding", "Partners"};

const char* const kEntities[] = {"Contact", "Account", "Deal", "Note"};

constexpr std::size_t kVocabulary = 20000;
constexpr std::size_t kLastNames = 3000;
constexpr int kOwners = 200;
constexpr int kTeams = 20;

std::string capitalized(std::string word) {
    if (!word.empty()) {
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
    }
    return word;
}

/// Deterministic test data: the same seed gives the same entries and the same queries.
class Corpus {
public:
    explicit Corpus(unsigned seed) : random_(seed) {
        std::mt19937 words(12345);
        std::unordered_set<std::string> seen;
        while (vocabulary_.size() < kVocabulary) {
            std::string word;
            int syllables = 2 + static_cast<int>(words() % 3);
            for (int i = 0; i < syllables; ++i) {
                word += kSyllables[words() % std::size(kSyllables)];
            }
            if (seen.insert(word).second) {
                vocabulary_.push_back(word);
            }
        }
        for (std::size_t i = 0; i < kLastNames; ++i) {
            lastNames_.push_back(capitalized(vocabulary_[(i * 7919) % kVocabulary]));
        }
        for (const char* name : {"Müller", "Smith", "García", "Nguyen", "Kowalski", "Dubois",
                                 "Öztürk", "Rossi", "Jensen", "O'Brien"}) {
            lastNames_.push_back(name);
        }
        double total = 0;
        for (std::size_t i = 0; i < kVocabulary; ++i) {
            total += 1.0 / static_cast<double>(i + 1);
            zipf_.push_back(total);
        }
    }

    kernel::SearchIndex::Entry entry(std::int64_t n) {
        kernel::SearchIndex::Entry e;
        e.entity = kEntities[n % 4];
        e.id = n / 4 + 1;
        e.ownerId = static_cast<std::int64_t>(random_() % kOwners) + 1;
        e.teamId = e.ownerId % kTeams + 1;
        std::string person = first() + " " + last();
        if (e.entity == "Contact") {
            e.title = person;
            e.body = lower(person, '.') + "@" + vocabulary_[random_() % kVocabulary] +
                     ".com +49 30 " + std::to_string(100000 + random_() % 900000) + " ";
        } else if (e.entity == "Account") {
            e.title = capitalized(vocabulary_[random_() % kVocabulary]) + " " +
                      capitalized(vocabulary_[random_() % 3000]) + " " +
                      kCompanySuffixes[random_() % std::size(kCompanySuffixes)];
        } else if (e.entity == "Deal") {
            e.title = capitalized(vocabulary_[random_() % kVocabulary]) + " " + zipfWord() + " " +
                      zipfWord();
        } else {
            e.title = "Call with " + person;
        }
        int words = 5 + static_cast<int>(random_() % 36);
        for (int i = 0; i < words; ++i) {
            e.body += (i == 0 ? "" : " ") + zipfWord();
        }
        return e;
    }

    const std::string& zipfWord() {
        std::uniform_real_distribution<double> uniform(0, zipf_.back());
        auto at = std::lower_bound(zipf_.begin(), zipf_.end(), uniform(random_));
        return vocabulary_[static_cast<std::size_t>(at - zipf_.begin())];
    }
    const std::string& rareWord() { return vocabulary_[random_() % kVocabulary]; }
    std::string first() { return kFirstNames[random_() % std::size(kFirstNames)]; }
    std::string last() { return lastNames_[random_() % lastNames_.size()]; }
    std::mt19937_64& random() { return random_; }

private:
    static std::string lower(std::string text, char space) {
        for (char& c : text) {
            if (c == ' ') {
                c = space;
            } else if (c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            }
        }
        return text;
    }

    std::mt19937_64 random_;
    std::vector<std::string> vocabulary_;
    std::vector<std::string> lastNames_;
    std::vector<double> zipf_;
};

/// The first `letters` characters of `word` (whole UTF-8 characters).
std::string prefix(const std::string& word, std::size_t letters) {
    std::size_t end = 0;
    for (std::size_t count = 0; end < word.size() && count < letters; ++count) {
        ++end;
        while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) {
            ++end;
        }
    }
    return word.substr(0, end);
}

struct Stats {
    double median = 0;
    double p99 = 0;
    double max = 0;
    double meanHits = 0;
    int empty = 0;
};

}  // namespace

int main(int argc, char** argv) {
    std::size_t entries = 1000000;
    int queries = 500;
    unsigned seed = 42;
    std::string url;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--entries") && i + 1 < argc) {
            entries = std::stoul(argv[++i]);
        } else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) {
            queries = std::stoi(argv[++i]);
        } else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) {
            seed = static_cast<unsigned>(std::stoul(argv[++i]));
        } else {
            url = argv[i];
        }
    }
    if (url.empty()) {
        std::fprintf(stderr, "usage: bench_search [--entries N] [--queries N] [--seed N] URL\n");
        return 2;
    }
    try {
        kernel::Database db(kernel::DatabaseUrl::parse(url));
        kernel::SearchIndex index(db);
        index.ensureTables();
        Corpus corpus(seed);
        auto session = db.session();
        const char* table =
            db.backend() == kernel::Backend::Sqlite ? "tessera_search_doc" : "tessera_search";
        auto present = static_cast<std::size_t>(kernel::asInt(
            kernel::Sql::scalar(db, session, std::string("SELECT count(*) FROM ") + table)));
        if (present == 0) {
            auto start = Clock::now();
            constexpr std::size_t kBatch = 50000;
            for (std::size_t done = 0; done < entries; done += kBatch) {
                std::vector<kernel::SearchIndex::Entry> batch;
                for (std::size_t n = done; n < std::min(entries, done + kBatch); ++n) {
                    batch.push_back(corpus.entry(static_cast<std::int64_t>(n)));
                }
                index.putMany(batch);
            }
            double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            std::printf("loaded %zu entries in %.1f s (%.0f entries/s)\n", entries, seconds,
                        static_cast<double>(entries) / seconds);
            if (db.backend() == kernel::Backend::Postgres) {
                kernel::Sql::execute(db, session, "VACUUM ANALYZE tessera_search");
            }
            present = entries;
        } else {
            std::printf("reusing %zu entries\n", present);
            for (std::size_t n = 0; n < present; ++n) {
                corpus.entry(static_cast<std::int64_t>(n));  // same random state as a fresh load
            }
        }

        // Query material: entries generated again with the load's sequence continued.
        std::vector<kernel::SearchIndex::Entry> samples;
        for (int i = 0; i < 2000; ++i) {
            samples.push_back(corpus.entry(static_cast<std::int64_t>(present + i)));
        }
        auto& random = corpus.random();
        auto wordOf = [&](const kernel::SearchIndex::Entry& e) {
            std::vector<std::string> words;
            std::string word;
            for (char c : e.body + " ") {
                if (c == ' ') {
                    if (!word.empty() && word.find_first_of("@+.0123456789") == std::string::npos) {
                        words.push_back(word);
                    }
                    word.clear();
                } else {
                    word += c;
                }
            }
            return words.empty() ? std::string("lati") : words[random() % words.size()];
        };
        struct Kind {
            const char* name;
            std::function<std::string()> text;
        };
        std::vector<Kind> kinds{
            {"word", [&] { return corpus.rareWord(); }},
            {"text word", [&] { return wordOf(samples[random() % samples.size()]); }},
            {"two words",
             [&] {
                 const auto& e = samples[random() % samples.size()];
                 return wordOf(e) + " " + wordOf(e);
             }},
            {"name prefix",
             [&] {
                 std::string name = random() % 2 ? corpus.last() : corpus.first();
                 return prefix(name, 3 + random() % 3);
             }},
            {"name+prefix", [&] { return corpus.first() + " " + prefix(corpus.last(), 3); }},
        };

        std::vector<kernel::SearchVisibility> admin;
        for (const char* entity : kEntities) {
            admin.push_back({entity, ""});
        }
        for (const auto& kind : kinds) {
            for (int rep = 0; rep < 2; ++rep) {
                std::vector<double> times;
                Stats stats;
                double hits = 0;
                for (int i = -50; i < queries; ++i) {
                    std::string text = kind.text();
                    kernel::SqlParams params;
                    std::vector<kernel::SearchVisibility> visible = admin;
                    if (rep == 1) {
                        auto owner = static_cast<std::int64_t>(random() % kOwners) + 1;
                        std::string own = "si.owner_id = " + params.add(owner);
                        std::string team = "si.team_id = " + params.add(owner % kTeams + 1);
                        visible = {
                            {"Contact", own}, {"Note", own}, {"Deal", own}, {"Account", team}};
                    }
                    auto start = Clock::now();
                    auto found = index.search(session, text, 20, visible, params);
                    double elapsed =
                        std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                    if (i >= 0) {
                        times.push_back(elapsed);
                        hits += static_cast<double>(found.size());
                        stats.empty += found.empty() ? 1 : 0;
                    }
                }
                std::sort(times.begin(), times.end());
                stats.median = times[times.size() / 2];
                stats.p99 = times[std::min(times.size() - 1, times.size() * 99 / 100)];
                stats.max = times.back();
                stats.meanHits = hits / static_cast<double>(times.size());
                std::printf(
                    "%-12s %-6s p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  "
                    "(%.1f hits avg, %d empty of %d)\n",
                    kind.name, rep == 0 ? "admin" : "rep", stats.median, stats.p99, stats.max,
                    stats.meanHits, stats.empty, queries);
                std::fflush(stdout);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_search: %s\n", e.what());
        return 1;
    }
    return 0;
}
