#include "web/Language.h"

#include "web/Cookies.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

namespace majlis::web {

const Language& arabic()
{
    static const Language language{"ar", "rtl", "ar_SA@numbers=latn"};
    return language;
}

const Language& english()
{
    static const Language language{"en", "ltr", "en_GB"};
    return language;
}

const Language* findLanguage(std::string_view code)
{
    if (code == "ar")
        return &arabic();
    if (code == "en")
        return &english();
    return nullptr;
}

const Language* languageFromAcceptLanguage(std::string_view header)
{
    const Language* best = nullptr;
    double bestQuality = 0;
    const Poco::StringTokenizer ranges(std::string(header), ",", Poco::StringTokenizer::TOK_TRIM);
    for (const std::string& range : ranges) {
        const Poco::StringTokenizer parts(range, ";", Poco::StringTokenizer::TOK_TRIM);
        if (parts.count() == 0)
            continue;
        const std::string tag = Poco::toLower(parts[0]);
        double quality = 1;
        for (std::size_t i = 1; i < parts.count(); ++i)
            if (parts[i].starts_with("q=") && !Poco::NumberParser::tryParseFloat(parts[i].substr(2), quality))
                quality = 0;
        const Language* language = findLanguage(tag.substr(0, tag.find('-')));
        if (language && quality > bestQuality) {
            best = language;
            bestQuality = quality;
        }
    }
    return best;
}

LanguageChoice chooseLanguage(const Poco::Net::HTTPServerRequest& request)
{
    for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters())
        if (name == "lang")
            if (const Language* language = findLanguage(value))
                return {language, true};

    if (const auto cookie = cookieValue(request, "lang"))
        if (const Language* language = findLanguage(*cookie))
            return {language, false};

    if (const Language* language = languageFromAcceptLanguage(request.get("Accept-Language", "")))
        return {language, false};
    return {&arabic(), false};
}

} // namespace majlis::web
