#include "web/Multipart.h"

#include "core/Error.h"
#include "core/Utf8.h"
#include "web/ContentDisposition.h"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NetException.h>

namespace majlis::web {

namespace {

std::string boundaryOf(const std::string& contentType)
{
    std::string mediaType;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(contentType, mediaType, params);
    if (Poco::icompare(mediaType, "multipart/form-data") != 0 || !params.has("boundary"))
        throw Error(ErrorCode::unsupported_media_type, "error.expected_multipart",
            "expected Content-Type multipart/form-data with a boundary, got '" + contentType + "'");

    // RFC 2046 allows 1 to 70 characters. Poco asserts a non-empty boundary
    // (an exception that would become a 500), so an empty one is rejected here.
    const std::string boundary = params.get("boundary");
    if (boundary.empty() || boundary.size() > 70)
        throw Error(ErrorCode::invalid_argument, "error.malformed_multipart",
            "invalid multipart boundary in Content-Type '" + contentType + "': use 1 to 70 characters");
    return boundary;
}

std::string readField(std::istream& in, const std::string& name, std::size_t maxBytes)
{
    std::string value;
    char buffer[8192];
    while (in) {
        in.read(buffer, sizeof buffer);
        value.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (value.size() > maxBytes)
            throw Error(ErrorCode::payload_too_large, "error.field_too_large",
                "form field '" + name + "' is larger than " + std::to_string(maxBytes) + " bytes", {{"field", name}});
    }
    requireCleanText("form field " + name, value, true);
    return value;
}

} // namespace

std::optional<std::string> MultipartForm::field(const std::string& name) const
{
    const auto found = fields.find(name);
    if (found == fields.end() || found->second.empty())
        return std::nullopt;
    return found->second.back();
}

MultipartForm readMultipartForm(std::istream& body, const std::string& contentType, const FileSink& storeFile,
    const MultipartLimits& limits)
{
    Poco::Net::MultipartReader reader(body, boundaryOf(contentType));
    MultipartForm form;
    std::size_t parts = 0;
    try {
        while (reader.hasNextPart()) {
            if (++parts > limits.maxParts)
                throw Error(ErrorCode::payload_too_large, "error.too_many_parts",
                    "the form has more than " + std::to_string(limits.maxParts) + " parts",
                    {{"limit", std::to_string(limits.maxParts)}});
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            const ContentDisposition disposition = parseContentDisposition(header.get("Content-Disposition", ""));
            const std::string name = disposition.params.contains("name") ? disposition.params.at("name") : "";
            const std::string fileName = disposition.fileName();
            if (disposition.params.contains("filename") || disposition.params.contains("filename*"))
                form.files.push_back(storeFile(reader.stream(), fileName));
            else
                form.fields[name].push_back(readField(reader.stream(), name, limits.maxFieldBytes));
        }
    } catch (const Poco::Net::MultipartException& error) {
        throw Error(ErrorCode::invalid_argument, "error.malformed_multipart",
            "malformed multipart body: " + error.message());
    } catch (const Poco::Net::MessageException& error) {
        throw Error(ErrorCode::invalid_argument, "error.malformed_multipart",
            "malformed multipart part header: " + error.message());
    }
    return form;
}

} // namespace majlis::web
