import Foundation
import PostgresClient
import ZIPFoundation

/// An empty file of a load kind for an office to fill in (SPEC §3.1, `propledger template`): the header,
/// one example row and, in a workbook, a note on each header cell with the column's rule and allowed values
/// and a drop-down list on each enumerated column. Everything but the example values is read from the
/// database — the registry's columns and labels, and the ledger table's types, NOT NULL, CHECK and foreign
/// keys — so a template says what the loader will check.
public struct LoadTemplate: Sendable {
    /// One column of the template.
    public struct Column: Sendable, Equatable {
        /// The English name.
        public let name: String
        /// The Chinese label.
        public let label: String
        /// Part of the key (marked * in SPEC §3).
        public let key: Bool
        /// A cell must be filled.
        public let required: Bool
        /// What kind of value: text, date, integer, or a number with `scale` decimals.
        public let type: ValueType
        /// The allowed values of an enumeration (empty otherwise).
        public let allowed: [String]
        /// The table and column a value must already be in (a foreign key), if any.
        public let references: String?
        /// The rules of the table that name this column, in words (the constraints' comments).
        public let rules: [String]
        /// The example row's value.
        public let example: String
    }

    /// The kinds of value a column holds, from its SQL type.
    public enum ValueType: Sendable, Equatable {
        /// Text (codes included).
        case text
        /// A date.
        case date
        /// A whole number.
        case integer
        /// A yes/no value.
        case boolean
        /// A decimal number with at most `scale` decimals.
        case number(scale: Int)

        init(sqlType: String) {
            if sqlType == "date" { self = .date }
            else if sqlType == "integer" || sqlType == "smallint" || sqlType == "bigint" { self = .integer }
            else if sqlType == "boolean" { self = .boolean }
            else if let scale = sqlType.firstMatch(of: /numeric\(\d+,(\d+)\)/).flatMap({ Int($0.output.1) }) { self = .number(scale: scale) }
            else if sqlType.hasPrefix("numeric") { self = .number(scale: 2) }
            else { self = .text }
        }
    }

    /// The kind.
    public let kind: String
    /// Its columns, in the registry's order.
    public let columns: [Column]

    /// The template of a kind, read from the database's registry and catalogue.
    public init(kind: LoadKind, connection: Connection) throws {
        let catalog = try TableCatalog(table: kind.table, connection: connection)
        self.kind = kind.name
        columns = kind.columns.map { column in
            let sql = catalog.column(column.name)
            let key = catalog.key.contains(column.name)
            let own = catalog.checks.filter { $0.columns.contains(column.name) }
            let allowed = own.filter { $0.columns == [column.name] }.lazy.compactMap(LoadTemplate.enumeration).first ?? []
            let reference = catalog.foreignKeys.first { $0.columns.contains(column.name) && $0.columns.firstIndex(of: column.name) != nil }
            let referenced = reference.flatMap { key -> String? in
                guard let index = key.columns.firstIndex(of: column.name) else { return nil }
                return "\(key.referencedTable.replacingOccurrences(of: "ledger.", with: "")).\(key.referencedColumns[index])"
            }
            let type = ValueType(sqlType: sql?.type ?? "text")
            return Column(name: column.name, label: column.alias, key: key,
                          required: key || (sql.map { $0.notNull && !$0.hasDefault } ?? false), type: type,
                          allowed: allowed, references: referenced,
                          rules: own.filter { LoadTemplate.enumeration($0) == nil }.compactMap(\.comment),
                          example: LoadTemplate.example(column.name, type: type, allowed: allowed))
        }
    }

    /// The values of a CHECK of the form `col = ANY (ARRAY[…])`, nil for another rule.
    static func enumeration(_ check: TableCatalog.Check) -> [String]? {
        guard let match = check.expression.firstMatch(of: /= ANY \(\(?ARRAY\[(.*)\]/) else { return nil }
        let values = match.output.1.matches(of: /'((?:[^']|'')*)'/).map { String($0.output.1).replacingOccurrences(of: "''", with: "'") }
        return values.isEmpty ? nil : values
    }

    /// The header row: English names, or the Chinese labels.
    public func header(_ language: ReportLanguage) -> [String] {
        columns.map { language == .zh ? $0.label : $0.name }
    }

    /// What a column takes, in a sentence (for the note on its header cell).
    public func note(_ column: Column, _ language: ReportLanguage) -> String {
        let words = TemplateWords(language)
        var lines = ["\(column.name) · \(column.label)"]
        lines.append(column.key ? words.key : column.required ? words.required : words.optional)
        switch column.type {
        case .text: lines.append(column.allowed.isEmpty ? words.text : words.oneOf + column.allowed.joined(separator: ", "))
        case .date: lines.append(words.date)
        case .integer: lines.append(words.integer)
        case .boolean: lines.append(words.boolean)
        case .number(let scale): lines.append(words.number(scale))
        }
        if let references = column.references { lines.append(words.references(references)) }
        lines += column.rules
        lines.append(words.example + column.example)
        return lines.joined(separator: "\n")
    }

    /// The template as CSV: the header and the example row (UTF-8; with a byte-order mark for Chinese, so
    /// Excel opens it as UTF-8).
    public func csv(_ language: ReportLanguage) -> String {
        let quote = { (cell: String) -> String in
            cell.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        return (language == .zh ? "\u{FEFF}" : "") + header(language).map(quote).joined(separator: ",") + "\n"
            + columns.map { quote($0.example) }.joined(separator: ",") + "\n"
    }

    /// An example value that reads as what the column holds (the registry has no examples yet).
    static func example(_ name: String, type: ValueType, allowed: [String]) -> String {
        if let first = allowed.first { return first }
        let known: [String: String] = [
            "district_code": "320508", "street_code": "320508001", "community_code": "320508001001",
            "compound_code": "GS001", "uscc": "91320508MA1MQ7K2X1", "company_uscc": "91320508MA1MQ7K2X1",
            "unit_code": "GJ001", "project_code": "GS2026001", "inspection_code": "JC2026001",
            "complaint_code": "TS2026001", "voucher_no": "PZ2026001", "host_key": "GS001",
            "building": "1", "unit_no": "101", "scope_buildings": "1;2", "period": "2026-Q1",
            "payer": "district", "name": "示例名称", "address": "示例路1号", "title": "示例项目",
            "inspector": "区住建局", "issue": "消防通道堵塞", "note": "", "built_year": "1998",
        ]
        if let value = known[name] { return value }
        switch type {
        case .date: return "2026-03-05"
        case .integer: return "10"
        case .boolean: return "true"
        case .number(let scale): return scale == 0 ? "100" : "100." + String(repeating: "0", count: scale)
        case .text: return ""
        }
    }
}

/// The template's words in English and Chinese.
private struct TemplateWords {
    let key, required, optional, text, oneOf, date, integer, boolean, example: String
    let number: (Int) -> String
    let references: (String) -> String

    init(_ language: ReportLanguage) {
        switch language {
        case .en:
            key = "key: required; a row with the same key updates the record"
            required = "required"
            optional = "may be left empty"
            text = "text"
            oneOf = "one of: "
            date = "a date: YYYY-MM-DD or YYYY/M/D"
            integer = "a whole number"
            boolean = "true/false, yes/no, 1/0, 是/否"
            number = { "a number with at most \($0) decimals (no thousands separators)" }
            references = { "must already be in the ledger as \($0)" }
            example = "e.g. "
        case .zh:
            key = "主键：必填；主键相同的行更新原记录"
            required = "必填"
            optional = "可留空"
            text = "文本"
            oneOf = "可选值："
            date = "日期：YYYY-MM-DD 或 YYYY/M/D"
            integer = "整数"
            boolean = "true/false、yes/no、1/0、是/否"
            number = { "数字，最多 \($0) 位小数（不加千分位）" }
            references = { "须已在台账中（\($0)）" }
            example = "示例："
        }
    }
}

// MARK: - The workbook

extension LoadTemplate {
    /// The template as an .xlsx workbook: one sheet named after the kind; the header bold and frozen with a
    /// note (comment) on each cell; the example row below; code and text columns formatted as text (so
    /// Excel keeps `0101` and long codes as typed), date columns as `yyyy-mm-dd`, a drop-down list of the
    /// allowed values on each enumerated column.
    ///
    /// Written here (SpreadsheetML parts zipped by ZIPFoundation) rather than with libxlsxwriter: the
    /// workbook is a fixed handful of small parts, and one ZIP library already in the build serves both
    /// reading and writing, with no C library to install.
    public func xlsx(_ language: ReportLanguage) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts(language) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Date(timeIntervalSince1970: 1_767_225_600), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        guard let data = archive.data else { throw CSVError(description: "the template workbook could not be assembled") }
        return data
    }

    /// The workbook's parts, path → XML.
    func parts(_ language: ReportLanguage) -> [(String, String)] {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let header = header(language)
        var sheetRows = "<row r=\"1\">"
        for (index, label) in header.enumerated() {
            sheetRows += "<c r=\"\(XLSXReader.columnName(index))1\" t=\"inlineStr\" s=\"1\"><is><t>\(escape(label))</t></is></c>"
        }
        sheetRows += "</row><row r=\"2\">"
        for (index, column) in columns.enumerated() where !column.example.isEmpty {
            let reference = "\(XLSXReader.columnName(index))2"
            switch column.type {
            case .integer, .number:
                sheetRows += "<c r=\"\(reference)\"><v>\(escape(column.example))</v></c>"
            case .date:
                sheetRows += "<c r=\"\(reference)\" s=\"3\"><v>\(LoadTemplate.serial(of: column.example))</v></c>"
            case .text, .boolean:
                sheetRows += "<c r=\"\(reference)\" t=\"inlineStr\" s=\"2\"><is><t>\(escape(column.example))</t></is></c>"
            }
        }
        sheetRows += "</row>"
        let cols = columns.enumerated().map { index, column in
            let style = column.type == .date ? 3 : (column.type == .text || column.type == .boolean) ? 2 : 0
            let width = max(12, min(40, column.label.count * 2 + 4, column.name.count + 4))
            return "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" style=\"\(style)\" customWidth=\"1\"/>"
        }.joined()
        let validations = columns.enumerated().filter { !$0.element.allowed.isEmpty }.map { index, column in
            let letter = XLSXReader.columnName(index)
            return "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(letter)2:\(letter)1048576\">"
                + "<formula1>\"\(escape(column.allowed.joined(separator: ",")))\"</formula1></dataValidation>"
        }
        let sheet = head + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(rel)\">"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            + "<cols>\(cols)</cols><sheetData>\(sheetRows)</sheetData>"
            + (validations.isEmpty ? "" : "<dataValidations count=\"\(validations.count)\">\(validations.joined())</dataValidations>")
            + "<legacyDrawing r:id=\"rId2\"/></worksheet>"
        let comments = head + "<comments xmlns=\"\(main)\"><authors><author>propledger</author></authors><commentList>"
            + columns.enumerated().map { index, column in
                "<comment ref=\"\(XLSXReader.columnName(index))1\" authorId=\"0\"><text><t xml:space=\"preserve\">\(escape(note(column, language)))</t></text></comment>"
            }.joined() + "</commentList></comments>"
        let shapes = columns.indices.map { index in
            """
            <v:shape id="_x0000_s\(1025 + index)" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:120pt;z-index:\(index + 1);visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">\
            <v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>\
            <v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>\
            <x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill>\
            <x:Row>0</x:Row><x:Column>\(index)</x:Column></x:ClientData></v:shape>
            """
        }.joined()
        let vml = """
            <xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\
            <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>\
            <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">\
            <v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>\(shapes)</xml>
            """
        let styles = head + "<styleSheet xmlns=\"\(main)\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
        let package = "http://schemas.openxmlformats.org/package/2006"
        let types = head + "<Types xmlns=\"\(package)/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/comments1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>"
            + "</Types>"
        let officeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        return [
            ("[Content_Types].xml", types),
            ("_rels/.rels", head + "<Relationships xmlns=\"\(package)/relationships\"><Relationship Id=\"rId1\" Type=\"\(officeRel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", head + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"\(escape(kind))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", head + "<Relationships xmlns=\"\(package)/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(officeRel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(officeRel)/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/worksheets/_rels/sheet1.xml.rels", head + "<Relationships xmlns=\"\(package)/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(officeRel)/comments\" Target=\"../comments1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(officeRel)/vmlDrawing\" Target=\"../drawings/vmlDrawing1.vml\"/></Relationships>"),
            ("xl/comments1.xml", comments),
            ("xl/drawings/vmlDrawing1.vml", vml),
        ]
    }

    /// The 1900-system serial of a `YYYY-MM-DD` date (after 1900-03-01).
    static func serial(of date: String) -> Int {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return 0 }
        // days_from_civil (Howard Hinnant), then 1970-01-01 is serial 25569.
        let (y, m, d) = (parts[1] <= 2 ? parts[0] - 1 : parts[0], parts[1], parts[2])
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + 25_569
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
