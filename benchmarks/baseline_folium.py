"""Baseline for bench_build.py: what a person would hand-write in folium for the same map.

Five numbered markers with popups, the route as a polyline and a border line, all from
hard-coded coordinates; no geocoding, no files read. Usage: baseline_folium.py OUT.html
"""

from __future__ import annotations

import sys

import folium

STOPS = [
    ("Mexico City", 19.42847, -99.12766, "Rex Tillerson: “We’ve created … a different approach …”"),
    ("Buenos Aires", -34.61315, -58.37723, "Upcoming"),
    ("Lima", -12.04318, -77.02824, "Upcoming"),
    ("Bogotá", 4.60971, -74.08175, "Upcoming"),
    ("Kingston", 17.99702, -76.79358, "Upcoming"),
]
BORDER = [
    (32.53, -117.12),
    (32.72, -114.72),
    (32.49, -114.81),
    (31.33, -111.07),
    (31.33, -108.21),
    (31.78, -108.21),
    (31.78, -106.53),
    (29.76, -104.45),
    (29.05, -103.16),
    (29.76, -102.37),
    (27.5, -99.5),
    (26.06, -97.9),
    (25.96, -97.15),
]


def main(out: str) -> None:
    m = folium.Map(location=[5, -80], zoom_start=3)
    for i, (name, lat, lon, text) in enumerate(STOPS, start=1):
        folium.Marker(
            [lat, lon],
            popup=folium.Popup(f"<b>{i}. {name}</b><br>{text}", max_width=300),
            icon=folium.DivIcon(html=f"<div>{i}</div>"),
        ).add_to(m)
    folium.PolyLine([(lat, lon) for _, lat, lon, _ in STOPS], color="navy").add_to(m)
    folium.PolyLine(BORDER, color="orange", weight=4).add_to(m)
    m.save(out)


if __name__ == "__main__":
    main(sys.argv[1])
