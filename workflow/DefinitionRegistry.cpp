#include "workflow/DefinitionRegistry.h"

#include "core/Error.h"
#include "core/Log.h"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <unistd.h>

namespace majlis::workflow {

namespace {

std::vector<std::filesystem::path> definitionFiles(const std::filesystem::path& folder)
{
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::is_directory(folder))
        return files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".xml")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

void syncPath(const std::filesystem::path& path, int flags)
{
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::storage_failure, "error.storage", "cannot open " + path.string() + " to sync it");
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0)
        throw Error(ErrorCode::storage_failure, "error.storage", "fsync of " + path.string() + " failed");
}

// Writes `bytes` to a temporary file, syncs it and renames it into place,
// so a crash leaves the old folder or the complete new file.
void writeDurably(const std::filesystem::path& target, std::string_view bytes)
{
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "." + string.
    std::string temporaryName = ".";
    temporaryName += target.filename().string();
    temporaryName += ".tmp";
    const auto temporary = target.parent_path() / temporaryName;
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            throw Error(ErrorCode::storage_failure, "error.storage", "cannot write " + temporary.string());
    }
    syncPath(temporary, O_RDONLY);
    std::filesystem::rename(temporary, target);
    syncPath(target.parent_path(), O_RDONLY | O_DIRECTORY);
}

using Versions = std::map<std::uint32_t, std::shared_ptr<const Definition>>;

// A version may join the loaded ones when its number is new (and, for an
// installed one, higher than all) and it applies to the same record type.
void checkAgainstLoaded(const Versions& versions, const Definition& definition, bool mustBeNewest)
{
    if (versions.empty())
        return;
    const std::string version = std::to_string(definition.version);
    const Definition& newest = *versions.rbegin()->second;
    if (const auto existing = versions.find(definition.version); existing != versions.end())
        throw Error(ErrorCode::conflict, "error.workflow_version_exists",
            definition.source + ": workflow '" + definition.id + "' version " + version + " is already loaded from "
                + existing->second->source + "; raise the version number",
            {{"workflow", definition.id}, {"version", version}});
    if (mustBeNewest && newest.version > definition.version)
        throw Error(ErrorCode::conflict, "error.workflow_not_newer",
            definition.source + ": workflow '" + definition.id + "' version " + version
                + " is older than the loaded version " + std::to_string(newest.version) + "; raise the version number",
            {{"workflow", definition.id}, {"version", version}});
    if (newest.recordType != definition.recordType)
        throw Error(ErrorCode::conflict, "error.workflow_record_type_changed",
            definition.source + ": workflow '" + definition.id + "' applies to "
                + std::string(records::toString(newest.recordType))
                + " records in its other versions; keep the record type or choose a new id",
            {{"workflow", definition.id}});
}

} // namespace

DefinitionRegistry::DefinitionRegistry(const std::filesystem::path& schemaFile,
    const std::filesystem::path& shippedFolder, const std::filesystem::path& installedFolder)
    : schema_(schemaFile)
    , installedFolder_(installedFolder)
{
    loadFolder(shippedFolder);
    loadFolder(installedFolder);
    std::size_t versions = 0;
    for (const auto& [id, byVersion] : definitions_)
        versions += byVersion.size();
    logger("workflow").information("loaded %z workflow definitions (%z versions) from %s and %s", definitions_.size(),
        versions, shippedFolder.string(), installedFolder.string());
}

std::filesystem::path DefinitionRegistry::installedFolderOf(const std::filesystem::path& dataDirectory)
{
    return dataDirectory / "workflows";
}

void DefinitionRegistry::loadFolder(const std::filesystem::path& folder)
{
    for (const auto& file : definitionFiles(folder))
        add(std::make_shared<const Definition>(loadDefinition(file, schema_)));
}

void DefinitionRegistry::add(std::shared_ptr<const Definition> definition)
{
    auto& versions = definitions_[definition->id];
    checkAgainstLoaded(versions, *definition, false);
    versions.emplace(definition->version, std::move(definition));
}

std::shared_ptr<const Definition> DefinitionRegistry::install(std::string_view xml, const std::string& sourceName)
{
    auto definition = std::make_shared<const Definition>(parseDefinition(xml, sourceName, schema_));

    std::unique_lock lock(mutex_);
    if (const auto known = definitions_.find(definition->id); known != definitions_.end())
        checkAgainstLoaded(known->second, *definition, true);

    std::filesystem::create_directories(installedFolder_);
    const auto target = installedFolder_ / (definition->id + ".v" + std::to_string(definition->version) + ".xml");
    writeDurably(target, xml);
    auto installed = std::make_shared<Definition>(*definition);
    installed->source = target.string();
    definitions_[installed->id].emplace(installed->version, installed);
    logger("workflow").information("installed workflow %s version %u from %s", installed->id, installed->version,
        sourceName);
    return installed;
}

bool DefinitionRegistry::isLoaded(const std::filesystem::path& file) const
{
    for (const auto& [id, versions] : definitions_)
        for (const auto& [number, definition] : versions)
            if (definition->source == file.string())
                return true;
    return false;
}

std::vector<std::shared_ptr<const Definition>> DefinitionRegistry::reload()
{
    std::unique_lock lock(mutex_);
    std::vector<std::shared_ptr<const Definition>> added;
    for (const auto& file : definitionFiles(installedFolder_))
        if (!isLoaded(file))
            added.push_back(std::make_shared<const Definition>(loadDefinition(file, schema_)));

    // Checked against the loaded versions and each other before any is added.
    auto merged = definitions_;
    for (const auto& definition : added) {
        auto& versions = merged[definition->id];
        checkAgainstLoaded(versions, *definition, false);
        versions.emplace(definition->version, definition);
    }
    definitions_ = std::move(merged);
    for (const auto& definition : added)
        logger("workflow").information("loaded workflow %s version %u from %s", definition->id, definition->version,
            definition->source);
    return added;
}

std::shared_ptr<const Definition> DefinitionRegistry::latest(const std::string& id) const
{
    std::shared_lock lock(mutex_);
    const auto found = definitions_.find(id);
    if (found == definitions_.end())
        throw Error(ErrorCode::not_found, "error.workflow_not_found",
            "no workflow definition '" + id + "' is loaded; check the id", {{"workflow", id}});
    return found->second.rbegin()->second;
}

std::shared_ptr<const Definition> DefinitionRegistry::find(const std::string& id, std::uint32_t version) const
{
    std::shared_lock lock(mutex_);
    const auto found = definitions_.find(id);
    if (found != definitions_.end())
        if (const auto exact = found->second.find(version); exact != found->second.end())
            return exact->second;
    throw Error(ErrorCode::not_found, "error.workflow_not_found",
        "workflow definition '" + id + "' version " + std::to_string(version)
            + " is not loaded; restore its file in the installed definitions folder",
        {{"workflow", id}, {"version", std::to_string(version)}});
}

std::vector<std::shared_ptr<const Definition>> DefinitionRegistry::latestAll() const
{
    std::shared_lock lock(mutex_);
    std::vector<std::shared_ptr<const Definition>> all;
    for (const auto& [id, versions] : definitions_)
        all.push_back(versions.rbegin()->second);
    return all;
}

std::filesystem::path defaultSchemasDirectory()
{
    if (const char* configured = std::getenv("MAJLIS_SCHEMAS_DIR"); configured && *configured)
        return configured;
    return MAJLIS_SCHEMAS_SOURCE_DIR;
}

std::filesystem::path defaultDefinitionsDirectory()
{
    if (const char* configured = std::getenv("MAJLIS_WORKFLOW_DIR"); configured && *configured)
        return configured;
    return MAJLIS_WORKFLOW_SOURCE_DIR;
}

} // namespace majlis::workflow
