#define BOOST_TEST_MODULE notify
#include <boost/test/unit_test.hpp>
