#pragma once

#include "core/CalendarDate.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace majlis::records {

enum class RecordType {
    minutes,
    decision,
    meeting,
    member_file,
    correspondence,
    citizen_submission,
    document,
    council,        // a municipal council: its code, names, region and seats
    term,           // a council term (دورة) with its start and end dates
    member,         // one membership of a person in a council for a term: public facts only
    member_contact, // a member's contact details; always confidential
};

enum class AccessLevel {
    public_access,
    internal,
    confidential,
};

std::string_view toString(RecordType type);
std::string_view toString(AccessLevel access);
// Throw invalid_argument naming the value and listing the accepted ones.
RecordType parseRecordType(std::string_view text);
AccessLevel parseAccessLevel(std::string_view text);
const std::vector<RecordType>& allRecordTypes();
std::ostream& operator<<(std::ostream& out, RecordType type);
std::ostream& operator<<(std::ostream& out, AccessLevel access);

// A typed free field: text, a whole number, a decimal, a yes/no, or a date.
using FieldValue = std::variant<std::string, std::int64_t, double, bool, CalendarDate>;

// An attachment of one version: the blob it points to and the name it came with.
struct FileRef {
    std::string name;       // original name without path parts, exactly as given otherwise
    std::string sha256;     // the blob's content hash and stored name
    std::uint64_t size = 0;
    std::string mediaType;  // sniffed from content, e.g. application/pdf
};

// One immutable version of a record: the full metadata as of that change,
// plus who made the change, when and why.
struct RecordVersion {
    std::string id;
    std::uint32_t version = 0;
    RecordType type = RecordType::document;
    std::string council;
    std::string title;
    std::string reference;
    std::optional<CalendarDate> date;
    AccessLevel access = AccessLevel::internal;
    std::vector<std::string> tags;
    std::map<std::string, FieldValue> fields;
    std::string body;  // typed text, such as minutes written in the system
    std::vector<FileRef> files;

    std::string author;
    std::string time;  // UTC, ISO 8601 with seconds
    std::string reason;
};

// The storage form (also the JSON API's form, which adds display fields).
nlohmann::json toJson(const RecordVersion& version);
RecordVersion versionFromJson(const nlohmann::json& json);

nlohmann::json fieldToJson(const FieldValue& value);
FieldValue fieldFromJson(const std::string& name, const nlohmann::json& json);

// The storage form plus what readers need beside it: the date in both
// calendars. The CLI's --json output and the API use it.
nlohmann::json toDisplayJson(const RecordVersion& version);

// A Gregorian date with its Umm al-Qura equivalent, as the API shows it.
nlohmann::json dateToJson(const CalendarDate& date);

} // namespace majlis::records
