from ui_helpers import commune_document
from gismap.core.join import join_table
from gismap.core.tables import read_table
from gismap.ui.tasks import run_in_background

def test_probe(qtbot):
    document, layer = commune_document("37")
    out = []
    run_in_background(lambda c: read_table('/tmp/x/r.csv'), on_done=out.append, on_error=out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=20000)
    run_in_background(lambda c: join_table(layer.data.frame, out[0], column_overrides={'Số trạm phát':'bts_4g'}), on_done=out.append, on_error=out.append)
    qtbot.waitUntil(lambda: len(out) == 2, timeout=20000)
