"""Checks a GeoJSON file against the shape RFC 7946 asks for: a FeatureCollection of Features
with geometry Point at [longitude, latitude] in range, and object properties.
Usage: check_geojson.py FILE.geojson [EXPECTED_FEATURES]"""
import json
import sys


def main(path, expected=None):
    doc = json.load(open(path, encoding="utf-8"))
    assert doc.get("type") == "FeatureCollection", "not a FeatureCollection"
    assert isinstance(doc.get("features"), list), "features is not a list"
    assert "crs" not in doc, "RFC 7946 drops crs"
    for f in doc["features"]:
        assert f.get("type") == "Feature", f
        geom = f.get("geometry")
        assert geom and geom.get("type") == "Point", f
        lon, lat = geom["coordinates"]
        assert isinstance(lon, (int, float)) and isinstance(lat, (int, float))
        assert -180 <= lon <= 180 and -90 <= lat <= 90, (lon, lat)
        assert isinstance(f.get("properties"), dict), f
        assert isinstance(f["properties"].get("events"), list), f
    if expected is not None:
        assert len(doc["features"]) == int(expected), len(doc["features"])
    print("ok:", len(doc["features"]), "features")


if __name__ == "__main__":
    try:
        main(*sys.argv[1:])
    except (AssertionError, ValueError, KeyError) as e:
        print("geojson check failed:", e, file=sys.stderr)
        sys.exit(1)
