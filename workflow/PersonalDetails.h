#pragma once

#include "records/RecordStore.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace majlis::workflow {

// The contact details a citizen may give with a submission. Each member may
// be empty. They never go into a record version: versions are append-only
// and hash-chained, so nothing in them could be erased. PersonalDetailsStore
// keeps them beside the record instead.
struct PersonalDetails {
    std::string name;
    std::string nationalId; // Saudi national ID or iqama: 10 digits starting with 1 or 2
    std::string phone;      // 8 to 15 digits, with '+' before an international number
    std::string email;

    bool empty() const;
    nlohmann::json toJson() const;
    static PersonalDetails fromJson(const nlohmann::json& json);
};

inline constexpr std::size_t kMaxPersonNameBytes = 200;
inline constexpr std::size_t kMaxEmailBytes = 254; // RFC 5321's limit on a path

// Returns the details in canonical form: Arabic-Indic digits become Latin
// ones, and spaces, hyphens and brackets leave the national ID and phone.
// Throws invalid_argument for text that is not one clean line of UTF-8,
// and (error.invalid_person_name, error.invalid_national_id,
// error.invalid_phone, error.invalid_email) naming the value and the form
// expected. The ID's check digit is not verified, only its form.
PersonalDetails normalizePersonalDetails(PersonalDetails details);

// When and by whom a submission's details were erased.
struct DetailsErasure {
    std::string time; // UTC ISO 8601
    std::string actor;
};

// The confidential side of citizen submissions: one named LMDB database,
// "citizen_submissions", in the record store's environment, holding
//
//   d/RECORD          -> JSON of the PersonalDetails of a submission
//   e/RECORD          -> JSON of the DetailsErasure, after an erasure
//   s/ACCOUNT/RECORD  -> "" for each submission of a citizen account
//
// Details are written in the transaction that creates the record, and are
// never indexed, logged or shown on public paths.
class PersonalDetailsStore {
public:
    explicit PersonalDetailsStore(records::RecordStore& store);

    // Inside the transaction that creates `recordId`: stores the details
    // (nothing when they are empty) and, for a signed-in citizen, links the
    // record to `account`.
    void write(records::LmdbTransaction& txn, const std::string& recordId, const PersonalDetails& details,
        const std::string& account) const;

    std::optional<PersonalDetails> find(const std::string& recordId) const;
    std::optional<DetailsErasure> erasure(const std::string& recordId) const;

    // The submissions of a citizen account, newest first, at most `limit`.
    std::vector<std::string> submissionsOf(const std::string& account, std::size_t limit) const;

    // Deletes the details of `recordId` and appends the audit event
    // "personal_details.erase" with `actor` and `reason` in the same
    // transaction. The record and its versions stay. Throws not_found
    // (error.personal_details_not_found) when the record has none.
    DetailsErasure erase(const std::string& recordId, const std::string& actor, const std::string& reason);

private:
    records::RecordStore& store_;
    MDB_dbi database_;
};

} // namespace majlis::workflow
