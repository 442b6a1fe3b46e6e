#include "core/Error.h"
#include "tests/support/HttpClient.h"
#include "tests/support/TempDir.h"
#include "web/ClientAddress.h"
#include "web/Service.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using web::ClientAddressResolver;

namespace {

// A server whose peer, 127.0.0.1, is trusted or not as a reverse proxy.
struct ProxiedServer {
    test::TempDir dir;
    std::unique_ptr<web::Service> service;

    explicit ProxiedServer(std::vector<std::string> trustedProxies)
    {
        web::ServerOptions options;
        options.port = 0;
        options.threads = 4;
        options.trustedProxies = std::move(trustedProxies);
        service = std::make_unique<web::Service>(dir.path(), options);
        service->start();
    }

    int meStatus(const std::string& forwardedFor, const std::string& password)
    {
        return test::httpRequest(service->port(), "GET", "/api/v1/me",
            {{"X-Forwarded-For", forwardedFor}, {"Authorization", test::basicAuthorization("admin", password)}})
            .status;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(client_address)

BOOST_AUTO_TEST_CASE(resolver_walks_forwarded_for_from_right)
{
    const ClientAddressResolver resolver({"127.0.0.1", "10.0.0.2"});
    struct Case {
        std::string peer;
        std::string forwardedFor;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"127.0.0.1", "", "127.0.0.1"},                             // no header: the proxy itself
        {"127.0.0.1", "203.0.113.5", "203.0.113.5"},                // one hop
        {"127.0.0.1", "198.51.100.1, 203.0.113.5", "203.0.113.5"},  // the client's own entry is not believed
        {"127.0.0.1", "203.0.113.5, 10.0.0.2", "203.0.113.5"},      // a second trusted proxy is skipped
        {"127.0.0.1", "203.0.113.5,10.0.0.2 ", "203.0.113.5"},      // spacing varies
        {"127.0.0.1", "2001:db8::7", "2001:db8::7"},                // IPv6
        {"127.0.0.1", "203.0.113.5, not-an-address", "127.0.0.1"}, // a forged entry ends the walk
        {"127.0.0.1", "not-an-address, 10.0.0.2", "10.0.0.2"},
        {"127.0.0.1", "10.0.0.2", "10.0.0.2"},                      // only proxies: the leftmost proxy
        {"192.0.2.9", "203.0.113.5", "192.0.2.9"},                  // an untrusted peer's header is ignored
    };
    for (const Case& item : cases) {
        BOOST_TEST_CONTEXT(item.peer << " with X-Forwarded-For '" << item.forwardedFor << "'")
        {
            BOOST_TEST(resolver.resolve(item.peer, item.forwardedFor) == item.expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(resolver_without_proxies_uses_peer)
{
    const ClientAddressResolver resolver;
    BOOST_TEST(!resolver.trusted("127.0.0.1"));
    BOOST_TEST(resolver.resolve("127.0.0.1", "203.0.113.5") == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(invalid_trusted_proxy_rejected)
{
    try {
        ClientAddressResolver resolver({"127.0.0.1", "proxy.local"});
        BOOST_FAIL("a host name was accepted as a trusted proxy");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::invalid_argument);
        BOOST_TEST(std::string(error.what()).find("'proxy.local'") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(throttle_counts_forwarded_clients_apart)
{
    ProxiedServer server({"127.0.0.1"});
    const std::string password = *server.service->createdAdminPassword();
    for (int attempt = 0; attempt < 5; ++attempt)
        BOOST_TEST(server.meStatus("203.0.113.5", "wrong-Guess-123") == 401);
    BOOST_TEST(server.meStatus("203.0.113.5", password) == 429);
    // Another citizen behind the same proxy is not blocked by the first one's guesses.
    BOOST_TEST(server.meStatus("203.0.113.6", password) == 200);
}

BOOST_AUTO_TEST_CASE(forwarded_for_ignored_without_trusted_proxy)
{
    ProxiedServer server({});
    const std::string password = *server.service->createdAdminPassword();
    for (int attempt = 0; attempt < 5; ++attempt)
        BOOST_TEST(server.meStatus("203.0.113." + std::to_string(attempt), "wrong-Guess-123") == 401);
    // A client cannot escape the throttle by writing its own header.
    BOOST_TEST(server.meStatus("203.0.113.99", password) == 429);
}

BOOST_AUTO_TEST_SUITE_END()
