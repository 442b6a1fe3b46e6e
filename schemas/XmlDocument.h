#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace majlis::schemas {

// A parsed XML document from outside the system. Parsing never reads a
// file or the network on the document's behalf and never expands entities:
// a document with a DOCTYPE is rejected before its declarations are read,
// which stops external entities (XXE) and entity expansion bombs alike.
class XmlDocument {
public:
    static constexpr std::size_t kMaxBytes = std::size_t(16) << 20;

    // Throws invalid_argument naming `sourceName`, the line and the reason.
    static XmlDocument parse(std::string_view bytes, const std::string& sourceName);

    xmlDoc* get() const { return document_.get(); }
    xmlNode* root() const { return xmlDocGetRootElement(document_.get()); }
    const std::string& sourceName() const { return sourceName_; }

private:
    struct Deleter {
        void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
    };

    XmlDocument(xmlDoc* document, std::string sourceName)
        : document_(document)
        , sourceName_(std::move(sourceName))
    {
    }

    std::unique_ptr<xmlDoc, Deleter> document_;
    std::string sourceName_;
};

} // namespace majlis::schemas
