<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../gismap/ui/join_wizard.py" line="+62"/>
        <source>province code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>province name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>commune code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>commune name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recognised by its header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chosen by its values, which name units of the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as you chose</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../../gismap/ui/attribute_table.py" line="+227"/>
        <source>Filter rows (accents optional)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Zoom to Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+137"/>
        <source>{shown} of {total} shown, {selected} selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <location filename="../../gismap/ui/style_panel.py" line="+85"/>
        <source>Choose a colour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommuneSearch</name>
    <message>
        <location filename="../../gismap/ui/search.py" line="+32"/>
        <source>Find a commune or ward…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>code {code} · {layer}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrsChooser</name>
    <message>
        <location filename="../../gismap/ui/crs_choice.py" line="+30"/>
        <source>WGS 84, longitude and latitude (degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VN-2000 TM-3 of a province (metres)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} (before 2025)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coordinate system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central meridian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Choose the zone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1} before 2025 (EPSG:{2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} was made in 2025 of provinces on different central meridians: choose the one the coordinates use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <location filename="../../gismap/ui/failures.py" line="+29"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GISMap met an error it did not expect: {0}

Your map is unchanged. Please report this with the details below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/ui/i18n.py" line="+76"/>
        <source>an error GISMap did not expect; its details are in the error report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GismapError</name>
    <message>
        <location filename="../../gismap/core/classify.py" line="+113"/>
        <source>no column &apos;{column}&apos; in the layer; numeric columns are: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>column &apos;{column}&apos; has no values to classify; every feature lacks data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+95"/>
        <source>unknown colour ramp &apos;{name}&apos;; try YlGnBu, viridis, Blues, RdYlBu or Set2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&apos;{color}&apos; is not a colour; use #rrggbb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the number of classes must be between {low} and {high} (got {k})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>every value of &apos;{column}&apos; is {value}; this classification needs a range of values: use quantiles or manual breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>manual classification needs breaks, e.g. 10, 50, 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give between 1 and {high} manual breaks (got {count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+122"/>
        <source>unknown classification &apos;{scheme}&apos;; choose one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>column &apos;{column}&apos; has {count} different values, too many to tell apart by colour; choose a numeric classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/document.py" line="+259"/>
        <source>Add layer {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove layer {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Change layer order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change layer {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Change the steps of {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the layer already has a column &apos;{column}&apos;; give the count another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Change the title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+97"/>
        <source>must be four numbers: west, south, east, north</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-25"/>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>subtitle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>layer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the {what} is {length} characters long; a map shows at most {limit}. Shorten it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{file}: not valid TOML ({reason}). Fix the layer definition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no province &apos;{province}&apos;; give its 2025 code (such as 37) or name (such as Ninh Bình)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/export.py" line="+74"/>
        <source>{file}: cannot export to this kind of file; choose a file ending in {formats}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: KML holds WGS 84 longitude/latitude only, not {crs}; export to a GeoPackage or Shapefile instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/join.py" line="+97"/>
        <source>{count} by code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} through the crosswalk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} resolved by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} provinces have data, {without} have none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} communes have data, {without} have none (province {province})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} communes have data, {without} have none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} communes have data, {without} have none in the provinces the table covers ({outside} communes of other provinces are not counted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>legacy table (the 63 provinces before 2025): {legacy} provinces exist only before 2025, {new} only after; each added into the 2025 province it became part of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>legacy table (pre-2025 communes): {legacy} keys exist only before 2025, {new} only after; converted through the crosswalk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  {count} divided legacy communes apportioned by area (flagged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  {count} provinces only partly covered by the table (flagged): {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  {count} communes only partly covered by the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  {column}: {how} (flagged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  summed without a catalogue rule (flagged): {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>columns: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kept under their own names: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>row {row}: &apos;{name}&apos; is ambiguous: {candidates}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>row {row}: not matched ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-17"/>
        <source>commune {code} appears on rows {rows}: not applied, keep one row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>row {row}: excluded ({reason}): {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row {row}: {column} = {value} is out of range ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row {row}: &apos;{value}&apos; in {column} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-36"/>
        <source>note: no row matched a commune of the boundary layer: check that the table (and its sheet) covers these communes, and the key column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../gismap/core/template.py" line="+65"/>
        <source>note: {warning}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>province {code} appears on rows {rows}: not applied, keep one row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>province {code} appears on {count} rows ({rows}, …): not applied, keep one row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>commune {code} appears on {count} rows ({rows}, …): not applied, keep one row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>  … and {count} more (a join report saved as JSON lists them all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{file}: the layer holds provinces; a report form is filled from a layer of communes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: its rows are communes from before July 2025, which the map no longer has. Use a form that lists the 2025 communes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unknown key &apos;{key}&apos;: use one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>the boundary layer lacks the field(s) {fields}; use a commune layer with the schema of data/shapefiles (code, name, prov_code, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the boundary layer has commune code {code} twice; fix the layer so that every commune appears once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>province &apos;{province}&apos; is not in the boundary layer; it holds province codes {codes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>&apos;{header}&apos; was taken as the commune {role} by its values ({share} of them match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&apos;{header}&apos; was taken as the province by its values ({share} of them name a province)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: the layer holds provinces, and no column among {columns} holds province codes or names, by its header or its values. Say which column holds the province.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{file}: its rows are provinces, not communes. Join it to a layer of provinces (such as the embedded province layer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{file}: matching by code, but no column holds commune codes. Say which column holds the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}: matching by name, but no column holds commune names. Say which column holds the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{file}: no column among {columns} holds commune codes or names, by its header or its values. Say which column holds the code or the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+119"/>
        <source>resolution for row {row}: the table has no such data row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>resolution for row {row}: commune {code} is not in the boundary layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>boundary layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>code {code} is of a commune before July 2025, and the table lists those of 2025</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>code {code} is not in the {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>code {code} is outside province {province}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no commune code or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;{name}&apos; is a district or a province, not a commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no commune named &apos;{name}&apos; in province {province}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no commune named &apos;{name}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>a share is 0–100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a count cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more hamlets with fibre than hamlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no province named &apos;{name}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>province {code} is not in the boundary layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{name}&apos; is a province before 2025 and the table lists those of 2025</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>list of pre-2025 communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>columns of text or codes cannot be aggregated across communes and were left out: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+103"/>
        <source>legacy commune {code} has no successor in the boundary layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>mean weighted by {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unweighted mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/layers.py" line="+98"/>
        <source>1 invalid geometry was repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} invalid geometries were repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+107"/>
        <source>{file}: the layer &apos;{layer}&apos; is a table without geometry. Choose a layer with features, or join this table to a boundary layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{file}: the layer &apos;{layer}&apos; has no features. Choose another layer or check the export that produced this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: none of the {count} features of the layer &apos;{layer}&apos; has a geometry GISMap can draw (missing, empty, unreadable, or with coordinates no map can hold). Check the export that produced this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: expected commune polygons but the layer holds {kind} geometries. Load it as an overlay, or choose the boundary (polygon) layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>1 feature has no geometry GISMap can draw (missing, empty, unreadable, of no area, or with coordinates no map can hold): its row is kept, off the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} features have no geometry GISMap can draw (missing, empty, unreadable, of no area, or with coordinates no map can hold): their rows are kept, off the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 text cell holds bytes that are no {encoding} text (damaged, or a wrong .cpg): shown with � where it cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} text cells hold bytes that are no {encoding} text (damaged, or a wrong .cpg): shown with � where they cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+179"/>
        <source>the .cpg file says {declared} but the text is UTF-8: read as {encoding}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no .cpg file: text read as {encoding} (detected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the .cpg file says UTF-8 but the text is not: read as {encoding} (detected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the .cpg file names {declared}, no code page a .dbf can hold: text read as {encoding} (detected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-97"/>
        <source>{file}: expected commune polygons but a table gives at most points. Choose the boundary (polygon) layer; join the table to it with Join Table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{file}: no such file. Check the path, or use File &gt; Add Layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{file}: the index file {part} is missing. A Shapefile needs .shp, .shx and .dbf side by side: copy all of its files together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: the attribute table file {part} is missing. A Shapefile needs .shp, .shx and .dbf side by side: copy all of its files together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+171"/>
        <source>the file names its coordinate system, {own}: read in it, not in {given}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file&apos;s coordinate system, {own}, does not fit its coordinates {extent}: read in {given}, as given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file&apos;s coordinate system, {own}, is in metres but its coordinates are longitude and latitude in Vietnam: read as WGS 84 (EPSG:4326); its .prj is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: the file&apos;s coordinate system, {own}, is in degrees but its coordinates {extent} are not longitude/latitude. Give the coordinate system they are in (e.g. gismap info --crs EPSG:3405), or correct the .prj in the source GIS and export again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no CRS in the file: assumed WGS 84 (EPSG:4326) since the coordinates fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: the layer has no coordinate reference system and its coordinates {extent} are not longitude/latitude. Add the .prj file that came with it, or assign the CRS (e.g. VN-2000 EPSG:3405) in the source GIS and export again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the layer lies at {extent} (longitude/latitude), far from Vietnam: check its coordinate system (.prj)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the file holds no layer, neither features nor a table. Check the export that produced this file, or choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: not a vector layer GISMap can read ({reason}). Use a Shapefile (.shp with .shx and .dbf), GeoPackage, GeoJSON, FlatGeobuf or KML.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/tables.py" line="+90"/>
        <source>{file}: no column &apos;{header}&apos; to map. Columns are: {columns}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: &apos;{target}&apos; is not a known indicator or key. Use one of: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+98"/>
        <source>{file}: unsupported table format. Save it as .xlsx, .xls, .ods or .csv (UTF-8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+471"/>
        <source>{file}: no sheet &apos;{sheet}&apos;. Sheets are: {sheets}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-480"/>
        <source>{file}: a sheet applies to Excel workbooks only; a CSV has one table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-57"/>
        <source>{file}, sheet &apos;{sheet}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}: {count} {what}, more than GISMap reads in a table (at most {limit}). Delete the empty rows and columns after the table, or split it into several files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+93"/>
        <source>the workbook holds more than {limit} cells, so it was read without its number formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+155"/>
        <source>column &apos;{header}&apos; also looks like &apos;{indicator}&apos;; kept under its own name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: no data rows under the header (row {row}). Check the sheet, or that the table is not empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+104"/>
        <source>{file}: no such file. Check the path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>a zip archive, but not an Excel workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its cells or sheets are inconsistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <location line="+2"/>
        <source>its content is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-39"/>
        <source>{file}: cannot be read as an Excel workbook ({reason}). Open and save it again as .xlsx, or export it as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: cannot be read as a workbook ({reason}). Open and save it again as .xlsx, or export it as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{file}: unpacks to {size} bytes, more than GISMap reads in a table (at most {limit}). Save the table alone in a smaller workbook, or as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>not a zip archive, as every .xlsx and .ods file is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: its part {part} unpacks to {size} bytes from {packed}, more than {limit} times smaller, as only a zip bomb is. Save the table again from a spreadsheet program, or as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{file}: its part {part} declares XML entities, which no spreadsheet program writes and which can make a file expand without end or read other files; it is not read. Save the table again from a spreadsheet program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: {count} shared texts, more than GISMap reads (at most {limit}). Save the table again from a spreadsheet program, or as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{file}: the workbook has no sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&apos;{header}&apos;: every value is at most 1; if the sheet shows them as percentages (98,5 %), they are fractions: save the workbook as .xlsx, which keeps its formats, and join it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>{file}: {size} bytes, more than GISMap reads in a table (at most {limit}). Split it into several files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-19"/>
        <source>{file}, line {line}: a cell longer than {limit} characters, as no table holds; a quote may be left open. Check that line, or save the file again as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: the quote opened on line {line} is never closed, so every line after it would be read as one cell. Close or remove that quote and save the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{file}, line {line}: holds NUL characters, which no text table does: the file is damaged, or is not a CSV (a spreadsheet or another file with a .csv name). Open it in a spreadsheet program and save it as CSV UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}, line {line}: not valid {encoding} text, though the lines before it are: the file is damaged or mixes encodings. Open it in a spreadsheet program and save it again as CSV UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{file}: no header row found (a row naming the columns, e.g. &apos;Mã xã&apos;, &apos;Tên xã&apos;, &apos;Dân số&apos;). Add one above the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+82"/>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/render/output.py" line="+48"/>
        <location filename="../../gismap/render/print.py" line="+77"/>
        <source>{file}: choose a map file ending in {formats}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/render/print.py" line="+19"/>
        <source>page {width}×{height} px at {dpi} dpi is too small; use at least 200×150 at 30 dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the map has no visible layer to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+229"/>
        <source>the map has no extent to print; zoom to a layer first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/sites.py" line="+69"/>
        <source>&apos;{x}&apos; holds latitudes and &apos;{y}&apos; longitudes: read the other way round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the coordinates are degrees, not the metres of {crs}: read as WGS 84 longitude and latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: no row has a longitude and latitude in &apos;{x}&apos; and &apos;{y}&apos;. Write them in degrees, e.g. 105.9123 and 20.5412.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>row {rows} has no usable coordinates and was left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} rows without usable coordinates were left out (rows {rows})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the site of row {rows} lies outside Vietnam; check its coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} sites lie outside Vietnam; check their coordinates (rows {rows})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&apos;{x}&apos; holds northings and &apos;{y}&apos; eastings (as surveys write X and Y): read the other way round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the coordinates in &apos;{x}&apos; and &apos;{y}&apos; are metres (VN-2000 or UTM), not degrees ({extent}). Say which coordinate system they are in: the province whose VN-2000 TM-3 zone they use (such as Hà Nam), or its EPSG code (VN-2000 TM-3: 9205–9218, 5897–5899; UTM 48N/49N: 3405/3406 on VN-2000, 32648/32649 on WGS 84).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>coordinates in metres of {crs} ({extent}) converted to WGS 84 longitude and latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file}: no longitude and latitude columns (such as &apos;Kinh độ&apos; and &apos;Vĩ độ&apos;), so it is not a site list. A table of values per commune is joined to a commune layer instead: use Join Table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&apos;{column}&apos;: {count} coordinates in degrees, minutes and seconds converted to degrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/render/html.py" line="+110"/>
        <source>the map has no visible commune or site layer to export; show one first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+270"/>
        <source>&apos;{value}&apos; is not a colour; write it as #rrggbb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/inputs.py" line="+62"/>
        <source>{file}: not a regular file but a pipe, device or socket, whose reading may never end. Copy its content into a file and open that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{file}: the Shapefile part is a link to {target}, outside the folder of {shp}. Copy the real file beside the .shp, with the same name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{output} and {other} would write the same file; give them different names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{output} would overwrite {input}, which this map reads. Choose another file name or folder for the output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{file}: the file name is {length} bytes long, longer than this system allows (at most {limit}). Choose a shorter name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: {folder} is a file, not a folder. Choose a folder to write in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: a folder of that name is there. Choose a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{file}: cannot write in the folder {folder} ({reason}). Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/project.py" line="+83"/>
        <source>{file}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: these files are missing: {missing}. Open the project in GISMap to locate them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{file}: no such file. Choose the file that replaces {old}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+187"/>
        <source>{file}: cannot write the project ({reason}). Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{file}: {size} bytes, too large for a GISMap project (at most {limit}). Check that this is the project file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: no such project file. Check the path, or pick it again in File &gt; Open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: not a readable GISMap project ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: not a GISMap project (its JSON is nested far too deep).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: not a GISMap project file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: the project&apos;s format version is not a number from 1 to {newest}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: saved by a newer GISMap (format {version}). Update GISMap to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its text is not UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not valid JSON: {reason}, line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/recipe.py" line="+97"/>
        <source>must map row numbers to commune codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+133"/>
        <source>columns already in the layer were named after {file}: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/feedback.py" line="+25"/>
        <source>cancelled; nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/crs.py" line="+86"/>
        <source>EPSG:{epsg} (central meridian {meridian}, of {provinces} before 2025)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/legacy_text.py" line="+324"/>
        <source>text in {encoding} (the old {fonts} fonts) converted to Unicode: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/crs.py" line="+23"/>
        <source>EPSG:{code} is not a coordinate system GISMap knows; VN-2000 TM-3 zones are EPSG:9205–9218 and 5897–5899, UTM 3405, 3406, 32648 and 32649</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{meridian} is not the central meridian of a VN-2000 TM-3 zone; they are {meridians}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{text}&apos; names no coordinate system: give a province (such as Ninh Bình or Hà Nam), the central meridian of its VN-2000 TM-3 zone (such as 105.75) or an EPSG code (such as 9210, or 3405 for VN-2000 / UTM 48N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{province} was made in 2025 of provinces on different VN-2000 TM-3 zones; say which zone: {zones}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/legacy_text.py" line="+6"/>
        <source>{column} mixes encodings (cells: {counts}); each cell was read in its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/template.py" line="-15"/>
        <source>{form} (sheet {sheet}): {rows} communes filled in, columns {columns}; written to {out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>column &apos;{header}&apos;: the layer has no {indicator}; left as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rows {rows}: the layer has no data for these communes; left as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cells {cells} hold formulas; left as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{file}: a report form is filled in as an Excel workbook (.xlsx); open it in Excel and save it as .xlsx (Excel Workbook).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: no column of the form is an indicator of the layer ({columns}). Join the table that holds them to the layer first, or check the form&apos;s header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/legacy_text.py" line="+4"/>
        <source>{column}: 1 cell spells Vietnamese in more than one encoding ({encodings}) and was left as read; check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{column}: {count} cells spell Vietnamese in more than one encoding ({encodings}) and were left as read; check them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>field names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/crosswalk.py" line="+72"/>
        <source>the legacy-commune crosswalk ({folder}) cannot be read: {reason}. Reinstall GISMap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/fields.py" line="+35"/>
        <source>{field} {problem}, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>must be an object of named fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{field}: unknown keys {unknown}; known keys: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must be text of at most {limit} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be a file path, without NUL characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>must be a whole number from {low} to {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be a number from {low} to {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be a list of at most {most} numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>must be a colour such as #6b6b6b, or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gismap/core/file_checks.py" line="+56"/>
        <source>The file was probably damaged in transfer (an e-mail gateway, a full disk): copy all of the Shapefile&apos;s files again from their source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{file}: not a Shapefile (its header is damaged or it is another kind of file). {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{dbf} holds {records} records but {file} has {shapes} shapes: rows would be paired with the wrong shapes. The files do not belong together or one was cut short: copy all of the Shapefile&apos;s files again from their source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a length of {declared} bytes (the file has {size})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>shape type {declared} (the shapes are of type {kinds})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a bounding box that is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the header of {file} is damaged: it gives {details}; the {count} shapes were read through the index, each whole and checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{file}: not a Shapefile index (its header is damaged or it is another kind of file). {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file} is cut short or damaged: it holds {whole} whole index records but its header declares {declared}. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{file} is cut short: it holds {whole} whole shapes of the {declared} its index {index} lists. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its index entry points outside the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its record header disagrees with the index {index}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its type code {code} is no shape type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it declares {parts} parts and {points} points in {size} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{file}: the coordinate system file is damaged or holds something else (a .prj is a line of plain text of at most {limit} bytes). Copy it again with the Shapefile, or delete it and give the coordinate system (e.g. gismap info --crs EPSG:3405).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{file}: shape {number} is damaged ({detail}). {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: not a dBASE attribute table (its header is damaged or it is another kind of file). {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{file}: the table&apos;s header is damaged: it says each record takes {length} bytes and the header {header} bytes, but its fields take {fields} bytes and the file {size}. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file} is cut short or damaged: it holds {whole} whole records but its header declares {declared}. {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{file}: not a readable ZIP archive ({reason}). Re-download or re-create the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: the archive holds {count} files, more than the {limit} GISMap opens. Unzip it and open the layer itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the archive holds a file named {name}, which points outside the archive; GISMap does not open such archives. Unzip it with care and open the layer itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: the archive holds another archive, {name}. Unzip it and open the layer inside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: {name} is compressed {ratio}:1, more than the {limit}:1 of any real data: the archive looks like a ZIP bomb. Get the layer from its source again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: the archive unpacks to {size} MB, more than the {limit} MB GISMap reads from an archive. Unzip it and open the layer itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{file}: the file declares a DOCTYPE or XML entities, which can pull local files into the map or expand without end; GISMap does not read such files. Delete the &lt;!DOCTYPE …&gt; declaration at its top (map data does not need it) and open it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HtmlExportDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="+257"/>
        <source>Export Web Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Works offline (Leaflet included in the file)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../gismap/ui/identify.py" line="+24"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click a feature on the map to see its attributes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>feature {number} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{count} features under the cursor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinReportPanel</name>
    <message>
        <location filename="../../gismap/ui/join_wizard.py" line="+53"/>
        <source>No table joined yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}: {1} rows matched — {2} by code, {3} by name, {4} through the legacy crosswalk, {5} resolved by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} provinces have data; {1} provinces have none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} communes have data; {1} communes have none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} communes have data; {1} communes of the provinces the table covers have none ({2} communes of other provinces are not counted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Layer: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Legacy table (the 63 provinces before 2025) detected: each added into the 2025 province it became part of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Legacy table (pre-2025 communes) detected: converted through the crosswalk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n table row(s) not matched.</source>
        <translation>
            <numerusform>%n table row not matched.</numerusform>
            <numerusform>%n table rows not matched.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) ambiguous (not applied).</source>
        <translation>
            <numerusform>%n row ambiguous (not applied).</numerusform>
            <numerusform>%n rows ambiguous (not applied).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n commune(s) appear twice (not applied).</source>
        <translation>
            <numerusform>%n commune appears twice (not applied).</numerusform>
            <numerusform>%n communes appear twice (not applied).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) excluded (totals, notes).</source>
        <translation>
            <numerusform>%n row excluded (totals, notes).</numerusform>
            <numerusform>%n rows excluded (totals, notes).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rows matched by the column &apos;{0}&apos; ({1}), {2}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinWizard</name>
    <message>
        <location line="+323"/>
        <source>Join a table to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Joining…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerExportDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="+18"/>
        <source>Export Layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Include how each commune was joined (matched, method)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} is not loaded yet; wait until it is drawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the central meridian of the VN-2000 zone to export in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../gismap/ui/layer_panel.py" line="+117"/>
        <source>Not drawn: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>&amp;Zoom to Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Properties…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>none: the layer as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Join {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Count sites of {0} as {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this step; the layer is rebuilt from its file without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Remove Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Layer Properties — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layer in file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaired geometries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <location filename="../../gismap/ui/legend_panel.py" line="+44"/>
        <location line="+40"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+40"/>
        <source>Communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No layer selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gismap/ui/main_window.py" line="+65"/>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layer Styling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identify Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Join Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attribute Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find a commune…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Add Layer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom to &amp;Full Extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom to &amp;Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Deselect All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zoom Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Identify Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Select Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+301"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-297"/>
        <location line="+298"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-294"/>
        <source>&amp;About GISMap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Join Table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Count Sites in Communes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Map Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Interactive &amp;HTML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Layer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill In a Report &amp;Form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Presentation Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find Commune…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{0}° E  {1}° N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a loaded layer in the Layers panel first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+29"/>
        <source>Count Sites in Communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Add a site list (CSV or Excel with longitude and latitude) and a commune layer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sites:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count them in the communes of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of the new column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0}: {1} sites of {2} counted in column {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+14"/>
        <source>Fill In a Report Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+4"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{0} (filled in).xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Wrote {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The interface language will change when GISMap is restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About GISMap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;GISMap {0}&lt;/h3&gt;&lt;p&gt;Maps of Vietnam&apos;s commune-level digital infrastructure.&lt;/p&gt;&lt;p&gt;{1}&lt;/p&gt;&lt;p&gt;{2}&lt;/p&gt;&lt;p&gt;{3}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Icons: Material Design Icons 6.9.96 – Pictogrammers (Apache License 2.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Untitled map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vector layers and site lists ({0} {1});;Site lists with longitude and latitude ({1});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Cannot load layer {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../gismap/ui/map_canvas.py" line="+253"/>
        <source>Drawing failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapSnapshotDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="-76"/>
        <source>Export Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution (DPI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subtitle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresentationView</name>
    <message>
        <location filename="../../gismap/ui/presentation.py" line="+64"/>
        <source>GISMap presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+141"/>
        <source>Untitled map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>← → indicator   ↑ ↓ province   Esc leave</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <location filename="../../gismap/ui/project_io.py" line="+135"/>
        <source>&amp;New Map for Province…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save Project &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+123"/>
        <source>No recent projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Autosave failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectDialogs</name>
    <message>
        <location line="-281"/>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save Project As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The map has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an unsaved map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recover Unsaved Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GISMap did not close normally. Recover the autosaved changes to {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Locate {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} (*{suffix});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GISMap projects (*{suffix})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvinceDialog</name>
    <message>
        <location filename="../../gismap/ui/province_dialog.py" line="+50"/>
        <source>Choose a Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sample map (4 provinces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Which province&apos;s map do you want? Its communes are shown at full detail over the map of Vietnam. File › New Map for Province… changes it later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <location filename="../../gismap/ui/repair_dialog.py" line="+39"/>
        <source>Files Not Found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These files of the project are not where they were. Locate a moved file; the other files moved along with it are then found as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expected at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Locate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>Found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>layer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>joined table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>site list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteListCrsDialog</name>
    <message>
        <location filename="../../gismap/ui/crs_choice.py" line="+16"/>
        <source>Coordinates of the site list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinate system of the coordinates in {0}. GPS lists are usually WGS 84 degrees; survey lists in metres are VN-2000 of their province.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StylePanel</name>
    <message>
        <location filename="../../gismap/ui/style_panel.py" line="+157"/>
        <source>Quantiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Equal interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Natural breaks (Jenks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Standard deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pretty breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reverse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drag a break to move it (switches to manual classes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour ramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill (no indicator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Single colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No labels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_ExportDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="-176"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+22"/>
        <source>Writing {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrote {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_MappingPage</name>
    <message>
        <location filename="../../gismap/ui/join_wizard.py" line="-267"/>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check what each column holds; change any that was misread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commune code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filled in as you mapped the last table with the same columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Match rows by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key: commune code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key: commune name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: province code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key: province name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: district (before 2025)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: district code (before 2025)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep under its own name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From the table, or any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No column is marked as the province code or name. GISMap will look for one by its values; if it finds none, mark the key column below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No column is marked as the commune code or name. GISMap will look for one by its values; if it finds none, mark the key column below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key column: &apos;{0}&apos; ({1}), {2}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_PreviewPage</name>
    <message>
        <location line="-139"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rows set aside (totals, notes, column numbers):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading the table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Header on row {0}; {1} data rows; {2} rows set aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>row {0} ({1}): {2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_ReportPage</name>
    <message>
        <location line="+124"/>
        <source>Match report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick the right commune for rows that could not be matched with certainty, then apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check again with these picks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&apos;{0}&apos; is ambiguous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(leave unmatched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} ({1}) — score {2:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_TablePage</name>
    <message>
        <location line="-283"/>
        <location line="+33"/>
        <source>Choose a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-32"/>
        <source>A CSV or Excel report with one row per commune.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Table file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Tables (*.xlsx *.xls *.ods *.csv *.tsv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
