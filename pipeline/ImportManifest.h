#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace majlis::pipeline {

// The metadata a manifest gives one file; absent values fall back to the
// command's options and then to the defaults.
struct ManifestEntry {
    std::string file; // as written in the manifest: a path relative to the manifest, or a file name
    std::optional<std::string> title, type, council, date, reference, access, body;
    std::vector<std::string> tags;
    int line = 0;
};

// A JSON-lines (.jsonl, .json) or CSV (.csv, RFC 4180 with a header row)
// manifest. Columns or keys: file, title, type, council, date (Gregorian or
// Hijri), reference, access, tags (separated by ';' in CSV, an array in
// JSON), body. Throws invalid_argument naming the manifest and line.
class ImportManifest {
public:
    static ImportManifest load(const std::filesystem::path& path);

    // The entry for `file`: matched by its path relative to the manifest's
    // folder, then by its file name alone.
    const ManifestEntry* find(const std::filesystem::path& file) const;
    std::size_t size() const { return entries_.size(); }

private:
    std::filesystem::path folder_;
    std::vector<ManifestEntry> entries_;
    std::map<std::string, std::size_t> byPath_;
    std::map<std::string, std::size_t> byName_;
};

// Splits one CSV record into fields (quotes doubled inside quoted fields).
std::vector<std::string> splitCsvLine(const std::string& line);

} // namespace majlis::pipeline
