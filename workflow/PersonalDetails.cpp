#include "workflow/PersonalDetails.h"

#include "core/Error.h"
#include "core/Log.h"
#include "core/Utf8.h"
#include "records/Clock.h"

#include <algorithm>

namespace majlis::workflow {

namespace {

constexpr const char* kEraseAction = "personal_details.erase";
constexpr std::size_t kMaxReasonBytes = 1000;

std::string detailsKey(const std::string& recordId)
{
    return "d/" + recordId;
}

std::string erasureKey(const std::string& recordId)
{
    return "e/" + recordId;
}

std::string submissionsPrefix(const std::string& account)
{
    return "s/" + account + "/";
}

// `text` without the characters people put between digit groups.
std::string withoutSeparators(const std::string& text)
{
    std::string digits;
    for (const char c : foldDigitsToAscii(trimWhitespace(text)))
        if (c != ' ' && c != '-' && c != '(' && c != ')')
            digits.push_back(c);
    return digits;
}

bool allDigits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string normalizeName(const std::string& name)
{
    const std::string trimmed = trimWhitespace(name);
    if (trimmed.size() > kMaxPersonNameBytes)
        throw Error(ErrorCode::invalid_argument, "error.invalid_person_name",
            "the name is longer than " + std::to_string(kMaxPersonNameBytes) + " bytes; shorten it",
            {{"limit", std::to_string(kMaxPersonNameBytes)}});
    return trimmed;
}

// The error messages repeat the value: it is the caller's own input, sent
// back to them only. Errors reach the log only with status 500 or above.
std::string normalizeNationalId(const std::string& typed)
{
    const std::string id = withoutSeparators(typed);
    if (id.empty())
        return id;
    if (id.size() != 10 || !allDigits(id) || (id[0] != '1' && id[0] != '2'))
        throw Error(ErrorCode::invalid_argument, "error.invalid_national_id",
            "the national ID or iqama number '" + typed
                + "' is invalid; write its 10 digits, starting with 1 (national ID) or 2 (iqama)",
            {{"value", typed}});
    return id;
}

std::string normalizePhone(const std::string& typed)
{
    std::string phone = withoutSeparators(typed);
    if (phone.empty())
        return phone;
    const bool international = phone.front() == '+';
    const std::string digits = international ? phone.substr(1) : phone;
    if (!allDigits(digits) || digits.size() < 8 || digits.size() > 15)
        throw Error(ErrorCode::invalid_argument, "error.invalid_phone",
            "the phone number '" + typed
                + "' is invalid; write 8 to 15 digits, such as 0501234567 or +966501234567",
            {{"value", typed}});
    return phone;
}

std::string normalizeEmail(const std::string& typed)
{
    const std::string email = trimWhitespace(typed);
    if (email.empty())
        return email;
    const auto at = email.find('@');
    const bool valid = email.size() <= kMaxEmailBytes && at != std::string::npos && at > 0 && at <= 64
        && email.find('@', at + 1) == std::string::npos && email.find('.', at + 2) != std::string::npos
        && email.back() != '.'
        && std::none_of(email.begin(), email.end(), [](char c) {
               return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ','
                   || c == ';' || c == '"' || c == '\\';
           });
    if (!valid)
        throw Error(ErrorCode::invalid_argument, "error.invalid_email",
            "the e-mail address '" + typed + "' is invalid; write it as name@example.sa", {{"value", typed}});
    return email;
}

} // namespace

bool PersonalDetails::empty() const
{
    return name.empty() && nationalId.empty() && phone.empty() && email.empty();
}

nlohmann::json PersonalDetails::toJson() const
{
    return {{"name", name}, {"national_id", nationalId}, {"phone", phone}, {"email", email}};
}

PersonalDetails PersonalDetails::fromJson(const nlohmann::json& json)
{
    return {json.value("name", std::string()), json.value("national_id", std::string()),
        json.value("phone", std::string()), json.value("email", std::string())};
}

PersonalDetails normalizePersonalDetails(PersonalDetails details)
{
    requireCleanText("name", details.name);
    requireCleanText("national_id", details.nationalId);
    requireCleanText("phone", details.phone);
    requireCleanText("email", details.email);
    details.name = normalizeName(details.name);
    details.nationalId = normalizeNationalId(details.nationalId);
    details.phone = normalizePhone(details.phone);
    details.email = normalizeEmail(details.email);
    return details;
}

PersonalDetailsStore::PersonalDetailsStore(records::RecordStore& store)
    : store_(store)
    , database_(store.environment().openDatabase("citizen_submissions"))
{
}

void PersonalDetailsStore::write(records::LmdbTransaction& txn, const std::string& recordId,
    const PersonalDetails& details, const std::string& account) const
{
    if (!details.empty())
        txn.put(database_, detailsKey(recordId), details.toJson().dump());
    if (!account.empty())
        txn.put(database_, submissionsPrefix(account) + recordId, "");
}

std::optional<PersonalDetails> PersonalDetailsStore::find(const std::string& recordId) const
{
    std::optional<PersonalDetails> details;
    store_.environment().read([&](records::LmdbTransaction& txn) {
        if (const auto value = txn.get(database_, detailsKey(recordId)))
            details = PersonalDetails::fromJson(nlohmann::json::parse(*value));
    });
    return details;
}

std::optional<DetailsErasure> PersonalDetailsStore::erasure(const std::string& recordId) const
{
    std::optional<DetailsErasure> erasure;
    store_.environment().read([&](records::LmdbTransaction& txn) {
        if (const auto value = txn.get(database_, erasureKey(recordId))) {
            const auto json = nlohmann::json::parse(*value);
            erasure = DetailsErasure{json.at("time").get<std::string>(), json.at("actor").get<std::string>()};
        }
    });
    return erasure;
}

std::vector<std::string> PersonalDetailsStore::submissionsOf(const std::string& account, std::size_t limit) const
{
    std::vector<std::string> ids;
    const std::string prefix = submissionsPrefix(account);
    store_.environment().read([&](records::LmdbTransaction& txn) {
        txn.scan(database_, prefix, [&](std::string_view key, std::string_view) {
            if (!key.starts_with(prefix))
                return false;
            ids.emplace_back(key.substr(prefix.size()));
            return true;
        });
    });
    // Record ids grow with time, so the last keys are the newest.
    std::reverse(ids.begin(), ids.end());
    if (ids.size() > limit)
        ids.resize(limit);
    return ids;
}

DetailsErasure PersonalDetailsStore::erase(const std::string& recordId, const std::string& actor,
    const std::string& reason)
{
    const std::string trimmedReason = trimWhitespace(reason);
    requireCleanText("reason", trimmedReason, true);
    if (trimmedReason.empty() || trimmedReason.size() > kMaxReasonBytes)
        throw Error(ErrorCode::invalid_argument, "error.erasure_reason_required",
            "an erasure needs a reason of 1 to " + std::to_string(kMaxReasonBytes)
                + " bytes, without personal data; write one",
            {{"limit", std::to_string(kMaxReasonBytes)}});

    DetailsErasure erasure{records::utcNow(), actor};
    store_.environment().write([&](records::LmdbTransaction& txn) {
        if (!txn.erase(database_, detailsKey(recordId)))
            throw Error(ErrorCode::not_found, "error.personal_details_not_found",
                "submission " + recordId + " has no personal details to erase", {{"id", recordId}});
        txn.put(database_, erasureKey(recordId), nlohmann::json{{"time", erasure.time}, {"actor", actor}}.dump());
        store_.appendAuditEvent(txn, actor, kEraseAction, "record:" + recordId, {}, trimmedReason);
    });
    logger("security").information("%s by %s on %s", std::string(kEraseAction), actor, recordId);
    return erasure;
}

} // namespace majlis::workflow
