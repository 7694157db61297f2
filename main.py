"""Start the GISMap desktop app: `python main.py [--lang vi|en] [--presentation]
[--screenshot FILE.png] [--size WxH] [PROJECT.gismap]`."""

import sys

from gismap.ui.app import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
