"""Build `world-110m.json` (the world map's country outlines) from Natural Earth data.

Run by `bin/build_world_map`, which fetches the npm packages `world-atlas` (Natural
Earth's 1:110m countries as TopoJSON, ids ISO 3166-1 numeric) and
`i18n-iso-countries` (its `codes.json`: alpha-2, alpha-3 and numeric code of every
country), then calls

    python visits/data/world_map_build.py countries-110m.json codes.json world-110m.json

Standard library only, so it runs without the project installed. The output maps
each ISO alpha-2 code (as our database keeps countries) to an SVG path already
projected (Equal Earth) into the map's view box, so the app draws the map without
any geometry of its own. Shapes without a numeric id (Kosovo, Northern Cyprus,
Somaliland in Natural Earth) take the alpha-2 code whose English name in our
`countries*.csv` is the shape's name, else stay without a code (drawn, never
coloured). Antarctica is left out: it is never visited by a head of state in our
records and takes a fifth of the height.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTH = 960
LEFT_OUT = {"AQ"}  # Antarctica
# Equal Earth's polynomial coefficients (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth x, y (y up) for degrees of longitude and latitude.

    >>> equal_earth(0, 0)
    (0.0, 0.0)
    """
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (longitude, latitude) points, undoing the delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    """A ring's points from its arc indexes (~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def cut_at_antimeridian(points):
    """The ring cut where it crosses longitude ±180 into pieces that stay on one side,
    each closed along the meridian, so no stroke runs across the whole map."""
    pieces, piece = [], [points[0]]
    for (lon0, lat0), (lon1, lat1) in zip(points, points[1:], strict=False):
        if abs(lon1 - lon0) > 180:
            edge = 180 if lon0 > 0 else -180
            # Latitude where the segment meets the meridian, interpolating across it.
            far = lon1 + (360 if lon0 > 0 else -360)
            share = (edge - lon0) / (far - lon0) if far != lon0 else 0
            lat = lat0 + (lat1 - lat0) * share
            piece.append((edge, lat))
            pieces.append(piece)
            piece = [(-edge, lat)]
        piece.append((lon1, lat1))
    pieces.append(piece)
    if len(pieces) > 1:
        pieces[0] = pieces.pop() + pieces[0]
    return pieces


def path_of(rings, project) -> str:
    """An SVG path per ring: a move to the first point, then relative lines between
    whole-unit points (the map is 960 units wide), repeated points dropped."""
    out = []
    for ring in rings:
        for piece in cut_at_antimeridian(ring):
            points = []
            for lon, lat in piece:
                xy = project(lon, lat)
                if not points or xy != points[-1]:
                    points.append(xy)
            if len(points) < 3:
                continue
            steps = [
                f"{x1 - x0} {y1 - y0}"
                for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)
            ]
            out.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
    return "".join(out)


def codes_by_numeric(codes_json: list) -> dict[str, str]:
    """ISO numeric ("704") to alpha-2 ("VN"), from i18n-iso-countries' codes.json."""
    return {numeric: alpha2 for alpha2, _alpha3, numeric, *_ in codes_json}


def codes_by_name() -> dict[str, str]:
    """English name to alpha-2 from our reference files, for shapes without an id."""
    names = {}
    for name in ("countries.csv", "countries-extra.csv"):
        with open(HERE / name, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names[row["name_en"]] = row["code"]
    return names


def build(topology: dict, codes_json: list) -> dict:
    """The map: its view box size and, per shape, the code, Natural Earth's name and path."""
    arcs = decode_arcs(topology)
    numeric, by_name = codes_by_numeric(codes_json), codes_by_name()
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = numeric.get(geometry.get("id", ""), "") or by_name.get(name, "")
        if code in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        shapes.append({"code": code, "name": name, "rings": rings})
    projected = [equal_earth(lon, lat) for s in shapes for r in s["rings"] for lon, lat in r]
    # The full width of the projection (±180°), the height of what is drawn.
    x_max = equal_earth(180, 0)[0]
    y_top = max(y for _, y in projected)
    y_bottom = min(y for _, y in projected)
    scale = WIDTH / (2 * x_max)
    height = round((y_top - y_bottom) * scale) + 2

    def project(lon, lat):
        x, y = equal_earth(lon, lat)
        return round((x + x_max) * scale), round((y_top - y) * scale + 1)

    out = [
        {"code": s["code"], "name": s["name"], "d": path_of(s["rings"], project)} for s in shapes
    ]
    out.sort(key=lambda s: (s["code"] or "~", s["name"]))
    return {
        "source": "Natural Earth 1:110m countries (public domain), via world-atlas 2.0.2",
        "projection": "Equal Earth",
        # x = (X + x_max) * scale, y = (y_top - Y) * scale + 1 for Equal Earth's X, Y.
        "scale": scale,
        "x_max": x_max,
        "y_top": y_top,
        "width": WIDTH,
        "height": height,
        "shapes": out,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    codes_json = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    data = build(topology, codes_json)
    Path(argv[2]).write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    coded = sum(1 for s in data["shapes"] if s["code"])
    sys.stdout.write(f"{len(data['shapes'])} shapes, {coded} with an ISO code -> {argv[2]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
