"""Classification of a layer's values into coloured classes, and the legend that explains them.

Numeric columns are classed with mapclassify's schemes (quantiles, equal interval, natural
breaks (Fisher-Jenks), standard deviation, pretty and manual breaks; computed with numpy, see
:func:`class_breaks`),
``k`` from 2 to 9; booleans and text columns are
drawn as categories. Missing values form a separate no-data class, drawn in the style's
``no_data`` colour and counted in the legend. Every consumer (canvas, print, HTML) colours
features through :func:`classify` so the screen and the exports always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from gismap.core.document import MapLayer, Style
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError

NUMERIC_SCHEMES = ("quantiles", "equal_interval", "natural_breaks", "std_mean", "pretty", "manual")
CATEGORICAL = "categorical"
MIN_K, MAX_K = 2, 9

# Okabe-Ito: distinguishable with every common colour-vision deficiency; used for categories
# unless the style names a qualitative ramp.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")

TEXT = {
    "vi": {"no_data": "Không có dữ liệu", True: "Có", False: "Không"},
    "en": {"no_data": "No data", True: "Yes", False: "No"},
}


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: its colour, label and how many features it holds."""

    label: str
    color: tuple[int, int, int, int]
    count: int
    lower: float | None = None  # numeric classes: value range (lower exclusive except the first)
    upper: float | None = None
    category: Any = None
    no_data: bool = False

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.color[:3])


@dataclass
class Classification:
    """Each feature's class (``-1`` for no data), the class colours and the legend."""

    column: str
    scheme: str
    class_of: np.ndarray  # (n,) int, index into ``colors``; -1 = no data
    colors: np.ndarray  # (k, 4) uint8 RGBA
    no_data_color: tuple[int, int, int, int]
    bins: np.ndarray | None  # numeric schemes: upper bound of each class
    categories: list[Any] | None  # categorical: the value of each class
    minimum: float | None = None

    def feature_colors(self) -> np.ndarray:
        """(n, 4) uint8 RGBA of each feature."""
        out = np.empty((len(self.class_of), 4), dtype=np.uint8)
        out[:] = self.no_data_color
        known = self.class_of >= 0
        out[known] = self.colors[self.class_of[known]]
        return out

    def counts(self) -> np.ndarray:
        return np.bincount(self.class_of[self.class_of >= 0], minlength=len(self.colors))

    def legend(self, language: str = "vi") -> list[LegendEntry]:
        """Legend rows, first class first, then the no-data row if any feature lacks a value."""
        counts = self.counts()
        entries = []
        if self.categories is not None:
            for index, value in enumerate(self.categories):
                label = TEXT[language].get(value, str(value)) if isinstance(value, (bool, np.bool_)) else str(value)
                entries.append(LegendEntry(label, _tuple(self.colors[index]), int(counts[index]), category=value))
        else:
            # A break below the data's minimum (std_mean, manual) leaves the first class open below.
            lowers = np.concatenate([[min(self.minimum, self.bins[0])], self.bins[:-1]])
            decimals = _decimals(np.concatenate([[self.minimum], self.bins]))
            for index, (lower, upper) in enumerate(zip(lowers, self.bins)):
                if index == 0 and self.bins[0] < self.minimum:
                    label = f"≤ {format_number(upper, language, decimals)}"
                else:
                    label = f"{format_number(lower, language, decimals)} – {format_number(upper, language, decimals)}"
                entries.append(LegendEntry(label, _tuple(self.colors[index]), int(counts[index]),
                                           lower=float(lower), upper=float(upper)))
        missing = int((self.class_of < 0).sum())
        if missing:
            entries.append(LegendEntry(TEXT[language]["no_data"], self.no_data_color, missing, no_data=True))
        return entries


def classify(frame: pd.DataFrame, style: Style) -> Classification:
    """Class every feature of ``frame`` by ``style.column`` as ``style`` says.

    Boolean and text columns are categorical whatever the scheme; ``k`` is ignored by
    ``std_mean`` (classes at -2, -1, +1, +2 standard deviations) and by ``manual``.
    """
    column = style.column
    # The shapes are no values to class: asked for, they are as absent as any missing column.
    if column not in frame.columns or frame[column].dtype.name == "geometry":
        numeric = [str(name) for name in frame.columns if _is_numeric(frame[name])]
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "no column '{column}' in the layer; numeric columns are: {columns}"),
            column=column, columns=", ".join(numeric) or "–")
    values = frame[column]
    no_data_color = hex_to_rgba(style.no_data)
    if style.scheme == CATEGORICAL or not _is_numeric(values):
        return _classify_categories(values, style, no_data_color)
    if style.scheme not in NUMERIC_SCHEMES:
        raise _unknown_scheme(style.scheme, NUMERIC_SCHEMES + (CATEGORICAL,))

    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    known = np.isfinite(numbers)
    if not known.any():
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "column '{column}' has no values to classify; every feature lacks data"),
            column=column)
    bins = class_breaks(numbers[known], style)
    class_of = np.full(len(numbers), -1, dtype=np.int64)
    # Class i holds bins[i-1] < value <= bins[i], as in mapclassify.
    class_of[known] = np.searchsorted(bins, numbers[known], side="left")
    return Classification(
        column=column, scheme=style.scheme, class_of=class_of,
        colors=ramp(style.cmap, len(bins), style.reverse), no_data_color=no_data_color,
        bins=bins, categories=None, minimum=float(numbers[known].min()),
    )


def shared_legends(classified: list[tuple[MapLayer, Classification]]) -> list[tuple[MapLayer, Classification]]:
    """One legend per set of layers classed alike (same column, classes and colours, as the four
    provinces of the default map with their shared manual breaks): the first such layer and a
    classification of all their features, so the counts add up. Other layers keep their own."""
    legends: list[tuple[MapLayer, Classification]] = []
    for layer, classification in classified:
        for number, (first, shown) in enumerate(legends):
            if _alike(shown, classification):
                legends[number] = (first, replace(
                    shown, class_of=np.concatenate([shown.class_of, classification.class_of]),
                    minimum=None if shown.minimum is None else min(shown.minimum, classification.minimum)))
                break
        else:
            legends.append((layer, classification))
    return legends


def _alike(one: Classification, other: Classification) -> bool:
    def same(a, b) -> bool:
        return (a is None) == (b is None) and (a is None or np.array_equal(a, b))

    return (one.column == other.column and one.no_data_color == other.no_data_color
            and np.array_equal(one.colors, other.colors) and same(one.bins, other.bins)
            and one.categories == other.categories)


def classify_layer(map_layer: MapLayer) -> Classification | None:
    """:func:`classify` of a loaded layer's data by its style (None without a column).

    The result is kept on the layer until its frame or style changes: the canvas, the legend,
    the styling panel and the presentation all ask after every change of the layer, and an
    opacity or visibility change must not classify the national layer again.
    """
    frame, style = map_layer.data.frame, map_layer.style
    if style.column is None:
        return None
    kept = getattr(map_layer, "_classified", None)
    if kept is not None and kept[0] is frame and kept[1] == style:
        return kept[2]
    classification = classify(frame, style)
    map_layer._classified = (frame, style, classification)
    return classification


def layer_colors(map_layer: MapLayer) -> tuple[Classification | None, np.ndarray]:
    """Like :func:`style_colors`, with the classification kept on the layer (:func:`classify_layer`)."""
    return _colors(map_layer.data.frame, map_layer.style, classify_layer(map_layer))


def style_colors(frame: pd.DataFrame, style: Style) -> tuple[Classification | None, np.ndarray]:
    """The classification of ``style.column`` (None without one) and the (n, 4) uint8 RGBA fill
    of every feature: its class colour, or the single fill. Computed afresh: exports must show
    the data as it is now, even when it was edited in place.

    Without a ``column`` every feature gets ``style.fill``; ``fill=None`` gives alpha 0.
    """
    return _colors(frame, style, classify(frame, style) if style.column else None)


def feature_colors(frame: pd.DataFrame, style: Style) -> np.ndarray:
    """The fill of every feature (see :func:`style_colors`)."""
    return style_colors(frame, style)[1]


def _colors(frame: pd.DataFrame, style: Style,
            classification: Classification | None) -> tuple[Classification | None, np.ndarray]:
    if classification is not None:
        return classification, classification.feature_colors()
    out = np.empty((len(frame), 4), dtype=np.uint8)
    out[:] = hex_to_rgba(style.fill) if style.fill else (0, 0, 0, 0)
    return None, out


def ramp(name: str, k: int, reverse: bool = False) -> np.ndarray:
    """``k`` colours (k, 4) uint8 from a ColorBrewer/matplotlib colour map, light to dark."""
    import matplotlib

    try:
        cmap = matplotlib.colormaps[name]
    except KeyError:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "unknown colour ramp '{name}'; try YlGnBu, viridis, Blues, RdYlBu or Set2"),
            name=name) from None
    if cmap.N < 256:  # qualitative maps (Set2, tab10...): take their colours in order
        positions = np.arange(k) % cmap.N
    else:
        # Skip the palest end so the first class still stands out from the background.
        positions = np.linspace(0.12, 1.0, k)
    colors = (np.asarray(cmap(positions)) * 255).round().astype(np.uint8)
    return colors[::-1].copy() if reverse else colors


def hex_to_rgba(color: str) -> tuple[int, int, int, int]:
    """'#rrggbb' or '#rrggbbaa' (or a matplotlib colour name) as an RGBA tuple."""
    from matplotlib.colors import to_rgba

    try:
        return tuple(int(round(c * 255)) for c in to_rgba(color))
    except ValueError:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "'{color}' is not a colour; use #rrggbb"), color=color) from None


def format_number(value: float, language: str = "vi", decimals: int = 1) -> str:
    """``1234.5`` as ``1.234,5`` (Vietnamese) or ``1,234.5`` (English)."""
    text = f"{value:,.{decimals}f}"
    if language == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def suggested_breaks(values: pd.Series, k: int) -> list[float] | None:
    """Natural breaks of ``values`` as manual class bounds (None when they are not numbers)."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    numbers = numbers[np.isfinite(numbers)]
    if not len(numbers) or values.dtype == bool:
        return None
    return [float(v) for v in class_breaks(numbers, Style(scheme="natural_breaks", k=max(MIN_K, min(MAX_K, k))))]


def class_breaks(values: np.ndarray, style: Style) -> np.ndarray:
    """Upper bound of each class of ``values`` (finite numbers) by ``style.scheme``.

    The bins are mapclassify's (``Quantiles``, ``EqualInterval``, ``FisherJenks``, ``StdMean``,
    ``PrettyBreaks``, ``UserDefined``; ``tests/test_classify.py`` checks they are equal), computed
    here with numpy: importing mapclassify loads scipy.stats and scikit-learn (2-3 s, more than
    the rest of a national ``gismap render``), and its ``FisherJenks`` runs in pure Python
    without numba (minutes on 3,321 communes).
    """
    k = style.k
    if style.scheme not in ("std_mean", "manual") and not MIN_K <= k <= MAX_K:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "the number of classes must be between {low} and {high} (got {k})"),
            low=MIN_K, high=MAX_K, k=k)
    low, high = float(values.min()), float(values.max())
    if low == high and style.scheme in ("equal_interval", "std_mean", "pretty"):
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "every value of '{column}' is {value}; this classification needs a range of values: use quantiles or "
            "manual breaks"), column=style.column, value=f"{low:g}")
    if style.scheme == "manual":
        if not style.breaks:
            raise GismapError(QT_TRANSLATE_NOOP("GismapError", "manual classification needs breaks, e.g. 10, 50, 100"))
        if not 1 <= len(style.breaks) <= MAX_K:
            raise GismapError(QT_TRANSLATE_NOOP("GismapError", "give between 1 and {high} manual breaks (got {count})"),
                              high=MAX_K, count=len(style.breaks))
    if style.scheme == "natural_breaks":
        return fisher_jenks_bins(values, k)
    schemes = {
        "quantiles": lambda: quantile_bins(values, k),
        "equal_interval": lambda: equal_interval_bins(values, k),
        "std_mean": lambda: std_mean_bins(values),
        "pretty": lambda: pretty_bins(values, k),
        "manual": lambda: manual_bins(values, style.breaks),
    }
    if style.scheme not in schemes:
        raise _unknown_scheme(style.scheme, ("natural_breaks", *schemes))
    return np.unique(schemes[style.scheme]())


def quantile_bins(values: np.ndarray, k: int) -> np.ndarray:
    """``mapclassify.Quantiles(values, k).bins``: scipy's ``scoreatpercentile`` at k even steps
    (linear interpolation between order statistics), ties collapsing classes."""
    ordered = np.sort(values)
    step = 100.0 / k
    percents = np.arange(step, 100 + step, step)  # as mapclassify makes them (float steps)
    if percents[-1] > 100.0:
        percents[-1] = 100.0
    scores = []
    for percent in percents:
        position = percent / 100.0 * (len(ordered) - 1)
        below = int(position)
        if below == position:
            scores.append(ordered[below])
        else:
            weights = np.array([below + 1 - position, position - below])
            scores.append(np.add.reduce(ordered[below:below + 2] * weights) / weights.sum())
    return np.array(scores, dtype=float)


def equal_interval_bins(values: np.ndarray, k: int) -> np.ndarray:
    """``mapclassify.EqualInterval(values, k).bins``: k classes of equal width, the last ending at the maximum."""
    low, high = values.min(), values.max()
    width = (high - low) * 1.0 / k
    cuts = np.arange(low + width, high + width, width)
    cuts = cuts[:k]  # float steps may overshoot by one
    cuts[-1] = high
    return cuts


def std_mean_bins(values: np.ndarray) -> np.ndarray:
    """``mapclassify.StdMean(values).bins``: the mean -2, -1, +1, +2 sample standard deviations,
    and the maximum when it lies above."""
    deviation, mean = values.std(ddof=1), values.mean()
    cuts = [mean + deviation * multiple for multiple in (-2, -1, 1, 2)]
    if cuts[-1] < values.max():
        cuts.append(values.max())
    return np.array(cuts)


def pretty_bins(values: np.ndarray, k: int) -> np.ndarray:
    """``mapclassify.PrettyBreaks(values, k).bins``: equally spaced round bounds (1, 2 or 5 times a
    power of ten) covering the values."""
    low, high = values.min(), values.max()
    spacing = _pretty_number(_pretty_number(high - low, rounded=False) / (k - 1), rounded=True)
    first, last = np.floor(low / spacing) * spacing, np.ceil(high / spacing) * spacing
    return np.arange(first, last + 0.5 * spacing, spacing)[1:]


def _pretty_number(x: float, rounded: bool) -> float:
    exponent = np.floor(np.log10(x))
    fraction = x / 10**exponent
    for limit, nice in zip((1.5, 3.0, 7.0) if rounded else (1.0, 2.0, 5.0), (1.0, 2.0, 5.0)):
        if fraction < limit if rounded else fraction <= limit:
            return nice * 10.0**exponent
    return 10.0 * 10.0**exponent


def manual_bins(values: np.ndarray, breaks: list[float]) -> np.ndarray:
    """``mapclassify.UserDefined(values, sorted(breaks)).bins``: the breaks, and the maximum when it lies above."""
    bins = np.array(sorted(float(b) for b in breaks))
    return np.append(bins, values.max()) if bins[-1] < values.max() else bins


def fisher_jenks_bins(values: np.ndarray, k: int) -> np.ndarray:
    """Fisher-Jenks class upper bounds, equal to ``mapclassify.FisherJenks(values, k).bins``.

    The same dynamic programme as mapclassify (float32 running sums, ties going to the
    longest last class), with the inner loop over class starts done by numpy. With no more
    distinct values than classes (mapclassify refuses those), each value is its own class.
    """
    values = np.sort(np.asarray(values, dtype=float))
    n = len(values)
    distinct = np.unique(values)
    if len(distinct) <= k:
        return distinct
    lower_class = np.zeros((n + 1, k + 1), dtype=np.int64)
    cost = np.zeros((n + 1, k + 1), dtype=np.float32)
    lower_class[1, 1:] = 1
    cost[2:, 1:] = np.inf
    as32 = values.astype(np.float32)
    for last in range(2, n + 1):
        tail = as32[last - 1::-1]  # values[last-1], values[last-2], ... values[0]
        s1 = np.cumsum(tail, dtype=np.float32)
        s2 = np.cumsum(tail * tail, dtype=np.float32)
        w = np.arange(1, last + 1, dtype=np.float32)
        variance = s2 - (s1 * s1) / w
        before = cost[last - 1:0:-1]  # rows last-1 .. 1, one per class start
        for j in range(2, k + 1):
            candidates = variance[:-1] + before[:, j - 1]
            m = len(candidates) - 1 - int(np.argmin(candidates[::-1]))  # last minimum wins
            lower_class[last, j] = last - m
            cost[last, j] = candidates[m]
        lower_class[last, 1] = 1
        cost[last, 1] = variance[-1]
    bins = np.empty(k)
    bins[-1] = values[-1]
    row = n
    for j in range(k, 1, -1):
        pivot = lower_class[row, j]
        bins[j - 2] = values[pivot - 2]
        row = pivot - 1
    return bins


def _unknown_scheme(scheme: str, choices) -> GismapError:
    return GismapError(QT_TRANSLATE_NOOP("GismapError", "unknown classification '{scheme}'; choose one of {choices}"),
                       scheme=scheme, choices=", ".join(choices))


def _classify_categories(values: pd.Series, style: Style, no_data_color) -> Classification:
    known = values.notna().to_numpy()
    categories = sorted(pd.unique(values[known]), key=lambda v: (str(type(v)), v))
    if len(categories) > 2 * len(OKABE_ITO):
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "column '{column}' has {count} different values, too many to tell apart by colour; choose a numeric "
            "classification"),
            column=style.column, count=len(categories))
    if len(categories) == 2 and all(isinstance(v, (bool, np.bool_)) for v in categories):
        colors = ramp(style.cmap, 2, style.reverse)  # False light, True dark: "has it" stands out
    else:
        colors = _qualitative(style.cmap, len(categories), style.reverse)
    lookup = {value: index for index, value in enumerate(categories)}
    class_of = np.array([lookup[v] if ok else -1 for v, ok in zip(values, known)], dtype=np.int64)
    return Classification(
        column=style.column, scheme=CATEGORICAL, class_of=class_of, colors=colors,
        no_data_color=no_data_color, bins=None, categories=list(categories),
    )


def _qualitative(name: str, k: int, reverse: bool) -> np.ndarray:
    import matplotlib

    if name in matplotlib.colormaps and matplotlib.colormaps[name].N < 256:
        return ramp(name, k, reverse)
    palette = np.array([hex_to_rgba(OKABE_ITO[i % len(OKABE_ITO)]) for i in range(k)], dtype=np.uint8)
    return palette[::-1].copy() if reverse else palette


def _is_numeric(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _decimals(edges: np.ndarray) -> int:
    """Fewest decimals (0..3) that keep every class edge distinct and readable."""
    for decimals in range(4):
        rounded = np.round(edges, decimals)
        if len(np.unique(rounded)) == len(np.unique(edges)) and np.allclose(rounded, edges, rtol=0.01, atol=0):
            return decimals
    return 3


def _tuple(color: np.ndarray) -> tuple[int, int, int, int]:
    return tuple(int(c) for c in color)
