"""Application start-up: command-line options, the map to open (the province asked at first
start, see :mod:`gismap.ui.province_dialog`), screenshots."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gismap.core.document import MapDocument, default_document
from gismap.core.errors import GismapError


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gismap", description="GISMap desktop app")
    parser.add_argument("--lang", choices=["vi", "en"], help="interface language (default: system)")
    parser.add_argument("--presentation", action="store_true", help="start in presentation mode")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="render the window offscreen to a PNG and exit")
    parser.add_argument("--size", metavar="WxH",
                        help="window size (default: as the window was last closed, else 1280x800 within the screen)")
    parser.add_argument("--verbose", action="store_true", help="write what GISMap does to stderr (always in its log)")
    parser.add_argument("project", nargs="?", type=Path, help="a .gismap project to open")
    args = parser.parse_args(argv)
    if args.size is not None:
        try:
            width, height = (int(v) for v in args.size.lower().split("x"))
        except ValueError:
            parser.error(f"--size {args.size!r}: expected WIDTHxHEIGHT, e.g. 1600x1000")
        args.size = (width, height)
    return args


def tune_interpreter() -> None:
    """The render thread's Python loop and the GUI thread share the GIL; a 1 ms switch interval
    (default 5 ms) keeps event-loop stalls during pan and zoom well under 50 ms (bench_gui)."""
    sys.setswitchinterval(0.001)


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen plugin chatter

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gismap.ui import failures
    from gismap.ui.i18n import chosen_language, install_language
    from gismap.ui.main_window import MainWindow

    tune_interpreter()
    from gismap.core import logs

    logs.configure(verbose=args.verbose)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("GISMap")
    app.setOrganizationName("GISMap")
    install_language(chosen_language(args.lang))

    try:
        document = start_document(args)
    except GismapError as exc:
        print(f"gismap: {exc}", file=sys.stderr)
        return 2
    window = MainWindow(document)
    failures.install(window)
    if args.screenshot or args.size is not None:
        window.resize(*(args.size or DEFAULT_SIZE))
    elif not window.restored_geometry:
        window.resize(*fitted_size(DEFAULT_SIZE, app.primaryScreen()))
    if args.project is not None and not args.screenshot:
        # A project that does not open has said why in a message; the window stays, on the sample map.
        window.projects.open_project(args.project)

    if args.screenshot:
        return screenshot(window, window.document, args.screenshot, args.presentation)
    window.show()
    window.load_layers()
    window.layer_panel.select_styled_layer()
    if args.presentation:
        QTimer.singleShot(0, window.present)
    if args.project is None:
        QTimer.singleShot(0, window.projects.offer_recovery)
    return app.exec()


DEFAULT_SIZE = (1280, 800)


def fitted_size(size: tuple[int, int], screen) -> tuple[int, int]:
    """``size`` cut to the screen's free area (the default 1280x800 is taller than a 1366x768 laptop's)."""
    free = screen.availableGeometry() if screen is not None else None
    return size if free is None else (min(size[0], free.width()), min(size[1], free.height()))


def start_document(args: argparse.Namespace) -> MapDocument:
    """The project of a screenshot (opened without dialogs: nobody is there to answer them); the
    sample map for a screenshot without one or before opening a project in the window; otherwise
    the province chosen at first start (asked once, then remembered)."""
    if args.screenshot and args.project is not None:
        from gismap.core.project import open_whole_project

        return open_whole_project(args.project)
    if args.screenshot or args.project is not None:
        return default_document()
    from PySide6.QtCore import QSettings

    from gismap.ui.province_dialog import ProvinceDialog, map_document, start_choice

    return map_document(start_choice(QSettings(), ProvinceDialog.ask))


def screenshot(window, document: MapDocument, target: Path, presentation: bool = False) -> int:
    """Load everything, draw one settled frame and save the window (or presentation) as a PNG."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication, QLayout

    from gismap.ui.presentation import PresentationView

    from gismap.core.atomic import atomic_path
    from gismap.core.errors import GismapError
    from gismap.core.inputs import refuse_overwriting

    try:
        refuse_overwriting([target], document.input_files())
    except GismapError as exc:
        print(f"gismap: {exc}", file=sys.stderr)
        return 2
    initial_extent = document.extent
    document.load_all()
    # The size asked for wins over the panels' preferred minimum sizes.
    window.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(1, 1)
    window.show()
    window.resize(window.size())
    QApplication.processEvents()
    window.layer_panel.select_styled_layer()
    # Settle the layout first: the canvas size decides the viewport.
    for _ in range(3):
        QApplication.processEvents()
    if initial_extent is not None:
        window.canvas.zoom_to(initial_extent, margin=0)
    else:
        window.canvas.zoom_full()
    window.canvas.render_now()
    QApplication.processEvents()
    if presentation:
        image = PresentationView(document, map_layer=window.layer_panel.current_layer()).render_to_image(
            QSize(window.width(), window.height()))
    else:
        image = window.grab()
    window.canvas.shutdown()
    with atomic_path(target) as tmp:
        if not image.save(str(tmp), "PNG"):
            print(f"gismap: could not write {target}", file=sys.stderr)
            return 1
    print(f"wrote {target}")
    return 0
