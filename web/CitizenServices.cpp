#include "web/CitizenServices.h"

#include "core/Error.h"
#include "core/Log.h"
#include "core/Utf8.h"
#include "web/Access.h"
#include "web/WorkflowService.h"
#include "workflow/Fields.h"
#include "workflow/TrackingCode.h"

#include <algorithm>
#include <set>

namespace majlis::web {

namespace {

using records::RecordVersion;
using workflow::fields::textField;

nlohmann::json dateField(const RecordVersion& version, const char* name)
{
    const auto found = version.fields.find(name);
    if (found == version.fields.end())
        return nullptr;
    const auto* date = std::get_if<CalendarDate>(&found->second);
    if (!date)
        return nullptr;
    return {{"hijri", date->toHijri().toString()}, {"gregorian", date->toIsoString()}};
}

std::string definitionOfKind(const std::string& kind)
{
    if (kind == "complaint")
        return "citizen_complaint";
    if (kind == "suggestion")
        return "citizen_suggestion";
    throw Error(ErrorCode::invalid_argument, "error.invalid_submission_kind",
        "the kind '" + kind + "' is invalid; choose complaint or suggestion", {{"value", kind}});
}

bool isStaffCaller(const Caller& caller)
{
    return caller.signedIn() && accounts::isStaff(caller.role);
}

void checkText(const SubmissionInput& input, const CitizenLimits& limits)
{
    requireCleanText("text", input.text, true);
    const std::string text = trimWhitespace(input.text);
    std::size_t characters = 0;
    for (std::size_t position = 0; position < text.size(); ++characters)
        decodeUtf8(text, position);
    if (characters < limits.minTextCharacters || characters > limits.maxTextCharacters)
        throw Error(ErrorCode::invalid_argument, "error.submission_text_length",
            "the text has " + std::to_string(characters) + " characters; write between "
                + std::to_string(limits.minTextCharacters) + " and " + std::to_string(limits.maxTextCharacters),
            {{"min", std::to_string(limits.minTextCharacters)}, {"max", std::to_string(limits.maxTextCharacters)}});
}

void checkAttachments(const SubmissionInput& input, const CitizenLimits& limits)
{
    if (input.attachments.size() > limits.maxAttachments)
        throw Error(ErrorCode::invalid_argument, "error.too_many_attachments",
            "more than " + std::to_string(limits.maxAttachments) + " files attached; attach fewer",
            {{"limit", std::to_string(limits.maxAttachments)}});
    for (const auto& file : input.attachments)
        if (file.size > limits.maxAttachmentBytes)
            throw Error(ErrorCode::payload_too_large, "error.attachment_too_large",
                "the file '" + file.name + "' is larger than " + std::to_string(limits.maxAttachmentBytes >> 20)
                    + " MiB; attach a smaller one",
                {{"name", file.name}, {"limit", std::to_string(limits.maxAttachmentBytes >> 20)}});
}

} // namespace

const std::vector<std::string>& submissionCategories()
{
    static const std::vector<std::string> categories = {
        "roads", "cleanliness", "lighting", "parks", "buildings", "water", "services", "other",
    };
    return categories;
}

std::string clientAddress(const Exchange& exchange)
{
    return exchange.clientAddress;
}

nlohmann::json trackingView(const workflow::Engine& engine, const RecordVersion& version)
{
    const auto definition = engine.definitionOf(version);
    const std::string stateId = textField(version, workflow::fields::kState);
    const workflow::State& state = definition->state(stateId);
    const std::string answer = textField(version, workflow::fields::kAnswer);
    return {
        {"tracking_code", workflow::TrackingCode::display(textField(version, workflow::fields::kTrackingCode))},
        {"status", {{"state", stateId}, {"ar", state.label.ar}, {"en", state.label.en}}},
        {"submitted_on", dateField(version, workflow::fields::kSubmittedOn)},
        {"updated_on", dateField(version, workflow::fields::kStateSince)},
        {"answered_on", dateField(version, workflow::fields::kAnsweredOn)},
        {"answer", answer.empty() ? nlohmann::json(nullptr) : nlohmann::json(answer)},
    };
}

CitizenServices::CitizenServices(records::RecordStore& store, workflow::Engine& engine,
    accounts::AccountStore& accounts, const affairs::Affairs& affairs, const Catalogue& catalogue,
    notify::EmailNotifier* notifier, CitizenLimits limits)
    : store_(store)
    , engine_(engine)
    , accounts_(accounts)
    , affairs_(affairs)
    , catalogue_(catalogue)
    , notifier_(notifier)
    , limits_(limits)
    , details_(store)
    , challenge_(ChallengeOptions{.difficultyBits = limits.challengeBits, .lifetime = std::chrono::seconds(900), .now = {}})
    , submissionLimiter_(limits.submissionsPerWindow, limits.submissionWindow)
    , lookupLimiter_(limits.lookupsPerWindow, limits.lookupWindow)
    , challengeLimiter_(limits.challengesPerWindow, limits.challengeWindow)
{
}

void CitizenServices::requireWithinLimit(RateLimiter& limiter, const Exchange& exchange, const std::string& what)
{
    const auto wait = limiter.admit(clientAddress(exchange));
    if (!wait)
        return;
    const std::string seconds = std::to_string(wait->count());
    exchange.response.set("Retry-After", seconds);
    logger("security").warning("rate limit of %s reached from %s (request %s)", what, clientAddress(exchange),
        exchange.requestId);
    throw Error(ErrorCode::too_many_requests, "error.rate_limited",
        "too many " + what + " from this address; wait " + seconds + " seconds and try again", {{"seconds", seconds}});
}

std::vector<std::string> CitizenServices::councils() const
{
    const auto isPublic = [](const RecordVersion& version) {
        return version.access == records::AccessLevel::public_access;
    };
    std::vector<std::string> councils;
    std::set<std::string> listed;
    for (const affairs::Council& council : affairs_.councils(isPublic))
        if (listed.insert(council.code).second)
            councils.push_back(council.code);
    std::set<std::string> others;
    for (const auto& account : accounts_.list())
        if (account.role == accounts::Role::council_secretary && !account.disabled && !account.council.empty()
            && !listed.contains(account.council))
            others.insert(account.council);
    councils.insert(councils.end(), others.begin(), others.end());
    return councils;
}

RecordVersion CitizenServices::submit(const Exchange& exchange, SubmissionInput input)
{
    const Caller& caller = exchange.caller;
    const bool staff = isStaffCaller(caller);
    if (!staff)
        requireWithinLimit(submissionLimiter_, exchange, "submissions");

    const std::string definition = definitionOfKind(input.kind);
    const auto councils = this->councils();
    if (std::find(councils.begin(), councils.end(), input.council) == councils.end())
        throw Error(ErrorCode::invalid_argument, "error.unknown_council",
            "the council '" + input.council + "' takes no submissions; choose one from the list",
            {{"value", input.council}});
    const auto& categories = submissionCategories();
    if (std::find(categories.begin(), categories.end(), input.category) == categories.end())
        throw Error(ErrorCode::invalid_argument, "error.invalid_category",
            "the category '" + input.category + "' is invalid; choose one from the list", {{"value", input.category}});
    checkText(input, limits_);
    checkAttachments(input, limits_);
    const workflow::PersonalDetails details = workflow::normalizePersonalDetails(input.details);
    // Staff entering a letter or call for a citizen need no challenge.
    if (!staff)
        challenge_.verify(input.challengeToken, input.challengeSolution, input.challengeAnswer);

    records::NewRecord record;
    record.council = input.council;
    // The title is what staff lists show, so it names the category in
    // Arabic. It is joined here, because placeholders would add bidi isolates.
    record.title = catalogue_.text(arabic(), "submission_title_" + input.kind) + ": "
        + catalogue_.text(arabic(), "category_" + input.category);
    record.access = records::AccessLevel::confidential;
    record.body = trimWhitespace(input.text);
    record.files = input.attachments;
    record.fields["category"] = input.category;

    const workflow::Caller actor = workflowCaller(caller);
    const std::string account = caller.signedIn() && caller.role == accounts::Role::citizen ? caller.username : "";
    const RecordVersion created = engine_.start(definition, record, actor, {},
        [&](records::LmdbTransaction& txn, const RecordVersion& version) {
            details_.write(txn, version.id, details, account);
        });
    if (!details.email.empty())
        sendEmail(details.email, "email_submitted", created);
    return created;
}

RecordVersion CitizenServices::track(const Exchange& exchange, const std::string& typedCode)
{
    requireWithinLimit(lookupLimiter_, exchange, "tracking lookups");
    // Arabic keyboards type Arabic-Indic digits, which the code's alphabet
    // writes as Latin ones.
    const auto code = workflow::TrackingCode::normalize(foldDigitsToAscii(typedCode));
    if (!code) {
        const bool showable = typedCode.size() <= 64 && isValidUtf8(typedCode);
        const std::string value = showable ? typedCode : std::string("…");
        throw Error(ErrorCode::invalid_argument, "error.invalid_tracking_code",
            "the tracking code '" + value
                + "' is malformed; type the 12 letters and digits exactly as given, such as K7QM-WX4R-D92C",
            {{"value", value}});
    }
    const auto id = engine_.index().recordOfTrackingCode(*code);
    if (!id)
        throw Error(ErrorCode::not_found, "error.tracking_code_not_found",
            "no submission has the tracking code " + workflow::TrackingCode::display(*code)
                + "; check the code in the confirmation you received",
            {{"value", workflow::TrackingCode::display(*code)}});
    return store_.current(*id);
}

void CitizenServices::sendEmail(const std::string& to, const std::string& key, const RecordVersion& version) const
{
    if (!notifier_ || !notifier_->enabled())
        return;
    const Catalogue::Params params = {
        {"code", workflow::TrackingCode::display(textField(version, workflow::fields::kTrackingCode))},
        {"answer", textField(version, workflow::fields::kAnswer)},
    };
    notify::EmailMessage message;
    message.to = to;
    message.subject = catalogue_.text(arabic(), key + "_subject", params) + " / "
        + catalogue_.text(english(), key + "_subject", params);
    message.body = catalogue_.text(arabic(), key + "_body", params) + "\n\n----\n\n"
        + catalogue_.text(english(), key + "_body", params) + "\n";
    message.reference = version.id;
    try {
        if (!notifier_->send(std::move(message)))
            logger("citizen").warning("e-mail about %s not queued: the queue is full", version.id);
    } catch (const Error& error) {
        // The address passed normalizePersonalDetails; the notifier's own
        // limits can still reject it. The error text may hold the address.
        logger("citizen").warning("e-mail about %s rejected by the notifier (%s)", version.id,
            std::string(errorCodeName(error.code())));
    }
}

void CitizenServices::afterStep(const RecordVersion& version) noexcept
{
    try {
        if (version.type != records::RecordType::citizen_submission)
            return;
        const auto definition = engine_.definitionOf(version);
        const auto* transition = definition->findTransition(textField(version, workflow::fields::kAction));
        if (!transition || !transition->answer)
            return;
        const auto details = details_.find(version.id);
        if (details && !details->email.empty())
            sendEmail(details->email, "email_answered", version);
    } catch (const std::exception& error) {
        logger("citizen").error("answer e-mail for %s failed: %s", version.id, std::string(error.what()));
    }
}

} // namespace majlis::web
