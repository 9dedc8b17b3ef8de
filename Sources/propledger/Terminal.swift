import Foundation

/// The terminal standard output is written to: its size, and the pager a long table goes through (as psql).
enum Terminal {
    /// The width in columns when standard output is a terminal, as psql: `COLUMNS` when set, else the
    /// terminal's (TIOCGWINSZ); nil otherwise (a pipe or a file: a table never turns into records by itself).
    static func width(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return size()?.columns
    }

    /// The height in lines when standard output is a terminal: `LINES` when set, else the terminal's.
    static func height(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let lines = environment["LINES"].flatMap(Int.init), lines > 0 { return lines }
        return size()?.rows
    }

    /// The terminal's size by TIOCGWINSZ, when standard output is a terminal that knows it.
    private static func size() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// The pager command for a text of `lines` lines written to standard output, or nil to write it directly:
    /// only on a terminal taller than zero and shorter than the text; `PROPLEDGER_PAGER` (off: none), else
    /// `PAGER` (empty: none), else `less -FRSX` (quit when it fits, keep colours, chop long lines, leave the screen).
    static func pager(lines: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let height = height(environment: environment), lines > height else { return nil }
        if let own = environment["PROPLEDGER_PAGER"] {
            return own == "off" || own.trimmingCharacters(in: .whitespaces).isEmpty ? nil : own
        }
        if let pager = environment["PAGER"] { return pager.trimmingCharacters(in: .whitespaces).isEmpty ? nil : pager }
        return "less -FRSX"
    }

    /// Writes the text through the pager (`/bin/sh -c PAGER`, as psql runs it) and waits for it; false when the
    /// pager cannot be started (the caller writes the text itself).
    static func page(_ text: String, through command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        // A pager that quits early closes its end: the write fails with EPIPE instead of killing propledger.
        signal(SIGPIPE, SIG_IGN)
        do { try process.run() } catch { return false }
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }
}
