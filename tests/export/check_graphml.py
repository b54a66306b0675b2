"""Reads a Chronicle GraphML export with networkx (the consumer) and checks that every declared
attribute comes back on every node and edge with its declared type. Exit 0 when it holds.
Usage: check_graphml.py FILE.graphml"""
import math
import sys
import xml.etree.ElementTree as ET

import networkx as nx

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
TYPES = {"string": str, "int": int, "long": int, "double": float, "float": float, "boolean": bool}


def main(path):
    g = nx.read_graphml(path)
    root = ET.parse(path).getroot()
    keys = {"node": {}, "edge": {}}
    for key in root.findall("g:key", NS):
        name = key.get("attr.name")
        if name is None:  # yEd graphics keys carry no attribute
            continue
        keys[key.get("for")][name] = TYPES[key.get("attr.type")]
    assert keys["node"] and keys["edge"], "no keys declared"
    # Strings that are empty may be dropped by networkx 2.8; everything else must be there.
    empty = {}
    for el in root.iter("{%s}data" % NS["g"]):
        if not (el.text or ""):
            empty.setdefault(el.get("key"), 0)
    key_ids = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", NS)}
    empty_names = {key_ids[k] for k in empty}
    assert g.number_of_nodes() > 0, "no nodes"
    for what, items in (("node", g.nodes(data=True)), ("edge", [(u, v, d) for u, v, d in g.edges(data=True)])):
        for item in items:
            data = item[-1]
            for name, typ in keys[what].items():
                if name not in data:
                    assert typ is str and name in empty_names, f"{what} {item[:-1]} lacks {name}"
                    continue
                assert isinstance(data[name], typ), f"{what} {item[:-1]}: {name}={data[name]!r} not {typ.__name__}"
    nodes = dict(g.nodes(data=True))
    if "p:city" in nodes:  # the test fixture
        assert abs(nodes["p:city"]["latitude"] - 36.2) < 1e-9 and abs(nodes["p:city"]["longitude"] - 37.15) < 1e-9
        assert math.isnan(nodes["p:hall"]["latitude"])
        assert nodes["v:1"]["quad_class"] == 4 and nodes["v:1"]["negated"] is False
        assert nodes["a:kaar"]["aliases"] == "Kaar; President Kaar"
        assert nodes["a:kaar"]["codes"] == "XYZGOV"
        assert nodes["v:4"]["time_end"] == "2000"
    print(f"ok: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, networkx {nx.__version__}")


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except AssertionError as e:
        print("graphml check failed:", e, file=sys.stderr)
        sys.exit(1)
