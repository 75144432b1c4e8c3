#include <tessera/kernel/web/FilePages.hpp>

#include <sstream>

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/files/FileNames.hpp>
#include <tessera/kernel/http/HttpError.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel {

namespace {

/// The one file part named "file" of an upload; other file parts are read and dropped.
class UploadPart final : public Poco::Net::PartHandler {
public:
    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
        std::string disposition;
        Poco::Net::NameValueCollection params;
        Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""),
                                                  disposition, params);
        std::string data;
        Poco::StreamCopier::copyToString(stream, data);
        if (found || params.get("name", "") != "file") {
            return;
        }
        found = true;
        name = params.get("filename", "");
        contentType = header.get("Content-Type", "application/octet-stream");
        bytes = std::move(data);
    }

    bool found = false;
    std::string name;
    std::string contentType;
    std::string bytes;
};

struct UploadedFile {
    std::string name;
    std::string contentType;
    std::string bytes;
};

struct Upload {
    UploadedFile file;
    std::string csrf;
};

Upload parseUpload(const HttpRequest& request) {
    std::string type = request.header("content-type");
    if (!type.starts_with("multipart/form-data")) {
        throw HttpError(415, "unsupported_media_type",
                        "send the file as multipart/form-data with the file in the field 'file'");
    }
    Poco::Net::HTTPRequest head(Poco::Net::HTTPRequest::HTTP_POST, request.path);
    head.setContentType(type);
    std::istringstream body(request.body);
    Upload upload;
    UploadPart part;
    try {
        Poco::Net::HTMLForm form;
        form.setFieldLimit(20);
        form.load(head, body, part);
        upload.csrf = form.get(PageSupport::kCsrfField, "");
    } catch (const Poco::Exception& e) {
        throw HttpError(
            400, "bad_upload",
            "the upload is not valid multipart/form-data: " + e.message().substr(0, 200));
    }
    if (!part.found || part.name.empty()) {
        throw HttpError(422, "validation", "file: choose a file to upload",
                        {{"file", "choose a file to upload"}});
    }
    upload.file = {std::move(part.name), std::move(part.contentType), std::move(part.bytes)};
    return upload;
}

std::int64_t fileIdOf(const HttpRequest& request) {
    auto id = detail::positiveId(request.params.at("id"));
    if (!id) {
        throw HttpError(404, "not_found", "file ids are positive whole numbers");
    }
    return *id;
}

nlohmann::json fileJson(const sdk::FileInfo& info) {
    return {{"id", info.id},
            {"entity", info.entity},
            {"recordId", info.recordId},
            {"name", info.name},
            {"contentType", info.contentType},
            {"size", info.size},
            {"sha256", info.sha256},
            {"uploadedBy", info.uploadedBy ? nlohmann::json(info.uploadedBy) : nullptr},
            {"uploadedAt", info.uploadedAt},
            {"content", "/api/v1/files/" + std::to_string(info.id) + "/content"}};
}

void sendFile(HttpResponse& response, const sdk::FileInfo& info, std::string bytes) {
    response.status = 200;
    response.contentType = info.contentType;
    response.body = std::move(bytes);
    response.setHeader("Content-Disposition", FileNames::attachmentDisposition(info.name));
    response.setHeader("Cache-Control", "private, no-store");
}

std::string slugOf(WebApplication& app, const std::string& entity) {
    const EntityDef* def = app.records().schema().entity(entity);
    return def ? def->slug : std::string{};
}

std::string decodeBase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out;
    try {
        Poco::StreamCopier::copyToString(decoder, out);
    } catch (const Poco::Exception&) {
        throw HttpError(422, "validation", "content: not valid base64",
                        {{"content", "not valid base64"}});
    }
    return out;
}

}  // namespace

void FilePages::install(WebApplication& app, std::shared_ptr<PageSupport> pages) {
    Kernel* kernel = app.options().kernel;
    if (!kernel || !kernel->files()) {
        return;
    }
    FileStore& files = *kernel->files();
    Router& r = app.router();

    // The CSRF token travels inside the multipart body, which PageSupport's check cannot read:
    // this route checks the session and the token itself.
    r.add("POST", "/r/{slug}/{id}/files", RouteAccess::Public,
          pages->page(
              [pages, &files](HttpRequest& request, HttpResponse& response) {
                  if (!request.principal) {
                      pages->redirect(response, "/login");
                      return;
                  }
                  Upload upload = parseUpload(request);
                  if (!constantTimeEquals(upload.csrf, request.principal->csrfToken)) {
                      throw HttpError(403, "csrf",
                                      "the form was not sent from a page of this session: reload "
                                      "the page and send it again");
                  }
                  const EntityDef& entity = detail::entityOf(*pages, request);
                  std::int64_t id = detail::idOf(request);
                  sdk::FileInfo info =
                      files.attach(PageSupport::callerOf(request), entity.name, id,
                                   upload.file.name, upload.file.contentType, upload.file.bytes);
                  pages->redirect(response, "/r/" + entity.slug + "/" + std::to_string(id),
                                  "The file " + info.name + " was attached.");
              },
              false));

    r.add("GET", "/files/{id}", RouteAccess::Public,
          pages->page([&files](HttpRequest& request, HttpResponse& response) {
              sdk::Caller caller = PageSupport::callerOf(request);
              std::int64_t id = fileIdOf(request);
              sdk::FileInfo info = files.info(caller, id);
              sendFile(response, info, files.read(caller, id));
          }));

    r.add("POST", "/files/{id}/delete", RouteAccess::Public,
          pages->page([pages, &files, &app](HttpRequest& request, HttpResponse& response) {
              sdk::Caller caller = PageSupport::callerOf(request);
              std::int64_t id = fileIdOf(request);
              sdk::FileInfo info = files.info(caller, id);
              files.remove(caller, id);
              pages->redirect(
                  response, "/r/" + slugOf(app, info.entity) + "/" + std::to_string(info.recordId),
                  "The file " + info.name + " was removed.");
          }));

    // JSON API.
    auto entityOfApi = [&app](const HttpRequest& request) -> const EntityDef& {
        const std::string& slug = request.params.at("slug");
        const EntityDef* entity = app.records().schema().entityBySlug(slug);
        if (!entity) {
            throw HttpError(404, "not_found", "there is no entity '" + slug.substr(0, 64) + "'");
        }
        return *entity;
    };
    r.add("GET", "/api/v1/{slug}/{id}/files", RouteAccess::SignedIn,
          [&files, entityOfApi](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOfApi(request);
              nlohmann::json data = nlohmann::json::array();
              for (const auto& info : files.list(sdk::Caller::user(request.principal->userId),
                                                 entity.name, detail::idOf(request))) {
                  data.push_back(fileJson(info));
              }
              response.json({{"data", data}});
          });
    r.add("POST", "/api/v1/{slug}/{id}/files", RouteAccess::SignedIn,
          [&files, entityOfApi](HttpRequest& request, HttpResponse& response) {
              const EntityDef& entity = entityOfApi(request);
              std::int64_t id = detail::idOf(request);
              std::string name;
              std::string type;
              std::string bytes;
              if (request.header("content-type").starts_with("multipart/form-data")) {
                  Upload upload = parseUpload(request);
                  name = std::move(upload.file.name);
                  type = std::move(upload.file.contentType);
                  bytes = std::move(upload.file.bytes);
              } else {
                  nlohmann::json body = request.jsonObject();
                  if (!body.contains("name") || !body["name"].is_string() ||
                      !body.contains("content") || !body["content"].is_string()) {
                      throw HttpError(422, "validation",
                                      "give the file's name and its content in base64",
                                      {{"name", "required: the file name"},
                                       {"content", "required: the file's bytes in base64"}});
                  }
                  name = body["name"].get<std::string>();
                  type = body.value("contentType", std::string("application/octet-stream"));
                  bytes = decodeBase64(body["content"].get<std::string>());
              }
              sdk::FileInfo info = files.attach(sdk::Caller::user(request.principal->userId),
                                                entity.name, id, name, type, bytes);
              response.json(fileJson(info), 201);
          });
    r.add("GET", "/api/v1/files/{id}", RouteAccess::SignedIn,
          [&files](HttpRequest& request, HttpResponse& response) {
              response.json(fileJson(
                  files.info(sdk::Caller::user(request.principal->userId), fileIdOf(request))));
          });
    r.add("GET", "/api/v1/files/{id}/content", RouteAccess::SignedIn,
          [&files](HttpRequest& request, HttpResponse& response) {
              sdk::Caller caller = sdk::Caller::user(request.principal->userId);
              std::int64_t id = fileIdOf(request);
              sdk::FileInfo info = files.info(caller, id);
              sendFile(response, info, files.read(caller, id));
          });
    r.add("DELETE", "/api/v1/files/{id}", RouteAccess::SignedIn,
          [&files](HttpRequest& request, HttpResponse& response) {
              files.remove(sdk::Caller::user(request.principal->userId), fileIdOf(request));
              response.noContent();
          });
}

}  // namespace tessera::kernel
