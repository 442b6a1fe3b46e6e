#define BOOST_TEST_MODULE records
#include <boost/test/unit_test.hpp>
