import ArgumentParser
import Foundation
import LedgerCore

extension PropLedger {
    /// Runs the command; a first word that is no command but close to one gets "did you mean" (exit 64)
    /// instead of the parser's "unexpected argument".
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            let guess = ArgumentAdvice.closest(to: first, among: names).map { " Did you mean \"\($0)\"?" } ?? ""
            FileHandle.standardError.write(Data("""
                Error: "\(first)" is not a command of propledger.\(guess) Commands: \(names.joined(separator: ", ")).
                Usage: propledger <subcommand>
                  See 'propledger --help' for more information.

                """.utf8))
            Foundation.exit(ExitCodes.usage)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
