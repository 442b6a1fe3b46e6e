#pragma once

#include "schemas/XmlSchema.h"
#include "workflow/Definition.h"

#include <filesystem>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace majlis::workflow {

// Every loaded version of every workflow definition. New items start with
// the newest version of a definition; an item in flight names the version
// it started with (wf_version) and keeps it, so all versions stay loaded.
// Safe to use from many threads.
class DefinitionRegistry {
public:
    // `schemaFile` is schemas/workflow.xsd; `shippedFolder` holds the
    // definitions that come with the program; `installedFolder` (under the
    // data directory) those an administrator added later. Every file in
    // both is loaded; the first bad one throws with its file, line and reason.
    DefinitionRegistry(const std::filesystem::path& schemaFile, const std::filesystem::path& shippedFolder,
        const std::filesystem::path& installedFolder);

    // Checks a new version of a definition and, when it passes, writes it
    // into the installed folder (atomically, by rename) and makes it the
    // version new items start with. Nothing changes when it fails: the
    // error names the file, line and reason, or a conflict (not newer than
    // the loaded version, a different record type).
    std::shared_ptr<const Definition> install(std::string_view xml, const std::string& sourceName);

    // Loads the files of the installed folder that are not loaded yet, such
    // as one another process wrote there. All of them are checked before
    // any is added: one bad file throws with its file, line and reason, and
    // nothing changes. Returns the versions added.
    std::vector<std::shared_ptr<const Definition>> reload();

    // The newest version of `id`; throws not_found naming the id.
    std::shared_ptr<const Definition> latest(const std::string& id) const;
    // A given version of `id`; throws not_found naming both.
    std::shared_ptr<const Definition> find(const std::string& id, std::uint32_t version) const;
    // The newest version of each definition, in id order.
    std::vector<std::shared_ptr<const Definition>> latestAll() const;

    const schemas::XmlSchema& schema() const { return schema_; }

    // The folder under the data directory for installed definitions.
    static std::filesystem::path installedFolderOf(const std::filesystem::path& dataDirectory);

private:
    void loadFolder(const std::filesystem::path& folder);
    bool isLoaded(const std::filesystem::path& file) const;
    void add(std::shared_ptr<const Definition> definition);

    schemas::XmlSchema schema_;
    std::filesystem::path installedFolder_;
    mutable std::shared_mutex mutex_;
    std::map<std::string, std::map<std::uint32_t, std::shared_ptr<const Definition>>> definitions_;
};

// The folder of schemas/*.xsd and of the shipped workflow definitions:
// $MAJLIS_SCHEMAS_DIR and $MAJLIS_WORKFLOW_DIR when set, else the source
// tree's folders recorded at build time.
// TODO: install these files with the package, as for the web folder.
std::filesystem::path defaultSchemasDirectory();
std::filesystem::path defaultDefinitionsDirectory();

} // namespace majlis::workflow
