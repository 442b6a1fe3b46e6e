#include "web/CitizenServices.h"

#include "core/Error.h"
#include "core/Log.h"
#include "web/Access.h"
#include "web/LimitedStream.h"
#include "web/Multipart.h"
#include "workflow/Fields.h"
#include "workflow/TrackingCode.h"

#include <Poco/StreamCopier.h>

#include <algorithm>
#include <limits>

namespace majlis::web {

namespace {

using records::RecordVersion;

constexpr std::uint64_t kMaxJsonBytes = 64 * 1024;
constexpr std::size_t kMaxListed = 200;

// The request body as a JSON object, at most kMaxJsonBytes.
nlohmann::json readJsonObject(Exchange& exchange)
{
    LimitedInputStream body(exchange.request.stream(), kMaxJsonBytes);
    std::string text;
    Poco::StreamCopier::copyToString(body, text);
    if (body.exceeded())
        throw Error(ErrorCode::payload_too_large, "error.body_too_large",
            "the JSON body is larger than " + std::to_string(kMaxJsonBytes) + " bytes");
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw Error(ErrorCode::invalid_argument, "error.invalid_json", "the request body must be a JSON object");
    return json;
}

std::string stringMember(const nlohmann::json& json, const char* name)
{
    const auto found = json.find(name);
    if (found == json.end() || found->is_null())
        return {};
    if (!found->is_string())
        throw Error(ErrorCode::invalid_argument, "error.invalid_field",
            std::string("the member '") + name + "' must be a string", {{"field", name}});
    return found->get<std::string>();
}

using FieldReader = std::function<std::string(const char*)>;

SubmissionInput inputFromFields(const FieldReader& field)
{
    SubmissionInput input;
    input.kind = field("kind");
    input.council = field("council");
    input.category = field("category");
    input.text = field("text");
    input.details = {field("name"), field("national_id"), field("phone"), field("email")};
    input.challengeToken = field("challenge_token");
    input.challengeSolution = field("challenge_solution");
    input.challengeAnswer = field("challenge_answer");
    input.csrfToken = field("csrf");
    return input;
}

} // namespace

// Reads a submission from JSON or multipart/form-data (files in any part
// with a file name). Files are stored as they arrive, before the checks.
SubmissionInput readSubmission(Exchange& exchange, CitizenServices& services)
{
    const std::string contentType = exchange.request.getContentType();
    if (contentType.starts_with("application/json")) {
        const nlohmann::json json = readJsonObject(exchange);
        return inputFromFields([&](const char* name) { return stringMember(json, name); });
    }
    if (!contentType.starts_with("multipart/form-data"))
        throw Error(ErrorCode::unsupported_media_type, "error.unsupported_media_type",
            "send the submission as application/json or multipart/form-data");

    const CitizenLimits& limits = services.limits();
    LimitedInputStream body(exchange.request.stream(), limits.maxBodyBytes);
    const auto tooLarge = [&] {
        return Error(ErrorCode::payload_too_large, "error.body_too_large",
            "the submission is larger than " + std::to_string(limits.maxBodyBytes >> 20)
                + " MiB; attach smaller or fewer files");
    };
    MultipartForm form;
    // NOTE: a rejected submission leaves its files in the blob store
    // unreferenced, as the staff upload does.
    try {
        // A browser sends a file input left empty as a part with an empty
        // file name and no content, which is no attachment.
        const FileSink store = [&](std::istream& content, const std::string& name) {
            if (!name.empty())
                return services.store().storeStream(content, name);
            content.ignore(std::numeric_limits<std::streamsize>::max());
            return records::FileRef{};
        };
        form = readMultipartForm(body, contentType, store,
            MultipartLimits{.maxParts = 20 + limits.maxAttachments, .maxFieldBytes = 64 * 1024});
    } catch (const Error&) {
        if (body.exceeded())
            throw tooLarge();
        throw;
    }
    if (body.exceeded())
        throw tooLarge();
    SubmissionInput input = inputFromFields([&](const char* name) { return form.field(name).value_or(""); });
    for (const auto& file : form.files)
        if (file.size > 0)
            input.attachments.push_back(file);
    return input;
}

namespace {

nlohmann::json submittedJson(const CitizenServices& services, const Caller& caller, const RecordVersion& created)
{
    nlohmann::json json = trackingView(services.engine(), created);
    if (caller.signedIn() && accounts::isStaff(caller.role))
        json["id"] = created.id;
    return json;
}

// Staff who may see a submission's personal details: the secretariat and
// administrators, and the secretary of the council it concerns. The record
// must be readable to them as well.
RecordVersion submissionWithDetailsFor(const Exchange& exchange, const records::RecordStore& store)
{
    requireSignedIn(exchange);
    const Caller& caller = exchange.caller;
    const RecordVersion record = readableRecord(caller, store, exchange.param("id"));
    const bool secretariatSide = caller.role == accounts::Role::administrator || caller.role == accounts::Role::secretariat;
    const bool councilSecretary = caller.role == accounts::Role::council_secretary && !caller.council.empty()
        && caller.council == record.council;
    const bool allowed = secretariatSide || councilSecretary;
    if (record.type != records::RecordType::citizen_submission || !allowed)
        throw Error(ErrorCode::forbidden, "error.personal_details_forbidden",
            "the personal details of a submission are for the secretariat and the council's secretary only");
    return record;
}

void requireEraser(const Exchange& exchange)
{
    const auto role = exchange.caller.role;
    if (role != accounts::Role::administrator && role != accounts::Role::secretariat)
        throw Error(ErrorCode::forbidden, "error.erasure_forbidden",
            "only administrators and secretariat staff may erase personal details");
}

nlohmann::json erasureJson(const std::optional<workflow::DetailsErasure>& erasure)
{
    if (!erasure)
        return nullptr;
    return {{"time", erasure->time}, {"actor", erasure->actor}};
}

} // namespace

void CitizenServices::addApiRoutes(Router& router)
{
    router.add("GET", "/api/v1/challenge", [this](Exchange& exchange) {
        requireWithinLimit(challengeLimiter(), exchange, "challenges");
        const Challenge issued = challenge().issue();
        const Catalogue::Params params = {{"left", std::to_string(issued.left)}, {"right", std::to_string(issued.right)}};
        exchange.sendJson(200, {
            {"token", issued.token},
            {"nonce", issued.nonce},
            {"difficulty_bits", issued.difficultyBits},
            {"expires", issued.expires},
            {"question", {{"ar", catalogue_.text(arabic(), "challenge_question", params)},
                             {"en", catalogue_.text(english(), "challenge_question", params)}}},
        });
    });

    router.add("POST", "/api/v1/submissions", [this](Exchange& exchange) {
        requireSameOrigin(exchange);
        const RecordVersion created = submit(exchange, readSubmission(exchange, *this));
        exchange.sendJson(201, submittedJson(*this, exchange.caller, created));
    });

    router.add("GET", "/api/v1/track/{code}", [this](Exchange& exchange) {
        exchange.sendJson(200, trackingView(engine(), track(exchange, exchange.param("code"))));
    });

    router.add("GET", "/api/v1/my/submissions", [this](Exchange& exchange) {
        requireSignedIn(exchange);
        if (exchange.caller.role != accounts::Role::citizen)
            throw Error(ErrorCode::forbidden, "error.citizens_only",
                "this list is for citizen accounts; staff find submissions in their inbox");
        nlohmann::json submissions = nlohmann::json::array();
        for (const auto& id : details().submissionsOf(exchange.caller.username, kMaxListed)) {
            nlohmann::json item = trackingView(engine(), readableRecord(exchange.caller, store(), id));
            item["id"] = id;
            submissions.push_back(std::move(item));
        }
        exchange.sendJson(200, {{"submissions", submissions}});
    });

    router.add("GET", "/api/v1/submissions/{id}/personal-details", [this](Exchange& exchange) {
        const RecordVersion record = submissionWithDetailsFor(exchange, store());
        const auto found = details().find(record.id);
        logger("security").information("personal details of %s read by %s", record.id, exchange.caller.username);
        exchange.sendJson(200, {
            {"id", record.id},
            {"personal_details", found ? found->toJson() : nlohmann::json(nullptr)},
            {"erased", erasureJson(details().erasure(record.id))},
        });
    });

    router.add("POST", "/api/v1/submissions/{id}/personal-details/erase", [this](Exchange& exchange) {
        requireSameOrigin(exchange);
        const RecordVersion record = submissionWithDetailsFor(exchange, store());
        requireEraser(exchange);
        const nlohmann::json body = readJsonObject(exchange);
        const auto stored = details().find(record.id);
        const auto erasure = details().erase(record.id, exchange.caller.username, stringMember(body, "reason"));
        // Queued confirmations and replies would otherwise keep the address.
        if (notifier_ && stored && !stored->email.empty())
            notifier_->forgetRecipient(stored->email);
        exchange.sendJson(200, {{"id", record.id}, {"erased", erasureJson(erasure)}});
    });
}

} // namespace majlis::web
