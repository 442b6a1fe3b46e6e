#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <string>
#include <string_view>

namespace majlis::web {

// A language the portal is written in, with what HTML and ICU need of it.
struct Language {
    std::string code;      // "ar", the catalogue's file name and the lang attribute
    std::string direction; // "rtl" or "ltr"
    // ICU locale for numbers, plurals and dates. Arabic uses Latin digits
    // (numbers=latn): decision numbers and Hijri dates then read the same on
    // the page, in the records and in what users type into the search box.
    std::string icuLocale;
};

const Language& arabic();
const Language& english();
// The language with this code, or nullptr.
const Language* findLanguage(std::string_view code);

// The language of a page: ?lang= first (so a URL can be shared), then the
// `lang` cookie set by an earlier choice, then Accept-Language, then Arabic.
struct LanguageChoice {
    const Language* language = nullptr;
    bool fromQuery = false; // the caller then remembers it in the cookie
};

LanguageChoice chooseLanguage(const Poco::Net::HTTPServerRequest& request);

// The preferred language among Arabic and English of an Accept-Language
// value (RFC 9110 quality values), or nullptr when it names neither.
const Language* languageFromAcceptLanguage(std::string_view header);

} // namespace majlis::web
