"""Thin command line: open the input, call one library function, write the output.

Only here does a ``TourmapError`` become a one-line ``tourmap: error: …`` and exit code 2.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tourmap.errors import InputError, TourmapError, brief

if TYPE_CHECKING:
    from tourmap.batch import ArticleResult
    from tourmap.model import Tour
    from tourmap.picture import Size

EXIT_OK = 0
EXIT_PARTIAL = 1  # a batch where some articles failed
EXIT_ERROR = 2


# marks that set the direction of what follows them: a terminal cannot isolate them as <bdi> does
_BIDI_MARKS = str.maketrans(
    dict.fromkeys([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
)


def _line(text: object) -> str:
    """A message for the terminal: one line, no control characters (a name from an article or a
    tour could otherwise carry an escape sequence that clears the screen or retitles the window)
    and no direction marks (a right-to-left override would reverse the rest of the line)."""
    from tourmap.display import clean

    return " ".join(clean(str(text)).translate(_BIDI_MARKS).split())


def _warn_line(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    print(f"tourmap: warning: {_line(message)}", file=sys.stderr)


def _check_outputs(source: Path | None, outputs: Sequence[Path]) -> None:
    """Refuse bad outputs before any work: the writer checks again, but only after the build."""
    from tourmap._atomic import check_target

    for out in outputs:
        check_target(out)  # a directory, a device, a pipe: never replaced
        if not out.parent.is_dir():
            raise InputError(f"output folder does not exist: {str(out.parent)!r}")
        if source is not None and out.exists() and out.resolve() == source.resolve():
            raise InputError(f"output {str(out)!r} would overwrite the input; choose another name")
    if len({o.resolve() for o in outputs}) != len(outputs):
        raise InputError("two outputs have the same file name")


def _picture_options(args: argparse.Namespace) -> tuple[Size | None, str | None]:
    """The PNG's size and Chromium, checked before any work; (None, None) without ``--png``."""
    from tourmap.picture import DEFAULT_SIZE, find_chromium, parse_size

    if args.cdn and args.offline:
        raise InputError("--cdn and --offline contradict each other; choose one")
    if args.png is None:
        for given, option in ((args.size, "--size"), (args.stop, "--stop"), (args.chromium, "--chromium")):
            if given is not None:
                raise InputError(f"{option} is for the picture: add --png OUT.png")
        return None, None
    return parse_size(args.size or DEFAULT_SIZE), find_chromium(args.chromium)


def _stop_number(text: str | None, tour: Tour) -> int | None:
    """``--stop N`` as a stop's 1-based number, refused (with the range) if the tour has no stop N."""
    if text is None:
        return None
    count = len(tour.stops)
    if not text.strip().isdigit() or not 1 <= int(text) <= count:
        raise InputError(f"--stop must be a stop number from 1 to {count}; got {brief(text)}")
    return int(text)


def cmd_build(args: argparse.Namespace) -> int:
    from tourmap.export import map_html, write_outputs
    from tourmap.pipeline import build_tour, make_map, open_gazetteer, read_source
    from tourmap.render import Basemap, MapOptions
    from tourmap.settings import Settings
    from tourmap.story import article_for

    settings = Settings.from_env()
    if args.online_geocoder:
        settings = replace(settings, online=True)
    source = Path(args.source) if args.source else settings.default_tour
    size, chromium = _picture_options(args)
    html_out = Path(args.output)
    outputs = [html_out] + [Path(p) for p in (args.geojson, args.png) if p]
    _check_outputs(source, outputs)
    gazetteer = open_gazetteer(settings)
    tour = read_source(source, gazetteer)
    stop = _stop_number(args.stop, tour)
    built = build_tour(tour, settings, gazetteer)
    # default: self-contained with tiles over the polygons; --offline: no tiles; --cdn: small file
    basemap: Basemap = "polygons" if args.offline else "tiles" if args.cdn else "tiles-over-polygons"
    article = article_for(source, tour)  # the story panel shows each stop's paragraph
    options = MapOptions(basemap=basemap, article=article)
    files: dict[Path, str | bytes] = {
        html_out: map_html(make_map(built, settings, options), offline=not args.cdn)
    }
    if args.geojson:
        from tourmap.export import geojson_text

        files[Path(args.geojson)] = geojson_text(built.tour, built.layers)
    if args.png:
        from tourmap.picture import map_png

        assert size is not None and chromium is not None  # set by _picture_options with --png
        page = make_map(built, settings, MapOptions(basemap="polygons", story=False))  # a still: no panel
        files[Path(args.png)] = map_png(map_html(page, offline=True), size=size, stop=stop, chromium=chromium)
    write_outputs(files)
    for path in files:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    print(f"{len(built.tour.stops)} stops: {_stop_list(built.tour)}; {len(built.tour.quotes)} quotes")
    return EXIT_OK


def _stop_list(tour: Tour, shown: int = 8) -> str:
    """'1. Mexico City, 2. Argentina, …' for the summary line: a few stops, each name cut short."""
    from tourmap.display import short

    def name(text: str) -> str:
        return short(_line(text), 40)

    listed = ", ".join(f"{i}. {name(s.name)}" for i, s in enumerate(tour.stops[:shown], 1))
    return listed + (f", … ({len(tour.stops) - shown} more)" if len(tour.stops) > shown else "")


def _progress(done: int, total: int, result: ArticleResult) -> None:
    """A bar that redraws itself on a terminal; one line per article when stderr is a file or pipe."""
    mark = "ok" if result.error is None else "FAILED"
    if not sys.stderr.isatty():
        print(f"[{done}/{total}] {result.source.name} {mark}", file=sys.stderr, flush=True)
        return
    width = 30
    filled = width * done // max(total, 1)
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {result.source.name[:40]:<40} {mark:<6}",
        end="\n" if done == total else "",
        file=sys.stderr,
        flush=True,
    )


def cmd_extract(args: argparse.Namespace) -> int:
    from tourmap._atomic import atomic_write_text
    from tourmap.batch import articles_in, draft_from_file, extract_folder
    from tourmap.gazetteer import Gazetteer
    from tourmap.tourfile import TOUR_SUFFIXES, dumps_tour

    source = Path(args.source)
    if source.suffix.lower() in TOUR_SUFFIXES and not source.is_dir():
        raise InputError(
            f"{str(source)!r} is a tour file, not an article; to map it use: tourmap build {_arg(source)}"
        )
    if source.is_dir():
        if not args.output:
            raise InputError("extracting a folder needs -o OUTDIR for the drafts")
        out_dir = Path(args.output)
        if out_dir.exists() and not out_dir.is_dir():
            raise InputError(f"-o {str(out_dir)!r} is a file; give a folder for the drafts")
        if not articles_in(source):
            raise InputError(f"no .txt articles in {str(source)!r}")
        Gazetteer.open().close()  # build the index once here, not in every worker
        results = extract_folder(
            source, out_dir, fmt="json" if args.json else "yaml", workers=args.workers, progress=_progress
        )
        failed = [r for r in results if r.error]
        print(f"{len(results) - len(failed)} of {len(results)} drafts written to {out_dir}")
        for r in results:
            for note in r.warnings:
                print(f"tourmap: warning: {_line(r.source.name)}: {_line(note)}", file=sys.stderr)
        for r in failed:
            print(f"tourmap: failed: {_line(r.source.name)}: {_line(r.error)}", file=sys.stderr)
        return EXIT_PARTIAL if failed else EXIT_OK

    output = Path(args.output) if args.output else None
    if output is not None:
        _check_outputs(source, [output])
    tour, notes = draft_from_file(source, gazetteer=Gazetteer.open())
    for note in notes:
        print(f"tourmap: warning: {_line(note)}", file=sys.stderr)
    fmt = "json" if args.json or (output is not None and output.suffix.lower() == ".json") else "yaml"
    text = dumps_tour(tour, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(output, text)
        print(f"wrote {output}: {len(tour.stops)} stops, {len(tour.quotes)} quotes (a draft: check it)")
    return EXIT_OK


def _arg(path: Path) -> str:
    """A path as a shell argument to copy, or its repr when it holds what a terminal would mangle."""
    text = str(path)
    return shlex.quote(text) if text.isprintable() else repr(text)


def cmd_validate(args: argparse.Namespace) -> int:
    from tourmap.pipeline import read_source

    tour = read_source(Path(args.source))
    print(
        f"ok: {brief(tour.title)}: {len(tour.stops)} stops, {len(tour.places)} places, "
        f"{len(tour.borders)} borders, {len(tour.quotes)} quotes"
    )
    return EXIT_OK


def cmd_geocode(args: argparse.Namespace) -> int:
    from tourmap.errors import GeocodeError
    from tourmap.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    codes = [c.strip() for c in args.country.split(",")] if args.country else None
    loc = gaz.geocode(args.name, country_codes=codes)
    if loc is None:
        hints = gaz.suggest(args.name)
        hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
        raise GeocodeError(f"{args.name!r} not found in the GeoNames gazetteer{hint}")
    print(f"{loc.address}\t{loc.latitude:.5f}\t{loc.longitude:.5f}")
    return EXIT_OK


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from tourmap.gazetteer import build_index, default_index_path

    path = default_index_path()
    if path.exists() and not args.rebuild:
        print(f"gazetteer index ready: {path}")
        return EXIT_OK
    path.parent.mkdir(parents=True, exist_ok=True)
    build_index(path)
    print(f"built gazetteer index: {path} ({path.stat().st_size:,} bytes)")
    return EXIT_OK


class _Version(argparse.Action):
    """``--version`` from the package metadata, read only when asked (it costs ~80 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, p: argparse.ArgumentParser, *args: object) -> None:
        from tourmap import version

        print(f"tourmap {version()}")
        p.exit()


def cmd_app(args: argparse.Namespace) -> int:
    import importlib.util
    import os

    if any(importlib.util.find_spec(m) is None for m in ("streamlit", "streamlit_folium")):
        raise InputError("the dashboard needs the app extra: pip install 'tourmap[app]'")
    _check_free(args.address or "", args.port)  # before warming, which takes a second or two
    if args.offline:
        os.environ["TOURMAP_OFFLINE"] = "1"
    from tourmap.serve import main as serve

    options = ["--server.port", str(args.port)]
    if args.address:
        options += ["--server.address", args.address]
    serve(options)
    return EXIT_OK


def _check_free(address: str, port: int) -> None:
    """Streamlit would warm, then log "Port N is not available" and exit 1: say it at once."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind((address, port))
        except OSError as err:
            where = f"{address}:{port}" if address else f"port {port}"
            raise InputError(
                f"cannot serve on {where}: {err.strerror or err}; choose another with --port"
            ) from None


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 1 to 65535, instead got: {brief(text)}")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tourmap",
        description="Turn a news story about a journey into a map people can explore.",
    )
    p.add_argument("--version", action=_Version, help="show the installed version and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="geocode a tour file and write its map (HTML) and optionally GeoJSON and a PNG",
        description=(
            "Geocode a tour file and write its map as one self-contained HTML file (it works without "
            "network; OpenStreetMap tiles show over the country polygons when the network answers), "
            "optionally also as GeoJSON and as a PNG picture."
        ),
    )
    b.add_argument(
        "source", nargs="?", help="tour file (.yaml/.json) or article (.txt); default: the Tillerson tour"
    )
    b.add_argument("-o", "--output", default="map.html", help="HTML file to write (default: map.html)")
    b.add_argument(
        "--offline",
        action="store_true",
        help="self-contained and no tiles: the page never asks the network for anything",
    )
    b.add_argument(
        "--cdn",
        action="store_true",
        help="a small file that loads Leaflet and the tiles from the network (blank without it)",
    )
    b.add_argument("--geojson", metavar="OUT.geojson", help="also write a GeoJSON FeatureCollection")
    b.add_argument("--png", metavar="OUT.png", help="also write a picture of the map (headless Chromium)")
    b.add_argument(
        "--size", metavar="WxH", help="the picture's size in pixels (default: 1200x800; each side 300-4000)"
    )
    b.add_argument("--stop", metavar="N", help="the picture shows stop N's popup open (1 = the first stop)")
    b.add_argument("--chromium", metavar="PATH", help="the Chromium for --png (default: chromium on PATH)")
    b.add_argument(
        "--online-geocoder",
        action="store_true",
        help="ask Nominatim (OpenStreetMap) first, 1 request/s, cached on disk; GeoNames as fallback",
    )
    b.set_defaults(func=cmd_build)

    x = sub.add_parser(
        "extract",
        help="draft a tour file from a news article (or a folder of them)",
        description=(
            "Draft a tour file from an English news article: stops in visiting order, quotes with "
            "their speakers, places, borders. The draft is for a person to check and correct."
        ),
    )
    x.add_argument("source", help="article (.txt), or a folder of .txt articles")
    x.add_argument("-o", "--output", help="tour file to write (.yaml/.json); a folder for a folder")
    x.add_argument("--json", action="store_true", help="JSON instead of YAML (on stdout without -o)")
    x.add_argument("--workers", type=int, default=None, help="processes for a folder (default: all cores)")
    x.set_defaults(func=cmd_extract)

    v = sub.add_parser(
        "validate", help="check a tour file against the contract", description="Check a tour file."
    )
    v.add_argument("source", help="tour file (.yaml/.json)")
    v.set_defaults(func=cmd_validate)

    g = sub.add_parser(
        "geocode",
        help="look a name up in the offline GeoNames gazetteer",
        description="Look a place name up in the offline GeoNames gazetteer.",
    )
    g.add_argument("name", help="place or country name, e.g. 'Kingston' or 'Peru'")
    g.add_argument("--country", help="ISO alpha-2 codes that give context, e.g. JM or JM,CA")
    g.set_defaults(func=cmd_geocode)

    z = sub.add_parser(
        "gazetteer",
        help="build the gazetteer index once (make setup does this)",
        description="Build the compact GeoNames index in the cache folder.",
    )
    z.add_argument("--rebuild", action="store_true", help="rebuild even if the index exists")
    z.set_defaults(func=cmd_gazetteer)

    a = sub.add_parser(
        "app",
        help="open the dashboard (needs: pip install 'tourmap[app]')",
        description="Serve the dashboard on the Tillerson tour; stop it with Ctrl+C.",
    )
    a.add_argument("--port", type=_port, default=8501, help="the port to serve on (default: 8501)")
    a.add_argument("--address", help="the address to listen on (default: every interface)")
    a.add_argument(
        "--offline", action="store_true", help="no request off the machine: offline basemap, no tiles"
    )
    a.set_defaults(func=cmd_app)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    warnings.showwarning = _warn_line
    try:
        return func(args)
    except TourmapError as err:
        print(f"tourmap: error: {_line(err)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("tourmap: interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"tourmap: error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
