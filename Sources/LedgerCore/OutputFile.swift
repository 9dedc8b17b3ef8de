import Foundation

/// Why an output file cannot be written (exit 73).
public struct OutputFileError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what to do.
    public let description: String
}

/// Writing a file a user named (`-o`, `--rejects`): only a new name or an existing regular file is
/// written, never a directory, device, FIFO or symbolic link (as root, `-o /dev/null` would otherwise
/// replace the system's /dev/null), and never one of the files being read.
public enum OutputFile {
    /// What is at a path, without following a final symbolic link.
    enum Existing: Equatable {
        case none
        case regular(device: UInt64, inode: UInt64)
        case other(String)
    }

    static func existing(_ path: String) -> Existing {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .none }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        case S_IFDIR: return .other("a directory")
        case S_IFLNK: return .other("a symbolic link")
        case S_IFIFO: return .other("a FIFO (named pipe)")
        case S_IFCHR, S_IFBLK: return .other("a device")
        case S_IFSOCK: return .other("a socket")
        default: return .other("not a regular file")
        }
    }

    /// Throws when `path` exists and is not a regular file, or is the same file as one of `inputs`.
    public static func checkWritable(_ path: String, notOneOf inputs: [String] = []) throws {
        switch existing(path) {
        case .none:
            return
        case .other(let what):
            throw OutputFileError(description: "\(path) is \(what), not a regular file; give the name of a new or ordinary file")
        case .regular(let device, let inode):
            for input in inputs {
                if case .regular(device, inode) = existing(input) {
                    throw OutputFileError(description: "\(path) is the input file \(input); writing there would destroy it: give another name")
                }
                var followed = stat()
                if stat(input, &followed) == 0, UInt64(followed.st_dev) == device, UInt64(followed.st_ino) == inode {
                    throw OutputFileError(description: "\(path) is the input file \(input); writing there would destroy it: give another name")
                }
            }
        }
    }

    /// Writes `data` to `path` (a new name or an existing regular file), replacing it whole.
    public static func write(_ data: Data, to path: String, notOneOf inputs: [String] = []) throws {
        try checkWritable(path, notOneOf: inputs)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw OutputFileError(description: "cannot write \(path): \(reason); check that its directory exists and that you may write there")
        }
    }
}
