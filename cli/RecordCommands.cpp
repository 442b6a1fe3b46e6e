#include "cli/Arguments.h"
#include "cli/CommandLineAuthor.h"
#include "cli/Commands.h"

#include "affairs/CouncilCodes.h"
#include "core/Error.h"
#include "records/RecordStore.h"

#include <fstream>
#include <iostream>

namespace majlis::cli {

namespace {

using records::FieldValue;
using records::RecordVersion;

std::vector<OptionSpec> metadataOptions(bool forUpdate)
{
    std::vector<OptionSpec> options = {
        dataOption(),
        {"type", "TYPE", "record type: minutes, decision, meeting, member_file, correspondence, "
                         "citizen_submission, document, council, term, member, member_contact"},
        {"title", "TEXT", "title"},
        {"council", "COUNCIL", "the council's code (such as RD-01) or exact name"},
        {"access", "LEVEL", "public, internal or confidential (default internal)"},
        {"reference", "TEXT", "reference number"},
        {"date", "DATE", "document date, Gregorian 2024-01-15 or Hijri 1445-07-03"},
        {"tag", "TEXT", "tag", true},
        {"field", "NAME[:TYPE]=VALUE", "free field; TYPE is text, integer, decimal, boolean or date", true},
        {"body", "TEXT", "typed text of the record"},
        {"body-file", "PATH", "read the typed text from a UTF-8 file"},
        {"file", "PATH", "attach a file", true},
        authorOption("the change"),
        {"reason", "TEXT", forUpdate ? "why the record changes (required)" : "why the record is created"},
        {"json", "", "print the stored version as JSON"},
    };
    if (forUpdate) {
        options.push_back({"remove-file", "NAME", "detach the file with this name", true});
        options.push_back({"remove-field", "NAME", "remove a free field", true});
    }
    return options;
}

const CommandSpec kAddSpec = {"record add", "Stores a new record (version 1) with its files.", "", 0, 0,
    metadataOptions(false)};
const CommandSpec kUpdateSpec = {"record update",
    "Stores a new version of a record; earlier versions stay readable.", "ID", 1, 1, metadataOptions(true)};
const CommandSpec kShowSpec = {"record show", "Prints a record's current version, or the one given.", "ID", 1, 1,
    {dataOption(), {"version", "N", "the version to show"}, {"json", "", "print JSON"}}};
const CommandSpec kHistorySpec = {"record history", "Lists every version of a record.", "ID", 1, 1,
    {dataOption(), {"json", "", "print JSON"}}};
const CommandSpec kGetFileSpec = {"record get-file",
    "Writes one attached file to standard output or to --output.", "ID NAME", 2, 2,
    {dataOption(), {"version", "N", "the version the file belongs to (default: current)"},
        {"output", "PATH", "write to this file instead of standard output"}}};

std::filesystem::path dataDirectory(const Arguments& arguments)
{
    return arguments.valueOr("data", "./data");
}

std::uint32_t parseVersionNumber(const std::string& text)
{
    try {
        std::size_t used = 0;
        const unsigned long number = std::stoul(text, &used);
        if (used == text.size() && number >= 1 && number <= 0xFFFFFFFFul)
            return static_cast<std::uint32_t>(number);
    } catch (const std::exception&) {
    }
    throw Error(ErrorCode::invalid_argument, "error.invalid_version",
        "invalid version '" + text + "'; give a whole number from 1", {{"value", text}});
}

// Parses --field NAME[:TYPE]=VALUE.
std::pair<std::string, FieldValue> parseField(const std::string& text)
{
    const auto equals = text.find('=');
    if (equals == std::string::npos)
        throw Error(ErrorCode::invalid_argument, "error.invalid_field",
            "invalid --field '" + text + "'; write NAME=VALUE or NAME:TYPE=VALUE", {{"value", text}});
    std::string name = text.substr(0, equals);
    std::string type = "text";
    if (const auto colon = name.find(':'); colon != std::string::npos) {
        type = name.substr(colon + 1);
        name.resize(colon);
    }
    const std::string value = text.substr(equals + 1);
    nlohmann::json typed = {{"type", type}};
    if (type == "integer" || type == "decimal") {
        try {
            typed["value"] = nlohmann::json::parse(value);
        } catch (const nlohmann::json::exception&) {
            typed["value"] = value;
        }
    } else if (type == "boolean") {
        typed["value"] = value == "true" || value == "yes" || value == "1";
        if (!typed["value"].get<bool>() && value != "false" && value != "no" && value != "0")
            typed["value"] = value;
    } else {
        typed["value"] = value;
    }
    return {name, records::fieldFromJson(name, typed)};
}

std::string readTextFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::not_found, "error.file_not_found", "cannot read " + path + "; check the path");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<records::FileRef> storeFiles(records::RecordStore& store, const std::vector<std::string>& paths)
{
    std::vector<records::FileRef> files;
    for (const std::string& path : paths)
        files.push_back(store.storeFile(path, std::filesystem::path(path).filename().string()));
    return files;
}

void printVersion(const RecordVersion& version, bool json)
{
    if (json) {
        std::cout << records::toDisplayJson(version).dump() << '\n';
        return;
    }
    std::cout << "id: " << version.id << "\nversion: " << version.version << "\ntype: " << toString(version.type)
              << "\ntitle: " << version.title << "\ncouncil: " << version.council
              << "\naccess: " << toString(version.access) << "\nreference: " << version.reference << '\n';
    if (version.date) {
        const auto hijri = version.date->toHijri();
        std::cout << "date: " << version.date->toIsoString() << " (" << hijri.toString() << " AH"
                  << (hijri.approximate ? ", approximate" : "") << ")\n";
    }
    for (const auto& file : version.files)
        std::cout << "file: " << file.name << " (" << file.size << " bytes, " << file.mediaType << ", sha256 "
                  << file.sha256 << ")\n";
    std::cout << "changed: " << version.time << " by " << version.author << ": " << version.reason << '\n';
}

} // namespace

int runRecordAdd(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kAddSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kAddSpec);
        return 0;
    }
    if (!arguments.has("type") || !arguments.has("title"))
        throw Error(ErrorCode::invalid_argument, "error.usage",
            "--type and --title are required; see 'majlis record add --help'");

    records::NewRecord record;
    record.type = records::parseRecordType(*arguments.value("type"));
    record.title = *arguments.value("title");
    record.council = arguments.valueOr("council", "");
    record.access = records::parseAccessLevel(arguments.valueOr("access", "internal"));
    record.reference = arguments.valueOr("reference", "");
    if (const auto date = arguments.value("date"))
        record.date = CalendarDate::parse(*date);
    record.tags = arguments.all("tag");
    for (const std::string& field : arguments.all("field"))
        record.fields.insert(parseField(field));
    record.body = arguments.has("body-file") ? readTextFile(*arguments.value("body-file")) : arguments.valueOr("body", "");

    records::RecordStore store(dataDirectory(arguments));
    record.council = affairs::CouncilResolver(store).resolveForRecord(record.type, record.council);
    record.files = storeFiles(store, arguments.all("file"));
    const RecordVersion version
        = store.create(record, arguments.valueOr("author", commandLineAuthor()), arguments.valueOr("reason", "created"));
    printVersion(version, arguments.has("json"));
    return 0;
}

int runRecordUpdate(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kUpdateSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kUpdateSpec);
        return 0;
    }

    records::RecordChange change;
    if (const auto type = arguments.value("type"))
        change.type = records::parseRecordType(*type);
    change.title = arguments.value("title");
    change.council = arguments.value("council");
    if (const auto access = arguments.value("access"))
        change.access = records::parseAccessLevel(*access);
    change.reference = arguments.value("reference");
    if (const auto date = arguments.value("date"))
        change.date = date->empty() ? std::optional<CalendarDate>() : CalendarDate::parse(*date);
    if (arguments.has("tag"))
        change.tags = arguments.all("tag");
    for (const std::string& field : arguments.all("field"))
        change.setFields.insert(parseField(field));
    change.removeFields = arguments.all("remove-field");
    if (arguments.has("body-file"))
        change.body = readTextFile(*arguments.value("body-file"));
    else if (arguments.has("body"))
        change.body = arguments.value("body");
    change.removeFiles = arguments.all("remove-file");
    change.reason = arguments.valueOr("reason", "");

    records::RecordStore store(dataDirectory(arguments));
    if (change.council) {
        const records::RecordType type = change.type.value_or(store.current(arguments.positional()[0]).type);
        change.council = affairs::CouncilResolver(store).resolveForRecord(type, *change.council);
    }
    change.addFiles = storeFiles(store, arguments.all("file"));
    const RecordVersion version
        = store.update(arguments.positional()[0], change, arguments.valueOr("author", commandLineAuthor()));
    printVersion(version, arguments.has("json"));
    return 0;
}

int runRecordShow(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kShowSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kShowSpec);
        return 0;
    }
    const records::RecordStore store(dataDirectory(arguments));
    const std::string& id = arguments.positional()[0];
    const auto number = arguments.value("version");
    printVersion(number ? store.version(id, parseVersionNumber(*number)) : store.current(id), arguments.has("json"));
    return 0;
}

int runRecordHistory(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kHistorySpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kHistorySpec);
        return 0;
    }
    const records::RecordStore store(dataDirectory(arguments));
    const auto versions = store.history(arguments.positional()[0]);
    if (arguments.has("json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const RecordVersion& version : versions)
            list.push_back(records::toDisplayJson(version));
        std::cout << nlohmann::json{{"id", arguments.positional()[0]}, {"versions", list}}.dump() << '\n';
        return 0;
    }
    for (const RecordVersion& version : versions)
        std::cout << version.version << '\t' << version.time << '\t' << version.author << '\t' << version.reason
                  << '\n';
    return 0;
}

int runRecordGetFile(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kGetFileSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kGetFileSpec);
        return 0;
    }
    const records::RecordStore store(dataDirectory(arguments));
    const std::string& id = arguments.positional()[0];
    const std::string& name = arguments.positional()[1];
    const auto number = arguments.value("version");
    const RecordVersion version = number ? store.version(id, parseVersionNumber(*number)) : store.current(id);

    const auto file = std::find_if(version.files.begin(), version.files.end(),
        [&](const records::FileRef& candidate) { return candidate.name == name; });
    if (file == version.files.end())
        throw Error(ErrorCode::not_found, "error.file_not_on_record",
            "record " + id + " version " + std::to_string(version.version) + " has no file named '" + name
                + "'; list its files with 'majlis record show " + id + "'");

    std::ifstream in(store.pathOf(*file), std::ios::binary);
    if (const auto output = arguments.value("output")) {
        std::ofstream out(*output, std::ios::binary);
        out << in.rdbuf();
        if (!out)
            throw Error(ErrorCode::storage_failure, "error.write_failed", "failed to write " + *output);
    } else {
        std::cout << in.rdbuf();
    }
    return 0;
}

} // namespace majlis::cli
