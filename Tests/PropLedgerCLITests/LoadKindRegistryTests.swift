import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// The registry of load kinds (staging.load_kinds, staging.load_columns; migration 022) is the one list of
/// kinds: the loader reads it, and what restates it for people or for test data — docs/load-formats.md, the
/// files ops/gen.py writes, the sample files — is compared with it here, in a migrated scratch database.
@Suite("the registry of load kinds", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct LoadKindRegistryTests {
    let database: ScratchDatabase
    let connection: Connection
    let kinds: [LoadKind]

    init() throws {
        database = try ScratchDatabase(template: .migrated)
        connection = try database.connect()
        kinds = try LoadKind.registry(connection)
    }

    /// The key of each kind's table as the catalogue states it (primary key, or funding's UNIQUE NULLS NOT
    /// DISTINCT index), which the loader's upsert uses.
    func catalogueKey(_ kind: String) throws -> [String] {
        try connection.query(SQLQuery("""
            SELECT a.attname::text AS name
            FROM pg_catalog.pg_index AS i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indexrelid = (SELECT j.indexrelid FROM pg_catalog.pg_index AS j
                                  WHERE j.indrelid = pg_catalog.to_regclass('ledger.' || \(kind, as: .text))
                                    AND (j.indisprimary OR (j.indisunique AND j.indnullsnotdistinct))
                                  ORDER BY j.indisprimary DESC, j.indexrelid LIMIT 1)
            ORDER BY k.n
            """)) { try $0.decode("name", as: String.self) }
    }

    @Test("the registry holds the kinds of SPEC §3, §6 and §7 in --dir order, with their columns and how a row finds its district")
    func registry() throws {
        #expect(kinds.map(\.name) == ["districts", "streets", "communities", "companies", "co_building_units", "compounds", "units",
                                      "management", "committees", "party_orgs", "clearance", "projects", "funding", "votes", "payments",
                                      "inspections", "rectifications", "complaints", "surveys",
                                      "fund_deposits", "fund_interest", "project_weights", "owners", "ballots"])
        #expect(kinds.first { $0.name == "project_weights" }?.district == .parent(column: "project_code", kind: "projects", noun: "project"))
        let units = try #require(kinds.first { $0.name == "units" })
        #expect(units.columns == [.init(name: "compound_code", alias: "小区编码"), .init(name: "building", alias: "楼栋"),
                                  .init(name: "unit_no", alias: "房号"), .init(name: "floor_area_m2", alias: "建筑面积")])
        #expect(units.district == .parent(column: "compound_code", kind: "compounds", noun: "compound"))
        #expect(kinds.first { $0.name == "rectifications" }?.district == .parent(column: "inspection_code", kind: "inspections", noun: "inspection"))
        #expect(kinds.first { $0.name == "compounds" }?.district == .prefix("community_code"))
        #expect(kinds.first { $0.name == "companies" }?.district == .column("district_code"))
        #expect(kinds.first { $0.name == "party_orgs" }?.district == .partyHost)
    }

    /// One row of the table "Kinds and their columns" of docs/load-formats.md.
    struct DocRow: Equatable, CustomStringConvertible {
        let kind: String
        let columns: [String]
        let keyColumns: [String]
        let labels: [String]
        let districtFrom: String
        var description: String { "\(kind) | \(columns) | key \(keyColumns) | \(labels) | \(districtFrom)" }
    }

    /// The doc's table of kinds, row by row.
    static func documentedKinds() throws -> [DocRow] {
        let text = try String(contentsOf: TestEnvironment.projectRoot.appendingPathComponent("docs/load-formats.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let heading = try #require(lines.firstIndex(of: "## Kinds and their columns"), "docs/load-formats.md has no section \"Kinds and their columns\"")
        let table = lines[(heading + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        let list = { (cell: String) in cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        return try table.dropFirst(2).map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            try #require(cells.count == 4, "docs/load-formats.md: a row of the kinds table has \(cells.count) cells: \(line)")
            let marked = list(cells[1])
            return DocRow(kind: cells[0], columns: marked.map { $0.hasPrefix("*") ? String($0.dropFirst()) : $0 },
                          keyColumns: marked.filter { $0.hasPrefix("*") }.map { String($0.dropFirst()) },
                          labels: list(cells[2]), districtFrom: cells[3])
        }
    }

    /// How the doc words a kind's district ("community_code[1..6]", "compound", …).
    static func documentedDistrict(_ district: LoadKind.District) -> String {
        switch district {
        case .column(let column): return column
        case .prefix(let column): return "\(column)[1..6]"
        case .parent(_, _, let noun): return noun
        case .partyHost: return "host compound or company"
        }
    }

    @Test("docs/load-formats.md lists exactly the registry's kinds, in order, with their columns, keys, Chinese labels and districts")
    func documentMatchesRegistry() throws {
        let documented = try Self.documentedKinds()
        let registered = try kinds.map { kind in
            DocRow(kind: kind.name, columns: kind.columns.map(\.name), keyColumns: try catalogueKey(kind.name),
                   labels: kind.columns.map(\.alias), districtFrom: Self.documentedDistrict(kind.district))
        }
        #expect(documented.map(\.kind) == registered.map(\.kind))
        for (doc, registry) in zip(documented, registered) {
            #expect(doc == registry, "docs/load-formats.md (first) differs from the registry (second)")
        }
    }

    /// Runs ops/gen.py with `arguments` into `out` and returns what it printed (its summary line).
    static func generate(_ arguments: [String], into out: URL) throws -> String {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "ops/gen.py", "--out", out.path] + arguments
        python.currentDirectoryURL = TestEnvironment.projectRoot
        let printed = Pipe()
        python.standardOutput = printed
        try python.run()
        let summary = String(decoding: printed.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "ops/gen.py failed")
        return summary
    }

    @Test("ops/gen.py writes one file per registered kind, in --dir order, with the registry's columns in SPEC order")
    func generatorMatchesRegistry() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pl-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let summary = try Self.generate(["--compounds", "1", "--units-per-compound", "1"], into: out)
        // The summary line names the kinds in the order the generator writes them: `…: districts=1 streets=1 …`.
        let counts = try #require(summary.range(of: ": "), "ops/gen.py printed: \(summary)")
        let generated = summary[counts.upperBound...].split(whereSeparator: \.isWhitespace).map { String($0.prefix { $0 != "=" }) }
        #expect(generated == kinds.map(\.name), "ops/gen.py KINDS")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == kinds.map { "\($0.name).csv" }.sorted())
        // --check reads Chinese compound headers with its own list of their labels.
        let labels = Process()
        labels.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        labels.arguments = ["python3", "-B", "-c", "import sys; sys.path.insert(0, 'ops'); import gen; print(','.join(gen.ZH_COMPOUNDS))"]
        labels.currentDirectoryURL = TestEnvironment.projectRoot
        let printedLabels = Pipe()
        labels.standardOutput = printedLabels
        try labels.run()
        let zh = String(decoding: printedLabels.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        labels.waitUntilExit()
        #expect(zh == (kinds.first { $0.name == "compounds" }?.columns.map(\.alias).joined(separator: ",") ?? "") + "\n", "ops/gen.py ZH_COMPOUNDS")
        for kind in kinds {
            let header = try LedgerCore.CSVReader(path: out.appendingPathComponent("\(kind.name).csv").path, encoding: .utf8).next()
            #expect(header?.cells.compactMap { $0 } == kind.columns.map(\.name), "ops/gen.py HEADERS[\"\(kind.name)\"]")
        }
    }

    @Test("ops/gen.py data of several districts loads whole under each jurisdiction's local rules (Beijing, Tianjin, …)")
    func generatedDistrictsLoad() throws {
        // 2,000 compounds over the first 12 generated districts reach Beijing (110101): a management committee
        // of 5 members, lawful nationally, is refused there (Art. 54 asks 7) — the province bench data once was.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pl-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try Self.generate(["--compounds", "2000", "--units-per-compound", "1", "--projects", "10", "--payments", "10",
                               "--districts", "12", "--seed", "1"], into: out)
        let committees = try String(contentsOf: out.appendingPathComponent("committees.csv"), encoding: .utf8)
        #expect(committees.split(separator: "\n").contains { $0.hasPrefix("C110101") && $0.contains(",management_committee,") },
                "the data reaches a Beijing management committee")
        let result = try CLI.run(["load", "--dir", out.path], environment: database.environment)
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        let districts = try connection.query(SQLQuery("SELECT count(DISTINCT district_code)::int AS n FROM ledger.committees")) {
            try $0.decode("n", as: Int.self)
        }
        #expect(districts == [12], "committees of every generated district are loaded")
    }

    @Test("every sample file's header names the registry's columns in SPEC order (in English or in Chinese)")
    func sampleHeadersMatchRegistry() throws {
        for kind in kinds {
            let path = TestEnvironment.projectRoot.appendingPathComponent("ops/sample/\(kind.name).csv").path
            let read = try LedgerCore.CSVReader(path: path, encoding: .auto).next()
            let header = try #require(read, "ops/sample/\(kind.name).csv is empty")
            let named = header.cells.map { cell in kind.column(forHeader: cell ?? "")?.name ?? "?\(cell ?? "")" }
            #expect(named == kind.columns.map(\.name), "ops/sample/\(kind.name).csv")
        }
    }

    @Test("an unknown kind is answered with the registry's list, exit 64")
    func unknownKind() throws {
        let result = try CLI.run(["load", "flats", "x.csv"], environment: database.environment)
        #expect(result.status == 64)
        #expect(result.stderr.components(separatedBy: "\n").first
            == "Error: unknown kind 'flats'; expected one of: \(kinds.map(\.name).joined(separator: ", "))")
        #expect(result.stderr.contains("See 'propledger load --help' for more information."))
    }

    @Test("load --help needs no database, and says where the kinds are listed")
    func helpWithoutDatabase() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "postgresql:///nowhere?host=/nonexistent"
        environment["PGHOST"] = "/nonexistent"
        let result = try CLI.run(["load", "--help"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("docs/load-formats.md"))
        #expect(result.stdout.contains("staging.load_kinds"))
    }

    @Test("the loader takes its headers from the registry: a label changed there is the header a file may use")
    func loaderReadsRegistry() throws {
        try connection.execute("UPDATE staging.load_columns SET label_zh = '门牌号' WHERE kind = 'units' AND column_name = 'unit_no'")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pl-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = directory.appendingPathComponent("old.csv").path
        try Data("小区编码,楼栋,房号,建筑面积\nGS001,1,101,80.00\n".utf8).write(to: URL(fileURLWithPath: old))
        let refused = try CLI.run(["load", "--dry-run", "units", old], environment: database.environment)
        #expect(refused.status == 65)
        #expect(refused.stderr == "propledger: \(old):1: unknown column \"房号\"; missing required column unit_no (门牌号). Expected columns (* = key, required): "
                                  + "compound_code* (小区编码), building* (楼栋), unit_no* (门牌号), floor_area_m2 (建筑面积)\n")
        // The new label maps the header: the row gets as far as its compound (the ledger here is empty).
        let new = directory.appendingPathComponent("new.csv").path
        try Data("小区编码,楼栋,门牌号,建筑面积\nGS001,1,101,80.00\n".utf8).write(to: URL(fileURLWithPath: new))
        let read = try CLI.run(["load", "--dry-run", "units", new], environment: database.environment)
        #expect(read.status == 65)
        #expect(read.stderr == "\(new):2: 小区编码: unknown compound 'GS001': it is not in the ledger; if it is new, load compounds.csv first, or check the code\n")
    }
}
