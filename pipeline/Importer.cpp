#include "pipeline/Importer.h"

#include "core/Error.h"
#include "core/Log.h"

#include <algorithm>
#include <fnmatch.h>

namespace majlis::pipeline {

namespace {

bool isHidden(const std::filesystem::path& path)
{
    const std::string name = path.filename().string();
    return name.starts_with(".");
}

records::NewRecord recordFor(const std::filesystem::path& file, const ImportDefaults& defaults, const ManifestEntry* entry)
{
    const auto pick = [&](const std::optional<std::string> ManifestEntry::*member, const std::string& fallback) {
        return entry && (entry->*member) ? *(entry->*member) : fallback;
    };
    records::NewRecord record;
    record.type = records::parseRecordType(pick(&ManifestEntry::type, defaults.type));
    record.title = pick(&ManifestEntry::title, file.stem().string());
    record.council = pick(&ManifestEntry::council, defaults.council);
    if (defaults.councilCode && entry && entry->council)
        record.council = defaults.councilCode(record.council);
    record.access = records::parseAccessLevel(pick(&ManifestEntry::access, defaults.access));
    record.reference = pick(&ManifestEntry::reference, "");
    record.body = pick(&ManifestEntry::body, "");
    if (const std::string date = pick(&ManifestEntry::date, ""); !date.empty())
        record.date = CalendarDate::parse(date);
    if (entry)
        record.tags = entry->tags;
    return record;
}

// A record whose current version already has this file under this name.
std::optional<std::string> alreadyImported(const records::RecordStore& store, const records::FileRef& file)
{
    for (const std::string& id : store.recordsWithFile(file.sha256)) {
        const auto current = store.find(id);
        if (!current)
            continue;
        for (const auto& existing : current->files)
            if (existing.sha256 == file.sha256 && existing.name == file.name)
                return id;
    }
    return std::nullopt;
}

} // namespace

std::vector<std::filesystem::path> collectImportFiles(const std::vector<std::filesystem::path>& paths,
    const std::optional<std::filesystem::path>& manifestPath, const std::vector<std::string>& excludes)
{
    std::vector<std::filesystem::path> files;
    const auto excluded = [&](const std::filesystem::path& file) {
        const std::string name = file.filename().string();
        return std::any_of(excludes.begin(), excludes.end(),
            [&](const std::string& pattern) { return fnmatch(pattern.c_str(), name.c_str(), 0) == 0; });
    };
    const auto skip = [&](const std::filesystem::path& file) {
        std::error_code error;
        return isHidden(file) || excluded(file)
            || (manifestPath && std::filesystem::equivalent(file, *manifestPath, error));
    };
    for (const auto& path : paths) {
        if (std::filesystem::is_directory(path)) {
            std::vector<std::filesystem::path> found;
            for (const auto& entry : std::filesystem::recursive_directory_iterator(
                     path, std::filesystem::directory_options::skip_permission_denied))
                if (entry.is_regular_file() && !skip(entry.path()))
                    found.push_back(entry.path());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (std::filesystem::is_regular_file(path)) {
            if (!excluded(path))
                files.push_back(path);
        } else {
            throw Error(ErrorCode::not_found, "error.file_not_found",
                "'" + path.string() + "' is not a file or folder; check the path", {{"path", path.string()}});
        }
    }
    return files;
}

std::vector<ImportedFile> importFiles(records::RecordStore& store, const std::vector<std::filesystem::path>& files,
    const ImportDefaults& defaults, const ImportManifest* manifest)
{
    std::vector<ImportedFile> imported;
    for (const auto& file : files) {
        ImportedFile result;
        result.file = file;
        try {
            records::NewRecord record = recordFor(file, defaults, manifest ? manifest->find(file) : nullptr);
            const auto stored = store.storeFile(file, file.filename().string());
            result.sha256s.push_back(stored.sha256);
            // Running an import again (after an interruption, say) must not
            // duplicate the records it already made.
            if (const auto existing = alreadyImported(store, stored)) {
                result.id = *existing;
                result.alreadyImported = true;
                imported.push_back(std::move(result));
                continue;
            }
            record.files.push_back(stored);
            result.id = store.create(record, defaults.author, "imported from " + file.filename().string()).id;
        } catch (const Error& error) {
            result.error = error.what();
            logger("pipeline").warning("import of a file failed: %s", std::string(error.what()));
        }
        imported.push_back(std::move(result));
    }
    return imported;
}

} // namespace majlis::pipeline
