// Upload of files with metadata, and the extraction progress that follows.

#include "core/Error.h"
#include "web/Multipart.h"
#include "web/RecordView.h"
#include "web/StaffSupport.h"

#include <set>

namespace majlis::web::staff {

namespace {

// The media types the extraction workers read (sniffed from content).
const std::set<std::string> kAcceptedMediaTypes = {
    "application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain",
};

std::string formField(const MultipartForm& form, const std::string& name)
{
    return form.field(name).value_or("");
}

records::NewRecord newRecordOf(const MultipartForm& form)
{
    records::NewRecord record;
    record.type = records::parseRecordType(formField(form, "type"));
    record.title = formField(form, "title");
    if (record.title.empty())
        throw Error(ErrorCode::invalid_argument, "error.missing_title", "the title is required");
    record.council = formField(form, "council");
    record.access = records::parseAccessLevel(form.field("access").value_or("internal"));
    record.reference = formField(form, "reference");
    if (const std::string date = formField(form, "date"); !date.empty())
        record.date = CalendarDate::parse(date);
    record.body = formField(form, "body");
    record.files = form.files;
    return record;
}

// The extraction queue spans every council, so only accounts that read
// them all see its length.
bool readsAll(const Caller& caller)
{
    return accounts::readScope(caller.principal()).everything;
}

std::string queueText(const PageRequest& page, const Catalogue& catalogue, const records::RecordStore& store)
{
    if (!readsAll(page.exchange.caller))
        return "";
    return catalogue.plural(page.language, "extraction_queue",
        static_cast<std::int64_t>(store.queueLength(records::kExtractQueue)));
}

void showUploadForm(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    nlohmann::json data = {
        {"title", catalogue.text(page.language, "upload_heading")},
        {"csrf", session->csrfToken},
        {"max_size", fileSizeText(page.language, catalogue, context.maxUploadBytes)},
        {"upload_hint", catalogue.text(page.language, "upload_hint",
            {{"size", fileSizeText(page.language, catalogue, context.maxUploadBytes)}})},
    };
    // A council account files under its own council, the only one it may write.
    const std::string& own = page.exchange.caller.council;
    data.update(councilSelect(page, context, own, !own.empty()));
    context.renderer.send(page, 200, "upload", data, bannerOf(*session));
}

void submitUpload(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const auto& request = page.exchange.request;
    if (request.getChunkedTransferEncoding() || static_cast<std::uint64_t>(request.getContentLength64()) > context.maxUploadBytes)
        throw Error(ErrorCode::payload_too_large, "error.upload_too_large", "the upload is over the size limit",
            {{"size", fileSizeText(page.language, context.renderer.catalogue(), context.maxUploadBytes)}});

    const MultipartForm form = readMultipartForm(page.exchange.request.stream(), request.getContentType(),
        [&](std::istream& content, const std::string& name) {
            records::FileRef file = context.store.storeStream(content, name);
            // NOTE: a rejected file's blob stays in the store, unreferenced,
            // because the sink must consume the part before it knows the type.
            if (!kAcceptedMediaTypes.contains(file.mediaType))
                throw Error(ErrorCode::unsupported_media_type, "error.unsupported_file",
                    "file '" + name + "' is " + file.mediaType + ", which cannot be extracted", {{"name", name}});
            return file;
        });
    requireCsrfToken(*session, formField(form, "csrf"));
    if (form.files.empty())
        throw Error(ErrorCode::invalid_argument, "error.no_files", "choose at least one file to upload");

    records::NewRecord record = newRecordOf(form);
    // An account scoped by a council name from before codes were checked
    // still files under that name.
    record.council = knownCouncil(context, record.council, page.exchange.caller.council);
    requireWrite(page.exchange.caller, record.council);
    const records::RecordVersion version = context.store.create(record, session->user,
        form.field("reason").value_or("uploaded"));
    context.onWrite();
    context.renderer.redirect(page, "/staff/records/" + encodeUrlComponent(version.id) + "/extraction");
}

void showExtraction(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    const auto version = staffRecord(page.exchange, context.store, page.exchange.param("id"));
    nlohmann::json data = recordView(page.language, catalogue, version);
    data["record_title"] = version.title;
    data["title"] = catalogue.text(page.language, "extraction_heading");
    data["files"] = extractionView(page, catalogue, context.store, version);
    data["status_url"] = "/staff/records/" + encodeUrlComponent(version.id) + "/extraction.json";
    data["staff_url"] = "/staff/records/" + encodeUrlComponent(version.id);
    data["queue_text"] = queueText(page, catalogue, context.store);
    context.renderer.send(page, 200, "extraction", data, bannerOf(*session));
}

// The JSON that portal.js polls: the queue length and each file's state.
void sendExtractionStatus(PageRequest& page, StaffContext& context)
{
    if (!findSession(context, page.exchange)) {
        sendError(page.exchange, {401, "unauthorized", "error.sign_in_required", "sign in on /staff/login first", {}});
        return;
    }
    requireStaff(page.exchange.caller);
    const Catalogue& catalogue = context.renderer.catalogue();
    const auto version = staffRecord(page.exchange, context.store, page.exchange.param("id"));
    const nlohmann::json files = extractionView(page, catalogue, context.store, version);
    bool done = true;
    for (const auto& file : files)
        done = done && file["status"] != "pending";
    nlohmann::json status = {{"queue_text", queueText(page, catalogue, context.store)}, {"done", done}, {"files", files}};
    if (readsAll(page.exchange.caller))
        status["queue_length"] = context.store.queueLength(records::kExtractQueue);
    page.exchange.sendJson(200, status);
}

} // namespace

void addUploadPages(Router& router, StaffContext& context)
{
    const PageRenderer& renderer = context.renderer;
    router.add("GET", "/staff/upload", renderer.page([&context](PageRequest& page) { showUploadForm(page, context); }));
    router.add("POST", "/staff/upload", renderer.page([&context](PageRequest& page) { submitUpload(page, context); }));
    router.add("GET", "/staff/records/{id}/extraction",
        renderer.page([&context](PageRequest& page) { showExtraction(page, context); }));
    router.add("GET", "/staff/records/{id}/extraction.json",
        renderer.page([&context](PageRequest& page) { sendExtractionStatus(page, context); }));
}

} // namespace majlis::web::staff
