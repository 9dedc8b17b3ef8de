import Foundation
import PackagePlugin

/// Generates `EmbeddedSQL.swift` for LedgerCore from `sql/migrations` and `sql/schema` (and the commit the
/// build is made from), so the built binary migrates a database from any directory (SPEC §9, one binary).
///
/// Its inputs are the two directories (a file added or removed changes their modification time), every
/// file in them, and the git files that name the commit, so `swift build` runs it again when any changes.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let directories = ["sql/migrations", "sql/schema"].map { root.appending(path: $0) }
        let manager = FileManager.default
        var inputs = directories
        for directory in directories {
            let names = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
            inputs += names.sorted().map { directory.appending(path: $0) }
        }
        inputs += GitFiles.naming(commitOf: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [.buildCommand(
            displayName: "Embedding the SQL files of sql/ in LedgerCore",
            executable: try context.tool(named: "embed-sql").url,
            arguments: [root.path, output.path],
            inputFiles: inputs,
            outputFiles: [output])]
    }
}

/// The files of a git checkout whose change means another commit: HEAD, the branch it names, packed-refs.
enum GitFiles {
    static func naming(commitOf root: URL) -> [URL] {
        let dotGit = root.appending(path: ".git")
        var gitDirectory = dotGit
        // A worktree's .git is a file: "gitdir: PATH".
        if let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") {
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appending(path: path)
        }
        var common = gitDirectory
        if let text = try? String(contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            common = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDirectory.appending(path: path)
        }
        let head = gitDirectory.appending(path: "HEAD")
        var files = [head, common.appending(path: "packed-refs")]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref:") {
            files.append(common.appending(path: text.dropFirst("ref:".count).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
