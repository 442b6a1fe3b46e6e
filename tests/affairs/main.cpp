#define BOOST_TEST_MODULE affairs
#include <boost/test/unit_test.hpp>
