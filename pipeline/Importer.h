#pragma once

#include "pipeline/ImportManifest.h"
#include "records/RecordStore.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace majlis::pipeline {

// Defaults for every imported file, from the command line.
struct ImportDefaults {
    std::string type = "document";
    std::string council;
    std::string access = "internal";
    std::string author;
    // Turns a manifest's council into a council code, throwing for text that
    // names no council; null keeps it as given.
    std::function<std::string(const std::string&)> councilCode;
};

// The outcome of importing one file.
struct ImportedFile {
    std::filesystem::path file;
    std::string id;       // empty when no record could be stored
    std::string error;    // why the file failed, when it did
    bool alreadyImported = false; // an earlier import made the record `id`
    std::vector<std::string> sha256s;
};

// Lists the files under `paths` (folders recursively, hidden files and the
// manifest itself skipped) in a stable order.
// Files whose name matches one of `excludes` (shell patterns such as
// "*.gt.txt", matched with fnmatch against the file name) are skipped too.
std::vector<std::filesystem::path> collectImportFiles(const std::vector<std::filesystem::path>& paths,
    const std::optional<std::filesystem::path>& manifestPath, const std::vector<std::string>& excludes = {});

// Stores one record per file with the manifest's metadata over the
// defaults; the title is the file name without its extension unless the
// manifest gives one. A file already imported (the same content under the
// same name in a record's current version) is reported with that record
// and not stored again. A file whose metadata is invalid is reported and
// the others go on.
std::vector<ImportedFile> importFiles(records::RecordStore& store, const std::vector<std::filesystem::path>& files,
    const ImportDefaults& defaults, const ImportManifest* manifest);

} // namespace majlis::pipeline
