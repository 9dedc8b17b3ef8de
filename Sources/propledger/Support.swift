import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

extension Language {
    /// The language of what the command line says besides a report's output (help summaries, refusals, errors):
    /// `--lang X` (or `--lang=X`) anywhere on the command line, else PROPLEDGER_LANG, else the locale
    /// (`Language.resolve`). Read once, before the parser has run, so help and the parser's refusals use it too.
    static let current: Language = {
        let arguments = CommandLine.arguments
        var given: Language?
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { given = Language(rawValue: arguments[index + 1]) ?? given }
            if argument.hasPrefix("--lang=") { given = Language(rawValue: String(argument.dropFirst(7))) ?? given }
        }
        return Language.resolve(option: given)
    }()
}

/// Options every database command shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        Message.optionDb.render(.current), valueName: "conninfo"))
    var conninfo: String?

    /// Opens a session, or exits 69 with libpq's message (never a password) when the server cannot be reached;
    /// a conninfo libpq cannot parse is a usage error (64).
    ///
    /// A password in `--db` draws a warning: every user of the machine sees a command line in `ps`. On a
    /// terminal, a server that wants a password nobody gave gets a prompt, as psql does.
    func connect() throws -> Connection {
        if let conninfo, Conninfo.containsPassword(conninfo) {
            Output.error(Message.cliPasswordVisible.render(.current))
        }
        // Only a person at a terminal can answer a prompt.
        var ask: ((String) -> String?)?
        if isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 { ask = { Output.askPassword($0) } }
        do {
            let connection = try Connection(conninfo: conninfo, origin: "--db", askPassword: ask)
            connection.noticeHandler = { notice in
                if notice.severity == "WARNING" { Output.error(Message.cliWarning.render(.current) + TerminalText.message(notice.message)) }
            }
            return connection
        } catch let error as PostgresError {
            let malformed = Conninfo.isMalformed(conninfo)
            Output.error("propledger: " + (malformed ? "" : Message.cliCannotConnect.render(.current)) + error.message)
            if let hint = error.hint { Output.error(Message.cliHint.render(.current) + hint) }
            if !malformed, let hint = ConnectionOptions.hint(after: error, conninfo: conninfo) { Output.error(Message.cliHint.render(.current) + hint) }
            throw ExitCode(malformed ? ExitCodes.usage : ExitCodes.unavailable)
        }
    }

    /// What to do after a failed connection, addressed to whoever runs the command: the private cluster's
    /// `ops/pg` only inside a checkout that has one, otherwise the ways to name a database.
    static func hint(after error: PostgresError, conninfo: String?,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if error.message.contains("no password supplied") {
            return Message.cliWantsPassword.render(.current)
        }
        let named = Conninfo.effective(conninfo, environment: environment) != nil
            || ["PGHOST", "PGHOSTADDR", "PGDATABASE", "PGSERVICE"].contains { environment[$0] != nil }
        // The private cluster of the checkout in the working directory, when nothing else was named or its
        // socket directory was.
        if FileManager.default.fileExists(atPath: "ops/pg") && FileManager.default.fileExists(atPath: ".pg/run") {
            func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
            if !named || environment["PGHOST"].map(resolved) == resolved(".pg/run") {
                return Message.cliPrivateCluster.render(.current)
            }
        }
        if !named {
            return Message.cliNoDatabaseNamed.render(.current)
        }
        if error.message.contains("Connection refused") || error.message.contains("No such file or directory") {
            return Message.cliServerRunning.render(.current)
        }
        return nil
    }
}

/// What the shell completion scripts (`--generate-completion-script bash|zsh|fish`) offer: report names,
/// formats and languages always; district codes and load kinds from the database, when one is reachable.
enum Completions {
    /// The report names, and `pack`.
    static let reports = CompletionKind.list(ReportCatalog.all.map(\.name) + [PropLedger.Report.pack])
    /// The output formats.
    static let formats = CompletionKind.list(ReportFormat.allCases.map(\.rawValue))
    /// The header languages.
    static let languages = CompletionKind.list(Language.allCases.map(\.rawValue))
    /// The district codes the database holds.
    static let districts = CompletionKind.custom { words, _, _ in fromDatabase(words, DatabaseWords.districts) }
    /// The kinds of file the database takes.
    static let kinds = CompletionKind.custom { words, _, _ in fromDatabase(words, DatabaseWords.kinds) }

    /// Words read from the database the command line names (`--db`, else the environment), never asking for a
    /// password and giving up within two seconds; none when it cannot be reached.
    static func fromDatabase(_ words: [String], _ read: (Connection) throws -> [String]) -> [String] {
        let given = words.firstIndex(of: "--db").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
        setenv("PGCONNECT_TIMEOUT", "2", 0)
        guard let session = try? Connection(conninfo: given) else { return [] }
        return (try? read(session)) ?? []
    }
}

/// The exit codes of sysexits.h that the CLI uses.
enum ExitCodes {
    /// Bad usage.
    static let usage: Int32 = 64
    /// Input data rejected.
    static let dataError: Int32 = 65
    /// Input file missing or unreadable.
    static let noInput: Int32 = 66
    /// The database is unavailable, or the session with it was lost.
    static let unavailable: Int32 = 69
    /// An internal software error: a bug, never bad input.
    static let software: Int32 = 70
    /// The output file cannot be written (EX_CANTCREAT).
    static let cantCreate: Int32 = 73
    /// A temporary failure: try again later (another load holds the lock, a timeout).
    static let tempFail: Int32 = 75
    /// The role lacks a grant (EX_NOPERM).
    static let noPermission: Int32 = 77

    /// The exit code for a database error: 69 when the session is gone (connection lost, server shutting
    /// down or restarting, SQLSTATE class 08, 57P01–57P05, 25P03); 75 when the same command may work
    /// later (57014 statement timeout or cancel, 55P03 lock not available, class 40 serialization
    /// failure or deadlock, class 53 out of resources); 77 for 42501 insufficient privilege; 70 otherwise.
    static func forDatabaseError(_ error: PostgresError) -> Int32 {
        if error.isConnectionLoss { return unavailable }
        switch error.sqlState {
        case SQLState.insufficientPrivilege?: return noPermission
        case SQLState.queryCanceled?, SQLState.lockNotAvailable?: return tempFail
        case SQLState.Class.transactionRollback, SQLState.Class.insufficientResources: return tempFail
        default: return software
        }
    }
}

/// The grant a command needs, named in the sentence a permission error (SQLSTATE 42501) gets.
enum NeededRole {
    /// Reports and settings list.
    case reader
    /// Loads.
    case loader
    /// Access scopes and settings set.
    case owner
    /// migrate.
    case superuser

    /// What a command needing this role writes, as a standby's refusal names it; nil for a reader's.
    var writes: String? {
        switch self {
        case .reader: return nil
        case .loader: return "load"
        case .owner: return "this change"
        case .superuser: return "migrate"
        }
    }

    /// What to ask for, addressed to a login role.
    func sentence(for user: String?) -> String {
        let you = user ?? "<your login role>"
        switch self {
        case .reader: return Message.cliNeedsReader.render(.current, ["you": you])
        case .loader: return Message.cliNeedsLoader.render(.current, ["you": you])
        case .owner: return Message.cliNeedsOwner.render(.current, ["you": you])
        case .superuser: return Message.cliNeedsSuperuser.render(.current)
        }
    }
}

/// Writing to standard output and standard error.
enum Output {
    /// Prints a line on standard error, with control and invisible characters escaped
    /// (`TerminalText.escaped`, keeping line breaks and tabs).
    ///
    /// Always, not only when standard error is a terminal: a message can quote data (a file's cell, a
    /// code given on the command line), and a log file of it is read on a terminal later.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.escaped(line, keepingLineBreaks: true) + "\n").utf8))
    }

    /// Prints a database error the user caused (an unknown role, key or project): the server's message
    /// and hint, quoted values cut and escaped.
    static func serverError(_ error: PostgresError) {
        Output.error("propledger: " + TerminalText.message(error.message)
                     + (error.hint.map { "\n" + Message.cliHint.render(.current) + TerminalText.message($0) } ?? ""))
    }

    /// Rewrites the progress line on a terminal's standard error; nil clears it.
    static func progress(_ line: String?) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + TerminalText.escaped(line ?? "")).utf8))
    }

    /// Asks for a password on the terminal without echoing it (as psql does).
    static func askPassword(_ user: String) -> String? {
        guard let typed = getpass(Message.cliPasswordPrompt.render(.current, ["user": TerminalText.escaped(user)])) else { return nil }
        let password = String(cString: typed)
        // getpass returns a static buffer: clear it.
        memset(typed, 0, strlen(typed))
        return password.isEmpty ? nil : password
    }
}

/// Runs a database action, turning a PostgresError into a readable message and an exit code
/// (`ExitCodes.forDatabaseError`).
///
/// - Parameters:
///   - role: the grant the action needs, named when the server says permission denied (77).
///   - session: the session, whose login role the sentence addresses.
func runReportingErrors<T>(needing role: NeededRole = .loader, on session: Connection? = nil, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PostgresError {
        // PROPLEDGER_DEBUG=1 adds the query text and the server's context (never bound values).
        let debug = ProcessInfo.processInfo.environment["PROPLEDGER_DEBUG"] == "1"
        // A database not ready for the command (a standby, not migrated) is said as such, not as the SQL that failed.
        if let session, let reason = DatabaseReadiness.explain(error, on: session, writing: role.writes) {
            if debug { Output.error("propledger: " + TerminalText.message(error.debugDescription)) }
            Output.error("propledger: " + reason)
            throw ExitCode(ExitCodes.unavailable)
        }
        Output.error("propledger: " + TerminalText.message(debug ? error.debugDescription : error.description))
        let code = ExitCodes.forDatabaseError(error)
        switch code {
        case ExitCodes.noPermission:
            Output.error("propledger: " + role.sentence(for: session?.endpoint.user))
        case ExitCodes.unavailable:
            Output.error("propledger: " + Message.cliSessionLost.render(.current))
        case ExitCodes.tempFail:
            Output.error("propledger: " + Message.cliGaveUp.render(.current))
        default:
            break
        }
        throw ExitCode(code)
    } catch let error as MigrationError {
        Output.error("propledger: \(error.description)")
        throw ExitCode(ExitCodes.dataError)
    }
}

/// The language and output file of the commands that print listings (`report`, `rules`).
struct ListingOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(Message.optionLang.render(.current), valueName: "lang"),
            completion: Completions.languages)
    var lang: String?

    @Option(name: .shortAndLong, help: ArgumentHelp(Message.optionOutput.render(.current), valueName: "file"))
    var output: String?

    /// The language: --lang, else PROPLEDGER_LANG, else the locale (`Language.resolve`, shared with load).
    var language: Language { Language.resolve(option: lang.flatMap(Language.init(rawValue:))) }

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            throw ValidationError(Message.languageUnknown.render(Language.resolve(option: nil), ["value": lang]))
        }
        if output?.isEmpty == true { throw ValidationError(Message.outputNeedsName.render(language)) }
    }
}

/// The output of a command that prints a listing (`report`, `rules`): standard output or `-o FILE`.
enum CommandOutput {
    /// Refuses an -o FILE that cannot be written (exit 73 with its sentence), before any work is done.
    static func check(_ path: String?) throws {
        if let path { try refusingOutput { try OutputFile.check(path) } }
    }

    /// Writes the text to -o FILE (a new or regular file, replaced atomically; exit 73 otherwise) or standard
    /// output. With `escapingOnTerminal` (CSV, JSON, HTML: a table has its cells escaped already), control
    /// characters are shown escaped when standard output is a terminal.
    static func write(_ text: String, to path: String?, escapingOnTerminal: Bool) throws {
        guard let path else {
            var shown = text
            if isatty(STDOUT_FILENO) == 1 && escapingOnTerminal {
                let bom = shown.hasPrefix("\u{FEFF}") ? "\u{FEFF}" : ""
                shown = bom + TerminalText.escaped(String(shown.dropFirst(bom.isEmpty ? 0 : 1)), keepingLineBreaks: true)
            }
            // A text longer than the terminal goes through the pager (Terminal.pager), as psql's.
            if let pager = Terminal.pager(lines: shown.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }), Terminal.page(shown, through: pager) {
                return
            }
            FileHandle.standardOutput.write(Data(shown.utf8))
            return
        }
        try refusingOutput { try OutputFile.write(Data(text.utf8), to: path) }
    }

    /// Writes bytes (an .xlsx) to -o FILE, exiting 73 when it is refused.
    static func write(_ data: Data, to path: String) throws {
        try refusingOutput { try OutputFile.write(data, to: path) }
    }

    /// Writes sheets as an .xlsx workbook to FILE (libxlsxwriter fills a new file beside it, renamed over it),
    /// exiting 73 when it is refused or cannot be written.
    static func write(_ sheets: [XLSXSheet], to path: String) throws {
        try refusingOutput { try OutputFile.write(to: path) { _, temporary in XLSXWorkbook.write(sheets, to: temporary) } }
    }

    /// Runs a check or write of -o FILE, exiting 73 with its sentence when it is refused.
    private static func refusingOutput(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as OutputFile.Refusal {
            Output.error("propledger: \(error.description)")
            throw ExitCode(ExitCodes.cantCreate)
        }
    }
}

/// Text written to a file descriptor in 64 KiB blocks, for output streamed row by row (`report … --format
/// csv|json`): memory stays flat whatever the number of rows.
struct StreamedText {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Adds text, writing the block out when it is full.
    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered (`OutputFile.writeAll`: all of it).
    mutating func flush() throws {
        let failure = buffer.withUnsafeBytes { OutputFile.writeAll($0, to: descriptor) }
        if failure != 0 { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        buffer.removeAll(keepingCapacity: true)
    }
}
