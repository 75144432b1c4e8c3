#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <Poco/Nullable.h>

#include <tessera/kernel/storage/BulkInserter.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "BackendFixture.hpp"

namespace tessera::kernel::test {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

class BulkInserterTest : public BackendTest {};

using Row = BulkInserter::Row;

/// Text that breaks naive COPY or CSV handling, cycled through the rows.
const std::vector<std::string>& awkwardTexts() {
    static const std::vector<std::string> texts = {
        "",
        "plain",
        "tab\there",
        "new\nline",
        "carriage\rreturn\r\n",
        "back\\slash \\\\ double",
        "\\N",
        "\\.",
        "quotes ' \" `",
        "Grüße, Straße — 日本語 — emoji 😀 — עברית",
        "  spaces around  ",
        "\t\n\\\r",
        ",;|",
        "$1 ?1 :name",
    };
    return texts;
}

/// Row i: id, text a, text b (NULL every 7th), integer n as text (NULL every 5th).
Row makeRow(int i) {
    const auto& texts = awkwardTexts();
    Row row;
    row.emplace_back(std::to_string(i));
    row.emplace_back(texts[i % texts.size()] + "#" + std::to_string(i));
    row.emplace_back(i % 7 == 0 ? std::nullopt
                                : std::optional<std::string>(texts[(i / 2) % texts.size()]));
    row.emplace_back(i % 5 == 0 ? std::nullopt
                                : std::optional<std::string>(std::to_string(i - 100)));
    return row;
}

TEST_P(BulkInserterTest, RoundTripsAwkwardTextExactly) {
    auto items = table("items");
    execute("CREATE TABLE " + items + " (id INTEGER PRIMARY KEY, a TEXT, b TEXT, n INTEGER)" +
            strict());
    constexpr int kRows = 50000;

    BulkInserter inserter(db(), items, {"id", "a", "b", "n"}, 4096);
    for (int i = 1; i <= kRows; ++i) {
        inserter.add(makeRow(i));
    }
    EXPECT_EQ(inserter.rowsAdded(), static_cast<std::size_t>(kRows));
    EXPECT_EQ(inserter.finish(), static_cast<std::size_t>(kRows));

    auto session = db().session();
    std::vector<int> ids;
    std::vector<Poco::Nullable<std::string>> as, bs, ns;
    session << "SELECT id, a, b, n FROM " + items + " ORDER BY id", into(ids), into(as), into(bs),
        into(ns), now;
    ASSERT_EQ(ids.size(), static_cast<std::size_t>(kRows));
    int mismatches = 0;
    for (int i = 1; i <= kRows && mismatches < 5; ++i) {
        auto expected = makeRow(i);
        std::size_t at = static_cast<std::size_t>(i - 1);
        std::vector<Poco::Nullable<std::string>> actual = {std::to_string(ids[at]), as[at], bs[at],
                                                           ns[at]};
        for (std::size_t c = 0; c < expected.size(); ++c) {
            bool same = expected[c] ? (!actual[c].isNull() && actual[c].value() == *expected[c])
                                    : actual[c].isNull();
            if (!same) {
                ++mismatches;
                ADD_FAILURE() << "row " << i << " column " << c << ": expected "
                              << (expected[c] ? "\"" + *expected[c] + "\"" : "NULL") << ", got "
                              << (actual[c].isNull() ? "NULL" : "\"" + actual[c].value() + "\"");
            }
        }
    }

    // The integers arrived as integers, not as text.
    Poco::Int64 sum = 0, nulls = 0, emptyStrings = 0;
    session << "SELECT SUM(n) FROM " + items, into(sum), now;
    session << "SELECT count(*) FROM " + items + " WHERE n IS NULL", into(nulls), now;
    session << "SELECT count(*) FROM " + items + " WHERE b = ''", into(emptyStrings), now;
    Poco::Int64 expectedSum = 0;
    for (int i = 1; i <= kRows; ++i) {
        if (i % 5 != 0) {
            expectedSum += i - 100;
        }
    }
    EXPECT_EQ(sum, expectedSum);
    EXPECT_EQ(nulls, kRows / 5);
    EXPECT_GT(emptyStrings, 0) << "empty strings must stay distinct from NULL";
}

TEST_P(BulkInserterTest, BadValueCommitsNothingAndNamesTheRow) {
    auto numbers = table("numbers");
    execute("CREATE TABLE " + numbers + " (id INTEGER, n INTEGER)" + strict());
    execute("INSERT INTO " + numbers + " (id, n) VALUES (0, 0)");

    BulkInserter inserter(db(), numbers, {"id", "n"}, 1000);
    std::string message;
    try {
        for (int i = 1; i <= 25000; ++i) {
            inserter.add({std::to_string(i), i == 12345 ? "twelve" : std::to_string(i)});
        }
        inserter.finish();
        ADD_FAILURE() << "a text in an integer column was accepted";
    } catch (const StorageError& e) {
        message = e.what();
    }
    EXPECT_NE(message.find("row 12345"), std::string::npos) << message;
    EXPECT_NE(message.find(numbers), std::string::npos) << message;
    EXPECT_NE(message.find("nothing was written"), std::string::npos) << message;
    EXPECT_EQ(countRows(numbers), 1) << "earlier batches were committed: " << message;

    EXPECT_THROW(inserter.add({"1", "1"}), StorageError);
    EXPECT_THROW(inserter.finish(), StorageError);
}

TEST_P(BulkInserterTest, DuplicateKeyNamesTheRow) {
    auto keyed = table("keyed");
    execute("CREATE TABLE " + keyed + " (id INTEGER PRIMARY KEY, label TEXT NOT NULL)");
    try {
        BulkInserter inserter(db(), keyed, {"id", "label"});
        for (int i = 1; i <= 500; ++i) {
            inserter.add({std::to_string(i == 321 ? 17 : i), "label"});
        }
        inserter.finish();
        ADD_FAILURE() << "duplicate key accepted";
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("row 321"), std::string::npos) << e.what();
    }
    EXPECT_EQ(countRows(keyed), 0);

    try {
        BulkInserter inserter(db(), keyed, {"id", "label"});
        inserter.add({"1", "fine"});
        inserter.add({"2", std::nullopt});
        inserter.finish();
        ADD_FAILURE() << "NULL accepted in a NOT NULL column";
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
    }
    EXPECT_EQ(countRows(keyed), 0);
}

TEST_P(BulkInserterTest, MalformedRowsAreRejectedAtOnce) {
    auto pairs = table("pairs");
    execute("CREATE TABLE " + pairs + " (a TEXT, b TEXT)");
    {
        BulkInserter inserter(db(), pairs, {"a", "b"});
        inserter.add({"1", "2"});
        try {
            inserter.add({"only one"});
            ADD_FAILURE() << "short row accepted";
        } catch (const StorageError& e) {
            EXPECT_NE(std::string(e.what()).find("row 2 has 1 values for 2 columns"),
                      std::string::npos)
                << e.what();
        }
    }
    {
        BulkInserter inserter(db(), pairs, {"a", "b"});
        try {
            inserter.add({"ok", std::string("nul\0byte", 8)});
            ADD_FAILURE() << "NUL byte accepted";
        } catch (const StorageError& e) {
            EXPECT_NE(std::string(e.what()).find("row 1, column \"b\": text contains a NUL byte"),
                      std::string::npos)
                << e.what();
        }
    }
    EXPECT_EQ(countRows(pairs), 0);
}

TEST_P(BulkInserterTest, UnknownTableOrColumnFailsUpFront) {
    auto real = table("real_table");
    execute("CREATE TABLE " + real + " (a TEXT)");
    try {
        BulkInserter inserter(db(), "no_such_table_here", {"a"});
        ADD_FAILURE() << "unknown table accepted";
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("no_such_table_here"), std::string::npos) << e.what();
    }
    try {
        BulkInserter inserter(db(), real, {"a", "no_such_column"});
        ADD_FAILURE() << "unknown column accepted";
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("no_such_column"), std::string::npos) << e.what();
    }
}

TEST_P(BulkInserterTest, AbandonedInserterCommitsNothing) {
    auto drafts = table("drafts");
    execute("CREATE TABLE " + drafts + " (a TEXT)");
    {
        BulkInserter inserter(db(), drafts, {"a"}, 10);
        for (int i = 0; i < 95; ++i) {
            inserter.add({"draft"});
        }
    }
    EXPECT_EQ(countRows(drafts), 0);

    BulkInserter again(db(), drafts, {"a"});
    again.add({"kept"});
    EXPECT_EQ(again.finish(), 1u);
    EXPECT_THROW(again.add({"late"}), StorageError);
    EXPECT_EQ(countRows(drafts), 1);
}

TEST_P(BulkInserterTest, ReservedWordNamesWork) {
    auto orders = table("order");
    execute("CREATE TABLE \"" + orders + "\" (\"user\" TEXT, \"select\" INTEGER)");
    BulkInserter inserter(db(), orders, {"user", "select"});
    inserter.add({"ann", "1"});
    inserter.add({std::nullopt, "2"});
    EXPECT_EQ(inserter.finish(), 2u);
    EXPECT_EQ(countRows("\"" + orders + "\""), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkInserterTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
