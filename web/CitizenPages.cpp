#include "web/CitizenServices.h"

#include "accounts/Password.h"
#include "core/Error.h"
#include "web/Access.h"
#include "web/AffairsView.h"
#include "web/DateDisplay.h"
#include "web/RecordView.h"
#include "web/VersionReason.h"
#include "workflow/Fields.h"
#include "workflow/TrackingCode.h"

#include <Poco/Net/HTMLForm.h>

namespace majlis::web {

namespace {

constexpr int kMaxTrackFormBytes = 1024;
// The maximum number of steps /track lists; a submission normally has fewer than ten.
constexpr std::size_t kMaxTrackedSteps = 100;

// The catalogue's text of an error, as PageRenderer::sendError picks it.
std::string errorText(const Catalogue& catalogue, const Language& language, const Error& error)
{
    std::string key = error.messageId();
    std::replace(key.begin(), key.end(), '.', '_');
    if (catalogue.has(language, key))
        return catalogue.text(language, key, error.params());
    return catalogue.text(language, "error_message_other");
}

// Errors the citizen can fix in the form; others become the error page.
bool correctable(const Error& error)
{
    return error.code() == ErrorCode::invalid_argument || error.code() == ErrorCode::forbidden
        || error.code() == ErrorCode::payload_too_large || error.code() == ErrorCode::unsupported_media_type;
}

nlohmann::json optionsView(const std::vector<std::string>& values, const std::string& selected,
    const std::function<std::string(const std::string&)>& labelOf)
{
    nlohmann::json options = nlohmann::json::array();
    for (const auto& value : values)
        options.push_back({{"value", value}, {"label", labelOf(value)}, {"selected", value == selected}});
    return options;
}

// The council's name in the page's language, or its code when the
// reference data has no public council record for it.
std::string councilLabel(const Language& language, const affairs::AffairsSnapshot& snapshot, const std::string& code)
{
    const auto isPublic = [](const records::RecordVersion& version) {
        return version.access == records::AccessLevel::public_access;
    };
    if (const auto name = councilNameView(language, snapshot, isPublic, code))
        return name->at("name").get<std::string>();
    return code;
}

class SubmitPage {
public:
    SubmitPage(CitizenServices& services, const PageRenderer& renderer, const affairs::Affairs& affairs)
        : services_(services)
        , renderer_(renderer)
        , affairs_(affairs)
    {
    }

    void show(PageRequest& page, int status, const SubmissionInput& values, const std::string& error) const
    {
        const Catalogue& catalogue = renderer_.catalogue();
        const Language& language = page.language;
        const Challenge challenge = services_.challenge().issue();
        const auto snapshot = affairs_.snapshot();
        const Caller& caller = page.exchange.caller;
        const std::string kind = values.kind.empty() ? "complaint" : values.kind;
        nlohmann::json data = {
            {"title", catalogue.text(language, "submit_heading")},
            {"error", error},
            {"csrf", caller.session ? caller.session->csrfToken : std::string()},
            {"kind_complaint", kind == "complaint"},
            {"kind_suggestion", kind == "suggestion"},
            {"councils", optionsView(services_.councils(), values.council,
                             [&](const std::string& code) { return councilLabel(language, *snapshot, code); })},
            {"categories", optionsView(submissionCategories(), values.category,
                               [&](const std::string& v) { return catalogue.text(language, "category_" + v); })},
            {"text", values.text},
            {"name", values.details.name},
            {"national_id", values.details.nationalId},
            {"phone", values.details.phone},
            {"email", values.details.email},
            {"max_text_characters", services_.limits().maxTextCharacters},
            {"challenge_token", challenge.token},
            {"challenge_nonce", challenge.nonce},
            {"challenge_bits", challenge.difficultyBits},
            {"challenge_question", catalogue.text(language, "challenge_question",
                                       {{"left", std::to_string(challenge.left)}, {"right", std::to_string(challenge.right)}})},
        };
        renderer_.send(page, status, "submit", data);
    }

    void submit(PageRequest& page) const
    {
        requireSameOrigin(page.exchange);
        SubmissionInput input;
        try {
            // The form sends multipart/form-data. A url-encoded post (a form
            // copied without its enctype, or a script) gets the form back
            // with how to send it.
            if (!page.exchange.request.getContentType().starts_with("multipart/form-data"))
                throw Error(ErrorCode::unsupported_media_type, "error.expected_multipart",
                    "the form must be sent as multipart/form-data; send it from the page");
            input = readSubmission(page.exchange, services_);
            const auto& session = page.exchange.caller.session;
            if (session && !accounts::secretsEqual(input.csrfToken, session->csrfToken))
                throw Error(ErrorCode::forbidden, "error.csrf_invalid",
                    "the form's CSRF token is missing or stale; reload the form and submit it again");
            const records::RecordVersion created = services_.submit(page.exchange, input);
            showSubmitted(page, created);
        } catch (const Error& error) {
            if (!correctable(error) || page.exchange.response.sent())
                throw;
            show(page, httpStatusFor(error.code()), input, errorText(renderer_.catalogue(), page.language, error));
        }
    }

private:
    void showSubmitted(PageRequest& page, const records::RecordVersion& created) const
    {
        const nlohmann::json view = trackingView(services_.engine(), created);
        renderer_.send(page, 200, "submitted", {
            {"title", renderer_.catalogue().text(page.language, "submitted_heading")},
            {"tracking_code", view.at("tracking_code")},
        });
    }

    CitizenServices& services_;
    const PageRenderer& renderer_;
    const affairs::Affairs& affairs_;
};

// Whether a version is a step the citizen may see: the item's first
// version, or one that moved it to another state (a transition or an
// escalation). Only the engine writes wf_state: the record API rejects wf_*
// fields and the staff pages set no fields. The reason decides nothing,
// because any writer of the item may set it, in the engine's form too.
bool isTrackedStep(const records::RecordVersion& version, const records::RecordVersion* previous)
{
    if (!previous)
        return true;
    return workflow::fields::textField(version, workflow::fields::kState)
        != workflow::fields::textField(*previous, workflow::fields::kState);
}

// The steps that /track shows a citizen, oldest first, each with its time and
// the label of the state it reached in the page's language ("Submitted",
// "Routed to the council"): plain status words, not the staff's action
// names. Comments, assignments, council changes and every author are
// internal and left out.
nlohmann::json trackedSteps(const PageRequest& page, CitizenServices& services, const records::RecordVersion& item)
{
    const auto definition = services.engine().definitionOf(item);
    const auto history = services.store().history(item.id);
    nlohmann::json steps = nlohmann::json::array();
    const records::RecordVersion* previous = nullptr;
    for (const records::RecordVersion& version : history) {
        const bool tracked = isTrackedStep(version, previous);
        previous = &version;
        if (!tracked)
            continue;
        const std::string text = stateLabel(page.language, definition.get(),
            workflow::fields::textField(version, workflow::fields::kState));
        steps.push_back({{"time", version.time}, {"time_text", formatTimestamp(page.language, version.time)},
            {"text", text}, {"text_lang", textLanguage(text)}});
    }
    // The newest steps matter most, so a very long history keeps its end.
    if (steps.size() > kMaxTrackedSteps)
        steps.erase(steps.begin(), steps.end() - static_cast<std::ptrdiff_t>(kMaxTrackedSteps));
    return steps;
}

void showTrack(PageRequest& page, const PageRenderer& renderer, int status, const std::string& code,
    const nlohmann::json& result, const std::string& error, const nlohmann::json& steps = nlohmann::json::array())
{
    const Catalogue& catalogue = renderer.catalogue();
    nlohmann::json data = {
        {"title", catalogue.text(page.language, "track_heading")},
        {"code", code},
        {"error", error},
        {"has_result", !result.is_null()},
    };
    if (!result.is_null()) {
        const bool arabic = page.language.code == "ar";
        data["status_label"] = result.at("status").at(arabic ? "ar" : "en");
        data["tracking_code"] = result.at("tracking_code");
        // The staff pages' display: the Umm al-Qura day with the Gregorian day beside it.
        for (const char* date : {"submitted_on", "updated_on", "answered_on"})
            if (!result.at(date).is_null())
                data[date] = dateView(page.language, CalendarDate::parse(result.at(date).at("gregorian").get<std::string>()));
        data["steps"] = steps;
        data["has_steps"] = !steps.empty();
        data["has_answer"] = !result.at("answer").is_null();
        if (!result.at("answer").is_null())
            data["answer"] = result.at("answer");
    }
    renderer.send(page, status, "track", data);
}

void submitTrack(PageRequest& page, const PageRenderer& renderer, CitizenServices& services)
{
    requireSameOrigin(page.exchange);
    auto& request = page.exchange.request;
    if (request.getChunkedTransferEncoding() || request.getContentLength64() > kMaxTrackFormBytes)
        throw Error(ErrorCode::payload_too_large, "error.form_too_large",
            "the form is larger than " + std::to_string(kMaxTrackFormBytes) + " bytes");
    Poco::Net::HTMLForm form;
    form.setFieldLimit(4);
    form.load(request, request.stream());
    const std::string code = form.get("code", "");
    try {
        const records::RecordVersion found = services.track(page.exchange, code);
        showTrack(page, renderer, 200, code, trackingView(services.engine(), found), "",
            trackedSteps(page, services, found));
    } catch (const Error& error) {
        if (!correctable(error) && error.code() != ErrorCode::not_found)
            throw;
        showTrack(page, renderer, httpStatusFor(error.code()), code, nullptr,
            errorText(renderer.catalogue(), page.language, error));
    }
}

} // namespace

void CitizenServices::addPages(Router& router, const PageRenderer& renderer, const affairs::Affairs& affairs)
{
    const auto submitPage = std::make_shared<SubmitPage>(*this, renderer, affairs);
    router.add("GET", "/submit", renderer.page([submitPage](PageRequest& page) {
        submitPage->show(page, 200, {}, "");
    }));
    router.add("POST", "/submit", renderer.page([submitPage](PageRequest& page) { submitPage->submit(page); }));
    router.add("GET", "/track", renderer.page([&renderer](PageRequest& page) {
        showTrack(page, renderer, 200, "", nullptr, "");
    }));
    router.add("POST", "/track", renderer.page([this, &renderer](PageRequest& page) {
        submitTrack(page, renderer, *this);
    }));
}

} // namespace majlis::web
