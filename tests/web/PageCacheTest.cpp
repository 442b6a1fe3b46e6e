#include "web/PageCache.h"

#include <boost/test/unit_test.hpp>

using majlis::web::PageCache;

namespace {

std::shared_ptr<const std::string> page(const std::string& html)
{
    return std::make_shared<const std::string>(html);
}

} // namespace

BOOST_AUTO_TEST_SUITE(page_cache)

BOOST_AUTO_TEST_CASE(hit_needs_same_generation)
{
    PageCache cache;
    cache.store("ar /", "7 g1@3", page("<p>one</p>"));
    const auto hit = cache.find("ar /", "7 g1@3");
    BOOST_REQUIRE(hit);
    BOOST_TEST(*hit == "<p>one</p>");
    BOOST_TEST(!cache.find("ar /", "8 g1@3"));
    BOOST_TEST(!cache.find("ar /", "7 g1@4"));
    BOOST_TEST(!cache.find("en /", "7 g1@3"));
}

BOOST_AUTO_TEST_CASE(store_replaces_older_generation)
{
    PageCache cache;
    cache.store("ar /", "1", page("old"));
    cache.store("ar /", "2", page("new"));
    BOOST_TEST(!cache.find("ar /", "1"));
    BOOST_REQUIRE(cache.find("ar /", "2"));
    BOOST_TEST(*cache.find("ar /", "2") == "new");
}

BOOST_AUTO_TEST_CASE(full_cache_empties_for_new_key)
{
    PageCache cache(2);
    cache.store("a", "1", page("a"));
    cache.store("b", "1", page("b"));
    cache.store("b", "2", page("b2")); // a known key does not empty it
    BOOST_TEST(cache.find("a", "1"));
    cache.store("c", "1", page("c"));
    BOOST_TEST(!cache.find("a", "1"));
    BOOST_TEST(!cache.find("b", "2"));
    BOOST_TEST(cache.find("c", "1"));
}

BOOST_AUTO_TEST_CASE(full_cache_empties_past_max_bytes)
{
    PageCache cache(100, 40);
    cache.store("a", "1", page(std::string(20, 'a')));
    BOOST_TEST(cache.find("a", "1"));
    cache.store("b", "1", page(std::string(20, 'b'))); // 44 bytes with the first
    BOOST_TEST(!cache.find("a", "1"));
    BOOST_TEST(cache.find("b", "1"));
    cache.store("c", "1", page(std::string(50, 'c'))); // larger than the cache
    BOOST_TEST(!cache.find("c", "1"));
    BOOST_TEST(cache.find("b", "1"));
}

BOOST_AUTO_TEST_SUITE_END()
