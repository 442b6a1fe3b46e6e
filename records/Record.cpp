#include "records/Record.h"

#include "core/Error.h"

#include <array>

namespace majlis::records {

namespace {

constexpr std::array<std::pair<RecordType, std::string_view>, 11> kTypeNames = {{
    {RecordType::minutes, "minutes"},
    {RecordType::decision, "decision"},
    {RecordType::meeting, "meeting"},
    {RecordType::member_file, "member_file"},
    {RecordType::correspondence, "correspondence"},
    {RecordType::citizen_submission, "citizen_submission"},
    {RecordType::document, "document"},
    {RecordType::council, "council"},
    {RecordType::term, "term"},
    {RecordType::member, "member"},
    {RecordType::member_contact, "member_contact"},
}};

constexpr std::array<std::pair<AccessLevel, std::string_view>, 3> kAccessNames = {{
    {AccessLevel::public_access, "public"},
    {AccessLevel::internal, "internal"},
    {AccessLevel::confidential, "confidential"},
}};

template <typename Table>
std::string joinNames(const Table& table)
{
    std::string joined;
    for (const auto& [value, name] : table) {
        if (!joined.empty())
            joined += ", ";
        joined += name;
    }
    return joined;
}

} // namespace

std::string_view toString(RecordType type)
{
    for (const auto& [value, name] : kTypeNames)
        if (value == type)
            return name;
    return "document";
}

std::string_view toString(AccessLevel access)
{
    for (const auto& [value, name] : kAccessNames)
        if (value == access)
            return name;
    return "confidential";
}

RecordType parseRecordType(std::string_view text)
{
    for (const auto& [value, name] : kTypeNames)
        if (name == text)
            return value;
    throw Error(ErrorCode::invalid_argument, "error.unknown_record_type",
        "unknown record type '" + std::string(text) + "'; use one of: " + joinNames(kTypeNames),
        {{"value", std::string(text)}});
}

AccessLevel parseAccessLevel(std::string_view text)
{
    for (const auto& [value, name] : kAccessNames)
        if (name == text)
            return value;
    throw Error(ErrorCode::invalid_argument, "error.unknown_access_level",
        "unknown access level '" + std::string(text) + "'; use one of: " + joinNames(kAccessNames),
        {{"value", std::string(text)}});
}

const std::vector<RecordType>& allRecordTypes()
{
    static const std::vector<RecordType> types = [] {
        std::vector<RecordType> list;
        for (const auto& entry : kTypeNames)
            list.push_back(entry.first);
        return list;
    }();
    return types;
}

std::ostream& operator<<(std::ostream& out, RecordType type)
{
    return out << toString(type);
}

std::ostream& operator<<(std::ostream& out, AccessLevel access)
{
    return out << toString(access);
}

nlohmann::json dateToJson(const CalendarDate& date)
{
    const HijriDate hijri = date.toHijri();
    nlohmann::json json = {{"gregorian", date.toIsoString()}, {"hijri", hijri.toString()}};
    if (hijri.approximate)
        json["hijri_approximate"] = true;
    return json;
}

nlohmann::json fieldToJson(const FieldValue& value)
{
    struct Visitor {
        nlohmann::json operator()(const std::string& text) const { return {{"type", "text"}, {"value", text}}; }
        nlohmann::json operator()(std::int64_t number) const { return {{"type", "integer"}, {"value", number}}; }
        nlohmann::json operator()(double number) const { return {{"type", "decimal"}, {"value", number}}; }
        nlohmann::json operator()(bool flag) const { return {{"type", "boolean"}, {"value", flag}}; }
        nlohmann::json operator()(const CalendarDate& date) const
        {
            return {{"type", "date"}, {"value", date.toIsoString()}};
        }
    };
    return std::visit(Visitor{}, value);
}

FieldValue fieldFromJson(const std::string& name, const nlohmann::json& json)
{
    const auto invalid = [&](const std::string& why) {
        return Error(ErrorCode::invalid_argument, "error.invalid_field",
            "invalid field '" + name + "': " + why
                + "; give {\"type\": \"text|integer|decimal|boolean|date\", \"value\": ...}",
            {{"field", name}});
    };
    if (!json.is_object() || !json.contains("type") || !json.contains("value"))
        throw invalid("missing type or value");

    const std::string type = json.at("type").get<std::string>();
    const nlohmann::json& value = json.at("value");
    if (type == "text" && value.is_string())
        return value.get<std::string>();
    if (type == "integer" && value.is_number_integer())
        return value.get<std::int64_t>();
    if (type == "decimal" && value.is_number())
        return value.get<double>();
    if (type == "boolean" && value.is_boolean())
        return value.get<bool>();
    if (type == "date" && value.is_string())
        return CalendarDate::parse(value.get<std::string>());
    throw invalid("the value does not match type '" + type + "'");
}

nlohmann::json toJson(const RecordVersion& version)
{
    nlohmann::json files = nlohmann::json::array();
    for (const FileRef& file : version.files)
        files.push_back({{"name", file.name}, {"sha256", file.sha256}, {"size", file.size},
            {"media_type", file.mediaType}});

    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, value] : version.fields)
        fields[name] = fieldToJson(value);

    nlohmann::json json = {
        {"id", version.id},
        {"version", version.version},
        {"type", toString(version.type)},
        {"council", version.council},
        {"title", version.title},
        {"reference", version.reference},
        {"access", toString(version.access)},
        {"tags", version.tags},
        {"fields", fields},
        {"body", version.body},
        {"files", files},
        {"author", version.author},
        {"time", version.time},
        {"reason", version.reason},
    };
    json["date"] = version.date ? nlohmann::json(version.date->toIsoString()) : nlohmann::json(nullptr);
    return json;
}

nlohmann::json toDisplayJson(const RecordVersion& version)
{
    nlohmann::json json = toJson(version);
    json["date"] = version.date ? dateToJson(*version.date) : nlohmann::json(nullptr);
    return json;
}

RecordVersion versionFromJson(const nlohmann::json& json)
{
    RecordVersion version;
    version.id = json.at("id").get<std::string>();
    version.version = json.at("version").get<std::uint32_t>();
    version.type = parseRecordType(json.at("type").get<std::string>());
    version.council = json.at("council").get<std::string>();
    version.title = json.at("title").get<std::string>();
    version.reference = json.at("reference").get<std::string>();
    if (!json.at("date").is_null())
        version.date = CalendarDate::parse(json.at("date").get<std::string>());
    version.access = parseAccessLevel(json.at("access").get<std::string>());
    version.tags = json.at("tags").get<std::vector<std::string>>();
    for (const auto& [name, value] : json.at("fields").items())
        version.fields.emplace(name, fieldFromJson(name, value));
    version.body = json.at("body").get<std::string>();
    for (const auto& file : json.at("files"))
        version.files.push_back({file.at("name").get<std::string>(), file.at("sha256").get<std::string>(),
            file.at("size").get<std::uint64_t>(), file.at("media_type").get<std::string>()});
    version.author = json.at("author").get<std::string>();
    version.time = json.at("time").get<std::string>();
    version.reason = json.at("reason").get<std::string>();
    return version;
}

} // namespace majlis::records
