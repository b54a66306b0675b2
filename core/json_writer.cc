#include "core/json_writer.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace chronicle {
namespace {

std::string_view kind_name(Mention::Kind k) {
  switch (k) {
    case Mention::Kind::Name:
      return "NAM";
    case Mention::Kind::Nominal:
      return "NOM";
    case Mention::Kind::Pronoun:
      return "PRO";
  }
  return "NAM";
}

template <class Writer>
class AnalysisWriter {
 public:
  AnalysisWriter(const Analysis& a, Writer& w) : a_(a), w_(w) {}

  void write() {
    w_.StartObject();
    key("document");
    document();
    if (!a_.warnings.empty()) {
      key("warnings");
      w_.StartArray();
      for (const auto& s : a_.warnings) str(s);
      w_.EndArray();
    }
    key("entities");
    entities();
    key("times");
    times();
    key("events");
    events();
    key("sentences");
    sentences();
    w_.EndObject();
  }

 private:
  void key(std::string_view k) { w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }
  void str(std::string_view s) { w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
  void kv(std::string_view k, std::string_view v) {
    key(k);
    str(v);
  }
  void span(Span s) {
    key("start");
    w_.Uint(s.start);
    key("end");
    w_.Uint(s.end);
  }

  void document() {
    const Document& d = a_.doc;
    w_.StartObject();
    kv("id", d.id);
    kv("title", d.title);
    key("dct");
    if (d.dct) {
      str(d.dct->timex());
    } else {
      w_.Null();
    }
    if (!d.dct_origin.empty()) kv("dct_origin", d.dct_origin);
    kv("source", d.source);
    if (!d.metadata.empty()) {
      key("metadata");
      w_.StartObject();
      for (const auto& [k, v] : d.metadata) kv(k, v);
      w_.EndObject();
    }
    w_.EndObject();
  }

  void entities() {
    w_.StartArray();
    for (const Entity& e : a_.entities) {
      w_.StartObject();
      kv("id", e.id);
      kv("type", e.type);
      kv("name", e.name);
      key("aliases");
      w_.StartArray();
      for (const auto& s : e.aliases) str(s);
      w_.EndArray();
      if (!e.kb_id.empty()) kv("kb_id", e.kb_id);
      if (!e.country.empty()) kv("country", e.country);
      if (e.latitude && e.longitude) {
        key("latitude");
        w_.Double(*e.latitude);
        key("longitude");
        w_.Double(*e.longitude);
      }
      if (!e.codes.empty()) {
        key("codes");
        w_.StartArray();
        for (const auto& c : e.codes) str(c);
        w_.EndArray();
      }
      if (e.part_of >= 0 && static_cast<std::size_t>(e.part_of) < a_.entities.size())
        kv("part_of", a_.entities[e.part_of].id);
      key("mentions");
      w_.StartArray();
      for (int mi : e.mentions) {
        if (mi < 0 || static_cast<std::size_t>(mi) >= a_.mentions.size()) continue;
        const Mention& m = a_.mentions[mi];
        w_.StartObject();
        span(m.span);
        kv("text", a_.text(m.span));
        kv("kind", kind_name(m.kind));
        if (!m.role.empty()) kv("role", m.role);
        w_.EndObject();
      }
      w_.EndArray();
      w_.EndObject();
    }
    w_.EndArray();
  }

  void times() {
    w_.StartArray();
    for (const TimeExpr& t : a_.times) {
      w_.StartObject();
      kv("id", t.id);
      kv("text", a_.text(t.span));
      kv("type", t.type);
      kv("value", t.value);
      if (!t.end.empty()) kv("end_value", t.end);
      if (!t.mod.empty()) kv("mod", t.mod);
      if (!t.anchor.empty()) kv("anchor", t.anchor);
      span(t.span);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void entity_ids(const Event& ev, std::string_view role) {
    w_.StartArray();
    for (const Argument& arg : ev.arguments) {
      if (arg.role != role || arg.entity < 0 || static_cast<std::size_t>(arg.entity) >= a_.entities.size())
        continue;
      str(a_.entities[arg.entity].id);
    }
    w_.EndArray();
  }

  void events() {
    w_.StartArray();
    for (const Event& ev : a_.events) {
      w_.StartObject();
      kv("id", ev.id);
      kv("trigger", a_.text(ev.span));
      kv("lemma", ev.lemma);
      kv("type", ev.type);
      if (!ev.cameo.empty()) {
        kv("cameo", ev.cameo);
        kv("cameo_root", std::string_view(ev.cameo).substr(0, 2));
        key("goldstein");
        w_.Double(ev.goldstein);
        key("quad_class");
        w_.Int(ev.quad_class);
      }
      if (!ev.timeml_class.empty()) kv("class", ev.timeml_class);
      key("agents");
      entity_ids(ev, "agent");
      key("patients");
      entity_ids(ev, "patient");
      key("locations");
      entity_ids(ev, "location");
      key("arguments");
      w_.StartArray();
      for (const Argument& arg : ev.arguments) {
        if (arg.entity < 0 || static_cast<std::size_t>(arg.entity) >= a_.entities.size()) continue;
        w_.StartObject();
        kv("role", arg.role);
        kv("entity", a_.entities[arg.entity].id);
        if (arg.mention >= 0 && static_cast<std::size_t>(arg.mention) < a_.mentions.size())
          kv("text", a_.text(a_.mentions[arg.mention].span));
        w_.EndObject();
      }
      w_.EndArray();
      key("time");
      time_of(ev);
      key("polarity");
      str(ev.negated ? "negative" : "positive");
      if (!ev.modality.empty()) kv("modality", ev.modality);
      if (ev.source >= 0 && static_cast<std::size_t>(ev.source) < a_.entities.size())
        kv("source", a_.entities[ev.source].id);
      key("sentence");
      w_.Uint(ev.sentence);
      span(ev.span);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void time_of(const Event& ev) {
    const bool has_time = ev.time >= 0 && static_cast<std::size_t>(ev.time) < a_.times.size();
    if (!has_time && ev.time_value.empty()) {
      w_.Null();
      return;
    }
    w_.StartObject();
    if (has_time) kv("id", a_.times[ev.time].id);
    kv("value",
       !ev.time_value.empty() ? std::string_view(ev.time_value) : std::string_view(a_.times[ev.time].value));
    if (has_time && !a_.times[ev.time].end.empty()) kv("end_value", a_.times[ev.time].end);
    if (!ev.time_value.empty()) {
      key("derived");
      w_.Bool(true);
    }
    if (ev.time_from_dct) {
      key("from_dct");
      w_.Bool(true);
    }
    w_.EndObject();
  }

  void sentences() {
    w_.StartArray();
    for (const Sentence& s : a_.sentences) {
      w_.StartObject();
      span(s.span);
      key("tokens");
      w_.Uint(s.size());
      w_.EndObject();
    }
    w_.EndArray();
  }

  const Analysis& a_;
  Writer& w_;
};

}  // namespace

std::string analysis_to_json(const Analysis& a, bool pretty) {
  rapidjson::StringBuffer buf;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    AnalysisWriter(a, w).write();
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    AnalysisWriter(a, w).write();
  }
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace chronicle
