#include "core/xml.h"

#include <doctest/doctest.h>

using namespace chronicle;

TEST_CASE("xml: text keeps quotes, attributes escape them, control characters become spaces") {
  const std::string s = "Tom's \"A&B\" <x>\x01\tend\n";
  CHECK(xml_escaped(s, XmlContext::Text) == "Tom's \"A&amp;B\" &lt;x&gt; \tend\n");
  CHECK(xml_escaped(s, XmlContext::Attribute) == "Tom&apos;s &quot;A&amp;B&quot; &lt;x&gt; \tend\n");
  std::string out = "<a>";
  append_xml_escaped(out, "\xC3\xA9t\xC3\xA9", XmlContext::Text);  // UTF-8 passes through unchanged
  CHECK(out == "<a>\xC3\xA9t\xC3\xA9");
}
