#include "graph/participation.h"

#include <doctest/doctest.h>

namespace chronicle {
namespace {

constexpr std::uint32_t kAgent = 0, kPatient = 1, kWith = 2;
constexpr std::uint32_t A = 0, B = 1, C = 2, D = 3;  // entities; events are numbered from 5

Participation make(std::size_t nodes, std::vector<Participation::Triple> links) {
  return Participation::from_triples(nodes, std::move(links), {"agent", "patient", "with"});
}

std::string letter(std::uint32_t v) { return std::string(1, static_cast<char>('A' + v)); }

}  // namespace

TEST_CASE("participation: links both ways, degrees count distinct events") {
  // Event 5: A agent, B patient; event 6: A agent and also "with" (two roles, one event).
  Participation p = make(7, {{5, A, kAgent}, {5, B, kPatient}, {6, A, kAgent}, {6, A, kWith}});
  CHECK(p.size() == 7);
  CHECK(p.links_of(A) == 3);
  CHECK(p.links_of(5) == 2);
  CHECK(p.is_event[5] == 1);
  CHECK(p.is_event[A] == 0);
  auto degree = event_degrees(p);
  CHECK(degree[A] == 2);
  CHECK(degree[B] == 1);
  CHECK(degree[5] == 0);
}

TEST_CASE("participation: shortest connections, every tie in key order") {
  // A -5- B -7- C, and A -6- B (a second shared event); D alone in event 8.
  Participation p = make(9, {{5, A, kAgent},
                             {5, B, kPatient},
                             {6, A, kAgent},
                             {6, B, kWith},
                             {7, B, kAgent},
                             {7, C, kPatient},
                             {8, D, kAgent}});
  auto key = [](std::uint32_t v) { return letter(v); };
  auto cs = shortest_connections(p, A, C, 5, key);
  REQUIRE(cs.size() == 2);  // through event 5 or event 6
  CHECK(cs[0].size() == 5);
  CHECK(cs[0][1].first == 5);
  CHECK(cs[1][1].first == 6);
  // Each step carries the role joining it to the step before.
  CHECK(cs[0][0] == std::pair<std::uint32_t, std::string>{A, ""});
  CHECK(cs[0][1].second == "agent");    // A is agent of 5
  CHECK(cs[0][2].second == "patient");  // B is patient of 5
  CHECK(cs[1][2].second == "with");
  CHECK(cs[0].back() == std::pair<std::uint32_t, std::string>{C, "patient"});
  CHECK(shortest_connections(p, A, C, 1, key).size() == 1);
  // Two roles in one event make one connection, not two.
  Participation q = make(7, {{5, A, kAgent}, {5, A, kWith}, {5, B, kPatient}});
  auto one = shortest_connections(q, A, B, 5, key);
  REQUIRE(one.size() == 1);
  CHECK(one[0][1].second == "agent/with");
  CHECK(shortest_connections(p, A, D, 5, key).empty());  // no connection
  CHECK(shortest_connections(p, A, A, 5, key).empty());
}

TEST_CASE("participation: betweenness counts each shared event as its own connection") {
  // A and B share two events (5, 6), B and C one (7), A and D one (8), D and C one (9).
  Participation p = make(10, {{5, A, kAgent},
                              {5, B, kPatient},
                              {6, A, kAgent},
                              {6, B, kPatient},
                              {7, B, kAgent},
                              {7, C, kPatient},
                              {8, A, kAgent},
                              {8, D, kPatient},
                              {9, D, kAgent},
                              {9, C, kPatient}});
  auto bc = entity_betweenness(p, {A, B, C, D});
  REQUIRE(bc.size() == 4);
  // Of the three shortest A-C connections two pass B, one D; of the three B-D ones two pass A, one C.
  CHECK(bc[B] == doctest::Approx(2.0 / 3));
  CHECK(bc[D] == doctest::Approx(1.0 / 3));
  CHECK(bc[A] == doctest::Approx(2.0 / 3));
  CHECK(bc[C] == doctest::Approx(1.0 / 3));
  // Without D, A-C only through B.
  auto without_d = entity_betweenness(p, {A, B, C});
  CHECK(without_d[B] == doctest::Approx(1.0));
  CHECK(without_d[A] == doctest::Approx(0.0));
}

}  // namespace chronicle
