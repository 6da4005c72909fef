"""Build the dashboard's offline base layer: Natural Earth country outlines as GeoJSON.

    npm pack world-atlas@2.0.2
    .venv/bin/python scripts/build_outlines.py world-atlas-2.0.2.tgz

world-atlas ships the outlines as TopoJSON (quantized, delta-encoded arcs shared between
neighbours). Leaflet reads GeoJSON, so the arcs are decoded here once, and the browser needs
no TopoJSON decoder. Writes countries-110m.geojson and the package's LICENSE into
src/ceasefire/show/static/vendor/world-atlas/.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parents[1] / "src/ceasefire/show/static/vendor/world-atlas"
TOPOLOGY = "package/countries-110m.json"
LICENSE = "package/LICENSE"
# Three decimals (about 100 m) is far finer than the 1:110m outlines themselves.
DECIMALS = 3

Point = list[float]
Ring = list[Point]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as absolute longitude/latitude points (the file stores quantized deltas)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for encoded in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in encoded:
            x, y = x + dx, y + dy
            points.append(
                [round(x * scale_x + shift_x, DECIMALS), round(y * scale_y + shift_y, DECIMALS)]
            )
        arcs.append(points)
    return arcs


def stitch_ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """One closed ring from its arcs; a negative index ~i means arc i walked backwards."""
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        ring.extend(points[1:] if ring else points)
    return ring


def to_feature(geometry: dict[str, Any], arcs: list[Ring]) -> dict[str, Any]:
    """A TopoJSON polygon or multipolygon as a GeoJSON feature with the country's name."""
    kind = geometry["type"]
    if kind == "Polygon":
        coordinates: Any = [stitch_ring(ring, arcs) for ring in geometry["arcs"]]
    elif kind == "MultiPolygon":
        coordinates = [
            [stitch_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]
        ]
    else:
        raise ValueError(f"unexpected geometry type {kind!r} for {geometry.get('id')!r}")
    return {
        "type": "Feature",
        "id": geometry.get("id"),
        "properties": {"name": geometry.get("properties", {}).get("name")},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def outlines(topology: dict[str, Any]) -> dict[str, Any]:
    """The topology's countries as a GeoJSON feature collection."""
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    return {
        "type": "FeatureCollection",
        "features": [to_feature(country, arcs) for country in countries if country.get("arcs")],
    }


def main(arguments: list[str]) -> int:
    """Read the world-atlas tarball named on the command line and write the vendored files."""
    if len(arguments) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with tarfile.open(arguments[0]) as package:
        topology = json.load(_member(package, TOPOLOGY))
        license_text = _member(package, LICENSE).read().decode("utf-8")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    collection = outlines(topology)
    target = OUTPUT / "countries-110m.geojson"
    target.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    (OUTPUT / "LICENSE").write_text(license_text, encoding="utf-8")
    print(f"wrote {target} ({len(collection['features'])} countries)")
    return 0


def _member(package: tarfile.TarFile, name: str) -> Any:
    found = package.extractfile(name)
    if found is None:
        raise SystemExit(f"error: {name} is not a file in the tarball")
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
