#pragma once

#include "accounts/AccountStore.h"
#include "affairs/Affairs.h"
#include "notify/EmailNotifier.h"
#include "records/RecordStore.h"
#include "web/Catalogue.h"
#include "web/CitizenLimits.h"
#include "web/PageRenderer.h"
#include "web/RateLimiter.h"
#include "web/Router.h"
#include "web/SubmissionChallenge.h"
#include "workflow/Engine.h"
#include "workflow/PersonalDetails.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace majlis::web {

// A citizen's submission as received: the workflow and council, the text, files already
// stored, the optional contact details, and the challenge's fields.
struct SubmissionInput {
    std::string kind; // "complaint" or "suggestion"
    std::string council;
    std::string category;
    std::string text;
    std::vector<records::FileRef> attachments;
    workflow::PersonalDetails details;
    std::string challengeToken;
    std::string challengeSolution;
    std::string challengeAnswer;
    std::string csrfToken; // the portal form's, for a caller with a session
};

// The complaint and suggestion categories a submission may name.
const std::vector<std::string>& submissionCategories();

// The citizen e-services: submissions with or without an account, tracking
// by code, a citizen's own submissions, and the staff's reading and erasure
// of personal details. Contact details go to PersonalDetailsStore in the
// transaction that creates the record, never into the record itself.
class CitizenServices {
public:
    // `notifier` may be null or disabled; citizens then get no e-mail.
    CitizenServices(records::RecordStore& store, workflow::Engine& engine, accounts::AccountStore& accounts,
        const affairs::Affairs& affairs, const Catalogue& catalogue, notify::EmailNotifier* notifier,
        CitizenLimits limits = {});

    // POST /api/v1/submissions, GET /api/v1/challenge, GET /api/v1/track/{code},
    // GET /api/v1/my/submissions, GET and POST …/personal-details(/erase).
    void addApiRoutes(Router& router);
    // GET, POST /submit and /track. The form names each council from `affairs`.
    void addPages(Router& router, const PageRenderer& renderer, const affairs::Affairs& affairs);

    // Sends the citizen the public answer when `version` gave one; for
    // EngineOptions::afterStep. Never throws.
    void afterStep(const records::RecordVersion& version) noexcept;

    // Checks `input` and the caller's right and limits, stores the
    // submission and queues the confirmation e-mail. Throws the errors the
    // routes answer with.
    records::RecordVersion submit(const Exchange& exchange, SubmissionInput input);

    // The record of a typed tracking code, counted against the lookup limit;
    // invalid_argument for a malformed code, not_found for an unknown one.
    records::RecordVersion track(const Exchange& exchange, const std::string& typedCode);

    // The councils a citizen may address: every council of the reference
    // data, then any other council name that has a council secretary. A
    // submission starts with the secretariat, which routes it, so a council
    // needs no secretary account to receive one.
    std::vector<std::string> councils() const;

    void requireWithinLimit(RateLimiter& limiter, const Exchange& exchange, const std::string& what);

    workflow::PersonalDetailsStore& details() { return details_; }
    SubmissionChallenge& challenge() { return challenge_; }
    const CitizenLimits& limits() const { return limits_; }
    const workflow::Engine& engine() const { return engine_; }
    records::RecordStore& store() { return store_; }
    RateLimiter& challengeLimiter() { return challengeLimiter_; }

private:
    void sendEmail(const std::string& to, const std::string& key, const records::RecordVersion& version) const;

    records::RecordStore& store_;
    workflow::Engine& engine_;
    accounts::AccountStore& accounts_;
    const affairs::Affairs& affairs_;
    const Catalogue& catalogue_;
    notify::EmailNotifier* notifier_;
    CitizenLimits limits_;
    workflow::PersonalDetailsStore details_;
    SubmissionChallenge challenge_;
    RateLimiter submissionLimiter_;
    RateLimiter lookupLimiter_;
    RateLimiter challengeLimiter_;
};

// Reads a submission from a JSON body or multipart/form-data (files in the
// parts with a file name, each stored as it arrives) within the limits.
SubmissionInput readSubmission(Exchange& exchange, CitizenServices& services);

// The public view of a submission: tracking code, status label in Arabic
// and English, dates and the council's public answer; nothing else.
nlohmann::json trackingView(const workflow::Engine& engine, const records::RecordVersion& version);

// The client address a limit counts against.
std::string clientAddress(const Exchange& exchange);

} // namespace majlis::web
