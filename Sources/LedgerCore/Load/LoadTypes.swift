import Foundation

/// A file to load and the kind it holds.
public struct LoadFile: Sendable {
    /// What the file holds.
    public let kind: LoadKind
    /// Its path.
    public let path: String
    /// The name the load history records (`audit.load_batches.file_name`): the path, or `(stdin)` for standard input
    /// (whose copy's path says nothing).
    public let name: String

    /// A file of a kind; `name` is what the load history records (default: the path).
    public init(kind: LoadKind, path: String, name: String? = nil) {
        self.kind = kind
        self.path = path
        self.name = name ?? path
    }

    /// What the file's name says it is, for the names of `--dir`.
    public static let extensions = ["csv", "xlsx", "xlsm"] + LoadFile.legacySpreadsheets.keys.sorted()

    /// Spreadsheet formats a load refuses (with a hint to save as .xlsx or CSV), by file extension, with
    /// the name a message gives them: reading them would need a reader of a binary format (BIFF, WPS's
    /// own, OpenDocument) that is not worth its risk (docs/load-formats.md).
    public static let legacySpreadsheets = ["xls": "Excel 97-2003 (.xls)", "et": "WPS (.et)", "ods": "OpenDocument (.ods)"]

    /// The first bytes of an OLE compound file, which Excel 97-2003 (.xls) and WPS (.et) files are,
    /// whatever their name says.
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Whether the file is an Excel workbook (`.xlsx`, or `.xlsm`, the same format with macros, which are
    /// never run), by its name, read with `XLSXReader`.
    public var isWorkbook: Bool { ["xlsx", "xlsm"].contains((path as NSString).pathExtension.lowercased()) }

    /// The name of the refused spreadsheet format the file is in, by its name or (an .xls saved as .csv
    /// or .xlsx) by its first bytes; nil for a file a load reads.
    var legacyFormat: String? {
        if let named = LoadFile.legacySpreadsheets[(path as NSString).pathExtension.lowercased()] { return named }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 8)) ?? Data()
        return Array(start) == LoadFile.compoundFileSignature ? LoadFile.legacySpreadsheets["xls"] : nil
    }

    /// The files named `KIND.csv`, `KIND.xlsx` or `KIND.xlsm` (or a refused `KIND.xls`, `.et`, `.ods`, which the
    /// load then refuses with its hint) in a directory, in the order of the kinds given (the registry's
    /// `load --dir` order, `Loader.kinds()`). A kind with two is refused as ambiguous (`LoadError.badFile`):
    /// which one the office meant cannot be known.
    public static func directory(_ path: String, kinds: [LoadKind], language: Language = .en) throws -> [LoadFile] {
        try kinds.compactMap { kind in
            let found = extensions.map { (path as NSString).appendingPathComponent("\(kind.name).\($0)") }
                .filter { FileManager.default.fileExists(atPath: $0) }
            if found.count > 1 {
                let names = found.map { ($0 as NSString).lastPathComponent }
                throw LoadError.badFile(Message.bothFormatsInDirectory.render(language, ["dir": path, "first": names[0], "second": names[1]]))
            }
            return found.first.map { LoadFile(kind: kind, path: $0) }
        }
    }
}

/// How a load behaves.
public struct LoadOptions: Sendable {
    /// The input encoding.
    public var encoding: InputEncoding = .auto
    /// Load the good rows and reject the bad ones, instead of all-or-nothing.
    public var partial = false
    /// Validate and report without writing.
    public var dryRun = false
    /// Fail at once instead of waiting when another load holds the lock.
    public var noWait = false
    /// How long to wait for another load to finish before giving up (exit 75), in seconds.
    public var lockTimeoutSeconds = 600
    /// How long the load's session may sit idle inside its transaction before the server ends it, in
    /// seconds: a loader stopped (SIGSTOP) or stalled between statements cannot hold the lock forever.
    public var idleTimeoutSeconds = 300
    /// Where to write the rejected rows (a file for one input, a directory for several).
    public var rejectsPath: String?
    /// The sheet of an `.xlsx` file to read (nil: the first).
    public var sheet: String?
    /// The language of the messages and of the reasons in a rejects file.
    public var language: Language = .en
    /// A delete load (SPEC §8, corrections): remove the rows whose keys the file lists, all or nothing.
    public var delete = false
    /// How many sessions bring the kept results up to date after the commit, side by side (1: the load's own).
    public var refreshSessions = 2
    /// A table the load writes at least this many rows into, and at least as many as it holds, has its foreign
    /// keys checked once, as a set, before the commit instead of row by row (0: never; `staging.suspend_foreign_keys`).
    public var bulkMinimumRows = 100_000

    /// The defaults: auto encoding, all-or-nothing, writing, waiting.
    public init() {}
}

/// One rejected row (or file-level problem): where, which column, and why.
public struct Reject: Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given.
    public let file: String
    /// The line the row starts on (1 = header; 0 = no single line).
    public let line: Int
    /// The column concerned (or `row`).
    public let column: String
    /// What is wrong and what to do.
    public let reason: String

    /// `FILE:LINE: column: reason`.
    public var description: String {
        line > 0 ? "\(file):\(line): \(column): \(reason)" : "\(file): \(column): \(reason)"
    }
}

/// What a load did with one file.
public struct FileSummary: Sendable, Equatable {
    /// The file's path as given.
    public let file: String
    /// The kind.
    public let kind: String
    /// Data rows in the file (blank lines not counted).
    public var rows = 0
    /// Rows inserted.
    public var inserted = 0
    /// Rows that changed an existing record.
    public var updated = 0
    /// Rows equal to the record already there.
    public var unchanged = 0
    /// Rows rejected.
    public var rejected = 0
    /// The load batch recorded for it, if any.
    public var batchID: Int64?
    /// Whether the file was a delete load (`--delete`).
    public var isDelete = false
    /// Rows removed by a delete load.
    public var deleted = 0
    /// The rows a delete load removed (or, in a dry run, would remove), in line order: what `--dry-run` shows.
    public var removed: [RemovedRow] = []

    /// How long the file took to read, check and write, in seconds.
    public var seconds: Double = 0

    /// A one-line summary.
    public var line: String { line(.en) }

    /// The line of a file checked and written inside a load's transaction, before it commits (`load --dir`).
    public func checkedLine(_ language: Language) -> String {
        Message.fileChecked.render(language, ["file": file, "rows": String(rows), "inserted": String(inserted), "updated": String(updated),
                                              "unchanged": String(unchanged), "rejected": String(rejected)])
    }

    /// A one-line summary in a language.
    public func line(_ language: Language) -> String {
        if isDelete {
            return Message.deleteSummaryLine.render(language, ["file": file, "rows": String(rows), "deleted": String(deleted), "rejected": String(rejected)])
        }
        return Message.summaryLine.render(language, ["file": file, "rows": String(rows), "inserted": String(inserted), "updated": String(updated),
                                              "unchanged": String(unchanged), "rejected": String(rejected)])
    }

    /// The summary as one JSON object (`--summary json`), keys in a fixed order for scripts and diffs.
    public var json: String {
        let counts: [(String, Any)] = isDelete ? [("deleted", deleted)]
            : [("inserted", inserted), ("updated", updated), ("unchanged", unchanged)]
        let fields: [(String, Any)] = [("file", file), ("kind", kind), ("rows", rows)] + counts
            + [("rejected", rejected), ("batch_id", batchID.map { $0 as Any } ?? NSNull()), ("seconds", (seconds * 1000).rounded() / 1000)]
        return "{" + fields.map { key, value in "\"\(key)\":" + FileSummary.jsonValue(value) }.joined(separator: ",") + "}"
    }

    private static func jsonValue(_ value: Any) -> String {
        switch value {
        case let text as String:
            let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
            return data.flatMap { String(data: $0, encoding: .utf8) }.map { String($0.dropFirst().dropLast()) } ?? "\"\""
        case let number as Int: return String(number)
        case let number as Int64: return String(number)
        case let number as Double: return String(format: "%.3f", number)
        default: return "null"
        }
    }
}

/// A row a delete load removed: its line in the file and its key as text (`GS011, 1, 101`).
public struct RemovedRow: Sendable, Equatable {
    /// The line of the file that named it.
    public let line: Int
    /// Its key's values, comma-separated.
    public let key: String
}

/// The outcome of a load.
public struct LoadResult: Sendable {
    /// How the load ended.
    public enum Outcome: String, Sendable {
        /// Everything was loaded.
        case committed
        /// The good rows were loaded and the bad ones rejected (`--partial`).
        case partial
        /// Bad rows were found and nothing was written.
        case rejected
        /// A dry run: validated, nothing written.
        case dryRun = "dry_run"
    }

    /// How it ended.
    public let outcome: Outcome
    /// One summary per file.
    public let files: [FileSummary]
    /// Every rejected row, in file and line order.
    public let rejects: [Reject]
}

/// Why a load could not run at all.
public enum LoadError: Error, CustomStringConvertible, Sendable {
    /// A file is missing or unreadable (exit 66).
    case unreadable(String)
    /// A file's header or text is unusable (exit 65).
    case badFile(String)
    /// Another load holds the lock and --no-wait was given, or --lock-timeout passed (exit 75).
    case busy(String)
    /// The connecting role may not load (exit 77).
    case noPermission(String)
    /// The rejects file cannot be written, or would overwrite an input (exit 73).
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .unreadable(let text), .badFile(let text), .busy(let text), .noPermission(let text), .cannotWrite(let text):
            return text
        }
    }
}
