#pragma once

#include "schemas/XmlDocument.h"

#include <libxml/xmlschemas.h>

#include <filesystem>
#include <memory>
#include <string>

namespace majlis::schemas {

// A compiled XSD that checks documents crossing the system's boundary.
class XmlSchema {
public:
    // Loads and compiles the schema; throws naming the schema file and line.
    explicit XmlSchema(const std::filesystem::path& xsd);

    // Throws invalid_argument with the document's name, the line and the
    // reason of the first violation.
    void validate(const XmlDocument& document) const;

private:
    struct Deleter {
        void operator()(xmlSchema* schema) const { xmlSchemaFree(schema); }
    };
    std::unique_ptr<xmlSchema, Deleter> schema_;
    std::string name_;
};

} // namespace majlis::schemas
