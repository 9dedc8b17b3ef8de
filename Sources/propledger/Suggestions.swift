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
            let sentence = Message.cliNotACommand.render(.current, [
                "first": first, "guess": ArgumentAdvice.didYouMean(first, among: names, .current), "names": names.joined(separator: ", ")])
            FileHandle.standardError.write(Data("""
                \(sentence)
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
