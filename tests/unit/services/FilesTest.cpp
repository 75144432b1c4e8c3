#include <set>

#include <gtest/gtest.h>

#include <tessera/kernel/files/FileNames.hpp>
#include <tessera/sdk/Error.hpp>

#include "ServiceKernel.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::testing::HttpAnswer;
using sdk::testing::HttpClient;

namespace {

constexpr const char* kBoundary = "----tessera-test-boundary-7d1";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// A multipart/form-data body with an optional CSRF field and one file part; `fileName` is put
/// into the header as it is (a test may pass escapes).
std::string multipart(const std::string& csrf, const std::string& fileName,
                      const std::string& contentType, const std::string& bytes) {
    std::string body;
    if (!csrf.empty()) {
        body += std::string("--") + kBoundary +
                "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
    }
    body += std::string("--") + kBoundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName +
            "\"\r\nContent-Type: " + contentType + "\r\n\r\n" + bytes + "\r\n";
    body += std::string("--") + kBoundary + "--\r\n";
    return body;
}

HttpAnswer upload(const HttpClient& client, const std::string& path, const std::string& body) {
    return client.send(
        "POST", path, body,
        {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary}});
}

std::string allBytes() {
    std::string bytes;
    for (int round = 0; round < 3; ++round) {
        for (int c = 0; c < 256; ++c) {
            bytes += static_cast<char>(c);
        }
    }
    return bytes;
}

class FilesTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        kernel_ = std::make_unique<test::ServiceKernel>(
            GetParam(), std::vector<std::string>{"files.max_size=4096"});
        adminId_ = kernel_->createUser("admin", "admin");
        kernel_->createUser("rep", "sales_rep");
        kernel_->createUser("agent", "support_agent");
        slug_ = kernel_->kernel().records().schema().entity("Widget")->slug;
        widgetId_ = widget("Pump");
    }

    std::int64_t widget(const std::string& title) {
        return kernel_->kernel()
            .records()
            .create(sdk::Caller::user(adminId_), "Widget", {{"title", title}})["id"]
            .get<std::int64_t>();
    }

    std::string recordPath(std::int64_t id) const {
        return "/r/" + slug_ + "/" + std::to_string(id);
    }
    std::string apiPath(std::int64_t id) const {
        return "/api/v1/" + slug_ + "/" + std::to_string(id) + "/files";
    }

    std::vector<sdk::FileInfo> stored(std::int64_t id) {
        return kernel_->kernel().files()->list(sdk::Caller::systemCaller(), "Widget", id);
    }

    std::unique_ptr<test::ServiceKernel> kernel_;
    std::int64_t adminId_ = 0;
    std::int64_t widgetId_ = 0;
    std::string slug_;
};

}  // namespace

TEST_P(FilesTest, AFileUploadedThroughTheFormDownloadsByteIdentical) {
    HttpClient admin = kernel_->signIn("admin");
    std::string bytes = allBytes();
    HttpAnswer sent =
        upload(admin, recordPath(widgetId_) + "/files",
               multipart(admin.csrfToken(), "Quote 2024.pdf", "application/pdf", bytes));
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(sent.header("location"), recordPath(widgetId_));

    auto files = stored(widgetId_);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].name, "Quote 2024.pdf");
    EXPECT_EQ(files[0].size, static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(files[0].uploadedBy, adminId_);

    HttpAnswer page = admin.get(recordPath(widgetId_));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Attachments"));
    EXPECT_TRUE(contains(page.body, "Quote 2024.pdf"));
    EXPECT_TRUE(contains(page.body, "enctype=\"multipart/form-data\""));
    EXPECT_TRUE(contains(page.body, "href=\"/files/" + std::to_string(files[0].id) + "\""));

    HttpAnswer download = admin.get("/files/" + std::to_string(files[0].id));
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.body, bytes);
    EXPECT_EQ(download.header("content-type"), "application/pdf");
    EXPECT_EQ(download.header("x-content-type-options"), "nosniff");
    EXPECT_TRUE(download.header("content-disposition")
                    .starts_with("attachment; filename=\"Quote 2024.pdf\""));

    HttpAnswer api = admin.get("/api/v1/files/" + std::to_string(files[0].id) + "/content");
    EXPECT_EQ(api.body, bytes);
    HttpAnswer listed = admin.get(apiPath(widgetId_));
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json()["data"][0]["name"], "Quote 2024.pdf");
    EXPECT_EQ(listed.json()["data"][0]["sha256"].get<std::string>().size(), 64u);
}

TEST_P(FilesTest, TheSameContentIsStoredOnceAndGoesWithItsLastFile) {
    HttpClient admin = kernel_->signIn("admin");
    std::int64_t other = widget("Valve");
    HttpAnswer first = admin.call("POST", apiPath(widgetId_),
                                  {{"name", "a.txt"}, {"content", "aGVsbG8gd29ybGQ="}});
    HttpAnswer second =
        admin.call("POST", apiPath(other), {{"name", "b.txt"}, {"content", "aGVsbG8gd29ybGQ="}});
    ASSERT_EQ(first.status, 201) << first.body;
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(first.json()["sha256"], second.json()["sha256"]);
    ASSERT_EQ(kernel_->blobs().size(), 1u);
    EXPECT_EQ(kernel_->blobs()[0].filename().string(), first.json()["sha256"].get<std::string>());

    EXPECT_EQ(admin.call("DELETE", "/api/v1/files/" + first.json()["id"].dump()).status, 204);
    EXPECT_EQ(kernel_->blobs().size(), 1u);
    EXPECT_EQ(admin.get("/api/v1/files/" + second.json()["id"].dump() + "/content").body,
              "hello world");
    HttpAnswer removed = admin.postForm("/files/" + second.json()["id"].dump() + "/delete", {});
    EXPECT_EQ(removed.status, 303);
    EXPECT_EQ(removed.header("location"), recordPath(other));
    EXPECT_TRUE(kernel_->blobs().empty());
    EXPECT_TRUE(stored(other).empty());
}

TEST_P(FilesTest, AFileOverTheLimitIsRefusedNamingItAndNothingIsStored) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer refused =
        upload(admin, recordPath(widgetId_) + "/files",
               multipart(admin.csrfToken(), "big.pdf", "application/pdf", std::string(5000, 'x')));
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(contains(refused.body, "files.max_size")) << refused.body;
    EXPECT_TRUE(contains(refused.body, "4 KiB"));
    HttpAnswer api = admin.call("POST", apiPath(widgetId_),
                                {{"name", "big.txt"}, {"content", std::string(8000, 'A')}});
    EXPECT_EQ(api.status, 422);
    EXPECT_TRUE(contains(api.json()["error"]["message"].get<std::string>(), "files.max_size"));
    EXPECT_TRUE(stored(widgetId_).empty());
    EXPECT_TRUE(kernel_->blobs().empty());
    EXPECT_EQ(admin.get("/").status, 200);
}

TEST_P(FilesTest, ForbiddenTypesAreRefusedAndATypeComesFromTheExtension) {
    HttpClient admin = kernel_->signIn("admin");
    for (auto [name, type] :
         {std::pair{"page.html", "text/html"}, std::pair{"setup.exe", "application/octet-stream"},
          std::pair{"evil.html", "image/png"}, std::pair{"script", "text/javascript"}}) {
        HttpAnswer refused = upload(admin, recordPath(widgetId_) + "/files",
                                    multipart(admin.csrfToken(), name, type, "<script>x</script>"));
        EXPECT_EQ(refused.status, 422) << name;
        EXPECT_TRUE(contains(refused.body, "not accepted")) << name;
    }
    EXPECT_TRUE(stored(widgetId_).empty());
    EXPECT_TRUE(kernel_->blobs().empty());

    HttpAnswer png = upload(admin, recordPath(widgetId_) + "/files",
                            multipart(admin.csrfToken(), "photo.png", "text/html", "\x89PNG...."));
    ASSERT_EQ(png.status, 303) << png.body;
    auto files = stored(widgetId_);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].contentType, "image/png");
}

TEST_P(FilesTest, WhoCannotReadTheRecordGetsNotFound) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer made =
        admin.call("POST", apiPath(widgetId_), {{"name", "secret.txt"}, {"content", "c2VjcmV0"}});
    ASSERT_EQ(made.status, 201) << made.body;
    std::string id = made.json()["id"].dump();
    HttpClient rep = kernel_->signIn("rep");
    EXPECT_EQ(rep.get("/files/" + id).status, 404);
    EXPECT_FALSE(contains(rep.get("/files/" + id).body, "secret"));
    EXPECT_EQ(rep.get("/api/v1/files/" + id).status, 404);
    EXPECT_EQ(rep.get("/api/v1/files/" + id + "/content").status, 404);
    EXPECT_EQ(rep.get(apiPath(widgetId_)).status, 404);
    EXPECT_EQ(rep.call("DELETE", "/api/v1/files/" + id).status, 404);
    EXPECT_EQ(rep.get("/files/999999").status, 404);
    EXPECT_EQ(stored(widgetId_).size(), 1u);
}

TEST_P(FilesTest, WhoMayReadButNotUpdateGetsForbiddenOnUploadAndDelete) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer made =
        admin.call("POST", apiPath(widgetId_), {{"name", "plan.txt"}, {"content", "cGxhbg=="}});
    ASSERT_EQ(made.status, 201);
    std::string id = made.json()["id"].dump();
    HttpClient agent = kernel_->signIn("agent");
    EXPECT_EQ(agent.get("/files/" + id).body, "plan");
    HttpAnswer page = agent.get(recordPath(widgetId_));
    EXPECT_TRUE(contains(page.body, "plan.txt"));
    EXPECT_FALSE(contains(page.body, "enctype=\"multipart/form-data\""));

    EXPECT_EQ(upload(agent, recordPath(widgetId_) + "/files",
                     multipart(agent.csrfToken(), "more.txt", "text/plain", "more"))
                  .status,
              403);
    EXPECT_EQ(
        agent.call("POST", apiPath(widgetId_), {{"name", "m.txt"}, {"content", "bW9yZQ=="}}).status,
        403);
    EXPECT_EQ(agent.postForm("/files/" + id + "/delete", {}).status, 403);
    EXPECT_EQ(agent.call("DELETE", "/api/v1/files/" + id).status, 403);
    EXPECT_EQ(stored(widgetId_).size(), 1u);
    EXPECT_EQ(kernel_->blobs().size(), 1u);
}

TEST_P(FilesTest, HostileNamesAreStoredCleanedAndServedWithASafeDisposition) {
    HttpClient admin = kernel_->signIn("admin");
    ASSERT_EQ(upload(admin, recordPath(widgetId_) + "/files",
                     multipart(admin.csrfToken(), "../../etc/passwd.txt", "text/plain", "root"))
                  .status,
              303);
    ASSERT_EQ(upload(admin, recordPath(widgetId_) + "/files",
                     multipart(admin.csrfToken(), "..\\\\..\\\\boot.ini.txt", "text/plain", "b"))
                  .status,
              303);
    HttpAnswer injected = admin.call(
        "POST", apiPath(widgetId_),
        {{"name", "evil\r\nX-Injected: 1\"; filename=\"x.html\".txt"}, {"content", "ZXZpbA=="}});
    ASSERT_EQ(injected.status, 201) << injected.body;

    auto files = stored(widgetId_);
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].name, "passwd.txt");
    EXPECT_EQ(files[1].name, "boot.ini.txt");
    EXPECT_EQ(files[2].name, "evilX-Injected_ 1_; filename=_x.html_.txt");
    EXPECT_FALSE(std::filesystem::exists(kernel_->filesRoot().parent_path() / "etc"));
    for (const auto& blob : kernel_->blobs()) {
        EXPECT_TRUE(blob.string().starts_with(kernel_->filesRoot().string()));
    }

    HttpAnswer download = admin.get("/files/" + std::to_string(files[2].id));
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.body, "evil");
    EXPECT_TRUE(download.header("x-injected").empty());
    std::string disposition = download.header("content-disposition");
    EXPECT_EQ(disposition, kernel::FileNames::attachmentDisposition(files[2].name));
    EXPECT_TRUE(disposition.starts_with(
        "attachment; filename=\"evilX-Injected_ 1__ filename=_x.html_.txt\";"))
        << disposition;
    EXPECT_EQ(disposition.find_first_of("\r\n"), std::string::npos);
}

TEST_P(FilesTest, AnUploadWithoutTheCsrfTokenIsRefused) {
    HttpClient admin = kernel_->signIn("admin");
    EXPECT_EQ(
        upload(admin, recordPath(widgetId_) + "/files", multipart("", "a.txt", "text/plain", "a"))
            .status,
        403);
    EXPECT_EQ(upload(admin, recordPath(widgetId_) + "/files",
                     multipart("wrong", "a.txt", "text/plain", "a"))
                  .status,
              403);
    HttpAnswer apiWithoutHeader =
        admin.send("POST", apiPath(widgetId_), R"({"name": "a.txt", "content": "YQ=="})",
                   {{"Content-Type", "application/json"}});
    EXPECT_EQ(apiWithoutHeader.status, 403);
    EXPECT_TRUE(stored(widgetId_).empty());
    EXPECT_TRUE(kernel_->blobs().empty());
    HttpClient visitor(kernel_->port(), "", "");
    EXPECT_EQ(upload(visitor, recordPath(widgetId_) + "/files",
                     multipart("x", "a.txt", "text/plain", "a"))
                  .status,
              303);
    EXPECT_EQ(visitor.get("/files/1").status, 303);
    EXPECT_TRUE(stored(widgetId_).empty());
}

TEST_P(FilesTest, MalformedUploadsAnswer4xxAndChangeNothing) {
    HttpClient admin = kernel_->signIn("admin");
    std::string path = recordPath(widgetId_) + "/files";
    EXPECT_EQ(admin.send("POST", path, "file=x", {{"Content-Type", "text/plain"}}).status, 415);
    HttpAnswer garbage =
        admin.send("POST", path, "--nope\r\nnot a part",
                   {{"Content-Type", "multipart/form-data; boundary=other-boundary"}});
    EXPECT_GE(garbage.status, 400);
    EXPECT_LT(garbage.status, 500);
    std::string noFile = std::string("--") + kBoundary +
                         "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                         admin.csrfToken() + "\r\n--" + kBoundary + "--\r\n";
    EXPECT_EQ(upload(admin, path, noFile).status, 422);
    EXPECT_EQ(
        admin.call("POST", apiPath(widgetId_), {{"name", "a.txt"}, {"content", "%%%"}}).status,
        422);
    EXPECT_EQ(admin.call("POST", apiPath(widgetId_), {{"name", "a.txt"}}).status, 422);
    EXPECT_EQ(admin.call("POST", apiPath(widgetId_), {{"name", "a.txt"}, {"content", ""}}).status,
              422);
    EXPECT_EQ(
        admin.call("POST", "/api/v1/nothing/1/files", {{"name", "a.txt"}, {"content", "YQ=="}})
            .status,
        404);
    EXPECT_EQ(admin.call("POST", apiPath(999999), {{"name", "a.txt"}, {"content", "YQ=="}}).status,
              404);
    EXPECT_EQ(admin.get("/files/abc").status, 404);
    EXPECT_EQ(admin.get("/files/-1").status, 404);
    EXPECT_TRUE(stored(widgetId_).empty());
    EXPECT_TRUE(kernel_->blobs().empty());
    EXPECT_EQ(admin.get(recordPath(widgetId_)).status, 200);
}

TEST(FileNamesTest, NamesAreCleanedAndCut) {
    using kernel::FileNames;
    EXPECT_EQ(FileNames::clean("../../etc/passwd"), "passwd");
    EXPECT_EQ(FileNames::clean("C:\\Users\\x\\report.pdf"), "report.pdf");
    EXPECT_EQ(FileNames::clean("..."), "file");
    EXPECT_EQ(FileNames::clean("a\x01\x7f\nb.txt"), "ab.txt");
    EXPECT_EQ(FileNames::clean("bad\xff.txt"), "bad_.txt");
    EXPECT_EQ(FileNames::clean("Angebot Müller.pdf"), "Angebot Müller.pdf");
    std::string longName = std::string(300, 'x') + ".pdf";
    EXPECT_EQ(FileNames::clean(longName).size(), FileNames::kMaxName);
    EXPECT_TRUE(FileNames::clean(longName).ends_with(".pdf"));
    EXPECT_EQ(FileNames::attachmentDisposition("Müller.pdf"),
              "attachment; filename=\"M__ller.pdf\"; filename*=UTF-8''M%C3%BCller.pdf");
}

TEST_P(FilesTest, AMergeMovesTheLosersFilesToTheWinnerAndItsUndoMovesThemBack) {
    auto& records = kernel_->kernel().records();
    auto& files = *kernel_->kernel().files();
    sdk::Caller admin = sdk::Caller::user(adminId_);
    std::int64_t loser = widget("Pump (duplicate)");
    sdk::FileInfo winnersFile =
        files.attach(admin, "Widget", widgetId_, "winner.txt", "text/plain", "kept by the winner");
    sdk::FileInfo losersFile =
        files.attach(admin, "Widget", loser, "loser.txt", "text/plain", "brought by the loser");
    auto names = [this](std::int64_t id) {
        std::set<std::string> out;
        for (const auto& file : stored(id)) {
            out.insert(file.name);
        }
        return out;
    };

    // A merge the caller may not make moves nothing.
    sdk::Caller rep = sdk::Caller::user(kernel_->kernel().access().userIdByLogin("rep").value());
    EXPECT_THROW(records.merge(rep, "Widget", widgetId_, loser, sdk::Record::object()),
                 sdk::PluginError);
    EXPECT_EQ(names(loser), std::set<std::string>{"loser.txt"});
    // One that fails after the files moved (a bad value for the winner) rolls the move back.
    EXPECT_THROW(records.merge(admin, "Widget", widgetId_, loser, {{"title", ""}}),
                 sdk::PluginError);
    EXPECT_EQ(names(loser), std::set<std::string>{"loser.txt"});
    EXPECT_EQ(names(widgetId_), std::set<std::string>{"winner.txt"});

    sdk::OperationInfo merge =
        records.merge(admin, "Widget", widgetId_, loser, sdk::Record::object());
    EXPECT_EQ(names(widgetId_), (std::set<std::string>{"winner.txt", "loser.txt"}));
    HttpClient client = kernel_->signIn("admin");
    HttpAnswer listed = client.get(apiPath(widgetId_));
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(listed.json()["data"].size(), 2u);
    EXPECT_EQ(client.get("/files/" + std::to_string(losersFile.id)).body, "brought by the loser");

    records.undoOperation(admin, merge.id);
    EXPECT_EQ(names(widgetId_), std::set<std::string>{"winner.txt"});
    EXPECT_EQ(names(loser), std::set<std::string>{"loser.txt"});
    EXPECT_EQ(client.get(apiPath(loser)).json()["data"][0]["id"], losersFile.id);
    EXPECT_EQ(files.info(admin, winnersFile.id).recordId, widgetId_);

    // Restoring a merged record from the trash is no undo: the files stay with the winner.
    records.merge(admin, "Widget", widgetId_, loser, sdk::Record::object());
    records.restore(admin, "Widget", loser);
    EXPECT_EQ(names(widgetId_), (std::set<std::string>{"winner.txt", "loser.txt"}));
    EXPECT_TRUE(names(loser).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, FilesTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) {
                             return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
                         });
