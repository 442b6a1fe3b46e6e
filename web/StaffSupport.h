#pragma once

// Helpers shared by the staff page files; not part of the web library's API.

#include "web/StaffPages.h"

#include <map>
#include <optional>
#include <string>

namespace majlis::web::staff {

inline constexpr const char* kSessionCookie = "majlis_session";

// The session of the request's cookie, if live.
std::optional<Session> findSession(StaffContext& context, const Exchange& exchange);

// The session, or a redirect to the sign-in page (then nullopt).
std::optional<Session> sessionOrRedirect(StaffContext& context, PageRequest& page);

StaffBanner bannerOf(const Session& session);

// The fields of an application/x-www-form-urlencoded body (last value of a
// repeated name wins). Throws payload_too_large past `maxBytes`.
std::map<std::string, std::string> readUrlEncodedForm(Exchange& exchange, std::uint64_t maxBytes);

// Throws forbidden unless `token` equals the session's CSRF token.
void requireCsrfToken(const Session& session, const std::string& token);

// A record for staff: any access level; not_found when absent.
records::RecordVersion staffRecord(const records::RecordStore& store, const std::string& id);

// Extraction state of each file of a version: name, status ("pending",
// "done", "failed"), status_label, page count, flagged pages, error.
nlohmann::json extractionView(const PageRequest& page, const Catalogue& catalogue, const records::RecordStore& store,
    const records::RecordVersion& version);

void addRecordPages(Router& router, StaffContext& context);
void addUploadPages(Router& router, StaffContext& context);

} // namespace majlis::web::staff
