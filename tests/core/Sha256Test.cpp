#include "core/Sha256.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(sha256)

BOOST_AUTO_TEST_CASE(known_vectors)
{
    BOOST_TEST(majlis::Sha256::hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(majlis::Sha256::hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(incremental_equals_whole)
{
    majlis::Sha256 hasher;
    hasher.update("a");
    hasher.update("bc");
    BOOST_TEST(hasher.finishHex() == majlis::Sha256::hex("abc"));
}

BOOST_AUTO_TEST_CASE(hex_form_check)
{
    BOOST_TEST(majlis::isSha256Hex(majlis::Sha256::hex("x")));
    BOOST_TEST(!majlis::isSha256Hex("../../etc/passwd"));
    BOOST_TEST(!majlis::isSha256Hex(std::string(64, 'G')));
}

BOOST_AUTO_TEST_SUITE_END()
