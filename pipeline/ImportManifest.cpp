#include "pipeline/ImportManifest.h"

#include "core/Error.h"
#include "core/Utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace majlis::pipeline {

namespace {

Error manifestError(const std::filesystem::path& path, int line, const std::string& reason)
{
    return Error(ErrorCode::invalid_argument, "error.invalid_manifest",
        path.string() + ":" + std::to_string(line) + ": " + reason, {{"file", path.string()}, {"line", std::to_string(line)}});
}

std::vector<std::string> splitTags(const std::string& text)
{
    std::vector<std::string> tags;
    std::string current;
    for (char c : text + ";") {
        if (c != ';') {
            current.push_back(c);
            continue;
        }
        const std::string tag = trimWhitespace(current);
        if (!tag.empty())
            tags.push_back(tag);
        current.clear();
    }
    return tags;
}

void setField(ManifestEntry& entry, const std::string& key, const std::string& value, bool fromCsv)
{
    if (key == "file")
        entry.file = value;
    else if (key == "title")
        entry.title = value;
    else if (key == "type")
        entry.type = value;
    else if (key == "council")
        entry.council = value;
    else if (key == "date")
        entry.date = value;
    else if (key == "reference")
        entry.reference = value;
    else if (key == "access")
        entry.access = value;
    else if (key == "body")
        entry.body = value;
    else if (key == "tags" && fromCsv)
        entry.tags = splitTags(value);
}

ManifestEntry entryFromJson(const std::filesystem::path& path, int line, const std::string& text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw manifestError(path, line, "not a JSON object; write one object per line");
    ManifestEntry entry;
    entry.line = line;
    for (const auto& [key, value] : json.items()) {
        if (key == "tags" && value.is_array()) {
            for (const auto& tag : value)
                if (tag.is_string())
                    entry.tags.push_back(tag.get<std::string>());
        } else if (value.is_string()) {
            setField(entry, key, value.get<std::string>(), false);
        } else if (!value.is_null()) {
            setField(entry, key, value.dump(), false);
        }
    }
    return entry;
}

} // namespace

std::vector<std::string> splitCsvLine(const std::string& line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back().push_back(c);
        }
    }
    return fields;
}

ImportManifest ImportManifest::load(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::not_found, "error.file_not_found", "cannot read manifest " + path.string() + "; check the path");

    ImportManifest manifest;
    manifest.folder_ = path.parent_path();
    const bool csv = path.extension() == ".csv";
    std::vector<std::string> header;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.starts_with("\xEF\xBB\xBF"))
            line.erase(0, 3); // a byte order mark from spreadsheet exports
        if (!isValidUtf8(line))
            throw manifestError(path, number, "the line is not valid UTF-8; save the manifest as UTF-8");
        if (trimWhitespace(line).empty())
            continue;

        ManifestEntry entry;
        if (csv) {
            // A quoted field may span lines.
            while (std::count(line.begin(), line.end(), '"') % 2 == 1) {
                std::string next;
                if (!std::getline(in, next))
                    throw manifestError(path, number, "a quoted field is not closed");
                line += "\n" + next;
            }
            const auto fields = splitCsvLine(line);
            if (header.empty()) {
                header = fields;
                for (auto& name : header)
                    name = trimWhitespace(name);
                continue;
            }
            entry.line = number;
            for (std::size_t i = 0; i < fields.size() && i < header.size(); ++i)
                setField(entry, header[i], trimWhitespace(fields[i]), true);
        } else {
            entry = entryFromJson(path, number, line);
        }
        if (entry.file.empty())
            throw manifestError(path, number, "the entry has no 'file'");

        const std::size_t index = manifest.entries_.size();
        manifest.byPath_[std::filesystem::path(entry.file).lexically_normal().string()] = index;
        manifest.byName_[std::filesystem::path(entry.file).filename().string()] = index;
        manifest.entries_.push_back(std::move(entry));
    }
    return manifest;
}

const ManifestEntry* ImportManifest::find(const std::filesystem::path& file) const
{
    std::error_code error;
    const auto relative = std::filesystem::relative(file, folder_.empty() ? "." : folder_, error);
    if (!error) {
        if (const auto found = byPath_.find(relative.lexically_normal().string()); found != byPath_.end())
            return &entries_[found->second];
    }
    if (const auto found = byName_.find(file.filename().string()); found != byName_.end())
        return &entries_[found->second];
    return nullptr;
}

} // namespace majlis::pipeline
