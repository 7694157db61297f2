<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../gismap/ui/join_wizard.py" line="+62"/>
        <source>province code</source>
        <translation>mã tỉnh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>province name</source>
        <translation>tên tỉnh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>commune code</source>
        <translation>mã xã/phường</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>commune name</source>
        <translation>tên xã/phường</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recognised by its header</source>
        <translation>nhận ra theo tiêu đề cột</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chosen by its values, which name units of the layer</source>
        <translation>chọn theo giá trị trong cột, là tên các đơn vị của lớp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as you chose</source>
        <translation>theo lựa chọn của bạn</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../../gismap/ui/attribute_table.py" line="+227"/>
        <source>Filter rows (accents optional)…</source>
        <translation>Lọc các dòng (gõ dấu hoặc không dấu)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Zoom to Selected</source>
        <translation>Thu phóng đến đối tượng đã chọn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear Selection</source>
        <translation>Bỏ chọn</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>{shown} of {total} shown, {selected} selected</source>
        <translation>Hiển thị {shown}/{total}, đã chọn {selected}</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <location filename="../../gismap/ui/style_panel.py" line="+85"/>
        <source>Choose a colour</source>
        <translation>Chọn màu</translation>
    </message>
</context>
<context>
    <name>CommuneSearch</name>
    <message>
        <location filename="../../gismap/ui/search.py" line="+32"/>
        <source>Find a commune or ward…</source>
        <translation>Tìm xã/phường…</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>code {code} · {layer}</source>
        <translation>mã {code} · {layer}</translation>
    </message>
</context>
<context>
    <name>CrsChooser</name>
    <message>
        <location filename="../../gismap/ui/crs_choice.py" line="+30"/>
        <source>WGS 84, longitude and latitude (degrees)</source>
        <translation>WGS 84, kinh độ và vĩ độ (độ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VN-2000 TM-3 of a province (metres)</source>
        <translation>VN-2000 TM-3 theo tỉnh (mét)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} (before 2025)</source>
        <translation>{0} (trước 2025)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coordinate system</source>
        <translation>Hệ tọa độ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation>Tỉnh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central meridian</source>
        <translation>Kinh tuyến trục</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Choose the zone…</source>
        <translation>Chọn múi chiếu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1} before 2025 (EPSG:{2})</source>
        <translation>{0}: {1} trước 2025 (EPSG:{2})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} was made in 2025 of provinces on different central meridians: choose the one the coordinates use.</source>
        <translation>{0} được hợp nhất năm 2025 từ các tỉnh có kinh tuyến trục khác nhau: hãy chọn kinh tuyến trục mà tọa độ sử dụng.</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <location filename="../../gismap/ui/failures.py" line="+29"/>
        <source>Unexpected error</source>
        <translation>Lỗi không lường trước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GISMap met an error it did not expect: {0}

Your map is unchanged. Please report this with the details below.</source>
        <translation>GISMap gặp một lỗi không lường trước: {0}

Bản đồ của bạn không bị thay đổi. Vui lòng báo lỗi này kèm phần chi tiết bên dưới.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log file: {0}</source>
        <translation>Tệp nhật ký: {0}</translation>
    </message>
    <message>
        <location filename="../../gismap/ui/i18n.py" line="+76"/>
        <source>an error GISMap did not expect; its details are in the error report</source>
        <translation>lỗi GISMap không lường trước; chi tiết nằm trong báo cáo lỗi</translation>
    </message>
</context>
<context>
    <name>GismapError</name>
    <message>
        <location filename="../../gismap/core/classify.py" line="+113"/>
        <source>no column &apos;{column}&apos; in the layer; numeric columns are: {columns}</source>
        <translation>lớp không có cột &apos;{column}&apos;; các cột số là: {columns}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>column &apos;{column}&apos; has no values to classify; every feature lacks data</source>
        <translation>cột &apos;{column}&apos; không có giá trị nào để phân loại; mọi đối tượng đều thiếu dữ liệu</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>unknown colour ramp &apos;{name}&apos;; try YlGnBu, viridis, Blues, RdYlBu or Set2</source>
        <translation>không có dải màu &apos;{name}&apos;; hãy thử YlGnBu, viridis, Blues, RdYlBu hoặc Set2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&apos;{color}&apos; is not a colour; use #rrggbb</source>
        <translation>&apos;{color}&apos; không phải là màu; hãy viết dạng #rrggbb</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the number of classes must be between {low} and {high} (got {k})</source>
        <translation>số lớp phải từ {low} đến {high} (đang là {k})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>every value of &apos;{column}&apos; is {value}; this classification needs a range of values: use quantiles or manual breaks</source>
        <translation>mọi giá trị của &apos;{column}&apos; đều bằng {value}; cách phân loại này cần một khoảng giá trị: hãy dùng phân vị hoặc ngưỡng thủ công</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>manual classification needs breaks, e.g. 10, 50, 100</source>
        <translation>phân loại thủ công cần các ngưỡng, ví dụ 10, 50, 100</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give between 1 and {high} manual breaks (got {count})</source>
        <translation>hãy nhập từ 1 đến {high} ngưỡng thủ công (đang có {count})</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>unknown classification &apos;{scheme}&apos;; choose one of {choices}</source>
        <translation>không có cách phân loại &apos;{scheme}&apos;; hãy chọn một trong: {choices}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>column &apos;{column}&apos; has {count} different values, too many to tell apart by colour; choose a numeric classification</source>
        <translation>cột &apos;{column}&apos; có {count} giá trị khác nhau, quá nhiều để phân biệt bằng màu; hãy chọn cách phân loại theo số</translation>
    </message>
    <message>
        <location filename="../../gismap/core/document.py" line="+259"/>
        <source>Add layer {layer}</source>
        <translation>Thêm lớp {layer}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove layer {layer}</source>
        <translation>Xóa lớp {layer}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Change layer order</source>
        <translation>Đổi thứ tự lớp</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change layer {layer}</source>
        <translation>Sửa lớp {layer}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Change the steps of {layer}</source>
        <translation>Sửa các bước của lớp {layer}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the layer already has a column &apos;{column}&apos;; give the count another name</source>
        <translation>lớp đã có cột &apos;{column}&apos;; hãy đặt tên khác cho cột đếm</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Change the title</source>
        <translation>Sửa tiêu đề</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>must be four numbers: west, south, east, north</source>
        <translation>phải là bốn số: tây, nam, đông, bắc</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>title</source>
        <translation>tiêu đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>subtitle</source>
        <translation>tiêu đề phụ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source line</source>
        <translation>dòng nguồn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>layer name</source>
        <translation>tên lớp</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the {what} is {length} characters long; a map shows at most {limit}. Shorten it.</source>
        <translation>{what} dài {length} ký tự; bản đồ hiển thị tối đa {limit}. Hãy rút ngắn.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{file}: not valid TOML ({reason}). Fix the layer definition.</source>
        <translation>{file}: không phải TOML hợp lệ ({reason}). Hãy sửa định nghĩa lớp.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no province &apos;{province}&apos;; give its 2025 code (such as 37) or name (such as Ninh Bình)</source>
        <translation>không có tỉnh &apos;{province}&apos;; hãy nhập mã năm 2025 (ví dụ 37) hoặc tên (ví dụ Ninh Bình)</translation>
    </message>
    <message>
        <location filename="../../gismap/core/export.py" line="+74"/>
        <source>{file}: cannot export to this kind of file; choose a file ending in {formats}</source>
        <translation>{file}: không xuất được ra loại tệp này; hãy chọn tệp có đuôi {formats}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: KML holds WGS 84 longitude/latitude only, not {crs}; export to a GeoPackage or Shapefile instead</source>
        <translation>{file}: KML chỉ chứa kinh độ/vĩ độ WGS 84, không chứa {crs}; hãy xuất ra GeoPackage hoặc Shapefile</translation>
    </message>
    <message>
        <location filename="../../gismap/core/join.py" line="+97"/>
        <source>{count} by code</source>
        <translation>{count} theo mã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} by name</source>
        <translation>{count} theo tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} through the crosswalk</source>
        <translation>{count} qua bảng chuyển đổi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} resolved by hand</source>
        <translation>{count} chọn tay</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} provinces have data, {without} have none</source>
        <translation>{file}: {matched} dòng khớp ({methods}); {with_data} tỉnh có dữ liệu, {without} tỉnh không có</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} communes have data, {without} have none (province {province})</source>
        <translation>{file}: {matched} dòng đã ghép ({methods}); {with_data} xã có dữ liệu, {without} xã không có (tỉnh {province})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} communes have data, {without} have none</source>
        <translation>{file}: {matched} dòng đã ghép ({methods}); {with_data} xã có dữ liệu, {without} xã không có</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {matched} rows matched ({methods}); {with_data} communes have data, {without} have none in the provinces the table covers ({outside} communes of other provinces are not counted)</source>
        <translation>{file}: {matched} dòng đã ghép ({methods}); {with_data} xã có dữ liệu, {without} xã của các tỉnh trong bảng không có ({outside} xã của các tỉnh khác không tính)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>legacy table (the 63 provinces before 2025): {legacy} provinces exist only before 2025, {new} only after; each added into the 2025 province it became part of</source>
        <translation>bảng cũ (63 tỉnh trước năm 2025): {legacy} tỉnh chỉ có trước 2025, {new} tỉnh chỉ có sau; mỗi tỉnh được cộng vào tỉnh năm 2025 mà nó sáp nhập vào</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>legacy table (pre-2025 communes): {legacy} keys exist only before 2025, {new} only after; converted through the crosswalk</source>
        <translation>bảng theo xã cũ (trước 2025): {legacy} khóa chỉ có trước 2025, {new} khóa chỉ có sau đó; đã chuyển đổi qua bảng chuyển đổi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  {count} divided legacy communes apportioned by area (flagged)</source>
        <translation>  {count} xã cũ bị chia tách được phân bổ theo diện tích (có đánh dấu)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  {count} provinces only partly covered by the table (flagged): {names}</source>
        <translation>  {count} tỉnh chỉ được bảng phủ một phần (đã đánh dấu): {names}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  {count} communes only partly covered by the table</source>
        <translation>  {count} xã chỉ được bảng bao phủ một phần</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  {column}: {how} (flagged)</source>
        <translation>  {column}: {how} (có đánh dấu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  summed without a catalogue rule (flagged): {columns}</source>
        <translation>  cộng dồn khi không có quy tắc trong danh mục (có đánh dấu): {columns}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>columns: {columns}</source>
        <translation>các cột: {columns}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kept under their own names: {columns}</source>
        <translation>giữ nguyên tên: {columns}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>row {row}: &apos;{name}&apos; is ambiguous: {candidates}</source>
        <translation>dòng {row}: &apos;{name}&apos; không rõ ràng: {candidates}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no candidate</source>
        <translation>không có ứng viên</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>row {row}: not matched ({reason})</source>
        <translation>dòng {row}: không ghép được ({reason})</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>commune {code} appears on rows {rows}: not applied, keep one row</source>
        <translation>xã {code} xuất hiện ở các dòng {rows}: không áp dụng, hãy giữ một dòng</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>row {row}: excluded ({reason}): {text}</source>
        <translation>dòng {row}: bị loại ({reason}): {text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row {row}: {column} = {value} is out of range ({why})</source>
        <translation>dòng {row}: {column} = {value} nằm ngoài khoảng hợp lệ ({why})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row {row}: &apos;{value}&apos; in {column} is not a number</source>
        <translation>dòng {row}: &apos;{value}&apos; trong {column} không phải là số</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>note: no row matched a commune of the boundary layer: check that the table (and its sheet) covers these communes, and the key column</source>
        <translation>lưu ý: không dòng nào ghép được với xã của lớp ranh giới: hãy kiểm tra bảng (và trang tính) có đúng các xã này không, và cột khóa</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../gismap/core/template.py" line="+65"/>
        <source>note: {warning}</source>
        <translation>lưu ý: {warning}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>province {code} appears on rows {rows}: not applied, keep one row</source>
        <translation>tỉnh {code} xuất hiện ở các dòng {rows}: không áp dụng, hãy giữ một dòng</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>province {code} appears on {count} rows ({rows}, …): not applied, keep one row</source>
        <translation>tỉnh {code} xuất hiện ở {count} dòng ({rows}, …): không áp dụng, hãy giữ một dòng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>commune {code} appears on {count} rows ({rows}, …): not applied, keep one row</source>
        <translation>xã {code} xuất hiện ở {count} dòng ({rows}, …): không áp dụng, hãy giữ một dòng</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>  … and {count} more (a join report saved as JSON lists them all)</source>
        <translation>  … và {count} dòng nữa (báo cáo ghép lưu dạng JSON liệt kê đủ)</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{file}: the layer holds provinces; a report form is filled from a layer of communes.</source>
        <translation>{file}: lớp bản đồ là lớp tỉnh; mẫu báo cáo được điền từ một lớp xã.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: its rows are communes from before July 2025, which the map no longer has. Use a form that lists the 2025 communes.</source>
        <translation>{file}: các dòng là xã/phường trước tháng 7/2025, bản đồ không còn các đơn vị này. Hãy dùng mẫu liệt kê các xã/phường năm 2025.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unknown key &apos;{key}&apos;: use one of {choices}.</source>
        <translation>không có khóa ghép &apos;{key}&apos;: hãy dùng một trong: {choices}.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>the boundary layer lacks the field(s) {fields}; use a commune layer with the schema of data/shapefiles (code, name, prov_code, ...).</source>
        <translation>lớp ranh giới thiếu trường {fields}; hãy dùng lớp xã có cấu trúc như data/shapefiles (code, name, prov_code, ...).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the boundary layer has commune code {code} twice; fix the layer so that every commune appears once.</source>
        <translation>lớp ranh giới có mã xã {code} hai lần; hãy sửa lớp để mỗi xã chỉ xuất hiện một lần.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>province &apos;{province}&apos; is not in the boundary layer; it holds province codes {codes}.</source>
        <translation>tỉnh &apos;{province}&apos; không có trong lớp ranh giới; lớp chỉ có các mã tỉnh {codes}.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>&apos;{header}&apos; was taken as the commune {role} by its values ({share} of them match)</source>
        <translation>cột &apos;{header}&apos; được dùng làm {role} xã theo giá trị của nó ({share} giá trị khớp)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>code</source>
        <translation>mã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>tên</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&apos;{header}&apos; was taken as the province by its values ({share} of them name a province)</source>
        <translation>cột &apos;{header}&apos; được chọn làm tỉnh theo giá trị ({share} giá trị là tên tỉnh)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: the layer holds provinces, and no column among {columns} holds province codes or names, by its header or its values. Say which column holds the province.</source>
        <translation>{file}: lớp bản đồ là lớp tỉnh, nhưng không cột nào trong {columns} chứa mã hoặc tên tỉnh, theo tiêu đề hay giá trị. Hãy chỉ rõ cột nào chứa tỉnh.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{file}: its rows are provinces, not communes. Join it to a layer of provinces (such as the embedded province layer).</source>
        <translation>{file}: các dòng của bảng là tỉnh, không phải xã. Hãy ghép bảng vào một lớp tỉnh (chẳng hạn lớp tỉnh có sẵn).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{file}: matching by code, but no column holds commune codes. Say which column holds the code.</source>
        <translation>{file}: ghép theo mã nhưng không có cột nào chứa mã xã. Hãy chỉ ra cột chứa mã.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}: matching by name, but no column holds commune names. Say which column holds the name.</source>
        <translation>{file}: ghép theo tên nhưng không có cột nào chứa tên xã. Hãy chỉ ra cột chứa tên.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{file}: no column among {columns} holds commune codes or names, by its header or its values. Say which column holds the code or the name.</source>
        <translation>{file}: không cột nào trong {columns} chứa mã hoặc tên xã, theo tiêu đề hay theo giá trị. Hãy chỉ ra cột chứa mã hoặc tên.</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>resolution for row {row}: the table has no such data row.</source>
        <translation>chọn tay cho dòng {row}: bảng không có dòng dữ liệu này.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>resolution for row {row}: commune {code} is not in the boundary layer.</source>
        <translation>chọn tay cho dòng {row}: xã {code} không có trong lớp ranh giới.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>boundary layer</source>
        <translation>lớp ranh giới</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>code {code} is of a commune before July 2025, and the table lists those of 2025</source>
        <translation>mã {code} là mã của một xã trước tháng 7/2025, còn bảng liệt kê các xã năm 2025</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>code {code} is not in the {codes}</source>
        <translation>mã {code} không có trong {codes}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>code {code} is outside province {province}</source>
        <translation>mã {code} nằm ngoài tỉnh {province}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no commune code or name</source>
        <translation>không có mã hay tên xã</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;{name}&apos; is a district or a province, not a commune</source>
        <translation>&apos;{name}&apos; là huyện (quận, thị xã, thành phố) hoặc tỉnh, không phải xã</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no commune named &apos;{name}&apos; in province {province}</source>
        <translation>không có xã nào tên &apos;{name}&apos; trong tỉnh {province}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no commune named &apos;{name}&apos;</source>
        <translation>không có xã nào tên &apos;{name}&apos;</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>a share is 0–100</source>
        <translation>tỷ lệ phải từ 0 đến 100</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a count cannot be negative</source>
        <translation>số đếm không thể âm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more hamlets with fibre than hamlets</source>
        <translation>số thôn có cáp quang nhiều hơn tổng số thôn</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no province named &apos;{name}&apos;</source>
        <translation>không có tỉnh nào tên &apos;{name}&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>province {code} is not in the boundary layer</source>
        <translation>tỉnh {code} không có trong lớp ranh giới</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{name}&apos; is a province before 2025 and the table lists those of 2025</source>
        <translation>&apos;{name}&apos; là tỉnh trước năm 2025, còn bảng liệt kê các tỉnh năm 2025</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>list of pre-2025 communes</source>
        <translation>danh sách xã trước 2025</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>columns of text or codes cannot be aggregated across communes and were left out: {columns}</source>
        <translation>không gộp được cột văn bản hoặc cột mã qua các xã nên đã bỏ qua: {columns}</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>legacy commune {code} has no successor in the boundary layer</source>
        <translation>xã cũ {code} không có xã kế thừa trong lớp ranh giới</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>mean weighted by {column}</source>
        <translation>trung bình có trọng số theo {column}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unweighted mean</source>
        <translation>trung bình không trọng số</translation>
    </message>
    <message>
        <location filename="../../gismap/core/layers.py" line="+98"/>
        <source>1 invalid geometry was repaired</source>
        <translation>đã sửa 1 hình học không hợp lệ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} invalid geometries were repaired</source>
        <translation>đã sửa {count} hình học không hợp lệ</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>{file}: the layer &apos;{layer}&apos; is a table without geometry. Choose a layer with features, or join this table to a boundary layer.</source>
        <translation>{file}: lớp &apos;{layer}&apos; là bảng không có hình học. Hãy chọn một lớp có đối tượng, hoặc nối bảng này vào lớp ranh giới.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{file}: the layer &apos;{layer}&apos; has no features. Choose another layer or check the export that produced this file.</source>
        <translation>{file}: lớp &apos;{layer}&apos; không có đối tượng nào. Hãy chọn lớp khác hoặc kiểm tra lại lần xuất đã tạo ra tệp này.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: none of the {count} features of the layer &apos;{layer}&apos; has a geometry GISMap can draw (missing, empty, unreadable, or with coordinates no map can hold). Check the export that produced this file.</source>
        <translation>{file}: không đối tượng nào trong {count} đối tượng của lớp &apos;{layer}&apos; có hình học mà GISMap vẽ được (thiếu, rỗng, không đọc được, hoặc có tọa độ không bản đồ nào chứa được). Hãy kiểm tra lần xuất đã tạo ra tệp này.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: expected commune polygons but the layer holds {kind} geometries. Load it as an overlay, or choose the boundary (polygon) layer.</source>
        <translation>{file}: cần vùng ranh giới xã nhưng lớp chứa hình học {kind}. Hãy nạp nó làm lớp phủ, hoặc chọn lớp ranh giới (vùng).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>1 feature has no geometry GISMap can draw (missing, empty, unreadable, of no area, or with coordinates no map can hold): its row is kept, off the map</source>
        <translation>1 đối tượng không có hình học mà GISMap vẽ được (thiếu, rỗng, không đọc được, diện tích bằng không, hoặc có tọa độ không bản đồ nào chứa được): dòng của nó được giữ lại nhưng không hiện trên bản đồ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} features have no geometry GISMap can draw (missing, empty, unreadable, of no area, or with coordinates no map can hold): their rows are kept, off the map</source>
        <translation>{count} đối tượng không có hình học mà GISMap vẽ được (thiếu, rỗng, không đọc được, diện tích bằng không, hoặc có tọa độ không bản đồ nào chứa được): các dòng của chúng được giữ lại nhưng không hiện trên bản đồ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 text cell holds bytes that are no {encoding} text (damaged, or a wrong .cpg): shown with � where it cannot be read</source>
        <translation>1 ô văn bản chứa các byte không phải văn bản {encoding} (bị hỏng, hoặc tệp .cpg sai): phần không đọc được hiện bằng �</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} text cells hold bytes that are no {encoding} text (damaged, or a wrong .cpg): shown with � where they cannot be read</source>
        <translation>{count} ô văn bản chứa các byte không phải văn bản {encoding} (bị hỏng, hoặc tệp .cpg sai): phần không đọc được hiện bằng �</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>the .cpg file says {declared} but the text is UTF-8: read as {encoding}</source>
        <translation>tệp .cpg ghi {declared} nhưng văn bản là UTF-8: đã đọc theo {encoding}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no .cpg file: text read as {encoding} (detected)</source>
        <translation>không có tệp .cpg: văn bản được đọc theo {encoding} (tự nhận biết)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the .cpg file says UTF-8 but the text is not: read as {encoding} (detected)</source>
        <translation>tệp .cpg ghi UTF-8 nhưng văn bản không phải UTF-8: đã đọc theo {encoding} (tự nhận biết)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the .cpg file names {declared}, no code page a .dbf can hold: text read as {encoding} (detected)</source>
        <translation>tệp .cpg ghi {declared}, không phải bảng mã mà tệp .dbf có thể chứa: văn bản đã đọc theo {encoding} (tự nhận biết)</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>{file}: expected commune polygons but a table gives at most points. Choose the boundary (polygon) layer; join the table to it with Join Table.</source>
        <translation>{file}: cần vùng ranh giới xã nhưng một bảng chỉ cho được các điểm. Hãy chọn lớp ranh giới (vùng); ghép bảng vào lớp đó bằng Ghép bảng dữ liệu.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{file}: no such file. Check the path, or use File &gt; Add Layer.</source>
        <translation>{file}: không có tệp này. Hãy kiểm tra đường dẫn, hoặc dùng Tệp &gt; Thêm lớp.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{file}: the index file {part} is missing. A Shapefile needs .shp, .shx and .dbf side by side: copy all of its files together.</source>
        <translation>{file}: thiếu tệp chỉ mục {part}. Shapefile cần .shp, .shx và .dbf nằm cùng thư mục: hãy sao chép tất cả các tệp của nó cùng nhau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: the attribute table file {part} is missing. A Shapefile needs .shp, .shx and .dbf side by side: copy all of its files together.</source>
        <translation>{file}: thiếu tệp bảng thuộc tính {part}. Shapefile cần .shp, .shx và .dbf nằm cùng thư mục: hãy sao chép tất cả các tệp của nó cùng nhau.</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>the file names its coordinate system, {own}: read in it, not in {given}</source>
        <translation>tệp đã ghi hệ tọa độ của nó, {own}: đọc theo hệ đó, không theo {given}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file&apos;s coordinate system, {own}, does not fit its coordinates {extent}: read in {given}, as given</source>
        <translation>hệ tọa độ của tệp, {own}, không khớp với tọa độ {extent}: đã đọc theo {given} như đã chỉ định</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file&apos;s coordinate system, {own}, is in metres but its coordinates are longitude and latitude in Vietnam: read as WGS 84 (EPSG:4326); its .prj is wrong</source>
        <translation>hệ tọa độ của tệp, {own}, tính bằng mét nhưng tọa độ là kinh độ và vĩ độ ở Việt Nam: đã đọc theo WGS 84 (EPSG:4326); tệp .prj của nó bị sai</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: the file&apos;s coordinate system, {own}, is in degrees but its coordinates {extent} are not longitude/latitude. Give the coordinate system they are in (e.g. gismap info --crs EPSG:3405), or correct the .prj in the source GIS and export again.</source>
        <translation>{file}: hệ tọa độ của tệp, {own}, tính bằng độ nhưng tọa độ {extent} không phải kinh độ/vĩ độ. Hãy cho biết hệ tọa độ thực của chúng (ví dụ gismap info --crs EPSG:3405), hoặc sửa tệp .prj trong phần mềm GIS gốc rồi xuất lại.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no CRS in the file: assumed WGS 84 (EPSG:4326) since the coordinates fit</source>
        <translation>tệp không có hệ tọa độ: coi là WGS 84 (EPSG:4326) vì tọa độ phù hợp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: the layer has no coordinate reference system and its coordinates {extent} are not longitude/latitude. Add the .prj file that came with it, or assign the CRS (e.g. VN-2000 EPSG:3405) in the source GIS and export again.</source>
        <translation>{file}: lớp không có hệ tọa độ và tọa độ {extent} không phải kinh độ/vĩ độ. Hãy thêm tệp .prj đi kèm, hoặc gán hệ tọa độ (ví dụ VN-2000 EPSG:3405) trong phần mềm GIS gốc rồi xuất lại.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the layer lies at {extent} (longitude/latitude), far from Vietnam: check its coordinate system (.prj)</source>
        <translation>lớp nằm ở {extent} (kinh độ/vĩ độ), cách xa Việt Nam: hãy kiểm tra hệ tọa độ của nó (.prj)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the file holds no layer, neither features nor a table. Check the export that produced this file, or choose another file.</source>
        <translation>{file}: tệp không chứa lớp nào, không có đối tượng cũng không có bảng. Hãy kiểm tra lần xuất đã tạo ra tệp này, hoặc chọn tệp khác.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: not a vector layer GISMap can read ({reason}). Use a Shapefile (.shp with .shx and .dbf), GeoPackage, GeoJSON, FlatGeobuf or KML.</source>
        <translation>{file}: không phải lớp vector mà GISMap đọc được ({reason}). Hãy dùng Shapefile (.shp kèm .shx và .dbf), GeoPackage, GeoJSON, FlatGeobuf hoặc KML.</translation>
    </message>
    <message>
        <location filename="../../gismap/core/tables.py" line="+90"/>
        <source>{file}: no column &apos;{header}&apos; to map. Columns are: {columns}.</source>
        <translation>{file}: không có cột &apos;{header}&apos; để gán. Các cột là: {columns}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: &apos;{target}&apos; is not a known indicator or key. Use one of: {choices}.</source>
        <translation>{file}: &apos;{target}&apos; không phải chỉ tiêu hay khóa đã biết. Hãy dùng một trong: {choices}.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>{file}: unsupported table format. Save it as .xlsx, .xls, .ods or .csv (UTF-8).</source>
        <translation>{file}: định dạng bảng không được hỗ trợ. Hãy lưu thành .xlsx, .xls, .ods hoặc .csv (UTF-8).</translation>
    </message>
    <message>
        <location line="+471"/>
        <source>{file}: no sheet &apos;{sheet}&apos;. Sheets are: {sheets}.</source>
        <translation>{file}: không có trang tính &apos;{sheet}&apos;. Các trang tính là: {sheets}.</translation>
    </message>
    <message>
        <location line="-480"/>
        <source>{file}: a sheet applies to Excel workbooks only; a CSV has one table.</source>
        <translation>{file}: chỉ sổ tính Excel mới có trang tính; tệp CSV chỉ có một bảng.</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>{file}, sheet &apos;{sheet}&apos;</source>
        <translation>{file}, trang tính &apos;{sheet}&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rows</source>
        <translation>dòng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>columns</source>
        <translation>cột</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cells</source>
        <translation>ô</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}: {count} {what}, more than GISMap reads in a table (at most {limit}). Delete the empty rows and columns after the table, or split it into several files.</source>
        <translation>{file}: {count} {what}, nhiều hơn mức GISMap đọc trong một bảng (tối đa {limit}). Hãy xóa các dòng và cột trống sau bảng, hoặc chia bảng thành nhiều tệp.</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>the workbook holds more than {limit} cells, so it was read without its number formats</source>
        <translation>sổ làm việc có hơn {limit} ô nên đã được đọc mà không có định dạng số</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>column &apos;{header}&apos; also looks like &apos;{indicator}&apos;; kept under its own name</source>
        <translation>cột &apos;{header}&apos; cũng giống &apos;{indicator}&apos;; giữ nguyên tên</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: no data rows under the header (row {row}). Check the sheet, or that the table is not empty.</source>
        <translation>{file}: không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {row}). Hãy kiểm tra trang tính, hoặc xem bảng có trống không.</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>{file}: no such file. Check the path.</source>
        <translation>{file}: không có tệp này. Hãy kiểm tra đường dẫn.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>a zip archive, but not an Excel workbook</source>
        <translation>là tệp nén zip nhưng không phải sổ làm việc Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its cells or sheets are inconsistent</source>
        <translation>các ô hoặc trang tính không nhất quán</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <location line="+2"/>
        <source>its content is damaged</source>
        <translation>nội dung bị hỏng</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>{file}: cannot be read as an Excel workbook ({reason}). Open and save it again as .xlsx, or export it as CSV.</source>
        <translation>{file}: không đọc được như sổ tính Excel ({reason}). Hãy mở và lưu lại thành .xlsx, hoặc xuất ra CSV.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: cannot be read as a workbook ({reason}). Open and save it again as .xlsx, or export it as CSV.</source>
        <translation>{file}: không đọc được sổ tính ({reason}). Hãy mở và lưu lại thành .xlsx, hoặc xuất ra CSV.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{file}: unpacks to {size} bytes, more than GISMap reads in a table (at most {limit}). Save the table alone in a smaller workbook, or as CSV.</source>
        <translation>{file}: giải nén ra {size} byte, nhiều hơn mức GISMap đọc trong một bảng (tối đa {limit}). Hãy lưu riêng bảng vào một sổ làm việc nhỏ hơn, hoặc dạng CSV.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>not a zip archive, as every .xlsx and .ods file is</source>
        <translation>không phải tệp nén zip như mọi tệp .xlsx và .ods</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: its part {part} unpacks to {size} bytes from {packed}, more than {limit} times smaller, as only a zip bomb is. Save the table again from a spreadsheet program, or as CSV.</source>
        <translation>{file}: phần {part} giải nén ra {size} byte từ {packed} byte, nén nhỏ hơn {limit} lần, chỉ bom zip mới như vậy. Hãy lưu lại bảng từ một chương trình bảng tính, hoặc dạng CSV.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{file}: its part {part} declares XML entities, which no spreadsheet program writes and which can make a file expand without end or read other files; it is not read. Save the table again from a spreadsheet program.</source>
        <translation>{file}: phần {part} khai báo thực thể XML, điều mà không chương trình bảng tính nào ghi và có thể làm tệp phình ra vô hạn hoặc đọc các tệp khác; tệp không được đọc. Hãy lưu lại bảng từ một chương trình bảng tính.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: {count} shared texts, more than GISMap reads (at most {limit}). Save the table again from a spreadsheet program, or as CSV.</source>
        <translation>{file}: {count} chuỗi văn bản dùng chung, nhiều hơn mức GISMap đọc (tối đa {limit}). Hãy lưu lại bảng từ một chương trình bảng tính, hoặc dạng CSV.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{file}: the workbook has no sheet.</source>
        <translation>{file}: sổ tính không có trang nào.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&apos;{header}&apos;: every value is at most 1; if the sheet shows them as percentages (98,5 %), they are fractions: save the workbook as .xlsx, which keeps its formats, and join it again</source>
        <translation>&apos;{header}&apos;: mọi giá trị đều không quá 1; nếu trang tính hiển thị chúng dạng phần trăm (98,5 %) thì đó là phân số: hãy lưu sổ tính thành .xlsx (giữ định dạng ô) rồi ghép lại</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>{file}: {size} bytes, more than GISMap reads in a table (at most {limit}). Split it into several files.</source>
        <translation>{file}: {size} byte, nhiều hơn mức GISMap đọc trong một bảng (tối đa {limit}). Hãy chia thành nhiều tệp.</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>{file}, line {line}: a cell longer than {limit} characters, as no table holds; a quote may be left open. Check that line, or save the file again as CSV.</source>
        <translation>{file}, dòng {line}: một ô dài hơn {limit} ký tự, không bảng nào có ô như vậy; có thể một dấu ngoặc kép chưa được đóng. Hãy kiểm tra dòng đó, hoặc lưu lại tệp dạng CSV.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: the quote opened on line {line} is never closed, so every line after it would be read as one cell. Close or remove that quote and save the file again.</source>
        <translation>{file}: dấu ngoặc kép mở ở dòng {line} không bao giờ được đóng, nên mọi dòng sau đó sẽ bị đọc thành một ô. Hãy đóng hoặc xóa dấu ngoặc kép đó rồi lưu lại tệp.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{file}, line {line}: holds NUL characters, which no text table does: the file is damaged, or is not a CSV (a spreadsheet or another file with a .csv name). Open it in a spreadsheet program and save it as CSV UTF-8.</source>
        <translation>{file}, dòng {line}: chứa ký tự NUL, điều mà không bảng văn bản nào có: tệp bị hỏng, hoặc không phải CSV (một bảng tính hay tệp khác mang tên .csv). Hãy mở tệp trong chương trình bảng tính và lưu dạng CSV UTF-8.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}, line {line}: not valid {encoding} text, though the lines before it are: the file is damaged or mixes encodings. Open it in a spreadsheet program and save it again as CSV UTF-8.</source>
        <translation>{file}, dòng {line}: không phải văn bản {encoding} hợp lệ, dù các dòng trước đó thì hợp lệ: tệp bị hỏng hoặc lẫn nhiều bảng mã. Hãy mở tệp trong chương trình bảng tính và lưu lại dạng CSV UTF-8.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{file}: no header row found (a row naming the columns, e.g. &apos;Mã xã&apos;, &apos;Tên xã&apos;, &apos;Dân số&apos;). Add one above the data.</source>
        <translation>{file}: không tìm thấy dòng tiêu đề (dòng ghi tên các cột, ví dụ &apos;Mã xã&apos;, &apos;Tên xã&apos;, &apos;Dân số&apos;). Hãy thêm một dòng như vậy phía trên dữ liệu.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>total</source>
        <translation>dòng tổng</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>note</source>
        <translation>ghi chú</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column numbers</source>
        <translation>dòng đánh số cột</translation>
    </message>
    <message>
        <location filename="../../gismap/render/output.py" line="+48"/>
        <location filename="../../gismap/render/print.py" line="+77"/>
        <source>{file}: choose a map file ending in {formats}</source>
        <translation>{file}: hãy chọn tệp bản đồ có đuôi {formats}</translation>
    </message>
    <message>
        <location filename="../../gismap/render/print.py" line="+19"/>
        <source>page {width}×{height} px at {dpi} dpi is too small; use at least 200×150 at 30 dpi</source>
        <translation>trang {width}×{height} px ở {dpi} dpi quá nhỏ; cần ít nhất 200×150 ở 30 dpi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the map has no visible layer to print</source>
        <translation>bản đồ không có lớp nào đang hiển thị để in</translation>
    </message>
    <message>
        <location line="+229"/>
        <source>the map has no extent to print; zoom to a layer first</source>
        <translation>bản đồ chưa có phạm vi để in; hãy thu phóng đến một lớp trước</translation>
    </message>
    <message>
        <location filename="../../gismap/core/sites.py" line="+69"/>
        <source>&apos;{x}&apos; holds latitudes and &apos;{y}&apos; longitudes: read the other way round</source>
        <translation>&apos;{x}&apos; chứa vĩ độ và &apos;{y}&apos; chứa kinh độ: đã đọc đảo lại</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the coordinates are degrees, not the metres of {crs}: read as WGS 84 longitude and latitude</source>
        <translation>tọa độ là độ, không phải mét của {crs}: đọc là kinh độ và vĩ độ WGS 84</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: no row has a longitude and latitude in &apos;{x}&apos; and &apos;{y}&apos;. Write them in degrees, e.g. 105.9123 and 20.5412.</source>
        <translation>{file}: không dòng nào có kinh độ và vĩ độ trong &apos;{x}&apos; và &apos;{y}&apos;. Hãy ghi theo độ, ví dụ 105,9123 và 20,5412.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>row {rows} has no usable coordinates and was left out</source>
        <translation>dòng {rows} không có tọa độ dùng được nên đã bị bỏ qua</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} rows without usable coordinates were left out (rows {rows})</source>
        <translation>{count} dòng không có tọa độ dùng được đã bị bỏ qua (các dòng {rows})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the site of row {rows} lies outside Vietnam; check its coordinates</source>
        <translation>trạm ở dòng {rows} nằm ngoài Việt Nam; hãy kiểm tra tọa độ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} sites lie outside Vietnam; check their coordinates (rows {rows})</source>
        <translation>{count} trạm nằm ngoài Việt Nam; hãy kiểm tra tọa độ (các dòng {rows})</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&apos;{x}&apos; holds northings and &apos;{y}&apos; eastings (as surveys write X and Y): read the other way round</source>
        <translation>&apos;{x}&apos; chứa tọa độ bắc (N) và &apos;{y}&apos; chứa tọa độ đông (E) (cách ghi X, Y của trắc địa): đã đọc đảo lại</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the coordinates in &apos;{x}&apos; and &apos;{y}&apos; are metres (VN-2000 or UTM), not degrees ({extent}). Say which coordinate system they are in: the province whose VN-2000 TM-3 zone they use (such as Hà Nam), or its EPSG code (VN-2000 TM-3: 9205–9218, 5897–5899; UTM 48N/49N: 3405/3406 on VN-2000, 32648/32649 on WGS 84).</source>
        <translation>{file}: tọa độ trong &apos;{x}&apos; và &apos;{y}&apos; là mét (VN-2000 hoặc UTM), không phải độ ({extent}). Hãy cho biết hệ tọa độ: tỉnh có múi chiếu VN-2000 TM-3 mà tọa độ sử dụng (ví dụ Hà Nam), hoặc mã EPSG (VN-2000 TM-3: 9205–9218, 5897–5899; UTM 48N/49N: 3405/3406 trên VN-2000, 32648/32649 trên WGS 84).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>coordinates in metres of {crs} ({extent}) converted to WGS 84 longitude and latitude</source>
        <translation>tọa độ mét của {crs} ({extent}) đã được đổi ra kinh độ và vĩ độ WGS 84</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file}: no longitude and latitude columns (such as &apos;Kinh độ&apos; and &apos;Vĩ độ&apos;), so it is not a site list. A table of values per commune is joined to a commune layer instead: use Join Table.</source>
        <translation>{file}: không có cột kinh độ và vĩ độ (như &apos;Kinh độ&apos; và &apos;Vĩ độ&apos;) nên không phải danh sách trạm. Bảng số liệu theo xã thì được ghép vào lớp xã: hãy dùng Ghép bảng dữ liệu.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&apos;{column}&apos;: {count} coordinates in degrees, minutes and seconds converted to degrees</source>
        <translation>&apos;{column}&apos;: {count} tọa độ dạng độ, phút, giây đã được đổi ra độ thập phân</translation>
    </message>
    <message>
        <location filename="../../gismap/render/html.py" line="+110"/>
        <source>the map has no visible commune or site layer to export; show one first</source>
        <translation>bản đồ không có lớp xã hay lớp trạm nào đang hiển thị để xuất; hãy bật một lớp trước</translation>
    </message>
    <message>
        <location line="+270"/>
        <source>&apos;{value}&apos; is not a colour; write it as #rrggbb</source>
        <translation>&apos;{value}&apos; không phải là màu; hãy viết dạng #rrggbb</translation>
    </message>
    <message>
        <location filename="../../gismap/core/inputs.py" line="+62"/>
        <source>{file}: not a regular file but a pipe, device or socket, whose reading may never end. Copy its content into a file and open that.</source>
        <translation>{file}: không phải tệp thông thường mà là ống dẫn, thiết bị hoặc socket, đọc có thể không bao giờ dừng. Hãy chép nội dung vào một tệp rồi mở tệp đó.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{file}: the Shapefile part is a link to {target}, outside the folder of {shp}. Copy the real file beside the .shp, with the same name.</source>
        <translation>{file}: phần này của Shapefile là liên kết tới {target}, nằm ngoài thư mục của {shp}. Hãy chép tệp thật vào cạnh tệp .shp, cùng tên.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{output} and {other} would write the same file; give them different names.</source>
        <translation>{output} và {other} sẽ ghi vào cùng một tệp; hãy đặt tên khác nhau.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{output} would overwrite {input}, which this map reads. Choose another file name or folder for the output.</source>
        <translation>{output} sẽ ghi đè lên {input}, tệp mà bản đồ này đang đọc. Hãy chọn tên tệp hoặc thư mục khác cho tệp xuất.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{file}: the file name is {length} bytes long, longer than this system allows (at most {limit}). Choose a shorter name.</source>
        <translation>{file}: tên tệp dài {length} byte, dài hơn mức hệ thống này cho phép (tối đa {limit}). Hãy chọn tên ngắn hơn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: {folder} is a file, not a folder. Choose a folder to write in.</source>
        <translation>{file}: {folder} là một tệp, không phải thư mục. Hãy chọn một thư mục để ghi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: a folder of that name is there. Choose a file name.</source>
        <translation>{file}: đã có một thư mục mang tên này. Hãy chọn một tên tệp.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{file}: cannot write in the folder {folder} ({reason}). Choose a folder you can write to.</source>
        <translation>{file}: không ghi được vào thư mục {folder} ({reason}). Hãy chọn thư mục bạn có quyền ghi.</translation>
    </message>
    <message>
        <location filename="../../gismap/core/project.py" line="+83"/>
        <source>{file}: {reason}</source>
        <translation>{file}: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: these files are missing: {missing}. Open the project in GISMap to locate them.</source>
        <translation>{file}: thiếu các tệp sau: {missing}. Hãy mở dự án trong GISMap để chỉ lại vị trí của chúng.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{file}: no such file. Choose the file that replaces {old}.</source>
        <translation>{file}: không có tệp này. Hãy chọn tệp thay cho {old}.</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>{file}: cannot write the project ({reason}). Choose a folder you can write to.</source>
        <translation>{file}: không ghi được dự án ({reason}). Hãy chọn thư mục bạn có quyền ghi.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{file}: {size} bytes, too large for a GISMap project (at most {limit}). Check that this is the project file.</source>
        <translation>{file}: {size} byte, quá lớn đối với một dự án GISMap (tối đa {limit}). Hãy kiểm tra xem đây có đúng là tệp dự án không.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: no such project file. Check the path, or pick it again in File &gt; Open.</source>
        <translation>{file}: không có tệp dự án này. Hãy kiểm tra đường dẫn, hoặc chọn lại trong Tệp &gt; Mở.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: not a readable GISMap project ({reason}).</source>
        <translation>{file}: không phải dự án GISMap đọc được ({reason}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: not a GISMap project (its JSON is nested far too deep).</source>
        <translation>{file}: không phải dự án GISMap (JSON lồng nhau quá sâu).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: not a GISMap project file.</source>
        <translation>{file}: không phải tệp dự án GISMap.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: the project&apos;s format version is not a number from 1 to {newest}.</source>
        <translation>{file}: phiên bản định dạng của dự án không phải là số từ 1 đến {newest}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: saved by a newer GISMap (format {version}). Update GISMap to open it.</source>
        <translation>{file}: được lưu bởi GISMap mới hơn (định dạng {version}). Hãy cập nhật GISMap để mở.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its text is not UTF-8</source>
        <translation>văn bản không phải UTF-8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not valid JSON: {reason}, line {line}</source>
        <translation>không phải JSON hợp lệ: {reason}, dòng {line}</translation>
    </message>
    <message>
        <location filename="../../gismap/core/recipe.py" line="+97"/>
        <source>must map row numbers to commune codes</source>
        <translation>phải ghép số dòng với mã xã</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>columns already in the layer were named after {file}: {columns}</source>
        <translation>các cột đã có trong lớp được đặt tên theo {file}: {columns}</translation>
    </message>
    <message>
        <location filename="../../gismap/core/feedback.py" line="+25"/>
        <source>cancelled; nothing was written</source>
        <translation>đã hủy; không có tệp nào được ghi</translation>
    </message>
    <message>
        <location filename="../../gismap/core/crs.py" line="+86"/>
        <source>EPSG:{epsg} (central meridian {meridian}, of {provinces} before 2025)</source>
        <translation>EPSG:{epsg} (kinh tuyến trục {meridian}, của {provinces} trước 2025)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>EPSG:{code} is not a coordinate system GISMap knows; VN-2000 TM-3 zones are EPSG:9205–9218 and 5897–5899, UTM 3405, 3406, 32648 and 32649</source>
        <translation>EPSG:{code} không phải hệ tọa độ GISMap biết; các múi VN-2000 TM-3 là EPSG:9205–9218 và 5897–5899, UTM là 3405, 3406, 32648 và 32649</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{meridian} is not the central meridian of a VN-2000 TM-3 zone; they are {meridians}</source>
        <translation>{meridian} không phải kinh tuyến trục của múi VN-2000 TM-3 nào; các kinh tuyến trục là {meridians}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{text}&apos; names no coordinate system: give a province (such as Ninh Bình or Hà Nam), the central meridian of its VN-2000 TM-3 zone (such as 105.75) or an EPSG code (such as 9210, or 3405 for VN-2000 / UTM 48N)</source>
        <translation>&apos;{text}&apos; không chỉ ra hệ tọa độ nào: hãy cho tên tỉnh (ví dụ Ninh Bình hoặc Hà Nam), kinh tuyến trục của múi VN-2000 TM-3 (ví dụ 105.75) hoặc mã EPSG (ví dụ 9210, hoặc 3405 cho VN-2000 / UTM 48N)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{province} was made in 2025 of provinces on different VN-2000 TM-3 zones; say which zone: {zones}</source>
        <translation>{province} được hợp nhất năm 2025 từ các tỉnh thuộc các múi VN-2000 TM-3 khác nhau; hãy cho biết múi nào: {zones}</translation>
    </message>
    <message>
        <location filename="../../gismap/core/template.py" line="-15"/>
        <source>{form} (sheet {sheet}): {rows} communes filled in, columns {columns}; written to {out}</source>
        <translation>{form} (trang {sheet}): đã điền {rows} xã/phường, các cột {columns}; đã ghi vào {out}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>column &apos;{header}&apos;: the layer has no {indicator}; left as it is</source>
        <translation>cột &apos;{header}&apos;: lớp không có chỉ tiêu {indicator}; để nguyên</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rows {rows}: the layer has no data for these communes; left as they are</source>
        <translation>dòng {rows}: lớp không có dữ liệu cho các xã/phường này; để nguyên</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cells {cells} hold formulas; left as they are</source>
        <translation>ô {cells} chứa công thức; để nguyên</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{file}: a report form is filled in as an Excel workbook (.xlsx); open it in Excel and save it as .xlsx (Excel Workbook).</source>
        <translation>{file}: mẫu báo cáo phải là sổ làm việc Excel (.xlsx); hãy mở tệp trong Excel và lưu lại dạng .xlsx (Excel Workbook).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: no column of the form is an indicator of the layer ({columns}). Join the table that holds them to the layer first, or check the form&apos;s header.</source>
        <translation>{file}: không cột nào của mẫu là chỉ tiêu có trong lớp ({columns}). Hãy ghép bảng chứa các chỉ tiêu đó vào lớp trước, hoặc kiểm tra dòng tiêu đề của mẫu.</translation>
    </message>
    <message>
        <location filename="../../gismap/core/legacy_text.py" line="+324"/>
        <source>text in {encoding} (the old {fonts} fonts) converted to Unicode: {columns}</source>
        <translation>văn bản mã {encoding} (phông chữ cũ {fonts}) đã được chuyển sang Unicode: {columns}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{column} mixes encodings (cells: {counts}); each cell was read in its own</source>
        <translation>{column} lẫn nhiều bảng mã (số ô: {counts}); mỗi ô được đọc theo bảng mã của chính nó</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{column}: 1 cell spells Vietnamese in more than one encoding ({encodings}) and was left as read; check it</source>
        <translation>{column}: 1 ô đọc được thành tiếng Việt theo nhiều bảng mã ({encodings}) nên được giữ nguyên như khi đọc; hãy kiểm tra ô này</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{column}: {count} cells spell Vietnamese in more than one encoding ({encodings}) and were left as read; check them</source>
        <translation>{column}: {count} ô đọc được thành tiếng Việt theo nhiều bảng mã ({encodings}) nên được giữ nguyên như khi đọc; hãy kiểm tra các ô này</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>field names</source>
        <translation>tên trường</translation>
    </message>
    <message>
        <location filename="../../gismap/core/crosswalk.py" line="+72"/>
        <source>the legacy-commune crosswalk ({folder}) cannot be read: {reason}. Reinstall GISMap.</source>
        <translation>không đọc được bảng chuyển đổi xã cũ ({folder}): {reason}. Hãy cài đặt lại GISMap.</translation>
    </message>
    <message>
        <location filename="../../gismap/core/fields.py" line="+35"/>
        <source>{field} {problem}, not {value}</source>
        <translation>{field} {problem}, không phải {value}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>must be an object of named fields</source>
        <translation>phải là một đối tượng gồm các trường có tên</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{field}: unknown keys {unknown}; known keys: {known}</source>
        <translation>{field}: khóa không xác định {unknown}; các khóa hợp lệ: {known}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>must be text</source>
        <translation>phải là văn bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must be text of at most {limit} characters</source>
        <translation>phải là văn bản dài tối đa {limit} ký tự</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be given</source>
        <translation>phải được cho</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be a file path, without NUL characters</source>
        <translation>phải là đường dẫn tệp, không chứa ký tự NUL</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be true or false</source>
        <translation>phải là true hoặc false</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>must be a whole number from {low} to {high}</source>
        <translation>phải là số nguyên từ {low} đến {high}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be a number from {low} to {high}</source>
        <translation>phải là số từ {low} đến {high}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be a list of at most {most} numbers</source>
        <translation>phải là danh sách tối đa {most} số</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be one of {choices}</source>
        <translation>phải là một trong: {choices}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>must be a colour such as #6b6b6b, or none</source>
        <translation>phải là màu như #6b6b6b, hoặc none</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be a list</source>
        <translation>phải là danh sách</translation>
    </message>
    <message>
        <location filename="../../gismap/core/file_checks.py" line="+56"/>
        <source>The file was probably damaged in transfer (an e-mail gateway, a full disk): copy all of the Shapefile&apos;s files again from their source.</source>
        <translation>Tệp có lẽ đã bị hỏng khi chuyển (qua cổng thư điện tử, ổ đĩa đầy): hãy chép lại tất cả các tệp của Shapefile từ nguồn.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{file}: not a Shapefile (its header is damaged or it is another kind of file). {advice}</source>
        <translation>{file}: không phải Shapefile (phần đầu tệp bị hỏng hoặc đây là loại tệp khác). {advice}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{dbf} holds {records} records but {file} has {shapes} shapes: rows would be paired with the wrong shapes. The files do not belong together or one was cut short: copy all of the Shapefile&apos;s files again from their source.</source>
        <translation>{dbf} có {records} bản ghi nhưng {file} có {shapes} hình: các dòng sẽ bị ghép nhầm hình. Các tệp không thuộc cùng một bộ hoặc một tệp đã bị cắt cụt: hãy chép lại tất cả các tệp của Shapefile từ nguồn.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a length of {declared} bytes (the file has {size})</source>
        <translation>độ dài {declared} byte (tệp có {size})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>shape type {declared} (the shapes are of type {kinds})</source>
        <translation>kiểu hình {declared} (các hình thuộc kiểu {kinds})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a bounding box that is not a number</source>
        <translation>khung bao không phải là số</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the header of {file} is damaged: it gives {details}; the {count} shapes were read through the index, each whole and checked</source>
        <translation>phần đầu của {file} bị hỏng: ghi {details}; {count} hình đã được đọc qua tệp chỉ mục, mỗi hình đều nguyên vẹn và đã được kiểm tra</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{file}: not a Shapefile index (its header is damaged or it is another kind of file). {advice}</source>
        <translation>{file}: không phải tệp chỉ mục Shapefile (phần đầu tệp bị hỏng hoặc đây là loại tệp khác). {advice}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file} is cut short or damaged: it holds {whole} whole index records but its header declares {declared}. {advice}</source>
        <translation>{file} bị cắt cụt hoặc bị hỏng: tệp chứa {whole} bản ghi chỉ mục nguyên vẹn nhưng phần đầu khai báo {declared}. {advice}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{file} is cut short: it holds {whole} whole shapes of the {declared} its index {index} lists. {advice}</source>
        <translation>{file} bị cắt cụt: tệp chứa {whole} hình nguyên vẹn trong số {declared} hình mà chỉ mục {index} liệt kê. {advice}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its index entry points outside the file</source>
        <translation>mục chỉ mục của nó trỏ ra ngoài tệp</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its record header disagrees with the index {index}</source>
        <translation>đầu bản ghi của nó không khớp với chỉ mục {index}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its type code {code} is no shape type</source>
        <translation>mã kiểu {code} của nó không phải kiểu hình nào</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it declares {parts} parts and {points} points in {size} bytes</source>
        <translation>nó khai báo {parts} phần và {points} điểm trong {size} byte</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{file}: the coordinate system file is damaged or holds something else (a .prj is a line of plain text of at most {limit} bytes). Copy it again with the Shapefile, or delete it and give the coordinate system (e.g. gismap info --crs EPSG:3405).</source>
        <translation>{file}: tệp hệ tọa độ bị hỏng hoặc chứa thứ khác (tệp .prj là một dòng văn bản thuần dài tối đa {limit} byte). Hãy chép lại tệp này cùng Shapefile, hoặc xóa nó và cho biết hệ tọa độ (ví dụ gismap info --crs EPSG:3405).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{file}: shape {number} is damaged ({detail}). {advice}</source>
        <translation>{file}: hình số {number} bị hỏng ({detail}). {advice}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: not a dBASE attribute table (its header is damaged or it is another kind of file). {advice}</source>
        <translation>{file}: không phải bảng thuộc tính dBASE (phần đầu tệp bị hỏng hoặc đây là loại tệp khác). {advice}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{file}: the table&apos;s header is damaged: it says each record takes {length} bytes and the header {header} bytes, but its fields take {fields} bytes and the file {size}. {advice}</source>
        <translation>{file}: phần đầu của bảng bị hỏng: nó ghi mỗi bản ghi dài {length} byte và phần đầu dài {header} byte, nhưng các trường chiếm {fields} byte và tệp dài {size} byte. {advice}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file} is cut short or damaged: it holds {whole} whole records but its header declares {declared}. {advice}</source>
        <translation>{file} bị cắt cụt hoặc bị hỏng: tệp chứa {whole} bản ghi nguyên vẹn nhưng phần đầu khai báo {declared}. {advice}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{file}: not a readable ZIP archive ({reason}). Re-download or re-create the archive.</source>
        <translation>{file}: không phải tệp nén ZIP đọc được ({reason}). Hãy tải lại hoặc tạo lại tệp nén.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: the archive holds {count} files, more than the {limit} GISMap opens. Unzip it and open the layer itself.</source>
        <translation>{file}: tệp nén chứa {count} tệp, nhiều hơn mức {limit} tệp mà GISMap mở. Hãy giải nén rồi mở trực tiếp lớp dữ liệu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the archive holds a file named {name}, which points outside the archive; GISMap does not open such archives. Unzip it with care and open the layer itself.</source>
        <translation>{file}: tệp nén chứa một tệp tên {name}, trỏ ra ngoài tệp nén; GISMap không mở những tệp nén như vậy. Hãy giải nén cẩn thận rồi mở trực tiếp lớp dữ liệu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: the archive holds another archive, {name}. Unzip it and open the layer inside.</source>
        <translation>{file}: tệp nén chứa một tệp nén khác, {name}. Hãy giải nén rồi mở lớp dữ liệu bên trong.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: {name} is compressed {ratio}:1, more than the {limit}:1 of any real data: the archive looks like a ZIP bomb. Get the layer from its source again.</source>
        <translation>{file}: {name} được nén theo tỉ lệ {ratio}:1, vượt mức {limit}:1 của mọi dữ liệu thật: tệp nén có vẻ là một quả bom ZIP. Hãy lấy lại lớp dữ liệu từ nguồn.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: the archive unpacks to {size} MB, more than the {limit} MB GISMap reads from an archive. Unzip it and open the layer itself.</source>
        <translation>{file}: tệp nén giải ra {size} MB, nhiều hơn mức {limit} MB mà GISMap đọc từ một tệp nén. Hãy giải nén rồi mở trực tiếp lớp dữ liệu.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{file}: the file declares a DOCTYPE or XML entities, which can pull local files into the map or expand without end; GISMap does not read such files. Delete the &lt;!DOCTYPE …&gt; declaration at its top (map data does not need it) and open it again.</source>
        <translation>{file}: tệp khai báo DOCTYPE hoặc thực thể XML, vốn có thể kéo tệp trên máy vào bản đồ hoặc nở ra không giới hạn; GISMap không đọc những tệp như vậy. Hãy xóa khai báo &lt;!DOCTYPE …&gt; ở đầu tệp (dữ liệu bản đồ không cần nó) rồi mở lại.</translation>
    </message>
</context>
<context>
    <name>HtmlExportDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="+257"/>
        <source>Export Web Map</source>
        <translation>Xuất bản đồ web</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Works offline (Leaflet included in the file)</source>
        <translation>Dùng được khi không có mạng (Leaflet đi kèm trong tệp)</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../gismap/ui/identify.py" line="+24"/>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click a feature on the map to see its attributes.</source>
        <translation>Nhấp vào một đối tượng trên bản đồ để xem thuộc tính.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>feature {number} of {count}</source>
        <translation>đối tượng {number}/{count}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{count} features under the cursor</source>
        <translation>{count} đối tượng dưới con trỏ</translation>
    </message>
</context>
<context>
    <name>JoinReportPanel</name>
    <message>
        <location filename="../../gismap/ui/join_wizard.py" line="+53"/>
        <source>No table joined yet.</source>
        <translation>Chưa ghép bảng dữ liệu nào.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}: {1} rows matched — {2} by code, {3} by name, {4} through the legacy crosswalk, {5} resolved by hand.</source>
        <translation>{0}: khớp {1} dòng — {2} theo mã, {3} theo tên, {4} qua bảng chuyển đổi địa giới cũ, {5} chọn thủ công.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} provinces have data; {1} provinces have none.</source>
        <translation>{0} tỉnh có dữ liệu; {1} tỉnh không có.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} communes have data; {1} communes have none.</source>
        <translation>{0} xã/phường có dữ liệu; {1} xã/phường không có.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} communes have data; {1} communes of the provinces the table covers have none ({2} communes of other provinces are not counted).</source>
        <translation>{0} xã có dữ liệu; {1} xã của các tỉnh trong bảng không có dữ liệu ({2} xã của các tỉnh khác không tính).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Layer: {0}</source>
        <translation>Lớp: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Legacy table (the 63 provinces before 2025) detected: each added into the 2025 province it became part of.</source>
        <translation>Nhận ra bảng cũ (63 tỉnh trước năm 2025): mỗi tỉnh được cộng vào tỉnh năm 2025 mà nó sáp nhập vào.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Legacy table (pre-2025 communes) detected: converted through the crosswalk.</source>
        <translation>Phát hiện bảng theo địa giới cũ (xã/phường trước 2025): đã chuyển đổi qua bảng chuyển đổi.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n table row(s) not matched.</source>
        <translation>
            <numerusform>%n dòng của bảng không khớp.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) ambiguous (not applied).</source>
        <translation>
            <numerusform>%n dòng không rõ ràng (không áp dụng).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n commune(s) appear twice (not applied).</source>
        <translation>
            <numerusform>%n xã/phường xuất hiện hai lần (không áp dụng).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) excluded (totals, notes).</source>
        <translation>
            <numerusform>%n dòng bị loại (dòng tổng, ghi chú).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rows matched by the column &apos;{0}&apos; ({1}), {2}.</source>
        <translation>Các dòng được khớp theo cột &apos;{0}&apos; ({1}), {2}.</translation>
    </message>
</context>
<context>
    <name>JoinWizard</name>
    <message>
        <location line="+323"/>
        <source>Join a table to {0}</source>
        <translation>Ghép bảng dữ liệu vào {0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Joining…</source>
        <translation>Đang ghép…</translation>
    </message>
</context>
<context>
    <name>LayerExportDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="+18"/>
        <source>Export Layer {0}</source>
        <translation>Xuất lớp {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Include how each commune was joined (matched, method)</source>
        <translation>Kèm cách ghép từng xã (đã khớp, phương pháp)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} is not loaded yet; wait until it is drawn.</source>
        <translation>{0} chưa được nạp; hãy chờ đến khi lớp được vẽ xong.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the central meridian of the VN-2000 zone to export in.</source>
        <translation>Hãy chọn kinh tuyến trục của múi VN-2000 để xuất.</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../gismap/ui/layer_panel.py" line="+117"/>
        <source>Not drawn: {0}</source>
        <translation>Không vẽ được: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loading…</source>
        <translation>đang nạp…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>&amp;Zoom to Layer</source>
        <translation>Thu phóng đến &amp;lớp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Rename</source>
        <translation>Đổi tê&amp;n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Properties…</source>
        <translation>&amp;Thuộc tính…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>none: the layer as read</source>
        <translation>không có: lớp như khi đọc</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Join {0}</source>
        <translation>Ghép {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Count sites of {0} as {1}</source>
        <translation>Đếm trạm của {0} vào {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this step; the layer is rebuilt from its file without it</source>
        <translation>Xóa bước này; lớp được dựng lại từ tệp mà không có nó</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Remove Step</source>
        <translation>Xóa bước</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opacity</source>
        <translation>Độ mờ đục</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Layer Properties — {0}</source>
        <translation>Thuộc tính lớp — {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layer in file</source>
        <translation>Lớp trong tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS</source>
        <translation>Hệ tọa độ (CRS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Features</source>
        <translation>Số đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation>Mã hóa ký tự</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaired geometries</source>
        <translation>Hình học đã sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checking…</source>
        <translation>đang kiểm tra…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fields</source>
        <translation>Các trường</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>Các bước</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <location filename="../../gismap/ui/legend_panel.py" line="+44"/>
        <location line="+40"/>
        <source>Class</source>
        <translation>Khoảng giá trị</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+40"/>
        <source>Communes</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sites</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No layer selected</source>
        <translation>Chưa chọn lớp nào</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: not loaded yet</source>
        <translation>{0}: chưa được nạp</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gismap/ui/main_window.py" line="+65"/>
        <source>Layers</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layer Styling</source>
        <translation>Kiểu hiển thị lớp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Legend</source>
        <translation>Chú giải</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identify Results</source>
        <translation>Kết quả nhận dạng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Join Report</source>
        <translation>Báo cáo ghép bảng</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attribute Table</source>
        <translation>Bảng thuộc tính</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find a commune…</source>
        <translation>Tìm xã/phường…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Add Layer…</source>
        <translation>&amp;Thêm lớp…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom to &amp;Full Extent</source>
        <translation>Thu phóng &amp;toàn bộ bản đồ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>Th&amp;oát</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom to &amp;Selection</source>
        <translation>Thu phóng đến &amp;vùng chọn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Deselect All</source>
        <translation>&amp;Bỏ chọn tất cả</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Pan</source>
        <translation>&amp;Di chuyển bản đồ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zoom Box</source>
        <translation>Thu phóng theo &amp;khung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Identify Features</source>
        <translation>&amp;Nhận dạng đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Select Features</source>
        <translation>&amp;Chọn đối tượng</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+301"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location line="-297"/>
        <location line="+298"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location line="-294"/>
        <source>&amp;About GISMap</source>
        <translation>&amp;Giới thiệu GISMap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Join Table…</source>
        <translation>&amp;Ghép bảng dữ liệu…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Count Sites in Communes…</source>
        <translation>&amp;Đếm trạm theo xã…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Map Image…</source>
        <translation>Xuất ảnh &amp;bản đồ…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Interactive &amp;HTML…</source>
        <translation>Xuất &amp;HTML tương tác…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Layer…</source>
        <translation>&amp;Xuất lớp…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill In a Report &amp;Form…</source>
        <translation>Điền vào &amp;mẫu báo cáo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Presentation Mode</source>
        <translation>Chế độ t&amp;rình chiếu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find Commune…</source>
        <translation>Tìm &amp;xã/phường…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Layer</source>
        <translation>&amp;Lớp</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Panels</source>
        <translation>Bản&amp;g điều khiển</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings</source>
        <translation>&amp;Cài đặt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Map</source>
        <translation>Bản đồ</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{0}° E  {1}° N</source>
        <translation>Kinh độ {0}°  Vĩ độ {1}°</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No layer</source>
        <translation>Chưa có lớp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a loaded layer in the Layers panel first.</source>
        <translation>Hãy chọn một lớp đã nạp trong bảng Lớp trước.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+29"/>
        <source>Count Sites in Communes</source>
        <translation>Đếm trạm theo xã</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Add a site list (CSV or Excel with longitude and latitude) and a commune layer first.</source>
        <translation>Hãy thêm một danh sách trạm (CSV hoặc Excel có kinh độ và vĩ độ) và một lớp xã trước.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sites:</source>
        <translation>Danh sách trạm:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count them in the communes of:</source>
        <translation>Đếm trong các xã của lớp:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of the new column:</source>
        <translation>Tên cột mới:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0}: {1} sites of {2} counted in column {3}</source>
        <translation>{0}: đã đếm {1} trạm của {2} vào cột {3}</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+14"/>
        <source>Fill In a Report Form</source>
        <translation>Điền vào mẫu báo cáo</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+4"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Sổ làm việc Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{0} (filled in).xlsx</source>
        <translation>{0} (đã điền).xlsx</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Wrote {0}</source>
        <translation>Đã ghi {0}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The interface language will change when GISMap is restarted.</source>
        <translation>Ngôn ngữ giao diện sẽ thay đổi khi khởi động lại GISMap.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About GISMap</source>
        <translation>Giới thiệu GISMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;GISMap {0}&lt;/h3&gt;&lt;p&gt;Maps of Vietnam&apos;s commune-level digital infrastructure.&lt;/p&gt;&lt;p&gt;{1}&lt;/p&gt;&lt;p&gt;{2}&lt;/p&gt;&lt;p&gt;{3}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GISMap {0}&lt;/h3&gt;&lt;p&gt;Bản đồ hạ tầng số cấp xã của Việt Nam.&lt;/p&gt;&lt;p&gt;{1}&lt;/p&gt;&lt;p&gt;{2}&lt;/p&gt;&lt;p&gt;{3}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Icons: Material Design Icons 6.9.96 – Pictogrammers (Apache License 2.0)</source>
        <translation>Biểu tượng: Material Design Icons 6.9.96 – Pictogrammers (giấy phép Apache 2.0)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Untitled map</source>
        <translation>Bản đồ chưa đặt tên</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vector layers and site lists ({0} {1});;Site lists with longitude and latitude ({1});;All files (*)</source>
        <translation>Lớp vector và danh sách trạm ({0} {1});;Danh sách trạm có kinh độ và vĩ độ ({1});;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Layer</source>
        <translation>Thêm lớp</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Cannot load layer {0}: {1}</source>
        <translation>Không tải được lớp {0}: {1}</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../gismap/ui/map_canvas.py" line="+253"/>
        <source>Drawing failed: {0}</source>
        <translation>Vẽ bản đồ thất bại: {0}</translation>
    </message>
</context>
<context>
    <name>MapSnapshotDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="-76"/>
        <source>Export Map</source>
        <translation>Xuất bản đồ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution (DPI)</source>
        <translation>Độ phân giải (DPI)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subtitle</source>
        <translation>Tiêu đề phụ</translation>
    </message>
</context>
<context>
    <name>PresentationView</name>
    <message>
        <location filename="../../gismap/ui/presentation.py" line="+64"/>
        <source>GISMap presentation</source>
        <translation>Trình chiếu GISMap</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>Untitled map</source>
        <translation>Bản đồ chưa đặt tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>← → indicator   ↑ ↓ province   Esc leave</source>
        <translation>← → chỉ tiêu   ↑ ↓ tỉnh   Esc thoát</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <location filename="../../gismap/ui/project_io.py" line="+135"/>
        <source>&amp;New Map for Province…</source>
        <translation>&amp;Bản đồ mới cho tỉnh…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open Project…</source>
        <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save Project</source>
        <translation>&amp;Lưu dự án</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save Project &amp;As…</source>
        <translation>Lưu dự án &amp;với tên khác…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>No recent projects</source>
        <translation>Không có dự án gần đây</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear Menu</source>
        <translation>Xóa danh sách</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>map</source>
        <translation>ban_do</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Autosave failed: {error}</source>
        <translation>Tự động lưu thất bại: {error}</translation>
    </message>
</context>
<context>
    <name>ProjectDialogs</name>
    <message>
        <location line="-281"/>
        <source>Open Project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save Project As</source>
        <translation>Lưu dự án với tên khác</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsaved Changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The map has unsaved changes. Save them?</source>
        <translation>Bản đồ có thay đổi chưa lưu. Lưu lại không?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an unsaved map</source>
        <translation>một bản đồ chưa lưu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recover Unsaved Work</source>
        <translation>Khôi phục dữ liệu chưa lưu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GISMap did not close normally. Recover the autosaved changes to {name}?</source>
        <translation>GISMap đã không đóng bình thường. Khôi phục các thay đổi được tự động lưu của {name}?</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Locate {name}</source>
        <translation>Tìm vị trí {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} (*{suffix});;All files (*)</source>
        <translation>{name} (*{suffix});;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Project</source>
        <translation>Dự án</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GISMap projects (*{suffix})</source>
        <translation>Dự án GISMap (*{suffix})</translation>
    </message>
</context>
<context>
    <name>ProvinceDialog</name>
    <message>
        <location filename="../../gismap/ui/province_dialog.py" line="+50"/>
        <source>Choose a Province</source>
        <translation>Chọn tỉnh, thành phố</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sample map (4 provinces)</source>
        <translation>Bản đồ mẫu (4 tỉnh)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Which province&apos;s map do you want? Its communes are shown at full detail over the map of Vietnam. File › New Map for Province… changes it later.</source>
        <translation>Bạn cần bản đồ của tỉnh, thành phố nào? Các xã, phường của tỉnh được hiển thị chi tiết trên nền bản đồ Việt Nam. Muốn đổi sau, dùng Tệp › Bản đồ mới cho tỉnh…</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <location filename="../../gismap/ui/repair_dialog.py" line="+39"/>
        <source>Files Not Found</source>
        <translation>Không tìm thấy tệp</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These files of the project are not where they were. Locate a moved file; the other files moved along with it are then found as well.</source>
        <translation>Các tệp này của dự án không còn ở chỗ cũ. Hãy chỉ chỗ một tệp đã chuyển đi; các tệp chuyển cùng nó sẽ được tìm thấy luôn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expected at</source>
        <translation>Vị trí cũ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Locate…</source>
        <translation>Chỉ chỗ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave Out</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Missing</source>
        <translation>Thiếu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left out</source>
        <translation>Đã bỏ qua</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>Found</source>
        <translation>Đã tìm thấy</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>layer file</source>
        <translation>tệp lớp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>joined table</source>
        <translation>bảng đã ghép</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>site list</source>
        <translation>danh sách trạm</translation>
    </message>
</context>
<context>
    <name>SiteListCrsDialog</name>
    <message>
        <location filename="../../gismap/ui/crs_choice.py" line="+16"/>
        <source>Coordinates of the site list</source>
        <translation>Tọa độ của danh sách trạm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinate system of the coordinates in {0}. GPS lists are usually WGS 84 degrees; survey lists in metres are VN-2000 of their province.</source>
        <translation>Hệ tọa độ của tọa độ trong {0}. Danh sách đo bằng GPS thường là độ WGS 84; danh sách đo đạc bằng mét là VN-2000 của tỉnh.</translation>
    </message>
</context>
<context>
    <name>StylePanel</name>
    <message>
        <location filename="../../gismap/ui/style_panel.py" line="+157"/>
        <source>Quantiles</source>
        <translation>Phân vị (số lượng bằng nhau)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Equal interval</source>
        <translation>Khoảng đều</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Natural breaks (Jenks)</source>
        <translation>Ngắt tự nhiên (Jenks)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Standard deviation</source>
        <translation>Độ lệch chuẩn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pretty breaks</source>
        <translation>Ngắt số tròn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Manual</source>
        <translation>Thủ công</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Categories</source>
        <translation>Theo giá trị (phân loại)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reverse</source>
        <translation>Đảo ngược</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drag a break to move it (switches to manual classes)</source>
        <translation>Kéo một ngắt lớp để di chuyển (chuyển sang phân lớp thủ công)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classification</source>
        <translation>Phân loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes</source>
        <translation>Số lớp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour ramp</source>
        <translation>Dải màu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No data</source>
        <translation>Không có dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill (no indicator)</source>
        <translation>Màu tô (không có chỉ tiêu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outline</source>
        <translation>Đường viền</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Single colour</source>
        <translation>Một màu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No labels</source>
        <translation>Không có nhãn</translation>
    </message>
</context>
<context>
    <name>_ExportDialog</name>
    <message>
        <location filename="../../gismap/ui/export_dialogs.py" line="-176"/>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Export to</source>
        <translation>Xuất ra</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+22"/>
        <source>Writing {0}…</source>
        <translation>Đang ghi {0}…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Đã hủy xuất; không có tệp nào được ghi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrote {0}</source>
        <translation>Đã ghi {0}</translation>
    </message>
</context>
<context>
    <name>_MappingPage</name>
    <message>
        <location filename="../../gismap/ui/join_wizard.py" line="-267"/>
        <source>Columns</source>
        <translation>Các cột</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check what each column holds; change any that was misread.</source>
        <translation>Kiểm tra nội dung của từng cột; sửa cột nào bị nhận sai.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detect</source>
        <translation>Tự động nhận biết</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commune code</source>
        <translation>Mã xã/phường</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune name</source>
        <translation>Tên xã/phường</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First value</source>
        <translation>Giá trị đầu tiên</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Meaning</source>
        <translation>Ý nghĩa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filled in as you mapped the last table with the same columns.</source>
        <translation>Đã điền sẵn theo cách bạn gán cột cho bảng trước có cùng các cột.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Match rows by</source>
        <translation>Khớp các dòng theo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province</source>
        <translation>Tỉnh</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key: commune code</source>
        <translation>Khóa: mã xã/phường</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key: commune name</source>
        <translation>Khóa: tên xã/phường</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: province code</source>
        <translation>Khóa: mã tỉnh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key: province name</source>
        <translation>Khóa: tên tỉnh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: district (before 2025)</source>
        <translation>Khóa: huyện (trước 2025)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: district code (before 2025)</source>
        <translation>Khóa: mã huyện (trước 2025)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep under its own name</source>
        <translation>Giữ nguyên tên cột</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From the table, or any</source>
        <translation>Theo bảng dữ liệu, hoặc mọi tỉnh</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No column is marked as the province code or name. GISMap will look for one by its values; if it finds none, mark the key column below.</source>
        <translation>Chưa có cột nào được đánh dấu là mã hoặc tên tỉnh. GISMap sẽ tìm theo giá trị; nếu không tìm thấy, hãy đánh dấu cột khóa ở dưới.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No column is marked as the commune code or name. GISMap will look for one by its values; if it finds none, mark the key column below.</source>
        <translation>Chưa cột nào được đánh dấu là mã hoặc tên xã/phường. GISMap sẽ tìm theo giá trị trong các cột; nếu không tìm thấy, hãy đánh dấu cột khóa bên dưới.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key column: &apos;{0}&apos; ({1}), {2}.</source>
        <translation>Cột khóa: &apos;{0}&apos; ({1}), {2}.</translation>
    </message>
</context>
<context>
    <name>_PreviewPage</name>
    <message>
        <location line="-139"/>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rows set aside (totals, notes, column numbers):</source>
        <translation>Các dòng được để riêng (dòng tổng, ghi chú, số thứ tự cột):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading the table…</source>
        <translation>Đang đọc bảng dữ liệu…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Header on row {0}; {1} data rows; {2} rows set aside.</source>
        <translation>Tiêu đề ở dòng {0}; {1} dòng dữ liệu; {2} dòng để riêng.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>row {0} ({1}): {2}</source>
        <translation>dòng {0} ({1}): {2}</translation>
    </message>
</context>
<context>
    <name>_ReportPage</name>
    <message>
        <location line="+124"/>
        <source>Match report</source>
        <translation>Báo cáo khớp dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick the right commune for rows that could not be matched with certainty, then apply.</source>
        <translation>Chọn đúng xã/phường cho các dòng chưa khớp chắc chắn, rồi áp dụng.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check again with these picks</source>
        <translation>Kiểm tra lại với các lựa chọn này</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&apos;{0}&apos; is ambiguous</source>
        <translation>&apos;{0}&apos; không rõ ràng (nhiều kết quả)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(leave unmatched)</source>
        <translation>(để không khớp)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} ({1}) — score {2:.2f}</source>
        <translation>{0} ({1}) — điểm {2:.2f}</translation>
    </message>
</context>
<context>
    <name>_TablePage</name>
    <message>
        <location line="-283"/>
        <location line="+33"/>
        <source>Choose a table</source>
        <translation>Chọn bảng dữ liệu</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>A CSV or Excel report with one row per commune.</source>
        <translation>Báo cáo CSV hoặc Excel, mỗi xã/phường một dòng.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Table file</source>
        <translation>Tệp bảng dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet</source>
        <translation>Trang tính</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Tables (*.xlsx *.xls *.ods *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Bảng (*.xlsx *.xls *.ods *.csv *.tsv *.txt);;Mọi tệp (*)</translation>
    </message>
</context>
</TS>
