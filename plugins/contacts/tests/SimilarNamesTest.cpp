#include "ContactsFixture.hpp"

namespace sdk = tessera::sdk;
using namespace contacts::test;

namespace {

class SimilarNamesTest : public ContactsTest {
protected:
    Record person(const Caller& caller, const std::string& first, const std::string& last) {
        return create(caller, "Contact", {{"first_name", first}, {"last_name", last}});
    }
    /// The similar-names section of the duplicates page.
    static std::string similarSection(const std::string& page) {
        auto at = page.find("<section class=\"card similar-names\">");
        return at == std::string::npos ? "" : page.substr(at, page.find("</section>", at) - at);
    }
    static std::string pairText(const Record& a, const Record& b) {
        return "<a href=\"/r/contacts/" + a["id"].dump() + "\">" +
               a["full_name"].get<std::string>() + "</a> and <a href=\"/r/contacts/" +
               b["id"].dump() + "\">" + b["full_name"].get<std::string>() + "</a>";
    }
};

}  // namespace

TEST_P(SimilarNamesTest, TheDuplicatesPageListsSimilarNamesBelowExactMatches) {
    Record smith = person(admin_, "Jonathan", "Smith");
    Record smyth = person(admin_, "Jonathon", "Smyth");
    Record turned = person(admin_, "Smith,", "Jonathan");
    Record chloe = person(admin_, "Chloé", "Dubois");
    Record chloe2 = person(admin_, "CHLOE", "DUBOIS");
    Record jane = person(admin_, "Jane", "Smith");
    Record hanna = person(admin_, "Hanna", "Schmitz");
    Record anna = person(admin_, "Anna", "Schmidt");
    // Same name and same e-mail: listed once, under the e-mail.
    create(admin_, "Contact",
           {{"first_name", "Eva"}, {"last_name", "Lund"}, {"email", "eva@lund.example"}});
    create(admin_, "Contact",
           {{"first_name", "Eva"}, {"last_name", "Lund"}, {"email", "eva@lund.example"}});
    // Many unrelated people around them, so only the blocks bring the pairs together.
    for (const char* first :
         {"Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo"}) {
        for (const char* last : {"Berg", "Costa", "Dahl", "Eklund", "Ferreira", "Smithers"}) {
            person(admin_, first, last);
        }
    }
    auto page = kernel_->signIn("admin").get("/p/contacts/duplicates");
    ASSERT_EQ(page.status, 200);
    std::string similar = similarSection(page.body);
    ASSERT_FALSE(similar.empty()) << page.body.substr(0, 3000);
    EXPECT_TRUE(contains(similar, pairText(smith, turned)) ||
                contains(similar, pairText(turned, smith)));
    EXPECT_TRUE(contains(similar, pairText(chloe, chloe2)));
    EXPECT_TRUE(contains(similar, pairText(smith, smyth)));
    EXPECT_TRUE(contains(
        similar, "/p/contacts/merge/contacts/" + chloe["id"].dump() + "/" + chloe2["id"].dump()));
    EXPECT_TRUE(contains(similar, "70%"));  // same words: the highest similar-name score
    EXPECT_FALSE(contains(similar, "\">Jane Smith</a>"));
    EXPECT_FALSE(contains(similar, "\">Hanna Schmitz</a>"));
    EXPECT_FALSE(contains(similar, "\">Anna Schmidt</a>"));
    EXPECT_TRUE(contains(page.body, "same e-mail address: eva@lund.example"));
    EXPECT_FALSE(contains(similar, "Eva Lund"));
    for (const char* decoy : {"Olivia", "Berg", "Smithers", "Lucas"}) {
        EXPECT_FALSE(contains(similar, decoy)) << similar;
    }

    // A rep sees only pairs among what they may read.
    person(rep_, "Chloe", "Dubois");
    std::string repSimilar =
        similarSection(kernel_->signIn("rep").get("/p/contacts/duplicates").body);
    EXPECT_FALSE(contains(repSimilar, "/r/contacts/" + chloe["id"].dump() + "\""));
    (void)jane;
    (void)hanna;
    (void)anna;
}

TEST_P(SimilarNamesTest, TheCreateTimeCheckWarnsOfSimilarNamesWithALowerScore) {
    Record existing = create(rep_, "Contact",
                             {{"first_name", "Jürgen"},
                              {"last_name", "Meyer-Lüdenscheidt"},
                              {"email", "jm@example.org"}});
    create(rep_, "Contact", {{"first_name", "Karl"}, {"last_name", "Meyer"}});
    auto rep = kernel_->signIn("rep");
    auto check = [&](const nlohmann::json& values) {
        auto answer = rep.call("POST", "/api/v1/p/contacts/duplicates",
                               {{"entity", "Contact"}, {"values", values}});
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json()["candidates"];
    };
    auto typo = check({{"first_name", "juergen"}, {"last_name", "Meyer Lüdenscheid"}});
    ASSERT_EQ(typo.size(), 1u) << typo.dump();
    EXPECT_EQ(typo[0]["id"], existing["id"]);
    EXPECT_EQ(typo[0]["reasons"], nlohmann::json::array({"similar name"}));
    EXPECT_LT(typo[0]["score"].get<int>(), 80);
    EXPECT_GE(typo[0]["score"].get<int>(), 65);
    // The same e-mail outranks a similar name.
    auto both = check({{"first_name", "Jurgen"},
                       {"last_name", "Meyer-Ludenscheidt"},
                       {"email", "JM@example.org"}});
    ASSERT_EQ(both.size(), 1u);
    EXPECT_GE(both[0]["score"].get<int>(), 95);
    // A name whose third letter takes two bytes ("Krü") is cut between letters, not inside one.
    Record joerg = create(rep_, "Contact", {{"first_name", "Jörg"}, {"last_name", "Krüger"}});
    auto umlaut = check({{"first_name", "Joerg"}, {"last_name", "Krüger"}});
    ASSERT_EQ(umlaut.size(), 1u) << umlaut.dump();
    EXPECT_EQ(umlaut[0]["id"], joerg["id"]);
    // A different person with a shared surname is no candidate.
    EXPECT_TRUE(check({{"first_name", "Anna"}, {"last_name", "Meyer"}}).empty());

    Record acme = create(rep_, "Company", {{"name", "ACME Holding GmbH"}});
    auto companies = rep.call("POST", "/api/v1/p/contacts/duplicates",
                              {{"entity", "Company"}, {"values", {{"name", "Holding Acme AG"}}}})
                         .json()["candidates"];
    ASSERT_EQ(companies.size(), 1u) << companies.dump();
    EXPECT_EQ(companies[0]["id"], acme["id"]);
    EXPECT_TRUE(rep.call("POST", "/api/v1/p/contacts/duplicates",
                         {{"entity", "Company"}, {"values", {{"name", "Acme Logistics"}}}})
                    .json()["candidates"]
                    .empty());
}

TEST_P(SimilarNamesTest, TheNewFormWarnsAndMergingTypedValuesUpdatesTheExistingRecord) {
    Record existing =
        create(rep_, "Contact",
               {{"first_name", "Ida"}, {"last_name", "Lund"}, {"email", "ida@lund.example"}});
    auto rep = kernel_->signIn("rep");
    // The empty new form carries the check, hidden until something matches.
    auto form = rep.get("/r/contacts/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, "class=\"duplicate-check\" data-entity=\"Contact\""))
        << form.body.substr(form.body.find("form-slot"), 3000);
    EXPECT_TRUE(contains(form.body, "data-empty"));
    EXPECT_TRUE(contains(form.body, "/plugins/contacts/duplicate-check.js"));
    // A refused form comes back with the warning filled in.
    auto refused =
        rep.postForm("/r/contacts/new",
                     {{"first_name", "Ida"}, {"last_name", ""}, {"email", "ida@lund.example"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(contains(refused.body, "href=\"/r/contacts/" + existing["id"].dump() + "\""));
    EXPECT_TRUE(contains(refused.body, "/p/contacts/merge/contacts/" + existing["id"].dump() +
                                           "/new?first_name=Ida"));

    // The merge page for typed values, then saving them into the existing record.
    std::string merge = "/p/contacts/merge/contacts/" + existing["id"].dump() + "/new";
    auto page = rep.get(
        merge +
        "?first_name=Ida&last_name=Lund&email=ida%40lund.example&phone=%2B45%2012%2034%2056%2078");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Add what you typed to"));
    EXPECT_TRUE(contains(page.body, "name=\"new_phone\" value=\"+45 12 34 56 78\""));
    auto saved = rep.postForm(merge, {{"new_phone", "+45 12 34 56 78"}, {"new_first_name", "Ida"}});
    EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
    Record now = kernel_->records().get(rep_, "Contact", existing["id"]);
    EXPECT_EQ(now["phone"], "+45 12 34 56 78");
    EXPECT_EQ(kernel_->records().count(admin_, {.entity = "Contact"}), 1);
    // Failure paths: nothing typed, a bad choice, a record out of sight.
    EXPECT_EQ(rep.get(merge).status, 422);
    EXPECT_EQ(rep.postForm(merge, {{"new_city", "Oslo"}, {"pick_city", "both"}}).status, 422);
    Record hidden = create(admin_, "Contact", {{"last_name", "Hidden"}});
    EXPECT_EQ(
        rep.get("/p/contacts/merge/contacts/" + hidden["id"].dump() + "/new?last_name=X").status,
        404);
    EXPECT_EQ(kernel_->records().get(admin_, "Contact", hidden["id"])["last_name"], "Hidden");
}

INSTANTIATE_TEST_SUITE_P(Backends, SimilarNamesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
