"""Classification: breaks equal mapclassify's, legend counts, categories, no data, number style, ramps."""

from __future__ import annotations

import subprocess
import sys
import warnings

import mapclassify
import numpy as np
import pandas as pd
import pytest

from gismap.core.classify import CATEGORICAL, OKABE_ITO, classify, format_number, hex_to_rgba, ramp
from gismap.core.document import Style
from gismap.core.errors import GismapError
from gismap.core.layers import read_layer
from gismap.core.paths import shapefiles_dir

REFERENCE = {
    "quantiles": lambda y, k: mapclassify.Quantiles(y, k=k),
    "equal_interval": lambda y, k: mapclassify.EqualInterval(y, k=k),
    "natural_breaks": lambda y, k: mapclassify.FisherJenks(y, k=k),
    "std_mean": lambda y, k: mapclassify.StdMean(y),
    "pretty": lambda y, k: mapclassify.PrettyBreaks(y, k=k),
}


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    """The 129 communes of province 37 (real areas), with some population gaps."""
    frame = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    frame["population"] = (frame["area_km2"] * 997).round()
    frame.loc[[3, 40, 41], "population"] = np.nan
    return frame


@pytest.mark.parametrize("scheme", sorted(REFERENCE))
@pytest.mark.parametrize("k", [2, 5, 9])
def test_breaks_and_classes_equal_mapclassify(communes, scheme, k):
    values = communes["area_km2"].to_numpy()
    classes = classify(communes, Style(column="area_km2", scheme=scheme, k=k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # mapclassify warns when ties collapse classes
        reference = REFERENCE[scheme](values, k)
    np.testing.assert_array_equal(classes.bins, reference.bins)
    np.testing.assert_array_equal(classes.class_of, reference.yb)


@pytest.mark.parametrize("scheme", ["quantiles", "equal_interval", "std_mean", "pretty"])
@pytest.mark.parametrize("k", [3, 7])
def test_breaks_equal_mapclassify_on_ties_small_and_skewed_values(communes, scheme, k):
    """Whole numbers with many ties (quantiles collapse), a handful of values, and a long tail."""
    population = communes["population"].dropna().to_numpy() // 5000
    for values in (population, population[:4] * 1.5, np.exp(communes["area_km2"].to_numpy() / 10)):
        classes = classify(pd.DataFrame({"v": values}), Style(column="v", scheme=scheme, k=k))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = REFERENCE[scheme](values, k)
        np.testing.assert_array_equal(classes.bins, np.unique(reference.bins))
        np.testing.assert_array_equal(classes.class_of, reference.yb)


def test_classifying_does_not_import_mapclassify():
    """mapclassify loads scipy.stats and scikit-learn (seconds): the schemes are computed with numpy."""
    code = ("import sys, pandas as pd\n"
            "from gismap.core.classify import classify\n"
            "from gismap.core.document import Style\n"
            "frame = pd.DataFrame({'v': [1.0, 2.0, 3.0, 5.0, 8.0, 13.0]})\n"
            "for scheme in ('quantiles', 'equal_interval', 'natural_breaks', 'std_mean', 'pretty'):\n"
            "    classify(frame, Style(column='v', scheme=scheme, k=3))\n"
            "classify(frame, Style(column='v', scheme='manual', breaks=[4]))\n"
            "print(sorted(m for m in ('mapclassify', 'scipy', 'sklearn') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_manual_breaks_equal_user_defined(communes):
    classes = classify(communes, Style(column="area_km2", scheme="manual", breaks=[50, 10, 100]))
    reference = mapclassify.UserDefined(communes["area_km2"].to_numpy(), [10, 50, 100])
    np.testing.assert_array_equal(classes.bins, reference.bins)  # the maximum closes the last class
    np.testing.assert_array_equal(classes.class_of, reference.yb)
    with pytest.raises(GismapError, match="manual classification needs breaks"):
        classify(communes, Style(column="area_km2", scheme="manual"))


def test_no_data_class_counted_and_coloured(communes):
    style = Style(column="population", scheme="quantiles", k=4, no_data="#c8c8c8")
    classes = classify(communes, style)
    legend = classes.legend("en")
    assert sum(entry.count for entry in legend) == len(communes)
    assert legend[-1].no_data and legend[-1].count == 3 and legend[-1].label == "No data"
    assert classify(communes, style).legend("vi")[-1].label == "Không có dữ liệu"
    colors = classes.feature_colors()
    assert tuple(colors[40]) == (200, 200, 200, 255)
    assert [e.count for e in legend[:-1]] == classes.counts().tolist()


@pytest.mark.parametrize("k", [2, 9])
def test_k_limits(communes, k):
    assert len(classify(communes, Style(column="area_km2", scheme="equal_interval", k=k)).legend()) == k
    with pytest.raises(GismapError, match="between 2 and 9"):
        classify(communes, Style(column="area_km2", k=k + 8 if k == 2 else 1))


def test_boolean_column_is_categorical(communes):
    frame = communes.assign(has_5g=pd.array([i % 3 == 0 for i in range(len(communes))], dtype=object))
    frame.loc[5, "has_5g"] = None
    classes = classify(frame, Style(column="has_5g"))
    legend = classes.legend("vi")
    assert [(e.label, e.count) for e in legend] == [("Không", 85), ("Có", 43), ("Không có dữ liệu", 1)]
    assert classes.scheme == CATEGORICAL and classes.bins is None
    assert legend[0].color != legend[1].color


def test_text_categories_use_okabe_ito(communes):
    classes = classify(communes, Style(column="unit_type", scheme=CATEGORICAL))
    assert classes.categories == sorted(communes["unit_type"].unique())
    assert [tuple(c) for c in classes.colors] == [hex_to_rgba(h) for h in OKABE_ITO[:len(classes.categories)]]
    assert sum(e.count for e in classes.legend()) == len(communes)


def test_unknown_column_lists_numeric_columns(communes):
    with pytest.raises(GismapError, match=r"no column 'pop'.*numeric columns are: area_km2, population$"):
        classify(communes, Style(column="pop"))


def test_number_styles():
    assert format_number(1234.5, "vi", 1) == "1.234,5"
    assert format_number(1234.5, "en", 1) == "1,234.5"
    assert format_number(-1234567, "vi", 0) == "-1.234.567"


def test_legend_labels_in_both_languages():
    frame = pd.DataFrame({"v": [0.5, 1.25, 2.5, 1234.5]})
    style = Style(column="v", scheme="manual", breaks=[1.5])
    assert [e.label for e in classify(frame, style).legend("vi")] == ["0,5 – 1,5", "1,5 – 1.234,5"]
    assert [e.label for e in classify(frame, style).legend("en")] == ["0.5 – 1.5", "1.5 – 1,234.5"]


def test_std_mean_open_first_class():
    frame = pd.DataFrame({"v": [10.0, 11, 12, 13, 14, 15, 40]})
    legend = classify(frame, Style(column="v", scheme="std_mean")).legend("en")
    assert legend[0].label.startswith("≤ ") and legend[0].count == 0
    assert sum(e.count for e in legend) == 7


def test_reversed_ramp_is_the_ramp_backwards():
    forward, backward = ramp("YlGnBu", 5), ramp("YlGnBu", 5, reverse=True)
    np.testing.assert_array_equal(backward, forward[::-1])
    assert forward[0, :3].sum() > forward[-1, :3].sum()  # light to dark
    with pytest.raises(GismapError, match="unknown colour ramp"):
        ramp("NoSuchRamp", 5)


def test_a_layer_is_classified_again_only_when_its_data_or_style_changes(monkeypatch):
    from dataclasses import replace

    import gismap.core.classify as classify_module
    from gismap.core.classify import classify_layer
    from gismap.core.document import MapLayer

    layer = MapLayer("Cần Thơ", shapefiles_dir() / "communes_92.parquet", style=Style(column="area_km2", k=4))
    layer.load()
    runs = []
    original = classify_module.classify
    monkeypatch.setattr(classify_module, "classify", lambda frame, style: runs.append(1) or original(frame, style))
    first = classify_layer(layer)
    layer.opacity = 0.5  # views are told the layer changed; its classes did not
    assert classify_layer(layer) is first and len(runs) == 1
    layer.style = replace(layer.style, k=5)
    assert len(classify_layer(layer).colors) == 5 and len(runs) == 2
    layer.data.frame = layer.data.frame.assign(area_km2=layer.data.frame["area_km2"] * 2)
    assert classify_layer(layer).bins[-1] == 2 * first.bins[-1] and len(runs) == 3


def test_natural_breaks_of_few_distinct_values_give_one_class_per_value():
    # Former Hà Nam reaches fibre in every hamlet: a column of 100s is one class, not five.
    frame = pd.DataFrame({"fiber_hamlet_pct": [100.0] * 33 + [np.nan] * 3})
    classes = classify(frame, Style(column="fiber_hamlet_pct", scheme="natural_breaks", k=5))
    assert classes.bins.tolist() == [100.0]
    assert [entry.count for entry in classes.legend("en")] == [33, 3]  # the class, then no data


def test_manual_classes_given_another_indicator_start_from_breaks_suited_to_it():
    from gismap.core.document import MapDocument, MapLayer
    from gismap.core.paths import coverage_dir, shapefiles_dir
    from gismap.core.recipe import JoinStep

    document = MapDocument()
    layer = document.add_layer(MapLayer(name="Xã", source=shapefiles_dir() / "communes_37.parquet",
                                        recipe=[JoinStep(table=coverage_dir() / "coverage_2025_by_code.csv")],
                                        style=Style(column="fiber_hamlet_pct", scheme="manual",
                                                    breaks=[80, 90, 95, 99.9, 100])))
    layer.load(check_geometry=False)
    document.restyle(layer, column="population")
    style = layer.style
    population = layer.data.frame["population"]
    assert style.scheme == "manual" and len(style.breaks) == 5
    assert style.breaks[-1] == population.max() and style.breaks[0] > 100  # people, not percentages
    assert len(set(classify(layer.data.frame, style).class_of)) == 5  # every class holds communes


@pytest.mark.parametrize("scheme", ["quantiles", "equal_interval"])
def test_tied_values_give_mapclassify_classes(scheme):
    values = np.array([1.0] * 40 + [2.0] * 5 + [3.0, 7.5, 7.5, 10.0])
    frame = pd.DataFrame({"v": values})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = REFERENCE[scheme](values, 7)
    classes = classify(frame, Style(column="v", scheme=scheme, k=7))
    np.testing.assert_array_equal(classes.bins, reference.bins)
    np.testing.assert_array_equal(classes.class_of, reference.yb)


def test_quantile_equal_interval_and_manual_maps_never_import_mapclassify():
    import subprocess
    import sys

    code = ("import sys, pandas as pd\n"
            "from gismap.core.classify import classify\n"
            "from gismap.core.document import Style\n"
            "frame = pd.DataFrame({'v': [1.0, 2.0, 3.0, 5.0, 8.0, 13.0]})\n"
            "for style in (Style(column='v'), Style(column='v', scheme='equal_interval', k=3),\n"
            "              Style(column='v', scheme='manual', breaks=[2.5, 6])):\n"
            "    classify(frame, style)\n"
            "print('mapclassify' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
