#pragma once

// Helpers shared by the staff page files; not part of the web library's API.

#include "web/Access.h"
#include "web/Authenticator.h"
#include "web/StaffPages.h"

#include <map>
#include <optional>
#include <string>

namespace majlis::web::staff {

using accounts::Session;

// The session of the request's cookie, if live (the Authenticator found it).
std::optional<Session> findSession(StaffContext& context, const Exchange& exchange);

// The session, or a redirect to the sign-in page (then nullopt). Throws
// forbidden for an account without a staff role.
std::optional<Session> sessionOrRedirect(StaffContext& context, PageRequest& page);

StaffBanner bannerOf(const Session& session);

// The fields of an application/x-www-form-urlencoded body (last value of a
// repeated name wins). Throws payload_too_large past `maxBytes`.
std::map<std::string, std::string> readUrlEncodedForm(Exchange& exchange, std::uint64_t maxBytes);

// The value of form field `name`, or empty when the form has none.
std::string fieldOf(const std::map<std::string, std::string>& fields, const std::string& name);

// Throws forbidden unless `token` equals the session's CSRF token.
void requireCsrfToken(const Session& session, const std::string& token);

// A record the signed-in account may read (web/Access.h); not_found when
// absent or hidden from it.
records::RecordVersion staffRecord(const Exchange& exchange, const records::RecordStore& store, const std::string& id);

// Extraction state of each file of a version: name, status ("pending",
// "done", "failed"), status_label, page count, flagged pages, error.
nlohmann::json extractionView(const PageRequest& page, const Catalogue& catalogue, const records::RecordStore& store,
    const records::RecordVersion& version);

// The name, in the page's language, of the council with code `code`, or
// `code` itself when no council record the caller may read has it (such as
// a council name typed before codes were checked).
std::string councilText(const StaffContext& context, const PageRequest& page, const std::string& code);

// Replaces view["council"] (a code) by councilText() and sets council_lang
// to the language of the text shown; the code stays in council_code.
void nameCouncil(nlohmann::json& view, const StaffContext& context, const PageRequest& page);

// What the council select of a form (the council_select partial) shows:
// the councils the caller may write, grouped by region, with `selected`
// chosen. A `selected` that is no council's code (text stored before codes
// were checked) stays as an option of its own, so saving the form keeps it.
// council_required leaves out the "no council" choice.
nlohmann::json councilSelect(
    const PageRequest& page, const StaffContext& context, const std::string& selected, bool required);

// The council code for a form's `council`: `unchanged` (the value already
// stored) as it is, else affairs::resolveCouncilCode, which throws
// invalid_argument (error.unknown_council_code) for text that names no council.
std::string knownCouncil(const StaffContext& context, const std::string& council, const std::string& unchanged = {});

void addRecordPages(Router& router, StaffContext& context);
void addUploadPages(Router& router, StaffContext& context);
void addAccountPages(Router& router, StaffContext& context);

} // namespace majlis::web::staff
